import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditEvents, tenantCounters, tenants } from '../db/schema/accounts.js';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

/** The tenant counter that says the subject backfill ran to the end (value = its version). */
export const BACKFILL_MARK = 'backfill:masked_subjects';

/** Tenants whose old subjects have not been masked yet. */
export async function tenantsToBackfill(db: Db, version: number): Promise<string[]> {
  const rows = await db
    .select({ tenantId: tenants.tenantId })
    .from(tenants)
    .where(
      sql`not exists (select 1 from ${tenantCounters} c where c.tenant_id = ${tenants.tenantId}
        and c.name = ${BACKFILL_MARK} and c.value >= ${version})`,
    )
    .orderBy(asc(tenants.tenantId));
  return rows.map((r) => r.tenantId);
}

export async function markBackfilled(scope: TenantScope, version: number) {
  await scope.db
    .insert(tenantCounters)
    .values({ tenantId: scope.tenantId, name: BACKFILL_MARK, value: version })
    .onConflictDoUpdate({ target: [tenantCounters.tenantId, tenantCounters.name], set: { value: version } });
}

/** The next page of case subjects in id order (keyset: never an offset over millions of rows). */
export const subjectsAfter = (scope: TenantScope, afterId: string | null, limit: number) =>
  scope.db
    .select({ id: tickets.id, subject: tickets.subject })
    .from(tickets)
    .where(scope.where(tickets, afterId ? gt(tickets.id, afterId) : undefined))
    .orderBy(asc(tickets.id))
    .limit(limit);

/** The next page of a case's audit entries that carry a subject before or after. */
export const subjectAuditAfter = (scope: TenantScope, afterId: string | null, limit: number) =>
  scope.db
    .select({ id: auditEvents.id, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .where(
      scope.where(
        auditEvents,
        eq(auditEvents.entityType, 'ticket'),
        sql`(${auditEvents.before} ? 'subject' or ${auditEvents.after} ? 'subject')`,
        afterId ? gt(auditEvents.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(auditEvents.id))
    .limit(limit);

export async function rewriteAudit(
  scope: TenantScope,
  rows: { id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[],
) {
  for (const row of rows) {
    await scope.db
      .update(auditEvents)
      .set({ before: row.before, after: row.after })
      .where(and(scope.where(auditEvents), eq(auditEvents.id, row.id)));
  }
}
