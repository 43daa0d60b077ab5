import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedHistory } from '../../bench/_analytics-data.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';

// The case facts of many cases at once (drizzle/0051, set-wise): the same facts the triggers wrote,
// each case once however often its id is given, and the order line a case names. (0045's per-case
// version wrote the same facts, slowly: what changed is its cost, which no test here times.)
const end = new Date('2026-11-30T12:00:00Z');
let t: TestApp;
let a: TestClient;

async function rowsOf<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

const facts = () =>
  rowsOf<Record<string, unknown>>(
    sql`select * from analytics_case_facts where tenant_id = ${a.tenantId} order by ticket_id`,
  );

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock(end) });
  a = await t.signup('A');
  await seedHistory(t.database, {
    tenantId: a.tenantId,
    cases: 240,
    lines: 600,
    days: 30,
    end,
    agents: [a.userId],
  });
}, 600_000);

describe('the case facts of many cases at once', () => {
  test('are the facts the triggers wrote, each case once even when its id is given twice', async () => {
    const before = await facts();
    expect(before.length).toBeGreaterThan(240);
    await t.database.db.execute(
      sql`update analytics_case_facts set sku_id = null, batch = null, supplier_id = null, paid_fen = null,
            product_category = null, status = 'stale' where tenant_id = ${a.tenantId}`,
    );
    await t.database.db.execute(
      sql`select aftercare_upsert_case_facts(array_agg(id) || array_agg(id), tenant_id)
          from tickets where tenant_id = ${a.tenantId} group by tenant_id`,
    );
    expect(await facts()).toEqual(before);
  }, 120_000);

  test('a case that names its order line takes that line, not the dearest', async () => {
    const [pick] = await rowsOf<{ ticket: string; line: string; sku: string }>(
      sql`select t.id as ticket, x.id as line, x.sku_id as sku
          from tickets t
          join order_items x on x.tenant_id = t.tenant_id and x.order_id = t.order_id
          join analytics_case_facts f on f.tenant_id = t.tenant_id and f.ticket_id = t.id
          where t.tenant_id = ${a.tenantId} and x.sku_id is distinct from f.sku_id
          limit 1`,
    );
    expect(pick).toBeDefined();
    await t.database.db.execute(
      sql`update tickets set order_item_id = ${pick!.line} where tenant_id = ${a.tenantId} and id = ${pick!.ticket}`,
    );
    const [fact] = await rowsOf<{ sku_id: string }>(
      sql`select sku_id from analytics_case_facts where tenant_id = ${a.tenantId} and ticket_id = ${pick!.ticket}`,
    );
    expect(fact!.sku_id).toBe(pick!.sku);
  });

  test('an update rebuilds the facts when a column they are made of changed, and only then (0053)', async () => {
    const cases = await rowsOf<{ id: string }>(
      sql`select id from tickets where tenant_id = ${a.tenantId} and status <> 'closed' order by id limit 8`,
    );
    const [c1, c2, c3, c4, c5, c6, c7, c8] = cases.map((c) => c.id);
    const set = (id: string | undefined, assignment: ReturnType<typeof sql>) =>
      t.database.db.execute(
        sql`update tickets set ${assignment} where tenant_id = ${a.tenantId} and id = ${id}`,
      );
    // Each of these feeds the facts: one case per update, each column at least once.
    await set(c1, sql`severity = 'critical'`);
    await set(c2, sql`status = 'closed', closed_at = now(), root_cause = 'transit_damage'`);
    await set(c3, sql`assignee_id = null`);
    await set(c4, sql`categories = array['safety_hazard']`);
    await set(c5, sql`first_responded_at = now(), first_response_due_at = now() + interval '1 hour'`);
    await set(c6, sql`resolution_due_at = now() + interval '3 days'`);
    await set(c7, sql`created_at = created_at - interval '2 days'`);
    await set(c8, sql`kind = 'return_request', channel = 'hotline'`);
    // These do not, and leave the facts as they were.
    await t.database.db.execute(
      sql`update tickets set updated_at = now(), last_outbound_at = now(), next_response_due_at = now()
          where tenant_id = ${a.tenantId} and id in (${c1}, ${c2}, ${c3})`,
    );
    const written = await facts();
    await t.database.db.execute(
      sql`select aftercare_upsert_case_facts(array_agg(id), tenant_id)
          from tickets where tenant_id = ${a.tenantId} group by tenant_id`,
    );
    expect(await facts()).toEqual(written);
    const byId = new Map(written.map((f) => [f.ticket_id, f]));
    expect(byId.get(c1)!.severity).toBe('critical');
    expect(byId.get(c2)!.status).toBe('closed');
    expect(byId.get(c4)!.safety).toBe(true);
    expect(byId.get(c8)!.kind).toBe('return_request');
  });
});
