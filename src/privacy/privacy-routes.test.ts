import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, drain, fixture, push } from '../ingest/testing.js';
import { fixedClock } from '../shared/clock.js';

const DAY = 86_400_000;
const clock = fixedClock('2026-06-01T08:00:00Z');
let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopId: string;

beforeAll(async () => {
  // Sessions outlive the month the clock jumps.
  t = await createTestApp({ clock, sessionTtlHours: 24 * 400, logLevel: 'error' });
  a = await t.signup('A');
  b = await t.signup('B');
  shopId = (await createShop(a, 'douyin')).id;
});

async function aClosedCase(name: string, phone: string) {
  const ticket = (
    await a.request('POST', '/api/v1/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '杯子有裂缝',
      body: `杯子有裂缝，请打我电话${phone}`,
      shopId,
      customer: { name, phone },
    })
  ).json();
  await a.request('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: '抱歉，马上给您换新。' });
  const closed = await a.request('POST', `/api/v1/tickets/${ticket.id}/status`, {
    status: 'closed',
    rootCause: 'supplier_defect',
    resolution: '换货',
  });
  expect(closed.statusCode, closed.body).toBe(200);
  return { ticketId: ticket.id as string, customerId: ticket.customerId as string };
}

/** The stored thread: who wrote what. */
const thread = async (ticketId: string) =>
  (
    await t.database.query<{ body: string; author_name: string }>(
      'select body, author_name from messages where ticket_id = $1',
      [ticketId],
    )
  )
    .map((m) => `${m.author_name}: ${m.body}`)
    .join('\n');

