import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../auth/roles.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { systemClock } from '../shared/clock.js';
import { DEFAULT_CARE_SETTINGS } from './care-rules.js';
import { createCareService } from './care-service.js';

// Follow-ups (回访) some days after a case closed: written into the case by the ticket service, on the
// buyer's private conversation only, once per case, within the proactive limit, never after 退订.

let t: TestApp;
let a: TestClient;
let b: TestClient;
let supervisor: TestClient;
let shopId: string;
const DAY = 86_400_000;

const ok = async (client: TestClient, method: 'POST' | 'PUT', url: string, payload?: unknown) => {
  const res = await client.request(method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
};

/** A case of a new buyer on the shop, closed `daysAgo` days ago. */
async function aClosedCase(channel: string, over: { customerId?: string; daysAgo?: number } = {}) {
  const ticket = await ok(a, 'POST', '/api/v1/tickets', {
    kind: channel === 'review' ? 'negative_review' : 'inquiry',
    channel,
    subject: '杯盖拧不紧',
    body: '杯盖拧不紧，会漏水',
    shopId,
    ...(over.customerId
      ? { customerId: over.customerId }
      : { customer: { name: '李先生', externalId: `b-${Math.random().toString(36).slice(2)}` } }),
    externalRef: `chat:${Math.random().toString(36).slice(2)}`,
  });
  await ok(a, 'POST', `/api/v1/tickets/${ticket.id}/status`, {
    status: 'closed',
    rootCause: 'customer_misuse',
  });
  // The case closed days ago (the clock of the test is the system's).
  await t.database.db.execute(
    sql`update tickets set closed_at = ${new Date(Date.now() - (over.daysAgo ?? 4) * DAY).toISOString()}::timestamptz
        where id = ${ticket.id}`,
  );
  return ticket as { id: string; number: number; customerId: string };
}

const range = () =>
  `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`;
const followUps = async (client: TestClient = a) =>
  (await client.request('GET', `/api/v1/care/follow-ups?${range()}`)).json().items as {
    id: string;
    body: string | null;
    ticketId: string;
    state: string;
    skipReason: string | null;
    messageId: string | null;
    deliveryStatus: string | null;
    answeredAt: string | null;
  }[];
const upcoming = async (client: TestClient = a) =>
  (await client.request('GET', '/api/v1/care/follow-ups/upcoming')).json() as {
    enabled: boolean;
    items: { ticketId: string; closedAt: string; dueAt: string }[];
  };

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  supervisor = await a.addUser('supervisor');
  shopId = (
    await ok(a, 'POST', '/api/v1/shops', { platform: 'douyin', name: '杯具店', appKey: 'k', appSecret: 's' })
  ).id;
});

