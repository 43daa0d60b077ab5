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
});
