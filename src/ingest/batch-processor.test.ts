import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '../db/schema/accounts.js';
import { channelCases, inboxEvents, outbox } from '../db/schema/ingest.js';
import { searchDocs } from '../db/schema/search.js';
import { ticketSla } from '../db/schema/sla.js';
import { customers, messages, tickets } from '../db/schema/tickets.js';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';
import { underLoad } from '../shared/load-slowdown.js';
import type { SimShop } from './simulator/signed-pushes.js';
import { BUILT_IN_REVIEWS } from './simulator/texts.js';
import { createDeliveryPlan } from './simulator/traffic.js';
import { createShop, deliverPlanned, drain, push } from './testing.js';

const PLATFORMS = ['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const;
const DELIVERIES = 320;
// One clock reading for both runs: the same run tag, ids, due times and acknowledgement texts.
const NOW = Date.now();

type Side = { t: TestApp; a: TestClient };

/** The same simulated traffic (after-sales, reviews, chats, duplicates, late events) into one app. */
async function feed(batchSize: number): Promise<Side> {
  const t = await createTestApp({
    clock: fixedClock(new Date(NOW)),
    ingest: { inboxBatchSize: batchSize, backoffBaseMs: 0, backoffMaxMs: 0 },
  });
  const a = await t.signup('batch');
  const shops: SimShop[] = [];
  for (const [i, platform] of PLATFORMS.entries()) {
    const externalShopId = String(880_000 + i);
    const s = await createShop(a, platform, { externalShopId });
    shops.push({ ...s, externalShopId });
  }
  const plan = createDeliveryPlan(
    { shops, duplicateShare: 0.05, outOfOrderShare: 0.1, seed: 20261125, texts: BUILT_IN_REVIEWS },
    () => NOW,
  );
  await deliverPlanned(t, plan, DELIVERIES);
  await drain(t, 1000);
  return { t, a };
}

/** What an agent would see of the cases, without ids, numbers and clock readings. */
async function summary({ t, a }: Side) {
  const scope = scopeTo(t.database.db, a.tenantId);
  const ticketRows = await scope.select(tickets, [], { orderBy: [asc(tickets.externalRef)] });
  const cases = [];
  for (const c of ticketRows) {
    const thread = await scope.select(messages, [eq(messages.ticketId, c.id)]);
    const sla = await scope.first(ticketSla, eq(ticketSla.ticketId, c.id));
    cases.push({
      ref: c.externalRef,
      kind: c.kind,
      channel: c.channel,
      subject: c.subject,
      status: c.status,
      severity: c.severity,
      categories: c.categories,
      tags: c.tags,
      reopenCount: c.reopenCount,
      slaState: c.slaState,
      firstResponseDue: c.firstResponseDueAt !== null,
      triaged: c.triage !== null,
      sla: sla && { policy: sla.policyName, events: sla.timeline.map((e) => e.type), state: sla.state },
      thread: thread
        .map((m) => ({
          direction: m.direction,
          body: m.body,
          author: `${m.authorType}:${m.authorName}`,
          delivery: m.deliveryStatus,
          externalId: m.externalId,
          triaged: m.triage !== null,
        }))
        .sort((x, y) =>
          `${x.direction}${x.externalId}${x.body}`.localeCompare(`${y.direction}${y.externalId}${y.body}`),
        ),
    });
  }
  const events = (await scope.select(inboxEvents, [], { orderBy: [asc(inboxEvents.externalEventId)] })).map(
    (e) => ({
      id: e.externalEventId,
      status: e.status,
      outcome: e.outcome,
      kind: e.kind,
      attempts: e.attempts,
    }),
  );
  const count = async (table: Parameters<typeof scope.select>[0]) => (await scope.select(table)).length;
  const audit = (await scope.select(auditEvents, [eq(auditEvents.entityType, 'ticket')]))
    .map((e) => `${e.action}:${e.actorName}`)
    .sort();
  const sent = (await scope.select(outbox)).map((o) => o.kind).sort();
  return {
    cases,
    events,
    audit,
    sent,
    searchDocs: await count(searchDocs),
    customers: await count(customers),
    channelCases: (await scope.select(channelCases, [], { orderBy: [asc(channelCases.externalRef)] })).map(
      (c) => `${c.externalRef}:${c.stageRank}:${c.orderRef}:${c.ticketId !== null}`,
    ),
  };
}

let oneByOne: Side;
let batched: Side;

beforeAll(async () => {
  oneByOne = await feed(1);
  batched = await feed(64);
}, underLoad(120_000));

describe('set-wise inbox processing', () => {
  test('a batch leaves the same cases, threads, clocks, outbox and audit trail as one event at a time', async () => {
    const one = await summary(oneByOne);
    const many = await summary(batched);
    expect(one.cases.length).toBeGreaterThan(40);
    expect(one.cases.some((c) => c.status !== 'new')).toBe(true);
    expect(one.events.some((e) => e.outcome === 'stale' || e.outcome === 'appended')).toBe(true);
    expect(many).toEqual(one);
    expect(batched.t.services.ingest.batchFallbacks()).toBe(0);
  });

  test('one new buyer opening two conversations in one batch becomes one customer with two cases', async () => {
    const { t, a } = batched;
    const shop = await createShop(a, 'tiktok');
    const chat = (conversation: string, n: number) => ({
      type: 14,
      tts_notification_id: `dup-buyer-${conversation}-${n}`,
      timestamp: Math.floor(NOW / 1000),
      data: {
        conversation_id: conversation,
        message_id: `${conversation}${n}`,
        type: 'TEXT',
        content: JSON.stringify({ content: `第${n}条：快递还没到` }),
        sender: { role: 'BUYER', nickname: '小林', im_user_id: '7294860000000099999' },
        create_time: Math.floor(NOW / 1000) + n,
      },
    });
    const fallbacks = t.services.ingest.batchFallbacks();
    for (const body of [
      chat('7294867890000000001', 1),
      chat('7294867890000000002', 2),
      chat('7294867890000000001', 3),
    ]) {
      expect((await push(t, shop, body)).statusCode).toBe(200);
    }
    await drain(t);
    expect(t.services.ingest.batchFallbacks()).toBe(fallbacks);
    const scope = scopeTo(t.database.db, a.tenantId);
    const buyers = await scope.select(customers, [eq(customers.shopId, shop.id)]);
    expect(buyers).toHaveLength(1);
    const cases = await scope.select(tickets, [eq(tickets.shopId, shop.id)]);
    expect(cases.map((c) => c.customerId)).toEqual([buyers[0]!.id, buyers[0]!.id]);
    const events = await scope.select(inboxEvents, [eq(inboxEvents.shopId, shop.id)]);
    expect(events.map((e) => `${e.outcome}:${e.attempts}`).sort()).toEqual([
      'appended:1',
      'created:1',
      'created:1',
    ]);
  });
});
