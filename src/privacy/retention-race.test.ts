import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop } from '../ingest/testing.js';
import { fixedClock } from '../shared/clock.js';

// PostgreSQL only: PGlite has one connection, so two passes never overlap there.
const onPostgres = Boolean(process.env.DATABASE_URL);
const DAY = 86_400_000;
const clock = fixedClock('2026-06-01T08:00:00Z');
let t: TestApp;
let a: TestClient;

beforeAll(async () => {
  t = await createTestApp({ clock, sessionTtlHours: 24 * 400 });
  a = await t.signup('Retention race');
});

async function aClosedCase(shopId: string, name: string) {
  const ticket = (
    await a.request('POST', '/api/v1/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '杯子有裂缝',
      body: `${name}：杯子有裂缝`,
      shopId,
      customer: { name },
    })
  ).json();
  const closed = await a.request('POST', `/api/v1/tickets/${ticket.id}/status`, {
    status: 'closed',
    rootCause: 'supplier_defect',
    resolution: '换货',
  });
  expect(closed.statusCode, closed.body).toBe(200);
  return ticket.customerId as string;
}

/** Backends of this database waiting for a lock (the two passes, held at their first write). */
const waitingForLocks = async () =>
  (
    await t.database.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    )
  )[0]!.n;

describe.skipIf(!onPostgres)('retention on two workers at once', () => {
  test('both passes pick the same buyers; each buyer is erased once and neither pass fails', async () => {
    const shopId = (await createShop(a, 'douyin')).id;
    const buyers = [await aClosedCase(shopId, '王女士'), await aClosedCase(shopId, '李先生')];
    expect((await a.request('PUT', '/api/v1/privacy/settings', { retentionDays: 30 })).statusCode).toBe(200);
    clock.advance(31 * DAY);

    // Hold every write to the erasure records until both passes have read the same due buyers
    // and reached their first erasure.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const holder = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`lock table personal_data_erasures in exclusive mode`);
      held();
      await released;
    });
    await holding;
    const passes = Promise.allSettled([
      t.services.privacy.runAllRetention(),
      t.services.privacy.runAllRetention(),
    ]);
    while ((await waitingForLocks()) < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await holder;
    const outcomes = await passes;

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    const erased = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 0));
    expect(erased[0]! + erased[1]!).toBe(buyers.length);
    const records = await t.database.query<{ customer_id: string }>(
      'select customer_id from personal_data_erasures where tenant_id = $1 order by customer_id',
      [a.tenantId],
    );
    expect(records.map((r) => r.customer_id)).toEqual([...buyers].sort());
    const audited = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_events where tenant_id = $1 and action = 'personal_data_erased'",
      [a.tenantId],
    );
    expect(audited[0]!.n).toBe(buyers.length);
    const names = await t.database.query<{ name: string }>(
      'select name from customers where tenant_id = $1 order by name',
      [a.tenantId],
    );
    expect(names.map((c) => c.name).sort()).toEqual(['李**', '王**']);
  });
});