describe('personal data over time', () => {
  test('the retention rule masks buyers whose cases closed long ago, not those with an open dispute', async () => {
    const old = await aClosedCase('王女士', '13812345678');
    const disputed = await aClosedCase('李先生', '13987654321');
    const opened = await a.request('POST', '/api/v1/disputes', {
      ticketId: disputed.ticketId,
      type: 'quality',
      platform: 'douyin',
    });
    expect(opened.statusCode, opened.body).toBe(201);

    expect((await a.request('PUT', '/api/v1/privacy/settings', { retentionDays: 10 })).statusCode).toBe(400);
    const set = await a.request('PUT', '/api/v1/privacy/settings', { retentionDays: 30 });
    expect(set.json()).toEqual({ retentionDays: 30 });
    expect((await a.request('POST', '/api/v1/privacy/retention/run')).json()).toEqual({ erased: 0 });

    clock.advance(31 * DAY);
    expect((await a.request('POST', '/api/v1/privacy/retention/run')).json()).toEqual({ erased: 2 });
    expect((await a.request('POST', '/api/v1/privacy/retention/run')).json()).toEqual({ erased: 0 });

    const customer = (await a.request('GET', `/api/v1/customers/${old.customerId}`)).json();
    expect(customer).toMatchObject({ name: '王**', phoneMasked: null });
    const reveal = (await a.request('POST', `/api/v1/customers/${old.customerId}/reveal`)).json();
    expect(reveal).toEqual({ phone: null, address: null });
    expect(await thread(old.ticketId)).not.toMatch(/13812345678|王女士/);
    expect(await thread(old.ticketId)).toContain('王**: 杯子有裂缝');
    // The disputed case's thread is evidence: kept as it was.
    expect(await thread(disputed.ticketId)).toContain('李先生: 杯子有裂缝');

    const erasures = (await a.request('GET', '/api/v1/privacy/erasures')).json().items;
    expect(erasures).toHaveLength(2);
    expect(
      erasures.find((e: { customerId: string }) => e.customerId === disputed.customerId).summary,
    ).toEqual({
      messagesMasked: 0,
      platformEventsMasked: 0,
      keptForDisputes: 1,
    });
  });

  test('erasure masks the raw platform events of the buyer’s cases too, keeping their ids', async () => {
    const taobao = await createShop(a, 'taobao');
    const body = fixture('taobao', 'refund-created')
      .replaceAll('166123456789012345', '166123456789019999')
      .replace('9223372036854775001', '9223372036854779999')
      .replace('AAGxyz123', 'AAGerase9')
      .replace(
        '\\"buyer_nick\\": \\"t**1\\"',
        '\\"buyer_nick\\": \\"孙小姐\\", \\"receiver_tel\\": \\"13600002222\\", \\"reason\\": \\"孙小姐说坏了，电话13600002222\\"',
      );
    expect(body).toContain('receiver_tel');
    expect((await push(t, taobao, body)).statusCode).toBe(200);
    await drain(t);
    const rawEvent = async () =>
      (
        await t.database.query<{ ticket_id: string; payload: unknown }>(
          "select ticket_id, payload from inbox_events where payload::text like '%166123456789019999%'",
        )
      )[0]!;
    const before = await rawEvent();
    expect(JSON.stringify(before.payload)).toContain('13600002222');
    const [row] = await t.database.query<{ customer_id: string }>(
      'select customer_id from tickets where id = $1',
      [before.ticket_id],
    );
    const erased = await a.request('POST', `/api/v1/privacy/customers/${row!.customer_id}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json().platformEventsMasked).toBe(1);
    const after = JSON.stringify((await rawEvent()).payload);
    expect(after).not.toMatch(/13600002222|孙小姐/);
    expect(after).toContain('166123456789019999');
  });

  test('a buyer gets a copy of their data, then erasure on request; each act is in the access log', async () => {
    const c = await aClosedCase('赵小姐', '13700001111');
    const exported = await a.request('GET', `/api/v1/privacy/customers/${c.customerId}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.json()).toMatchObject({
      customer: { name: '赵小姐', phone: '13700001111' },
      cases: [{ subject: '杯子有裂缝', messages: expect.any(Array) }],
    });

    const erased = await a.request('POST', `/api/v1/privacy/customers/${c.customerId}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json().messagesMasked).toBeGreaterThan(0);
    expect((await a.request('POST', `/api/v1/privacy/customers/${c.customerId}/erase`)).statusCode).toBe(409);

    const logged = await a.request('GET', '/api/v1/privacy/access-log');
    expect(logged.statusCode, logged.body).toBe(200);
    const log = logged.json().items;
    const acts = log
      .filter((e: { customerId: string }) => e.customerId === c.customerId)
      .map((e: { action: string }) => e.action);
    expect(acts).toEqual(expect.arrayContaining(['personal_data_exported', 'personal_data_erased']));
    // Searching for the number finds nothing any more.
    const found = (await a.request('GET', '/api/v1/tickets?q=13700001111')).json().items;
    expect(found).toHaveLength(0);
  });

  test('admins only, and no tenant reaches another tenant’s buyers', async () => {
    const c = await aClosedCase('钱先生', '13600002222');
    const agent = await a.addUser('agent');
    expect((await agent.request('GET', `/api/v1/privacy/customers/${c.customerId}/export`)).statusCode).toBe(
      403,
    );
    expect((await agent.request('GET', '/api/v1/privacy/settings')).statusCode).toBe(403);
    expect((await b.request('GET', `/api/v1/privacy/customers/${c.customerId}/export`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/privacy/customers/${c.customerId}/erase`)).statusCode).toBe(404);
    expect((await b.request('GET', '/api/v1/privacy/access-log')).json().items).toEqual([]);
    expect((await b.request('GET', '/api/v1/privacy/erasures')).json().items).toEqual([]);
    expect((await b.request('GET', '/api/v1/privacy/settings')).json()).toEqual({ retentionDays: null });
    const bad = await a.request('GET', '/api/v1/privacy/customers/not-a-uuid/export');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect((await a.request('GET', '/api/v1/privacy/access-log?from=yesterday')).statusCode).toBe(400);
  });
});