describe('follow-ups after a case closes', () => {
  test('off by default: nothing is written', async () => {
    const settings = (await a.request('GET', '/api/v1/care/settings')).json();
    expect(settings).toMatchObject({ followUpEnabled: false, followUpDays: 3 });
    await aClosedCase('platform_message');
    expect((await ok(supervisor, 'POST', '/api/v1/care/run')).followUps).toBe(0);
    expect(await followUps()).toEqual([]);
    expect(await upcoming()).toEqual({ enabled: false, followUpDays: 3, items: [] });
  });

  test('switched on, a closed private case gets one follow-up in its thread; public and opted-out ones none', async () => {
    await ok(supervisor, 'PUT', '/api/v1/care/settings', {
      ...DEFAULT_CARE_SETTINGS,
      followUpEnabled: true,
      followUpDays: 3,
      holdoutPercent: 0,
    });
    const chat = await aClosedCase('platform_message');
    const recent = await aClosedCase('platform_message', { daysAgo: 1 });
    const review = await aClosedCase('review');
    const stopped = await aClosedCase('platform_message');
    await ok(a, 'PUT', `/api/v1/care/opt-outs/${stopped.customerId}`);
    const again = await aClosedCase('platform_message', { customerId: chat.customerId });

    const run = await ok(supervisor, 'POST', '/api/v1/care/run');
    expect(run.followUps).toBeGreaterThanOrEqual(1);
    const list = await followUps();
    const of = (id: string) => list.find((f) => f.ticketId === id);
    expect(of(chat.id)).toMatchObject({ state: 'written' });
    expect(of(chat.id)!.deliveryStatus).not.toBe('sent');
    expect(of(recent.id)).toBeUndefined(); // not due yet
    expect(of(review.id)).toMatchObject({ state: 'skipped', skipReason: 'public_channel' });
    expect(of(stopped.id)).toMatchObject({ state: 'skipped', skipReason: 'opted_out' });
    // The same buyer's second case: one proactive message per 7 days (the care limit, shared).
    expect(of(again.id)).toMatchObject({ state: 'skipped', skipReason: 'rate_limited' });

    const thread = (await a.request('GET', `/api/v1/tickets/${chat.id}/messages`)).json().items as {
      id: string;
      direction: string;
      body: string;
    }[];
    const written = thread.find((m) => m.id === of(chat.id)!.messageId)!;
    expect(written.direction).toBe('outbound');
    expect(written.body).toContain('回访');
    expect(written.body).toContain('退订');
    const ticket = (await a.request('GET', `/api/v1/tickets/${chat.id}`)).json();
    expect(ticket.status).toBe('closed');

    // The case closed yesterday is coming (due two days from now); the review never will be.
    const coming = await upcoming();
    expect(coming.enabled).toBe(true);
    const next = coming.items.find((u) => u.ticketId === recent.id)!;
    expect(new Date(next.dueAt).getTime() - new Date(next.closedAt).getTime()).toBe(3 * DAY);
    expect(coming.items.map((u) => u.ticketId)).not.toContain(review.id);

    // The buyer answers the follow-up: the list says so.
    expect(of(chat.id)!.answeredAt).toBeNull();
    await ok(a, 'POST', `/api/v1/tickets/${chat.id}/messages`, {
      direction: 'inbound',
      body: '还是有点漏水',
    });
    const answered = (await followUps()).find((f) => f.ticketId === chat.id)!;
    expect(answered.answeredAt).not.toBeNull();

    // Once per case: a second run writes nothing more.
    await ok(supervisor, 'POST', '/api/v1/care/run');
    expect((await followUps()).filter((f) => f.ticketId === chat.id)).toHaveLength(1);
  });

  test('a hold-out draw gets no follow-up, and the report compares the buyers who came back', async () => {
    await ok(supervisor, 'PUT', '/api/v1/care/settings', {
      ...DEFAULT_CARE_SETTINGS,
      followUpEnabled: true,
      holdoutPercent: 20,
    });
    const held = createCareService({
      db: t.database.db,
      clock: systemClock,
      tickets: t.services.tickets,
      roll: () => 0,
    });
    const kase = await aClosedCase('after_sales', { daysAgo: 5 });
    const before = (await a.request('GET', `/api/v1/tickets/${kase.id}/messages`)).json().items.length;
    await held.run(systemActor(a.tenantId));
    const row = (await followUps()).find((f) => f.ticketId === kase.id)!;
    expect(row).toMatchObject({ state: 'holdout', messageId: null, skipReason: null });
    expect((await a.request('GET', `/api/v1/tickets/${kase.id}/messages`)).json().items).toHaveLength(before);

    // The held-out buyer comes back with a negative review after the close.
    await ok(a, 'POST', '/api/v1/tickets', {
      kind: 'negative_review',
      channel: 'review',
      subject: '差评',
      body: '杯盖还是拧不紧，差评',
      shopId,
      customerId: kase.customerId,
      externalRef: `review:${Math.random().toString(36).slice(2)}`,
    });
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    const to = new Date(Date.now() + DAY).toISOString();
    const report = (
      await supervisor.request('GET', `/api/v1/care/follow-ups/report?from=${from}&to=${to}`)
    ).json();
    expect(report.holdout).toEqual({ cases: 1, complaints: 0, negativeReviews: 1 });
    expect(report.written.cases).toBeGreaterThanOrEqual(1);
    expect(report.enough).toBe(false);
    const negative = report.metrics.find((m: { metric: string }) => m.metric === 'negativeReviews');
    expect(negative.holdoutRate).toBe(100);
    expect(negative.differencePp).toBeLessThan(0);
    // An agent does not see the report; another tenant's is empty.
    const agent = await a.addUser('agent');
    expect(
      (await agent.request('GET', `/api/v1/care/follow-ups/report?from=${from}&to=${to}`)).statusCode,
    ).toBe(403);
    const other = (
      await (
        await b.addUser('supervisor')
      ).request('GET', `/api/v1/care/follow-ups/report?from=${from}&to=${to}`)
    ).json();
    expect(other.written.cases + other.holdout.cases).toBe(0);
    const bad = await supervisor.request('GET', `/api/v1/care/follow-ups/report?from=${to}&to=${from}`);
    expect(bad.statusCode).toBe(400);
  });

  test('a follow-up waiting for a person is marked sent by hand: audited, and never "delivered by the platform"', async () => {
    await ok(supervisor, 'PUT', '/api/v1/care/settings', {
      ...DEFAULT_CARE_SETTINGS,
      followUpEnabled: true,
      followUpDays: 3,
      holdoutPercent: 0,
    });
    const chat = await aClosedCase('platform_message');
    await ok(supervisor, 'POST', '/api/v1/care/run');
    const mine = (await followUps()).find((f) => f.ticketId === chat.id)!;
    // Douyin has no API into a chat: the follow-up waits for a person, with its text to copy.
    expect(mine).toMatchObject({ state: 'written', deliveryStatus: 'manual' });
    expect(mine.body).toContain('回访');

    // Another tenant cannot mark it; a bad id is a 400; neither changes it.
    expect((await b.request('POST', `/api/v1/care/follow-ups/${mine.id}/sent-by-hand`)).statusCode).toBe(404);
    const bad = await a.request('POST', '/api/v1/care/follow-ups/nope/sent-by-hand');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');

    const id = mine.id;
    expect(await ok(a, 'POST', `/api/v1/care/follow-ups/${id}/sent-by-hand`)).toEqual({
      id,
      ticketId: chat.id,
      deliveryStatus: 'sent_by_hand',
    });
    expect((await followUps()).find((f) => f.ticketId === chat.id)!.deliveryStatus).toBe('sent_by_hand');
    const thread = (await a.request('GET', `/api/v1/tickets/${chat.id}/messages`)).json().items as {
      id: string;
      delivery: unknown;
    }[];
    expect(thread.find((m) => m.id === mine.messageId)!.delivery).toEqual({ state: 'sent', byHand: true });
    const { items } = (await a.request('GET', `/api/v1/tickets/${chat.id}/audit`)).json() as {
      items: { action: string; actorType: string }[];
    };
    expect(items.find((e) => e.action === 'message_sent_by_hand')).toMatchObject({ actorType: 'user' });

    // Only once: it is no longer waiting for a person.
    const again = await a.request('POST', `/api/v1/care/follow-ups/${id}/sent-by-hand`);
    expect(again.statusCode).toBe(409);
  });

  test('bad settings are refused; another tenant sees none of these follow-ups', async () => {
    const bad = await supervisor.request('PUT', '/api/v1/care/settings', {
      ...DEFAULT_CARE_SETTINGS,
      followUpEnabled: true,
      followUpDays: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(await followUps(b)).toEqual([]);
    expect((await upcoming(b)).items).toEqual([]);
    const badLimit = await a.request('GET', '/api/v1/care/follow-ups/upcoming?limit=0');
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().error.code).toBe('VALIDATION_FAILED');
    const wrong = await a.request('GET', '/api/v1/care/follow-ups?from=2026-01-02&to=2026-01-01');
    expect(wrong.statusCode).toBe(400);
  });
});
