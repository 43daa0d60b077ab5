import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from '../channels/channel.js';
import { outbox } from '../db/schema/ingest.js';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { type FakePlatform, startFakePlatform } from './fake-platform.js';
import { enqueueOutbox } from './outbox.js';
import { createShop, drain, fixture, push, type TestShop } from './testing.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let fake: FakePlatform;
const shop = {} as Record<Platform, TestShop>;
const FIRST = {
  douyin: 'refund-created',
  pinduoduo: 'refund-created',
  tiktok: 'return-requested',
  taobao: 'refund-created',
} as const;

beforeAll(async () => {
  fake = await startFakePlatform((p) => shop[p]);
  t = await createTestApp({
    ingest: {
      backoffBaseMs: 0,
      backoffMaxMs: 0,
      outboxMaxAttempts: 3,
      apiBaseUrls: Object.fromEntries(PLATFORMS.map((p) => [p, `${fake.url}/${p}`])),
    },
  });
  a = await t.signup('A');
  b = await t.signup('B');
  for (const p of PLATFORMS) shop[p] = await createShop(a, p);
});
afterAll(() => fake.close());

async function caseOf(p: Platform) {
  await push(t, shop[p], fixture(p, FIRST[p]));
  await drain(t);
  const [ticket] = (await a.request('GET', `/api/v1/tickets?shopId=${shop[p].id}`)).json().items;
  return ticket as { id: string };
}

async function reply(ticketId: string, body: string) {
  const res = await a.request('POST', `/api/v1/tickets/${ticketId}/messages`, {
    direction: 'outbound',
    body,
  });
  expect(res.statusCode).toBe(201);
  return res.json().message as { id: string; deliveryStatus: string | null };
}

async function message(ticketId: string, id: string) {
  const res = (await a.request('GET', `/api/v1/tickets/${ticketId}/messages`)).json();
  return ((res.items ?? res) as { id: string; deliveryStatus: string; deliveryError: string | null }[]).find(
    (m) => m.id === id,
  )!;
}

async function sendAll() {
  for (let i = 0; i < 20; i++) if ((await t.services.ingest.runOutboxBatch()) === 0) return;
}

describe('outbox', () => {
  test.each(PLATFORMS)(
    '%s: an agent reply is queued, sent signed to the platform and marked sent',
    async (p) => {
      const ticket = await caseOf(p);
      const sent = await reply(ticket.id, `您好，已为您处理 (${p})`);
      expect(sent.deliveryStatus).toBe('queued');
      const before = fake.calls.length;
      await sendAll();
      // The SLA acknowledgement of the new case goes out too; the reply goes out once.
      const calls = fake.calls.slice(before);
      expect(calls.every((c) => c.signatureOk && c.platform === p)).toBe(true);
      expect(calls.filter((c) => JSON.stringify(c.params).includes(`已为您处理 (${p})`))).toHaveLength(1);
      expect((await message(ticket.id, sent.id)).deliveryStatus).toBe('sent');
    },
  );

  test('a platform that keeps failing: retries with back-off, then failed with the reason; retry sends it', async () => {
    const ticket = await caseOf('douyin');
    fake.respond = () => ({ status: 503, body: { code: 50000, msg: 'busy' } });
    const sent = await reply(ticket.id, '稍等，我们马上核实');
    await sendAll();
    const failed = await message(ticket.id, sent.id);
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toContain('503');
    const [row] = (await a.request('GET', `/api/v1/ingest/outbox?ticketId=${ticket.id}&status=failed`)).json()
      .items;
    expect(row.attempts).toBe(3);

    fake.respond = () => undefined;
    const retried = await a.request('POST', `/api/v1/ingest/messages/${sent.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect((await message(ticket.id, sent.id)).deliveryStatus).toBe('queued');
    await sendAll();
    expect((await message(ticket.id, sent.id)).deliveryStatus).toBe('sent');
    expect((await a.request('POST', `/api/v1/ingest/messages/${sent.id}/retry`)).statusCode).toBe(409);
  });

  test('a 4xx from the platform (bad credentials) fails at once with the reason', async () => {
    const ticket = await caseOf('tiktok');
    fake.respond = () => ({ status: 403, body: { code: 105002, message: 'access token expired' } });
    const sent = await reply(ticket.id, 'Hello');
    await sendAll();
    fake.respond = () => undefined;
    const m = await message(ticket.id, sent.id);
    expect(m.deliveryStatus).toBe('failed');
    expect(m.deliveryError).toContain('access token expired');
  });

  test('replies on manual cases are recorded as sent and never queued', async () => {
    const created = await a.request('POST', '/api/v1/tickets', {
      kind: 'inquiry',
      channel: 'hotline',
      subject: '电话咨询',
      body: '来电询问退货',
    });
    const sent = await reply(created.json().id, '已电话回复');
    expect(sent.deliveryStatus).toBe('sent');
    expect(
      (await a.request('GET', `/api/v1/ingest/outbox?ticketId=${created.json().id}`)).json().items,
    ).toHaveLength(0);
  });

  test('several senders at once deliver every row exactly once', async () => {
    const scope = scopeTo(t.database.db, a.tenantId);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const p = PLATFORMS[i % 4]!;
      const row = await enqueueOutbox(scope, {
        kind: 'notice',
        shopId: shop[p].id,
        payload: { content: `通知 ${i}` },
      });
      ids.push(row.id);
    }
    const before = fake.calls.length;
    await Promise.all([sendAll(), sendAll(), sendAll(), sendAll()]);
    const delivered = fake.calls.slice(before).map((c) => String(c.params.request_id));
    expect(delivered.sort()).toEqual([...ids].sort());
    const rows = await scope.select(outbox, [eq(outbox.kind, 'notice')]);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  test('enqueue with the same dedupe key returns the first row', async () => {
    const scope = scopeTo(t.database.db, a.tenantId);
    const one = await enqueueOutbox(scope, {
      kind: 'agree_refund',
      shopId: shop.douyin.id,
      payload: {},
      dedupeKey: 'offer:1',
    });
    const two = await enqueueOutbox(scope, {
      kind: 'agree_refund',
      shopId: shop.douyin.id,
      payload: {},
      dedupeKey: 'offer:1',
    });
    expect(two.id).toBe(one.id);
  });

  test('tenant B cannot see or retry A’s deliveries', async () => {
    const [row] = (await a.request('GET', '/api/v1/ingest/outbox')).json().items;
    expect(row).toBeDefined();
    expect((await b.request('GET', '/api/v1/ingest/outbox')).json().items).toHaveLength(0);
    expect((await b.request('POST', `/api/v1/ingest/outbox/${row.id}/retry`)).statusCode).toBe(404);
    expect(
      (await b.request('POST', `/api/v1/ingest/messages/${row.messageId ?? row.id}/retry`)).statusCode,
    ).toBe(404);
  });
});
