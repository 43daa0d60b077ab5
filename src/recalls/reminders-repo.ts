import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { TenantScope } from '../db/tenant-scope.js';

type Rows<T> = { rows: T[] };

/**
 * Campaigns whose next reminder wave is due, across tenants: one probe per tenant on
 * recalls_reminder_due (tenant first), the way the SLA sweep finds its tenants.
 */
export async function dueReminders(
  db: Db,
  now: Date,
  limit: number,
): Promise<{ tenantId: string; id: string }[]> {
  const result = (await db.execute(sql`
    select r.tenant_id as "tenantId", r.id from tenants t
    cross join lateral (
      select tenant_id, id from recalls
      where tenant_id = t.tenant_id and next_reminder_at is not null and next_reminder_at <= ${now.toISOString()}::timestamptz
      order by next_reminder_at limit ${limit}) r
    limit ${limit}`)) as unknown as Rows<{ tenantId: string; id: string }>;
  return result.rows;
}

/** Nothing due any more for this campaign (it moved on, or its wave could not go). */
export async function clearReminder(scope: TenantScope, id: string): Promise<void> {
  await scope.db.execute(
    sql`update recalls set next_reminder_at = null where tenant_id = ${scope.tenantId} and id = ${id}`,
  );
}
