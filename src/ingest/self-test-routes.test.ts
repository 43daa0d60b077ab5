import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from '../channels/channel.js';
import { type StrictFake, startStrictFake } from '../channels/fake-platform/server.js';
import { createOutboundPolicy } from '../http/outbound-policy.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, type TestShop } from './testing.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let fake: StrictFake;
const shop = {} as Record<Platform, TestShop>;
const settingsOf = (p: Platform) => ({
  accessToken: `self-test-token-${p}`,
  ...(p === 'tiktok' ? { shopCipher: 'ROW_self-test' } : {}),
});

beforeAll(async () => {
  fake = await startStrictFake();
  t = await createTestApp({
    // The strict fake listens on 127.0.0.1: reached only through the installation allow-list.
    outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
    ingest: { apiBaseUrls: Object.fromEntries(PLATFORMS.map((p) => [p, `${fake.url}/${p}`])) },
  });
  a = await t.signup('A');
  b = await t.signup('B');
  for (const p of PLATFORMS) {
    shop[p] = await createShop(a, p, { settings: settingsOf(p) });
    fake.register(p, { ...shop[p], ...settingsOf(p) });
  }
}, 300_000);
afterAll(() => fake.close());

const run = (client: TestClient, id: string) => client.request('POST', `/api/v1/shops/${id}/self-test`);

describe('POST /shops/:id/self-test', () => {
  test.each(PLATFORMS)('%s: keys, token and signing work and no permission is missing', async (p) => {
    const res = await run(a, shop[p].id);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ ok: true, keys: 'ok', token: 'ok', signing: 'ok', problems: [] });
    expect(report.permissions.length).toBeGreaterThan(1);
    // Each probe reached the platform signed as the shop.
    expect(fake.calls.filter((c) => c.platform === p && c.accepted).length).toBeGreaterThan(1);
  });

  test('a shop the platform does not grant after-sales says which permission is missing', async () => {
    fake.register('taobao', {
      ...shop.taobao,
      ...settingsOf('taobao'),
      denied: ['taobao.refunds.receive.get'],
    });
    const report = (await run(a, shop.taobao.id)).json();
    expect(report).toMatchObject({ ok: false, keys: 'ok', token: 'ok', signing: 'ok' });
    expect(report.permissions).toContainEqual({
      scope: 'after_sales',
      call: 'taobao.refunds.receive.get',
      state: 'missing',
    });
    expect(report.problems[0]).toMatchObject({ category: 'permission_denied' });
    fake.register('taobao', { ...shop.taobao, ...settingsOf('taobao') });
  });

  test('a wrong app secret shows as the signing failing, with the platform’s code', async () => {
    fake.register('pinduoduo', {
      ...shop.pinduoduo,
      appSecret: 'the-platform-has-another',
      ...settingsOf('pinduoduo'),
    });
    const report = (await run(a, shop.pinduoduo.id)).json();
    expect(report).toMatchObject({ ok: false, keys: 'ok', signing: 'failed' });
    expect(report.problems[0]).toMatchObject({ category: 'signature_invalid' });
    expect(report.problems[0].detail).toMatch(/^pinduoduo \d+/);
    fake.register('pinduoduo', { ...shop.pinduoduo, ...settingsOf('pinduoduo') });
  });

  test('a shop without a token: missing, and no call is made', async () => {
    const bare = await createShop(a, 'douyin');
    const before = fake.calls.length;
    const report = (await run(a, bare.id)).json();
    expect(report).toMatchObject({ ok: false, token: 'missing' });
    expect(fake.calls.length).toBe(before);
  });

  test('a manual shop has no connection to test; a bad id is refused', async () => {
    const manual = await a.request('POST', '/api/v1/shops', { platform: 'manual', name: '电话' });
    expect((await run(a, manual.json().id)).statusCode).toBe(400);
    expect((await run(a, 'not-a-uuid')).statusCode).toBe(400);
  });

  test('tenant B can neither run nor see tenant A’s self-test; an agent may not run it', async () => {
    const before = fake.calls.length;
    const res = await run(b, shop.douyin.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SHOP_NOT_FOUND');
    expect(fake.calls.length).toBe(before);
    const agent = await a.addUser('agent');
    expect((await run(agent, shop.douyin.id)).statusCode).toBe(403);
  });
});
