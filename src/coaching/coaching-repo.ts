import { desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { users } from '../db/schema/accounts.js';
import { coachingApprovals, coachingReviews, coachingTrainees } from '../db/schema/coaching.js';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type ReviewRow = typeof coachingReviews.$inferSelect;
export type ApprovalRow = typeof coachingApprovals.$inferSelect;

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(scope: TenantScope, query: SQL): Promise<T[]> =>
  ((await scope.db.execute(query)) as unknown as Rows<T>).rows;
const date = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

export type ClosedCase = {
  ticketId: string;
  number: number;
  subject: string;
  agentId: string;
  createdAt: Date;
  closedAt: Date;
  firstRespondedAt: Date | null;
  firstResponseDueAt: Date | null;
  reopened: boolean;
  replies: number;
  findings: number;
  playbookDone: number | null;
  playbookTotal: number | null;
  csat: number | null;
};

/** The closed cases of the period (by closing time), per agent they were assigned to, with their facts. */
export async function closedCases(
  scope: TenantScope,
  filter: { from: Date; to: Date; agentId?: string | undefined },
  limit: number,
): Promise<ClosedCase[]> {
  const t = scope.tenantId;
  const rows = await rowsOf<{
    id: string;
    number: number;
    subject: string;
    assignee_id: string;
    created_at: string | Date;
    closed_at: string | Date;
    first_responded_at: string | Date | null;
    first_response_due_at: string | Date | null;
    reopen_count: number;
    replies: unknown;
    findings: unknown;
    done: unknown;
    total: unknown;
    csat: unknown;
  }>(
    scope,
    sql`select tk.id, tk.number, tk.subject, tk.assignee_id, tk.created_at, tk.closed_at, tk.first_responded_at,
               tk.first_response_due_at, tk.reopen_count,
               (select count(*) from messages m where m.tenant_id = tk.tenant_id and m.ticket_id = tk.id
                  and m.direction = 'outbound' and m.author_id = tk.assignee_id) as replies,
               (select coalesce(sum(jsonb_array_length(r.findings)), 0) from reply_check_results r
                  where r.tenant_id = tk.tenant_id and r.ticket_id = tk.id and r.author_id = tk.assignee_id) as findings,
               jsonb_array_length(pr.done_steps) as done, jsonb_array_length(pb.steps) as total,
               (select f.score from analytics_feedback f where f.tenant_id = tk.tenant_id and f.ticket_id = tk.id
                  and f.kind = 'csat' order by f.at desc limit 1) as csat
        from tickets tk
        left join playbook_runs pr on pr.tenant_id = tk.tenant_id and pr.ticket_id = tk.id
        left join playbooks pb on pb.tenant_id = pr.tenant_id and pb.id = pr.playbook_id
        where tk.tenant_id = ${t} and tk.status = 'closed' and tk.assignee_id is not null
          and tk.closed_at >= ${filter.from.toISOString()}::timestamptz and tk.closed_at < ${filter.to.toISOString()}::timestamptz
          ${filter.agentId ? sql`and tk.assignee_id = ${filter.agentId}` : sql``}
        order by tk.closed_at desc, tk.id
        limit ${limit}`,
  );
  return rows.map((r) => ({
    ticketId: r.id,
    number: Number(r.number),
    subject: r.subject,
    agentId: r.assignee_id,
    createdAt: date(r.created_at)!,
    closedAt: date(r.closed_at)!,
    firstRespondedAt: date(r.first_responded_at),
    firstResponseDueAt: date(r.first_response_due_at),
    reopened: Number(r.reopen_count) > 0,
    replies: Number(r.replies),
    findings: Number(r.findings),
    playbookDone: r.done === null ? null : Number(r.done),
    playbookTotal: r.total === null ? null : Number(r.total),
    csat: r.csat === null || r.csat === undefined ? null : Number(r.csat),
  }));
}

export const listUsers = (scope: TenantScope) =>
  scope.select(users, [eq(users.disabled, false)], { orderBy: [users.name] });

export const findUser = (scope: TenantScope, id: string) => scope.first(users, eq(users.id, id));

export const findTicket = (scope: TenantScope, id: string) => scope.first(tickets, eq(tickets.id, id));

export const reviewsOf = (scope: TenantScope, ticketIds: string[]) =>
  ticketIds.length
    ? scope.select(coachingReviews, [inArray(coachingReviews.ticketId, ticketIds)])
    : Promise.resolve([]);

export async function upsertReview(scope: TenantScope, row: Omit<ReviewRow, 'tenantId'>) {
  const [saved] = await scope.insertEach(coachingReviews, [row], {
    onConflict: { target: [coachingReviews.tenantId, coachingReviews.ticketId], action: 'replace' },
  });
  return saved!;
}

export const examples = (scope: TenantScope, limit: number) =>
  scope.select(coachingReviews, [sql`${coachingReviews.example} is not null`], {
    orderBy: [desc(coachingReviews.reviewedAt)],
    limit,
  });

export const reviewCounts = async (scope: TenantScope) =>
  rowsOf<{ agent_id: string; reviewed: unknown; examples: unknown }>(
    scope,
    sql`select agent_id, count(*) as reviewed, count(example) as examples from coaching_reviews
        where tenant_id = ${scope.tenantId} and agent_id is not null group by agent_id`,
  );

export const trainees = (scope: TenantScope) => scope.select(coachingTrainees);

export const isTrainee = async (scope: TenantScope, userId: string) =>
  (await scope.first(coachingTrainees, eq(coachingTrainees.userId, userId))) !== undefined;

export async function setTrainee(scope: TenantScope, userId: string, training: boolean, by: string | null) {
  if (!training) {
    await scope.delete(coachingTrainees, eq(coachingTrainees.userId, userId));
    return;
  }
  await scope.insertEach(coachingTrainees, [{ userId, setBy: by }], {
    onConflict: { target: [coachingTrainees.tenantId, coachingTrainees.userId], action: 'keep' },
    returning: false,
  });
}

export async function insertApproval(scope: TenantScope, row: Omit<ApprovalRow, 'tenantId' | 'createdAt'>) {
  const [saved] = await scope.insert(coachingApprovals, row);
  return saved!;
}

export const findApproval = (scope: TenantScope, id: string) =>
  scope.first(coachingApprovals, eq(coachingApprovals.id, id));

/** Locks a pending approval for its decision (a second supervisor waits, then finds it decided). */
export async function lockPending(scope: TenantScope, id: string) {
  const rows = await rowsOf<{ id: string }>(
    scope,
    sql`select id from coaching_approvals where tenant_id = ${scope.tenantId} and id = ${id} and status = 'pending' for update`,
  );
  return rows.length > 0;
}

export const decideApproval = (
  scope: TenantScope,
  id: string,
  set: Partial<Omit<ApprovalRow, 'tenantId' | 'id'>>,
) => scope.update(coachingApprovals, set, eq(coachingApprovals.id, id));

export const listApprovals = (
  scope: TenantScope,
  filter: { status?: ApprovalRow['status'] | undefined; agentId?: string | undefined },
  limit: number,
) =>
  scope.select(
    coachingApprovals,
    [
      filter.status ? eq(coachingApprovals.status, filter.status) : undefined,
      filter.agentId ? eq(coachingApprovals.agentId, filter.agentId) : undefined,
    ],
    { orderBy: [desc(coachingApprovals.createdAt), desc(coachingApprovals.id)], limit },
  );
