import { and, arrayContains, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { shops, tenantCounters, users } from '../db/schema/accounts.js';
import { searchDocs } from '../db/schema/search.js';
import { customers, messages, ticketDueSort, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { bucketMatch, tenantWeeks } from '../search/bucket-repo.js';
import type { Severity, TicketChannel, TicketKind, TicketStatus } from './ticket-types.js';

export type TicketRow = typeof tickets.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type TicketSort = 'due' | 'created' | 'updated';

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

export type Cursor = { v: string | null; id: string };

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
 * The filter as conditions on tickets. A text filter needs the tenant and its weeks (`tenantWeeks`):
 * the search index is keyed by both (src/search/buckets.ts).
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

/** The tsquery of a text filter: every term (search/terms.ts has already segmented them). */
const textQuery = (terms: string[]): SQL => sql`plainto_tsquery('simple', ${terms.join(' ')})`;

export type TextScope = { tenantId: string; weeks: number[] };

/** The tenant's weeks for a text filter; undefined without one. */
export const textScope = async (scope: TenantScope, f: TicketFilter): Promise<TextScope | undefined> =>
  f.text?.length ? { tenantId: scope.tenantId, weeks: await tenantWeeks(scope) } : undefined;

function textCondition(terms: string[], text: TextScope | undefined): SQL {
  if (!terms.length) return sql`false`;
  if (!text) throw new Error('a text filter needs the tenant and its weeks (textScope)');
  return text.weeks.length
    ? sql`exists (select 1 from ${searchDocs} where ${searchDocs.ticketId} = ${tickets.id} and ${bucketMatch(text.tenantId, text.weeks, terms)})`
    : sql`false`;
}

// Each sort is a keyset over (key, id) so a page costs the same however deep the cursor is.
const SORTS: Record<TicketSort, { key: SQL; dir: 'asc' | 'desc'; cast: string }> = {
  due: { key: ticketDueSort, dir: 'asc', cast: 'timestamptz' },
  created: { key: sql`${tickets.createdAt}`, dir: 'desc', cast: 'timestamptz' },
  updated: { key: sql`${tickets.updatedAt}`, dir: 'desc', cast: 'timestamptz' },
};

/**
 * How a text filter (`q`) is answered. `index`: the GIN index finds every matching document, then the
 * tickets are sorted — cost grows with the number of matches. `walk`: the inbox's own order is walked
 * (an index per sort) and each candidate's documents are checked, stopping at a page of matches — cost
 * grows with how rare a match is, not with the data. `auto` walks when the planner expects many matches
 * and falls back to the index when a walk of `walkLimit` candidates does not fill the page.
 */
export type TextPlan = 'auto' | 'walk' | 'index';

/** The most candidates a walk checks before it gives way to the index (each costs a few probes). */
export const TEXT_WALK_LIMIT = 4_000;
/**
 * `auto` walks first when the planner expects at least this many matching documents (below, the index
 * is cheap)… */
export const TEXT_WALK_FROM_DOCS = 1_000;
/** …making at least this share of the tenant's documents (at about 4 documents a case, a walk then
 * meets a page of 50 within its limit). */
export const TEXT_WALK_FROM_SHARE = 0.001;
/**
 * Expected matching documents past which the inbox's total is not counted (each match is a visit, ~15 µs
 * on PostgreSQL; the estimate runs ~3–4 times low for words that go together: 物流 慢 at 3M, 3,600
 * expected, 15,651 found, 255 ms to count).
 */
export const TEXT_COUNT_UP_TO = 1_000;

export async function listTickets(
  scope: TenantScope,
  filter: TicketFilter,
  sort: TicketSort,
  limit: number,
  cursor: Cursor | null,
  textPlan: TextPlan = 'auto',
  walkLimit = TEXT_WALK_LIMIT,
): Promise<{ rows: TicketListRow[]; nextCursor: Cursor | null }> {
  const s = SORTS[sort];
  const after = cursor ? [afterCursor(s, cursor)] : [];
  const terms = filter.text;
  if (terms?.length && textPlan !== 'index') {
    const walk = textPlan === 'walk' || walkFirst(await expectedText(scope, terms));
    const ids = walk
      ? await walkForText(
          scope,
          [...filterConditions({ ...filter, text: undefined }), ...after],
          terms,
          s,
          limit,
          walkLimit,
        )
      : null;
    if (ids)
      return ids.length
        ? listPage(scope, [inArray(tickets.id, ids)], s, limit)
        : { rows: [], nextCursor: null };
  }
  return listPage(scope, [...filterConditions(filter, await textScope(scope, filter)), ...after], s, limit);
}

const afterCursor = (s: (typeof SORTS)[TicketSort], cursor: Cursor): SQL =>
  sql`(${s.key}, ${tickets.id}) ${s.dir === 'asc' ? sql`>` : sql`<`} (${cursor.v}::timestamptz, ${cursor.id}::uuid)`;

/**
 * The ids of the first `limit + 1` tickets in the sort's order that pass `conditions` and hold every
 * term, found by walking at most `walkLimit` candidates; null when the walk ended short of a page
 * with candidates left (the caller then asks the index).
 */
async function walkForText(
  scope: TenantScope,
  conditions: (SQL | undefined)[],
  terms: string[],
  s: (typeof SORTS)[TicketSort],
  limit: number,
  walkLimit: number,
): Promise<string[] | null> {
  const where = scope.where(tickets, ...conditions);
  const dir = s.dir === 'asc' ? sql`asc` : sql`desc`;
  // ts_match_vq is @@ as a function: the planner cannot answer it with the GIN index, so each candidate's
  // documents are probed through search_docs_ticket in the walk's order, and the walk stops at a page.
  const found = (await scope.db.execute(sql`
    select c.id from (
      select ${tickets.id} as id, ${s.key} as k from ${tickets} where ${where}
      order by k ${dir}, id ${dir} limit ${walkLimit}
    ) c
    where exists (
      select 1 from ${searchDocs}
      where ${searchDocs.tenantId} = ${scope.tenantId} and ${searchDocs.ticketId} = c.id
        and ts_match_vq(${searchDocs.tsv}, ${textQuery(terms)}))
    order by c.k ${dir}, c.id ${dir}
    limit ${limit + 1}`)) as unknown as { rows: { id: string }[] };
  const ids = found.rows.map((r) => r.id);
  if (ids.length > limit) return ids;
  const walked = (await scope.db.execute(
    sql`select count(*)::int as n from (select 1 from ${tickets} where ${where} limit ${walkLimit}) c`,
  )) as unknown as { rows: { n: number }[] };
  return Number(walked.rows[0]?.n ?? 0) < walkLimit ? ids : null;
}

/**
 * The planner's estimate (from the tsv statistics) of the tenant's documents holding every term, and
 * their share of the tenant's documents: one EXPLAIN, no rows read.
 */
async function expectedText(scope: TenantScope, terms: string[]): Promise<{ docs: number; share: number }> {
  const result = (await scope.db.execute(
    sql`explain (format json)
        select 1 from ${searchDocs} where ${searchDocs.tenantId} = ${scope.tenantId} and ${searchDocs.tsv} @@ ${textQuery(terms)}
        union all select 1 from ${searchDocs} where ${searchDocs.tenantId} = ${scope.tenantId}`,
  )) as unknown as { rows: Record<string, unknown>[] };
  const cell = Object.values(result.rows[0] ?? {})[0];
  type Node = { 'Plan Rows'?: number; Plans?: Node[] };
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan?: Node }[];
  const [docs = 0, all = 0] = (plan[0]?.Plan?.Plans ?? []).map((p) => Number(p['Plan Rows'] ?? 0));
  return { docs, share: all ? docs / all : 0 };
}

/** Whether `auto` walks first: many matches expected, and a share a walk meets early. */
const walkFirst = ({ docs, share }: { docs: number; share: number }) =>
  docs >= TEXT_WALK_FROM_DOCS && share >= TEXT_WALK_FROM_SHARE;

/** One page of the inbox, with shop, customer and assignee names, in the sort's order. */
async function listPage(
  scope: TenantScope,
  conditions: (SQL | undefined)[],
  s: (typeof SORTS)[TicketSort],
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
 * text filter the planner expects in more than TEXT_COUNT_UP_TO documents: counting visits every match
 * (a second for a common word at 10 million messages), so the inbox shows how many it has loaded instead.
 */
export async function countTickets(
  scope: TenantScope,
  filter: TicketFilter,
  countUpTo = TEXT_COUNT_UP_TO,
): Promise<number | undefined> {
  if (filter.text?.length && (await expectedText(scope, filter.text)).docs >= countUpTo) return undefined;
  const rows = await scope.db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(scope.where(tickets, ...filterConditions(filter, await textScope(scope, filter))));
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
