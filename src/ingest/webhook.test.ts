import { beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS } from '../channels/channel.js';
import { signedPush } from '../channels/push.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, drain, fixture, push, type TestShop } from './testing.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
const shop = {} as Record<(typeof PLATFORMS)[number], TestShop>;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  for (const p of PLATFORMS) shop[p] = await createShop(a, p);
});

const FIRST = {
  douyin: 'refund-created',
  pinduoduo: 'refund-created',
  tiktok: 'return-requested',
  taobao: 'refund-created',
} as const;

async function events(client: TestClient, query = '') {
  const res = await client.request('GET', `/api/v1/ingest/events${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    id: string;
    status: string;
    externalEventId: string;
    ticketId: string | null;
  }[];
}

describe('webhooks', () => {
  test.each(PLATFORMS)(
    '%s: a signed push is stored, answered in the platform shape and becomes a case',
    async (p) => {
      const res = await push(t, shop[p], fixture(p, FIRST[p]));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      if (p === 'douyin') expect(body).toEqual({ code: 0, msg: 'success' });
      if (p === 'tiktok') expect(body).toMatchObject({ code: 0 });
      if (p === 'taobao') expect(body).toEqual({ success: true });
      if (p === 'pinduoduo')
        expect(body).toMatchObject({ commandType: 'Ack', id: '1001', type: 'pdd_refund_RefundCreated' });
      await drain(t);
      const tickets = (await a.request('GET', '/api/v1/tickets?channel=after_sales')).json().items as {
        shopId: string;
        kind: string;
      }[];
      expect(tickets.some((x) => x.shopId === shop[p].id && x.kind === 'return_request')).toBe(true);
    },
  );

  test('Douyin ids beyond 2^53 keep every digit', async () => {
    const list = await events(a, `?shopId=${shop.douyin.id}`);
    const stored = list.find((e) => e.externalEventId === '7301234567890000001')!;
    expect(stored).toBeDefined();
    const detail = (await a.request('GET', `/api/v1/ingest/events/${stored.id}`)).json();
    expect(detail.payload.data.aftersale_id).toBe('7301234567890123456');
    expect(detail.payload.data.p_id).toBe('6920123456789012345');
    const ticket = (await a.request('GET', `/api/v1/tickets/${stored.ticketId}`)).json();
    expect(ticket.externalRef ?? ticket.ticket?.externalRef).toBe('aftersale:7301234567890123456');
  });

  test('a repeated delivery is a no-op', async () => {
    const before = (await events(a, `?shopId=${shop.douyin.id}`)).length;
    const again = await push(t, shop.douyin, fixture('douyin', 'refund-created'));
    expect(again.statusCode).toBe(200);
    await drain(t);
    expect((await events(a, `?shopId=${shop.douyin.id}`)).length).toBe(before);
    const tickets = (await a.request('GET', `/api/v1/tickets?shopId=${shop.douyin.id}`)).json().items;
    expect(tickets).toHaveLength(1);
  });

  test('concurrent deliveries (grouped into shared inserts) store each event once and answer every one', async () => {
    const s = await createShop(a, 'tiktok');
    const bodies = Array.from({ length: 5 }, (_, i) =>
      JSON.stringify({ type: 1, tts_notification_id: `burst-${i}`, data: { order_id: `o${i}` } }),
    );
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => push(t, s, bodies[i % 5]!)));
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    expect(await events(a, `?shopId=${s.id}`)).toHaveLength(5);
  });

  test('later events of the same after-sale append to the case and move its status', async () => {
    await push(t, shop.taobao, fixture('taobao', 'refund-agreed'));
    await drain(t);
    const [ticket] = (await a.request('GET', `/api/v1/tickets?shopId=${shop.taobao.id}`)).json().items;
    expect(ticket.status).toBe('resolving');
    await push(t, shop.taobao, fixture('taobao', 'refund-success'));
    await drain(t);
    const after = (await a.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(after.status ?? after.ticket?.status).toBe('follow_up');
    const thread = (await a.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json();
    const bodies = (thread.items ?? thread).map((m: { body: string }) => m.body).join('\n');
    expect(bodies).toContain('退款成功');
    expect(bodies).toContain('¥129.90');
  });

  test('an out-of-order event does not move the case backwards', async () => {
    const s = await createShop(a, 'tiktok');
    await push(t, s, fixture('tiktok', 'buyer-shipped'));
    await drain(t);
    await push(t, s, fixture('tiktok', 'return-requested'));
    await push(t, s, fixture('tiktok', 'return-awaiting-ship'));
    await drain(t);
    const list = (await a.request('GET', `/api/v1/tickets?shopId=${s.id}`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0].status).toBe('resolving');
    await push(t, s, fixture('tiktok', 'refund-success'));
    await drain(t);
    const [done] = (await a.request('GET', `/api/v1/tickets?shopId=${s.id}`)).json().items;
    expect(done.status).toBe('follow_up');
  });

  test('unknown event types are stored and listed as unhandled, and can be replayed', async () => {
    const res = await push(t, shop.pinduoduo, fixture('pinduoduo', 'unknown-type'));
    expect(res.statusCode).toBe(200);
    await drain(t);
    const unhandled = await events(a, '?status=unhandled');
    const row = unhandled.find((e) => e.externalEventId === '1009');
    expect(row).toBeDefined();
    const replay = await a.request('POST', `/api/v1/ingest/events/${row!.id}/replay`);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().status).toBe('pending');
    await drain(t);
    expect((await events(a, '?status=unhandled')).some((e) => e.id === row!.id)).toBe(true);
  });
});

describe('bad input on the webhook', () => {
  const url = (s: TestShop) => `/hooks/${s.platform}/${s.id}`;

  test.each(PLATFORMS)('%s: a wrong signature gets 401 and stores nothing', async (p) => {
    const before = (await events(a)).length;
    const signed = signedPush(
      p,
      { appKey: shop[p].appKey, appSecret: 'not-the-secret' },
      fixture(p, FIRST[p]),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: url(shop[p]),
      headers: signed.headers,
      payload: signed.body,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('BAD_SIGNATURE');
    expect((await events(a)).length).toBe(before);
  });

  test.each(PLATFORMS.filter((p) => p !== 'pinduoduo'))('%s: a tampered body gets 401', async (p) => {
    const signed = signedPush(p, shop[p], fixture(p, FIRST[p]));
    const tampered = signed.body
      .replace('12990', '99990')
      .replace('129.90', '999.90')
      .replace('PENDING', 'SUCCESS');
    expect(tampered).not.toBe(signed.body);
    const res = await t.app.inject({
      method: 'POST',
      url: url(shop[p]),
      headers: signed.headers,
      payload: tampered,
    });
    expect(res.statusCode).toBe(401);
  });

  test('Pinduoduo: a replayed old timestamp gets 401', async () => {
    const old = new Date(Date.now() - 6 * 60_000);
    const res = await push(t, shop.pinduoduo, fixture('pinduoduo', 'refund-agreed'), { now: old });
    expect(res.statusCode).toBe(401);
    const fresh = await push(t, shop.pinduoduo, fixture('pinduoduo', 'refund-agreed'), {
      now: new Date(Date.now() - 60_000),
    });
    expect(fresh.statusCode).toBe(200);
  });

  test.each(PLATFORMS)('%s: a truncated or non-JSON body gets 400', async (p) => {
    const text = fixture(p, FIRST[p]);
    for (const body of [text.slice(0, text.length / 2), 'hello', '']) {
      const res = await push(t, shop[p], body);
      // Taobao signs the parsed fields, so its unreadable bodies are refused as 400 before any check.
      expect(res.statusCode, `${p}: ${body.slice(0, 20)}`).toBe(400);
    }
  });

  test('a NUL character in a payload is stored (as U+FFFD), not a 500', async () => {
    const body = JSON.stringify({
      type: 14,
      tts_notification_id: 'nul-1',
      data: { conversation_id: 'c1', content: 'a\u0000b\\u0000' },
    });
    const res = await push(t, shop.tiktok, body);
    expect(res.statusCode).toBe(200);
    const row = (await events(a, `?shopId=${shop.tiktok.id}`)).find((e) => e.externalEventId === 'nul-1')!;
    const detail = (await a.request('GET', `/api/v1/ingest/events/${row.id}`)).json();
    expect(detail.payload.data.content).toBe('a\ufffdb\\u0000');
  });

  test('a body over 1 MiB gets 413', async () => {
    const big = JSON.stringify([{ tag: '200', msg_id: 'x', data: 'a'.repeat(1024 * 1024) }]);
    const res = await push(t, shop.douyin, big);
    expect(res.statusCode).toBe(413);
  });

  test('an unknown shop, a shop of another platform or a bad id gets 404', async () => {
    const body = fixture('douyin', 'refund-created');
    for (const path of [
      '/hooks/douyin/0193a000-0000-7000-8000-000000000000',
      `/hooks/tiktok/${shop.douyin.id}`,
      '/hooks/douyin/not-a-uuid',
      `/hooks/jd/${shop.douyin.id}`,
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: path,
        payload: body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, path).toBe(404);
    }
  });

  test('an event for a disabled shop gets 403 with a clear reason', async () => {
    const s = await createShop(a, 'douyin');
    expect((await a.request('PATCH', `/api/v1/shops/${s.id}`, { enabled: false })).statusCode).toBe(200);
    const res = await push(t, s, fixture('douyin', 'refund-created'));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SHOP_DISABLED');
  });
});

describe('tenant isolation of the ingest API', () => {
  test('tenant B sees none of A’s events and gets 404 for them', async () => {
    const [mine] = await events(a);
    expect(mine).toBeDefined();
    expect(await events(b)).toHaveLength(0);
    expect((await b.request('GET', `/api/v1/ingest/events/${mine!.id}`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/ingest/events/${mine!.id}/replay`)).statusCode).toBe(404);
    expect((await b.request('GET', '/api/v1/ingest/health')).json().items).toHaveLength(0);
    expect((await b.request('GET', '/api/v1/ingest/outbox')).json().items).toHaveLength(0);
  });

  test('the ingest API needs a login; replay needs a supervisor', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/ingest/events' })).statusCode).toBe(401);
    const agent = await a.addUser('agent');
    const [one] = await events(a);
    expect((await agent.request('POST', `/api/v1/ingest/events/${one!.id}/replay`)).statusCode).toBe(403);
  });

  test('channel health counts events per shop', async () => {
    const health = (await a.request('GET', '/api/v1/ingest/health')).json().items as {
      shopId: string;
      eventsLastHour: number;
      lastEventAt: string | null;
    }[];
    const dy = health.find((h) => h.shopId === shop.douyin.id)!;
    expect(dy.eventsLastHour).toBeGreaterThan(0);
    expect(dy.lastEventAt).not.toBeNull();
  });
});
