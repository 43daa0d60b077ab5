import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { deadlineReminders } from '../db/schema/disputes.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { ReminderStatus } from './dispute-types.js';

export type ReminderRow = typeof deadlineReminders.$inferSelect;
export type NewReminder = Omit<typeof deadlineReminders.$inferInsert, 'tenantId'>;

type Rows<T> = { rows: T[] };
const iso = (d: Date) => d.toISOString();

export type DisputeDeadlineRow = {
  tenantId: string;
  id: string;
  status: string;
  evidenceDueAt: Date | null;
  responseDueAt: Date | null;
  acceptanceDueAt: Date | null;
  mediationEndsAt: Date | null;
};
export type PenaltyDeadlineRow = {
  tenantId: string;
  id: string;
  status: string;
  appealDueAt: Date | null;
  decisionExpectedBy: Date | null;
};

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/**
 * Disputes of every tenant with a deadline inside the reminder window (the worker runs for all
 * tenants); few rows per tenant are ever open, so a scan of the open ones is cheap.
 */
export async function disputesInWindow(db: Db, from: Date, to: Date, limit: number) {
  const result = (await db.execute(sql`
    select tenant_id, id, status, evidence_due_at, response_due_at, acceptance_due_at, mediation_ends_at
    from disputes
    where status <> 'closed' and (
      evidence_due_at between ${iso(from)}::timestamptz and ${iso(to)}::timestamptz
      or response_due_at between ${iso(from)}::timestamptz and ${iso(to)}::timestamptz
      or acceptance_due_at between ${iso(from)}::timestamptz and ${iso(to)}::timestamptz
      or mediation_ends_at between ${iso(from)}::timestamptz and ${iso(to)}::timestamptz)
    limit ${limit}`)) as unknown as Rows<Record<string, unknown>>;
  return result.rows.map(
    (r): DisputeDeadlineRow => ({
      tenantId: r.tenant_id as string,
      id: r.id as string,
      status: r.status as string,
      evidenceDueAt: date(r.evidence_due_at),
      responseDueAt: date(r.response_due_at),
      acceptanceDueAt: date(r.acceptance_due_at),
      mediationEndsAt: date(r.mediation_ends_at),
    }),
  );
}

export async function penaltiesInWindow(db: Db, from: Date, to: Date, limit: number) {
  const result = (await db.execute(sql`
    select tenant_id, id, status, appeal_due_at, decision_expected_by from penalties
    where status in ('open', 'appealed')
      and next_due_at between ${iso(from)}::timestamptz and ${iso(to)}::timestamptz
    limit ${limit}`)) as unknown as Rows<Record<string, unknown>>;
  return result.rows.map(
    (r): PenaltyDeadlineRow => ({
      tenantId: r.tenant_id as string,
      id: r.id as string,
      status: r.status as string,
      appealDueAt: date(r.appeal_due_at),
      decisionExpectedBy: date(r.decision_expected_by),
    }),
  );
}

/** Inserts the reminder unless it was raised before (by this or another worker): true when new. */
export async function raiseOnce(db: Db, tenantId: string, row: NewReminder): Promise<boolean> {
  const inserted = await db
    .insert(deadlineReminders)
    .values({ ...row, tenantId })
    .onConflictDoNothing()
    .returning({ id: deadlineReminders.id });
  return inserted.length > 0;
}

/** Reminders not yet resolved, of every tenant, with their subject's deadlines now (null: subject gone). */
export async function unresolvedWithSubjects(db: Db, limit: number) {
  const result = (await db.execute(sql`
    select r.tenant_id, r.id, r.deadline, r.due_at, r.subject_type,
      coalesce(d.status, p.status) as subject_status,
      d.evidence_due_at, d.response_due_at, d.acceptance_due_at, d.mediation_ends_at,
      p.appeal_due_at, p.decision_expected_by
    from deadline_reminders r
    left join disputes d on r.subject_type = 'dispute' and d.tenant_id = r.tenant_id and d.id = r.subject_id
    left join penalties p on r.subject_type = 'penalty' and p.tenant_id = r.tenant_id and p.id = r.subject_id
    where r.status in ('open', 'acknowledged')
    order by r.due_at limit ${limit}`)) as unknown as Rows<Record<string, unknown>>;
  return result.rows.map((r) => ({
    tenantId: r.tenant_id as string,
    id: r.id as string,
    deadline: r.deadline as string,
    dueAt: new Date(r.due_at as string),
    subjectType: r.subject_type as 'dispute' | 'penalty',
    subjectStatus: (r.subject_status as string | null) ?? null,
    dispute: {
      status: (r.subject_status as string | null) ?? 'closed',
      evidenceDueAt: date(r.evidence_due_at),
      responseDueAt: date(r.response_due_at),
      acceptanceDueAt: date(r.acceptance_due_at),
      mediationEndsAt: date(r.mediation_ends_at),
    },
    penalty: {
      status: (r.subject_status as string | null) ?? 'decided',
      appealDueAt: date(r.appeal_due_at),
      decisionExpectedBy: date(r.decision_expected_by),
    },
  }));
}

export async function resolve(db: Db, tenantId: string, ids: string[], at: Date): Promise<void> {
  if (!ids.length) return;
  await db
    .update(deadlineReminders)
    .set({ status: 'resolved', resolvedAt: at })
    .where(and(eq(deadlineReminders.tenantId, tenantId), inArray(deadlineReminders.id, ids)));
}

export const listReminders = (scope: TenantScope, statuses: ReminderStatus[], limit: number) =>
  scope.select(deadlineReminders, [inArray(deadlineReminders.status, statuses)], {
    orderBy: [asc(deadlineReminders.dueAt), asc(deadlineReminders.id)],
    limit,
  });

export const findReminder = (scope: TenantScope, id: string) =>
  scope.first(deadlineReminders, eq(deadlineReminders.id, id));

export async function acknowledge(scope: TenantScope, id: string, at: Date, byName: string) {
  const [row] = await scope.update(
    deadlineReminders,
    { status: 'acknowledged', acknowledgedAt: at, acknowledgedByName: byName },
    eq(deadlineReminders.id, id),
    eq(deadlineReminders.status, 'open'),
  );
  return row;
}
