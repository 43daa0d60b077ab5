import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recallInquiries } from '../db/schema/recalls.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { rowsOf } from './affected-repo.js';

export type InquiryRow = typeof recallInquiries.$inferSelect;
export type NewInquiry = Omit<typeof recallInquiries.$inferInsert, 'tenantId'>;

/** A question already queued for the same message is kept (the unique key decides). */
export async function insertInquiries(scope: TenantScope, rows: NewInquiry[]): Promise<void> {
  if (!rows.length) return;
  await scope.db
    .insert(recallInquiries)
    .values(rows.map((r) => ({ ...r, tenantId: scope.tenantId })))
    .onConflictDoNothing();
}

export const listInquiries = (scope: TenantScope, recallId: string, limit: number) =>
  scope.select(recallInquiries, [eq(recallInquiries.recallId, recallId)], {
    orderBy: [desc(recallInquiries.createdAt)],
    limit,
  });
export const findInquiry = (scope: TenantScope, recallId: string, id: string) =>
  scope.first(recallInquiries, eq(recallInquiries.recallId, recallId), eq(recallInquiries.id, id));
export const findInquiries = (scope: TenantScope, ids: string[]) =>
  ids.length ? scope.select(recallInquiries, [inArray(recallInquiries.id, ids)]) : Promise.resolve([]);
export const inquiriesOfTickets = (scope: TenantScope, ticketIds: string[]) =>
  ticketIds.length
    ? scope.select(recallInquiries, [inArray(recallInquiries.ticketId, ticketIds)])
    : Promise.resolve([]);

export const setInquiryState = (
  scope: TenantScope,
  ids: string[],
  set: Pick<Partial<InquiryRow>, 'answerState' | 'answeredAt'>,
) =>
  ids.length ? scope.update(recallInquiries, set, inArray(recallInquiries.id, ids)) : Promise.resolve([]);

export type QueueRow = {
  id: string;
  ticket_id: string;
  number: number | string;
  ticket_status: string;
  subject: string | null;
  customer_name: string | null;
  locale: string | null;
  question: string;
  matched_by: string;
  in_scope: boolean;
  answer_state: string;
  created_at: string | Date;
  answered_at: string | Date | null;
};

/** The recall queue: recognised questions, newest first, with their case and buyer. */
export const listInquiryQueue = (scope: TenantScope, recallId: string, limit: number) =>
  rowsOf<QueueRow>(
    scope,
    sql`select i.id, i.ticket_id, i.question, i.matched_by, i.in_scope, i.answer_state, i.created_at, i.answered_at,
               t.number, t.status as ticket_status, t.subject, c.name as customer_name, c.locale
        from recall_inquiries i
        join tickets t on t.tenant_id = i.tenant_id and t.id = i.ticket_id
        left join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
        where i.tenant_id = ${scope.tenantId} and i.recall_id = ${recallId}
        order by i.created_at desc limit ${limit}`,
  );

export type DueInquiry = { tenant_id: string; id: string; recall_id: string };

/**
 * The automatic answers due, across tenants (the worker's sweep), locked until the caller's
 * transaction ends: another worker skips them (SKIP LOCKED) and takes the next ones, and a worker
 * that dies before its commit leaves them due rather than half-claimed. Call inside a transaction.
 */
export async function lockDueAutoAnswers(tx: Db, limit: number): Promise<DueInquiry[]> {
  const result = (await tx.execute(sql`
    select tenant_id, id, recall_id from recall_inquiries where answer_state = 'auto_pending'
    order by created_at limit ${limit} for update skip locked`)) as unknown as { rows: DueInquiry[] };
  return result.rows;
}
