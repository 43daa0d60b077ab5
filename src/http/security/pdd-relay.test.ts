import { beforeAll, describe, expect, test } from 'vitest';
import { signPddPush, signPddRelayBody } from '../../channels/pinduoduo/signature.js';
import { signedPush } from '../../channels/push.js';
import { createShop, fixture, type TestShop } from '../../ingest/testing.js';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

let t: TestApp;
let a: TestClient;
let shop: TestShop;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('Relay');
  shop = await createShop(a, 'pinduoduo');
});

const post = (headers: Record<string, string>, body: string) =>
  t.app.inject({ method: 'POST', url: `/hooks/pinduoduo/${shop.id}`, headers, payload: body });

describe('the Pinduoduo HTTP relay signs the body', () => {
  test('a signed push is accepted; the same signature on another body is 401', async () => {
    const signed = signedPush('pinduoduo', shop, fixture('pinduoduo', 'refund-created'));
    expect((await post(signed.headers, signed.body)).statusCode).toBe(200);
    const forged = signed.body.replace('1001', '6666');
    const res = await post(signed.headers, forged);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/X-Pdd-Body-Sign/);
  });

  test('the old body-less signature alone is refused by default', async () => {
    const ts = String(Date.now());
    const res = await post(
      {
        'content-type': 'application/json',
        'x-pdd-timestamp': ts,
        'x-pdd-sign': signPddPush(shop.appKey, ts, shop.appSecret),
      },
      fixture('pinduoduo', 'refund-agreed'),
    );
    expect(res.statusCode).toBe(401);
  });

  test('a shop that explicitly keeps the legacy scheme accepts it (and says so in its settings)', async () => {
    const legacy = await createShop(a, 'pinduoduo', { settings: { pddRelaySignature: 'legacy' } });
    const shown = await a.request('GET', `/api/v1/shops/${legacy.id}`);
    expect(shown.json().settings.pddRelaySignature).toBe('legacy');
    const ts = String(Date.now());
    const res = await t.app.inject({
      method: 'POST',
      url: `/hooks/pinduoduo/${legacy.id}`,
      headers: {
        'content-type': 'application/json',
        'x-pdd-timestamp': ts,
        'x-pdd-sign': signPddPush(legacy.appKey, ts, legacy.appSecret),
      },
      payload: fixture('pinduoduo', 'refund-closed'),
    });
    expect(res.statusCode).toBe(200);
  });

  test('the documented scheme: hex HMAC-SHA256(secret, client_id \\n timestamp \\n body)', () => {
    // Computed independently: printf 'cid\n1764000000000\n{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(signPddRelayBody('cid', '1764000000000', '{"a":1}', 'secret')).toBe(
      '9fdbfff076071b10ef639e7bd357b03d87db95f35cba40acbca3e3f8357a3c1c',
    );
  });
});
