import { desc, eq, gte } from 'drizzle-orm';
import { messages, tickets } from '../db/schema/tickets.js';
import { triageCorrections, triageLexicon } from '../db/schema/triage.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type LexiconRow = typeof triageLexicon.$inferSelect;
export type CorrectionRow = typeof triageCorrections.$inferSelect;

/** The tenant's lexicon, newest first (a tenant keeps at most a few thousand terms). */
export const listLexicon = (scope: TenantScope) =>
  scope.select(triageLexicon, [], {
    orderBy: [desc(triageLexicon.createdAt), desc(triageLexicon.id)],
    limit: 5000,
  });

export const lexiconByTerm = (scope: TenantScope, term: string) =>
  scope.select(triageLexicon, [eq(triageLexicon.term, term)]);

export async function insertLexicon(
  scope: TenantScope,
  row: Omit<typeof triageLexicon.$inferInsert, 'tenantId'>,
) {
  const [inserted] = await scope.insert(triageLexicon, row);
  return inserted!;
}

/** The deleted entry, or undefined when the tenant has none with this id. */
export async function deleteLexicon(scope: TenantScope, id: string) {
  const [row] = await scope.delete(triageLexicon, eq(triageLexicon.id, id));
  return row;
}

export const insertCorrections = (
  scope: TenantScope,
  rows: Omit<typeof triageCorrections.$inferInsert, 'tenantId'>[],
) => scope.insert(triageCorrections, rows);

export const correctionsOf = (scope: TenantScope, ticketId: string) =>
  scope.select(triageCorrections, [eq(triageCorrections.ticketId, ticketId)], {
    orderBy: [desc(triageCorrections.createdAt), desc(triageCorrections.id)],
    limit: 500,
  });

export const correctionsSince = (scope: TenantScope, since: Date) =>
  scope.select(triageCorrections, [gte(triageCorrections.createdAt, since)], {
    orderBy: [desc(triageCorrections.createdAt), desc(triageCorrections.id)],
    limit: 50_000,
  });

/** Writes a ticket's triage verdict directly: a confirmation locks a field without changing the case. */
export const setTicketTriage = (scope: TenantScope, id: string, triage: Record<string, unknown>) =>
  scope.update(tickets, { triage }, eq(tickets.id, id));

export const findTicketMessage = (scope: TenantScope, ticketId: string, messageId: string) =>
  scope.first(messages, eq(messages.id, messageId), eq(messages.ticketId, ticketId));
