import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from '../channels/channel.js';
import { type StrictFake, startStrictFake } from '../channels/fake-platform/server.js';
import type { FakeCall } from '../channels/fake-platform/types.js';
import { outbox } from '../db/schema/ingest.js';
import { scopeTo } from '../db/tenant-scope.js';
import { createOutboundPolicy } from '../http/outbound-policy.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { enqueueOutbox } from './outbox.js';
import { createShop, drain, fixture, push, type TestShop } from './testing.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let fake: StrictFake;
const shop = {} as Record<Platform, TestShop>;
const FIRST = {
  douyin: 'refund-created',
  pinduoduo: 'refund-created',
  tiktok: 'return-requested',
  taobao: 'refund-created',
} as const;

/** Each shop's platform token (and TikTok's shop cipher), as the strict fake knows them. */
const platformSettings = (p: Platform, n: number) => ({
  accessToken: `token-${p}-${n}`,
  returnAddressId: '7001',
  ...(p === 'tiktok' ? { shopCipher: `ROW_cipher-${n}` } : {}),
});

beforeAll(async () => {
  fake = await startStrictFake();
  t = await createTestApp({
    // The fake platform listens on 127.0.0.1: reached only through the installation allow-list.
    outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
    ingest: {
      backoffBaseMs: 0,
      backoffMaxMs: 0,
      outboxMaxAttempts: 3,
      apiBaseUrls: Object.fromEntries(PLATFORMS.map((p) => [p, `${fake.url}/${p}`])),
    },
  });
  a = await t.signup('A');
  b = await t.signup('B');
  for (const [i, p] of PLATFORMS.entries()) {
    const settings = platformSettings(p, i);
    shop[p] = await createShop(a, p, { settings });
    fake.register(p, { ...shop[p], ...settings });
  }
});
afterAll(() => fake.close());
afterEach(() => fake.clearFailures());

