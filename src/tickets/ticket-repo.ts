import { and, arrayContains, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { shops, tenantCounters, users } from '../db/schema/accounts.js';
import { searchDocs } from '../db/schema/search.js';
import { customers, messages, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { bucketMatch, tenantWeeks } from '../search/bucket-repo.js';
import { openCaseMatch } from '../search/open-case-repo.js';
import { afterCursor, type Cursor, SORTS, type SortSpec, type TicketSort } from './ticket-sort-repo.js';
import {
  TEXT_COUNT_UP_TO,
  type TextPlan,
  type TextScope,
  textPageIds,
  tooManyToCount,
} from './ticket-text-repo.js';
import type { Severity, TicketChannel, TicketKind, TicketStatus } from './ticket-types.js';

export type { Cursor, TicketSort } from './ticket-sort-repo.js';
export type { TextPlan } from './ticket-text-repo.js';

export type TicketRow = typeof tickets.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

export type TicketFilter = {
  statuses?: TicketStatus[] | undefined;
  openOnly?: boolean | undefined;
  kinds?: TicketKind[] | undefined;
  channels?: TicketChannel[] | undefined;
  shopIds?: string[] | undefined;
  assigneeId?: string | null | undefined;
  severities?: Severity[] | undefined;
  category?: string | undefined;
  tag?: string | undefined;
  customerId?: string | undefined;
  orderId?: string | undefined;
  /** Full-text terms (src/search/terms.ts queryTerms): the case's subject or a message holds them all. */
  text?: string[] | undefined;
};

export type TicketListRow = TicketRow & {
  shopName: string | null;
  shopPlatform: string | null;
  customerName: string | null;
  assigneeName: string | null;
};

const assignee = alias(users, 'assignee');

/**
 * Reserves `count` consecutive per-tenant numbers and returns the first; the counter row stays
 * locked until the caller's transaction ends, so numbers have no gaps and never repeat.
 */
export async function reserveTicketNumbers(scope: TenantScope, count: number): Promise<number> {
  const rows = await scope.db
    .insert(tenantCounters)
    .values({ tenantId: scope.tenantId, name: 'ticket', value: count })
    .onConflictDoUpdate({
      target: [tenantCounters.tenantId, tenantCounters.name],
      set: { value: sql`${tenantCounters.value} + ${count}` },
    })
    .returning({ value: tenantCounters.value });
  return Number(rows[0]!.value) - count + 1;
}

export const insertTickets = (scope: TenantScope, rows: Omit<typeof tickets.$inferInsert, 'tenantId'>[]) =>
  scope.insertEach(tickets, rows);

export const findTicket = (scope: TenantScope, id: string) => scope.first(tickets, eq(tickets.id, id));

export const findTickets = (scope: TenantScope, ids: string[]) =>
  scope.select(tickets, [inArray(tickets.id, ids)]);

/** Reads tickets and locks their rows, in id order so concurrent batches take locks alike. */
export async function lockTickets(scope: TenantScope, ids: string[]): Promise<TicketRow[]> {
  return scope.db
    .select()
    .from(tickets)
    .where(scope.where(tickets, inArray(tickets.id, ids)))
    .orderBy(asc(tickets.id))
    .for('update');
}

/** Reads a ticket and locks its row for the rest of the transaction (status changes, replies). */
export async function lockTicket(scope: TenantScope, id: string): Promise<TicketRow | undefined> {
  const rows = await scope.db
    .select()
    .from(tickets)
    .where(scope.where(tickets, eq(tickets.id, id)))
    .for('update');
  return rows[0];
}

export const updateTicket = async (
  scope: TenantScope,
  id: string,
  set: Partial<Omit<TicketRow, 'tenantId' | 'id'>>,
) => (await scope.update(tickets, set, eq(tickets.id, id)))[0]!;

/** Many tickets, each with its own values: one statement per distinct set of columns. */
export const updateTickets = (
  scope: TenantScope,
  rows: { id: string; set: Partial<Omit<TicketRow, 'tenantId' | 'id'>> }[],
): Promise<TicketRow[]> => scope.updateEach(tickets, rows);

/**
 * The filter as conditions on tickets. A text filter needs its scope (`textScope`): the open cases'
 * words, or the tenant's weeks of documents (the search index is keyed by tenant and week).
 */
export function filterConditions(f: TicketFilter, text?: TextScope): (SQL | undefined)[] {
  return [
    f.statuses?.length ? inArray(tickets.status, f.statuses) : undefined,
    f.openOnly ? ne(tickets.status, 'closed') : undefined,
    f.kinds?.length ? inArray(tickets.kind, f.kinds) : undefined,
    f.channels?.length ? inArray(tickets.channel, f.channels) : undefined,
    f.shopIds?.length === 1
      ? eq(tickets.shopId, f.shopIds[0]!)
      : f.shopIds?.length
        ? inArray(tickets.shopId, f.shopIds)
        : undefined,
    f.assigneeId === null
      ? isNull(tickets.assigneeId)
      : f.assigneeId
        ? eq(tickets.assigneeId, f.assigneeId)
        : undefined,
    f.severities?.length === 1
      ? eq(tickets.severity, f.severities[0]!)
      : f.severities?.length
        ? inArray(tickets.severity, f.severities)
        : undefined,
    f.category ? arrayContains(tickets.categories, [f.category]) : undefined,
    f.tag ? arrayContains(tickets.tags, [f.tag]) : undefined,
    f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
    f.orderId ? eq(tickets.orderId, f.orderId) : undefined,
    f.text ? textCondition(f.text, text) : undefined,
  ];
}

/** Where a text filter looks; undefined without one. */
export async function textScope(scope: TenantScope, f: TicketFilter): Promise<TextScope | undefined> {
  if (!f.text?.length) return undefined;
  if (excludesClosed(f)) return { tenantId: scope.tenantId, open: true };
  return { tenantId: scope.tenantId, open: false, weeks: await tenantWeeks(scope) };
}

const excludesClosed = (f: TicketFilter) =>
  f.openOnly === true || (!!f.statuses?.length && !f.statuses.includes('closed'));

function textCondition(terms: string[], text: TextScope | undefined): SQL {
  if (!terms.length) return sql`false`;
  if (!text) throw new Error('a text filter needs its scope (textScope)');
  if (text.open) return openCaseMatch(text.tenantId, tickets.id, terms);
  return text.weeks.length
    ? sql`exists (select 1 from ${searchDocs} where ${searchDocs.ticketId} = ${tickets.id} and ${bucketMatch(text.tenantId, text.weeks, terms)})`
    : sql`false`;
}

export async function listTickets(
  scope: TenantScope,
  filter: TicketFilter,
  sort: TicketSort,
  limit: number,
  cursor: Cursor | null,
  textPlan: TextPlan = 'auto',
  walkLimit?: number,
): Promise<{ rows: TicketListRow[]; nextCursor: Cursor | null }> {
  const s = SORTS[sort];
  const after = cursor ? [afterCursor(s, cursor)] : [];
  const text = await textScope(scope, filter);
  if (filter.text?.length && text) {
    const conditions = [...filterConditions({ ...filter, text: undefined }), ...after];
    const ids = await textPageIds(
      scope,
      { conditions, terms: filter.text, sort: s, limit, text },
      textPlan,
      walkLimit,
    );
    if (ids)
      return ids.length
        ? listPage(scope, [inArray(tickets.id, ids)], s, limit)
        : { rows: [], nextCursor: null };
  }
  return listPage(scope, [...filterConditions(filter, text), ...after], s, limit);
}

/** One page of the inbox, with shop, customer and assignee names, in the sort's order. */
async function listPage(
  scope: TenantScope,
  conditions: (SQL | undefined)[],
  s: SortSpec,
  limit: number,
): Promise<{ rows: TicketListRow[]; nextCursor: Cursor | null }> {
  const rows = await scope.db
    .select({
      ticket: tickets,
      sortKey: sql<string>`(${s.key})::text`,
      shopName: shops.name,
      shopPlatform: shops.platform,
      customerName: customers.name,
      assigneeName: assignee.name,
    })
    .from(tickets)
    .leftJoin(shops, and(eq(shops.tenantId, tickets.tenantId), eq(shops.id, tickets.shopId)))
    .leftJoin(customers, and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)))
    .leftJoin(assignee, and(eq(assignee.tenantId, tickets.tenantId), eq(assignee.id, tickets.assigneeId)))
    .where(scope.where(tickets, ...conditions))
    .orderBy(s.dir === 'asc' ? asc(s.key) : desc(s.key), s.dir === 'asc' ? asc(tickets.id) : desc(tickets.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({
      ...r.ticket,
      shopName: r.shopName,
      shopPlatform: r.shopPlatform,
      customerName: r.customerName,
      assigneeName: r.assigneeName,
    })),
    nextCursor: rows.length > limit && last ? { v: last.sortKey, id: last.ticket.id } : null,
  };
}

