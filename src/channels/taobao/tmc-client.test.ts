import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CREDS } from '../contract/cases.js';
import { type StrictFake, startStrictFake } from '../fake-platform/server.js';
import type { PlatformRequest, SendShop } from '../outbound.js';
import { normaliseTaobao } from './normalise.js';
import {
  createTmcPullClient,
  planTmcPermit,
  readConsumed,
  type TmcConsumed,
  tmcEvent,
} from './tmc-client.js';

let fake: StrictFake;
const app: SendShop = {
  appKey: CREDS.taobao.appKey,
  appSecret: CREDS.taobao.appSecret,
  externalShopId: null,
  settings: {},
};
const call = async (r: PlatformRequest) => {
  const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body });
  return { status: res.status, text: await res.text() };
};
const refund = (id: string, refundId: string) => ({
  id,
  topic: 'taobao_refund_RefundCreated',
  content: JSON.stringify({
    refund_id: refundId,
    tid: '3801234567890123456',
    refund_fee: '19.90',
    modified: '2026-11-25 10:00:00',
  }),
  user_id: '2200123456',
  user_nick: '某某旗舰店',
  pub_time: '2026-11-25 10:00:01',
  pub_app_key: '12497914',
});

beforeAll(async () => {
  fake = await startStrictFake();
  fake.register('taobao', { ...CREDS.taobao });
});
afterAll(() => fake.close());

describe('Taobao TMC pull client', () => {
  test('the consume answer in both shapes; ids keep every digit', () => {
    const long = '{"messages":[{"id":9223372036854775001,"topic":"t","content":"{}","user_id":1}]}';
    expect(readConsumed(long)[0]).toMatchObject({ id: '9223372036854775001', user_id: '1' });
    const full = JSON.stringify({
      tmc_messages_consume_response: { messages: { tmc_message: [{ id: 5, topic: 't', content: '{}' }] } },
    });
    expect(readConsumed(full).map((m) => m.id)).toEqual(['5']);
    expect(readConsumed('{"messages":[]}')).toEqual([]);
  });

  test('a consumed message normalises as the HTTP relay does', () => {
    const [m] = readConsumed(JSON.stringify({ messages: [refund('77', '166000000000000001')] }));
    const e = normaliseTaobao(tmcEvent(m!)!);
    expect(e).toMatchObject({
      kind: 'after_sale',
      caseRef: 'aftersale:166000000000000001',
      amountFen: 1990,
      stage: 'opened',
    });
  });

  test('permit with the shop session, consume, store, then confirm only what was stored', async () => {
    const permit = planTmcPermit(
      { ...app, settings: { accessToken: CREDS.taobao.accessToken } },
      `${fake.url}/taobao`,
      new Date(),
    );
    if (!permit.ok) throw new Error(permit.message);
    expect((await call(permit.request)).status).toBe(200);
    expect(fake.tmc.permitted.has(`${app.appKey}:${CREDS.taobao.accessToken}`)).toBe(true);

    fake.tmc.publish(app.appKey, refund('101', '166000000000000101'));
    fake.tmc.publish(app.appKey, refund('102', '166000000000000102'));
    const seen: TmcConsumed[] = [];
    let failOnce = true;
    const client = createTmcPullClient({
      app,
      baseUrl: `${fake.url}/taobao`,
      call,
      store: async (messages) => {
        seen.push(...messages);
        // The first time, 102 cannot be stored: it must not be confirmed, so it comes again.
        const ok = messages.filter((m) => !(failOnce && m.id === '102')).map((m) => m.id);
        failOnce = false;
        return ok;
      },
    });
    expect(await client.pollOnce()).toBe(2);
    expect(fake.tmc.pending(app.appKey).map((m) => String(m.id))).toEqual(['102']);
    expect(await client.pollOnce()).toBe(1);
    expect(fake.tmc.pending(app.appKey)).toEqual([]);
    expect(seen.map((m) => m.id)).toEqual(['101', '102', '102']);
    expect(client.status()).toMatchObject({ received: 3, stored: 2, confirmed: 2, lastError: null });
    expect(await client.pollOnce()).toBe(0);
  });

  test('a platform error is kept as the status and the next poll recovers', async () => {
    fake.failNext({
      platform: 'taobao',
      api: 'taobao.tmc.messages.consume',
      failure: { type: 'error', category: 'rate_limited' },
    });
    const client = createTmcPullClient({
      app,
      baseUrl: `${fake.url}/taobao`,
      call,
      store: async (m) => m.map((x) => x.id),
    });
    await expect(client.pollOnce()).rejects.toThrow(/rate_limited/);
    expect(client.status()).toMatchObject({ failures: 1 });
    expect(client.status().lastError).toMatch(/^\[rate_limited\]/);
    expect(await client.pollOnce()).toBe(0);
    expect(client.status()).toMatchObject({ failures: 0, lastError: null });
  });

  test('started, it keeps polling until stopped', async () => {
    fake.tmc.publish(app.appKey, refund('201', '166000000000000201'));
    const got: string[] = [];
    const client = createTmcPullClient({
      app,
      baseUrl: `${fake.url}/taobao`,
      call,
      idleMs: 10,
      store: async (m) => {
        got.push(...m.map((x) => x.id));
        return m.map((x) => x.id);
      },
    });
    client.start();
    for (let i = 0; i < 200 && !got.includes('201'); i++) await new Promise((r) => setTimeout(r, 10));
    fake.tmc.publish(app.appKey, refund('202', '166000000000000202'));
    for (let i = 0; i < 200 && !got.includes('202'); i++) await new Promise((r) => setTimeout(r, 10));
    await client.stop();
    expect(got).toEqual(['201', '202']);
  });
});