/** The case a fixture opens (a chat fixture opens a chat case, an after-sale one an after-sale case). */
async function caseOf(p: Platform, name: string = FIRST[p]) {
  const before = new Set(
    ((await a.request('GET', `/api/v1/tickets?shopId=${shop[p].id}`)).json().items as { id: string }[]).map(
      (x) => x.id,
    ),
  );
  await push(t, shop[p], fixture(p, name));
  await drain(t);
  const items = (await a.request('GET', `/api/v1/tickets?shopId=${shop[p].id}`)).json().items as {
    id: string;
    channel: string;
  }[];
  return (
    items.find((x) => !before.has(x.id)) ??
    items.find((x) => (name === 'new-message') === (x.channel === 'platform_message'))!
  );
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

const mentions = (calls: FakeCall[], text: string) =>
  calls.filter((c) => JSON.stringify(c.params).includes(text));

describe('outbox against the strict fake platform', () => {
  test('taobao: a reply on a refund goes out as taobao.refund.message.add, signed, and is marked sent', async () => {
    const ticket = await caseOf('taobao');
    const sent = await reply(ticket.id, '您好，已为您处理 (taobao)');
    expect(sent.deliveryStatus).toBe('queued');
    await sendAll();
    const calls = mentions(fake.accepted('taobao', 'taobao.refund.message.add'), '已为您处理 (taobao)');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({ refund_id: '166123456789012345' });
    expect((await message(ticket.id, sent.id)).deliveryStatus).toBe('sent');
  });

  test('tiktok: a reply in a buyer chat goes to the conversation as a TEXT message with JSON content', async () => {
    const ticket = await caseOf('tiktok', 'new-message');
    const sent = await reply(ticket.id, 'Hello Anna, it ships today');
    await sendAll();
    const [call] = mentions(
      fake.accepted('tiktok', 'conversations/{conversation_id}/messages'),
      'ships today',
    );
    expect(call?.path).toBe('/customer_service/202309/conversations/7294867890123456789/messages');
    expect(call?.params).toEqual({ type: 'TEXT', content: '{"content":"Hello Anna, it ships today"}' });
    expect((await message(ticket.id, sent.id)).deliveryStatus).toBe('sent');
  });

  test.each(['douyin', 'pinduoduo', 'tiktok'] as const)(
    '%s: a reply on an after-sale, which the platform has no API for, is marked manual and never sent',
    async (p) => {
      const ticket = await caseOf(p);
      const before = fake.calls.length;
      const sent = await reply(ticket.id, `请您稍等 (${p})`);
      expect(sent.deliveryStatus).toBe('manual');
      await sendAll();
      expect(mentions(fake.calls.slice(before), `请您稍等 (${p})`)).toHaveLength(0);
      const m = await message(ticket.id, sent.id);
      expect(m.deliveryStatus).toBe('manual');
      expect(m.deliveryError).toMatch(/^\[manual_only\]/);
      const rows = (await a.request('GET', `/api/v1/ingest/outbox?ticketId=${ticket.id}`)).json().items as {
        messageId: string | null;
      }[];
      expect(rows.filter((r) => r.messageId === sent.id)).toHaveLength(0);
    },
  );

  test('a platform that keeps failing: retries with back-off, then failed with the reason; retry sends it', async () => {
    const ticket = await caseOf('taobao', 'refund-agreed');
    fake.failAlways({
      platform: 'taobao',
      failure: { type: 'status', status: 503, body: { error: 'busy' } },
    });
    const sent = await reply(ticket.id, '稍等，我们马上核实');
    await sendAll();
    const failed = await message(ticket.id, sent.id);
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toContain('503');
    const [row] = (await a.request('GET', `/api/v1/ingest/outbox?ticketId=${ticket.id}&status=failed`)).json()
      .items;
    expect(row.attempts).toBe(3);

    fake.clearFailures();
    const retried = await a.request('POST', `/api/v1/ingest/messages/${sent.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect((await message(ticket.id, sent.id)).deliveryStatus).toBe('queued');
    await sendAll();
    expect((await message(ticket.id, sent.id)).deliveryStatus).toBe('sent');
    expect((await a.request('POST', `/api/v1/ingest/messages/${sent.id}/retry`)).statusCode).toBe(409);
  });

  test('an expired token: the platform’s own error comes back as the reason', async () => {
    const ticket = await caseOf('tiktok', 'new-message');
    fake.failAlways({ platform: 'tiktok', failure: { type: 'error', category: 'auth_expired' } });
    const sent = await reply(ticket.id, 'Hello again');
    await sendAll();
    const m = await message(ticket.id, sent.id);
    expect(m.deliveryStatus).toBe('failed');
    expect(m.deliveryError).toContain('expired');
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
    const expected: string[] = [];
    for (let i = 0; i < 40; i++) {
      const p = PLATFORMS[i % 4]!;
      const ref = String(880000 + i);
      await enqueueOutbox(scope, {
        kind: 'agree_refund',
        shopId: shop[p].id,
        caseRef: `aftersale:${ref}`,
        orderRef: `order-${ref}`,
        payload: { amount_fen: 100, refund_version: '1764036000000' },
      });
      expected.push(`${p}:${ref}`);
    }
    const before = fake.calls.length;
    await Promise.all([sendAll(), sendAll(), sendAll(), sendAll()]);
    const delivered = fake.calls
      .slice(before)
      .filter((c) => c.accepted)
      .map((c) => `${c.platform}:${/88\d{4}/.exec(`${c.path} ${JSON.stringify(c.params)}`)?.[0]}`);
    expect(delivered.sort()).toEqual(expected.sort());
    const rows = await scope.select(outbox, [eq(outbox.kind, 'agree_refund')]);
    expect(
      rows
        .filter((r) => r.caseRef?.startsWith('aftersale:88'))
        .every((r) => r.status === 'sent' && r.attempts === 1),
    ).toBe(true);
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