/**
 * How many tickets match the filters (the inbox's total, asked with its first page). Undefined for a
 * text filter held by TEXT_COUNT_UP_TO documents or more (counted up to there, not estimated): counting
 * visits every match (a second for a common word at 10 million messages), so the inbox shows how many
 * it has loaded instead.
 */
export async function countTickets(
  scope: TenantScope,
  filter: TicketFilter,
  countUpTo = TEXT_COUNT_UP_TO,
): Promise<number | undefined> {
  const text = await textScope(scope, filter);
  if (filter.text?.length && text && (await tooManyToCount(scope, filter.text, text, countUpTo)))
    return undefined;
  const rows = await scope.db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(scope.where(tickets, ...filterConditions(filter, text)));
  return Number(rows[0]?.n ?? 0);
}

export async function countOpenBySeverity(scope: TenantScope) {
  const rows = await scope.db
    .select({ severity: tickets.severity, n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(scope.where(tickets, ne(tickets.status, 'closed')))
    .groupBy(tickets.severity);
  return rows;
}

export const insertMessage = async (
  scope: TenantScope,
  row: Omit<typeof messages.$inferInsert, 'tenantId'>,
) => (await scope.insert(messages, row))[0]!;

export const insertMessages = (scope: TenantScope, rows: Omit<typeof messages.$inferInsert, 'tenantId'>[]) =>
  scope.insertEach(messages, rows);

export const findMessages = (scope: TenantScope, ids: string[]) =>
  scope.select(messages, [inArray(messages.id, ids)]);

export const listMessages = (scope: TenantScope, ticketId: string) =>
  scope.select(messages, [eq(messages.ticketId, ticketId)], {
    orderBy: [asc(messages.createdAt), asc(messages.id)],
    limit: 2000,
  });

export const updateMessage = async (
  scope: TenantScope,
  id: string,
  set: Partial<Omit<MessageRow, 'tenantId' | 'id'>>,
) => (await scope.update(messages, set, eq(messages.id, id)))[0];

export const updateMessages = (
  scope: TenantScope,
  rows: { id: string; set: Partial<Omit<MessageRow, 'tenantId' | 'id'>> }[],
): Promise<MessageRow[]> => scope.updateEach(messages, rows);

/** Where outbound messages stand with the platform, each its own: one statement, nothing comes back. */
export const setDeliveryStatuses = (
  scope: TenantScope,
  list: { id: string; deliveryStatus: 'queued' | 'sent' | 'manual'; deliveryError: string | null }[],
) =>
  scope.updateEach(
    messages,
    list.map(({ id, ...set }) => ({ id, set })),
    { returning: false },
  );

/**
 * A person sent an outbound message from the platform's back office, because the platform has no API
 * for it: waiting for them (manual), it becomes sent_by_hand — never "sent", which says the platform
 * took it. Empty when the message was not waiting for a person.
 */
export const markSentByHand = (scope: TenantScope, messageId: string, ticketId?: string) =>
  scope.update(
    messages,
    { deliveryStatus: 'sent_by_hand', deliveryError: null },
    eq(messages.id, messageId),
    eq(messages.deliveryStatus, 'manual'),
    ...(ticketId ? [eq(messages.ticketId, ticketId)] : []),
  );

export const findUserName = async (scope: TenantScope, id: string) =>
  (await scope.first(users, eq(users.id, id)))?.name;
