import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from '../channels/channel.js';
import { signedPush } from '../channels/push.js';
import { inboxEvents } from '../db/schema/ingest.js';
import { messages, tickets } from '../db/schema/tickets.js';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, drain, push, type TestShop } from './testing.js';
import { startWorkers } from './workers.js';

let t: TestApp;
let a: TestClient;
const shop = {} as Record<Platform, TestShop>;

beforeAll(async () => {
  t = await createTestApp({
    ingest: { backoffBaseMs: 0, backoffMaxMs: 0, inboxMaxAttempts: 3, inboxBatchSize: 7 },
  });
  a = await t.signup('A');
  for (const p of PLATFORMS) shop[p] = await createShop(a, p);
});

const tmc = (id: number, topic: string, refundId: string, modified: string) => ({
  topic,
  content: JSON.stringify({
    refund_id: refundId,
    tid: `T${refundId}`,
    refund_fee: '10.00',
    bill_type: 'refund_bill',
    modified,
  }),
  id,
  userid: 1,
  nick: '店',
  outtime: modified,
  publisher: 'TOP',
});

describe('inbox workers', () => {
  test('several workers at once process every event exactly once, one case per after-sale', async () => {
    const s = await createShop(a, 'taobao');
    const pushes = [];
    for (let i = 0; i < 20; i++) {
      const ref = `R${1000 + i}`;
      pushes.push(tmc(50_000 + i * 3, 'taobao_refund_RefundCreated', ref, '2026-11-25 10:00:00'));
      pushes.push(
        tmc(50_001 + i * 3, 'taobao_refund_RefundSellerAgreeAgreement', ref, '2026-11-25 10:05:00'),
      );
      pushes.push(tmc(50_002 + i * 3, 'taobao_refund_RefundBuyerReturnGoods', ref, '2026-11-25 10:10:00'));
    }
    // Shuffled, and every tenth delivered twice.
    const order = pushes.map((p, i) => ({ p, k: (i * 7919) % 61 })).sort((x, y) => x.k - y.k);
    for (const [i, { p }] of order.entries()) {
      expect((await push(t, s, p)).statusCode).toBe(200);
      if (i % 10 === 0) expect((await push(t, s, p)).statusCode).toBe(200);
    }
    const run = async () => {
      for (let i = 0; i < 100; i++) if ((await t.services.ingest.runInboxBatch()) === 0) return;
    };
    await Promise.all([run(), run(), run(), run()]);
    await drain(t);

    const scope = scopeTo(t.database.db, a.tenantId);
    const rows = await scope.select(inboxEvents, [eq(inboxEvents.shopId, s.id)]);
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.status === 'processed')).toBe(true);
    const cases = await scope.select(tickets, [eq(tickets.shopId, s.id)]);
    expect(cases).toHaveLength(20);
    expect(new Set(cases.map((c) => c.externalRef)).size).toBe(20);
    for (const c of cases) {
      const thread = await scope.select(messages, [eq(messages.ticketId, c.id)]);
      const fromEvents = thread.filter((m) => m.externalId !== null).map((m) => m.externalId);
      // The first event of each case opened it; the two others appended once each.
      expect(fromEvents).toHaveLength(2);
      expect(new Set(fromEvents).size).toBe(2);
      expect(c.status).toBe('resolving');
    }
  });

  test('a worker that yields to webhooks while they arrive drains a backlog at full speed once they stop', async () => {
    const s = await createShop(a, 'taobao');
    for (let i = 0; i < 12; i++) {
      const ok = await push(
        t,
        s,
        tmc(88_000 + i, 'taobao_refund_RefundCreated', `P${i}`, '2026-11-25 10:00:00'),
      );
      expect(ok.statusCode).toBe(200);
    }
    // Started after the pushes: it has seen none arrive. At a 0.1% duty cycle a worker that rested
    // after every batch would wait a thousand times each batch before the next; and with none
    // arriving it takes the quiet batch (12), not the app's (7).
    const done: number[] = [];
    const ingest = {
      ...t.services.ingest,
      runInboxBatch: async (size?: number) => {
        const n = await t.services.ingest.runInboxBatch(size);
        done.push(n);
        return n;
      },
    };
    const workers = startWorkers(ingest, {
      inboxPollMs: 20,
      outboxPollMs: 60_000,
      inboxConcurrency: 1,
      outboxConcurrency: 0,
      inboxDutyCycle: 0.001,
      inboxQuietBatchSize: 12,
    });
    try {
      const scope = scopeTo(t.database.db, a.tenantId);
      await expect
        .poll(async () => (await scope.select(tickets, [eq(tickets.shopId, s.id)])).length, {
          timeout: 20_000,
        })
        .toBe(12);
    } finally {
      await workers.stop();
    }
    expect(done[0]).toBe(12);
  });

  test('an event that keeps failing goes to the dead letters with its reason and can be replayed once fixed', async () => {
    const db = t.database;
    await db.query(`create or replace function ingest_test_fail() returns trigger language plpgsql as $$
      begin
        if new.external_ref = 'aftersale:DEAD1' then raise exception 'simulated outage for %', new.external_ref; end if;
        return new;
      end $$`);
    await db.query(
      `create trigger ingest_test_fail before insert on channel_cases for each row execute function ingest_test_fail()`,
    );
    try {
      const res = await push(
        t,
        shop.taobao,
        tmc(77_001, 'taobao_refund_RefundCreated', 'DEAD1', '2026-11-25 10:00:00'),
      );
      expect(res.statusCode).toBe(200);
      // Healthy neighbours in the same batch: the batch falls back to one event at a time, and only DEAD1 fails.
      for (const [i, ref] of ['LIVE1', 'LIVE2'].entries()) {
        const ok = await push(
          t,
          shop.taobao,
          tmc(77_010 + i, 'taobao_refund_RefundCreated', ref, '2026-11-25 10:00:00'),
        );
        expect(ok.statusCode).toBe(200);
      }
      await drain(t);
      const dead = (await a.request('GET', '/api/v1/ingest/events?status=dead')).json().items;
      expect(dead).toHaveLength(1);
      expect(t.services.ingest.batchFallbacks()).toBeGreaterThan(0);
      const live = (await a.request('GET', '/api/v1/ingest/events?status=processed')).json().items;
      for (const id of ['77010', '77011']) {
        expect(live.find((e: { externalEventId: string }) => e.externalEventId === id)).toMatchObject({
          outcome: 'created',
          attempts: 1,
        });
      }
      expect(dead[0]).toMatchObject({ externalEventId: '77001', attempts: 3 });
      expect(dead[0].lastError).toContain('simulated outage');
      const health = (await a.request('GET', '/api/v1/ingest/health')).json().items;
      expect(health.find((h: { shopId: string }) => h.shopId === shop.taobao.id).dead).toBe(1);
    } finally {
      await db.query('drop trigger ingest_test_fail on channel_cases');
    }
    const [dead] = (await a.request('GET', '/api/v1/ingest/events?status=dead')).json().items;
    const replay = await a.request('POST', `/api/v1/ingest/events/${dead.id}/replay`);
    expect(replay.statusCode).toBe(200);
    await drain(t);
    const after = (await a.request('GET', `/api/v1/ingest/events/${dead.id}`)).json();
    expect(after).toMatchObject({ status: 'processed', outcome: 'created' });
    expect(after.ticketId).not.toBeNull();
    // A processed event is not replayed (it would append twice).
    expect((await a.request('POST', `/api/v1/ingest/events/${dead.id}/replay`)).statusCode).toBe(409);
  });

  test('a payload that cannot be normalised is dead-lettered with the field that is missing', async () => {
    const res = await push(t, shop.douyin, [
      { tag: '200', msg_id: 'no-id-1', data: JSON.stringify({ refund_amount: 100 }) },
    ]);
    expect(res.statusCode).toBe(200);
    await drain(t);
    const dead = (await a.request('GET', '/api/v1/ingest/events?status=dead')).json().items;
    const row = dead.find((e: { externalEventId: string }) => e.externalEventId === 'no-id-1');
    expect(row.lastError).toContain('aftersale_id');
  });
});

describe('random input on the webhook route', () => {
  test('no body or header combination gets a 5xx', async () => {
    const headerNames = [
      'event-sign',
      'app-id',
      'authorization',
      'x-pdd-sign',
      'x-pdd-timestamp',
      'x-top-sign',
      'content-type',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PLATFORMS),
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.dictionary(
          fc.constantFrom(...headerNames),
          fc.string({ minLength: 1, maxLength: 60 }).filter((s) => /^[\x20-\x7e]+$/.test(s)),
        ),
        fc.boolean(),
        async (p, body, headers, sign) => {
          const signed = sign ? signedPush(p, shop[p], body) : { body, headers };
          const res = await t.app.inject({
            method: 'POST',
            url: `/hooks/${p}/${shop[p].id}`,
            headers: sign ? signed.headers : headers,
            payload: signed.body,
          });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    await drain(t);
  });
});
