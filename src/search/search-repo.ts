import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { shops, users } from '../db/schema/accounts.js';
import { searchDocs } from '../db/schema/search.js';
import { customers, messages, tickets } from '../db/schema/tickets.js';
import { recordsJson, type TenantScope } from '../db/tenant-scope.js';
import { filterConditions, type TicketFilter, type TicketListRow } from '../tickets/ticket-repo.js';
import { bucketMatch, tenantWeekSpan } from './bucket-repo.js';
import { bucketRuns } from './buckets.js';
import { indexText } from './terms.js';

const tsquery = (terms: string[]) => sql`plainto_tsquery('simple', ${terms.join(' ')})`;
// Message vectors drop positions (queries are AND of words, never phrases): a smaller heap to visit;
// subjects keep them, weighted A so subject hits rank above body hits (indexDocuments).

/** Indexes a ticket's subject under the ticket id, weighted A so subject hits rank above body hits. */
export const indexSubject = (scope: TenantScope, ticket: { id: string; subject: string; createdAt: Date }) =>
  indexDocuments(scope, [ticket], []);

/**
 * Subjects and message bodies of many tickets in one statement (segmentation stays in Node), the rows
 * as one jsonb parameter: a batch of hundreds costs one parameter to build, not five per row.
 */
export async function indexDocuments(
  scope: TenantScope,
  subjects: { id: string; subject: string; createdAt: Date }[],
  bodies: { id: string; ticketId: string; body: string; createdAt: Date }[],
): Promise<void> {
  if (!subjects.length && !bodies.length) return;
  const rows = recordsJson([
    ...subjects.map((t) => ({
      id: t.id,
      ticket_id: t.id,
      subject: true,
      text: indexText(t.subject),
      at: t.createdAt,
    })),
    ...bodies.map((m) => ({
      id: m.id,
      ticket_id: m.ticketId,
      subject: false,
      text: indexText(m.body),
      at: m.createdAt,
    })),
  ]);
  // Triggers on search_docs (migration 0059) add the lexemes to open cases' words (open_case_words).
  await scope.db.execute(sql`
    insert into search_docs (tenant_id, id, ticket_id, subject, tsv, at)
    select ${scope.tenantId}::uuid, v.id, v.ticket_id, v.subject,
           case when v.subject then setweight(to_tsvector('simple', v.text), 'A')
                else strip(to_tsvector('simple', v.text)) end,
           v.at
      from jsonb_to_recordset(${rows}::jsonb) as v(id uuid, ticket_id uuid, subject boolean, text text, at timestamptz)
    on conflict (tenant_id, id) do update set tsv = excluded.tsv`);
}

/**
 * Indexes up to `batch` messages of the tenant that have no search document yet (rows written by bulk
 * imports that bypass the ticket service); returns how many it indexed. Run it until it returns 0.
 */
export async function indexMissingMessages(scope: TenantScope, batch = 1000): Promise<number> {
  const rows = await scope.db
    .select({
      id: messages.id,
      ticketId: messages.ticketId,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .leftJoin(searchDocs, and(eq(searchDocs.tenantId, messages.tenantId), eq(searchDocs.id, messages.id)))
    .where(and(eq(messages.tenantId, scope.tenantId), isNull(searchDocs.id)))
    .limit(batch);
  await indexDocuments(scope, [], rows);
  return rows.length;
}

export type SearchCursor = { r: number; id: string };

export type SearchPage = {
  hits: SearchHit[];
  /** Matching documents read and ranked (at most the cap). */
  ranked: number;
  capped: boolean;
  nextCursor: SearchCursor | null;
};

export type SearchHit = {
  ticketId: string;
  docId: string;
  subject: boolean;
  rank: number;
};

/** One run of weeks' matching documents, ranked (ts_rank reads the document's own vector). */
const hitsIn = (tenantId: string, weeks: number[], terms: string[]) =>
  sql`select ${searchDocs.ticketId} as ticket_id, ${searchDocs.id} as doc_id, ${searchDocs.subject} as subject,
             ts_rank(${searchDocs.tsv}, q.q) as rank
      from ${searchDocs} cross join q
      where ${bucketMatch(tenantId, weeks, terms)}`;

/**
 * Tickets whose subject or messages contain every term, best rank first (ties by id), with the
 * best-ranked message of each (or the subject when no message matched).
 *
 * Cost grows with the number of matching documents (each is a heap visit for ts_rank and its ticket),
 * so at most `cap` matching documents are read and ranked: the newest week's first, then the runs of
 * older weeks in turn (`runs`, from bucketRuns: a run is read only if the cap is not yet reached).
 * The inbox filters are then applied to their tickets. `matched` tells the caller whether the cap was
 * reached.
 */
export function searchQuery(
  tenantId: string,
  terms: string[],
  filter: TicketFilter,
  limit: number,
  cursor: SearchCursor | null,
  cap: number,
  runs: number[][],
): SQL {
  const conditions = filterConditions({ ...filter, text: undefined }).filter((c): c is SQL => !!c);
  const filtered = conditions.length
    ? // LATERAL … LIMIT 1: one primary-key probe per hit, never a scan of the tenant's tickets.
      sql`select hits.* from hits join lateral (select 1 from ${tickets} where ${tickets.tenantId} = ${tenantId} and ${tickets.id} = hits.ticket_id and ${and(...conditions)} limit 1) ok on true`
    : sql`select * from hits`;
  const after = cursor
    ? sql`where (ticket_rank, ticket_id) < (${cursor.r}::real, ${cursor.id}::uuid)`
    : sql``;
  return sql`
    with q as (select ${tsquery(terms)} as q),
    hits as (select * from (${sql.join(
      runs.map((weeks) => sql`(${hitsIn(tenantId, weeks, terms)})`),
      sql` union all `,
    )}) h limit ${cap}),
    filtered as (${filtered}),
    best as (
      select distinct on (ticket_id) ticket_id, doc_id, subject, max(rank) over (partition by ticket_id) as ticket_rank
      from filtered
      order by ticket_id, subject, rank desc
    )
    -- One row even when nothing passes the filters, so the caller always learns how many were read.
    select m.matched, page.*
    from (select count(*)::int as matched from hits) m
    left join lateral (
      select ticket_id, doc_id, subject, ticket_rank
      from best ${after}
      order by ticket_rank desc, ticket_id desc
      limit ${limit + 1}
    ) page on true
    order by page.ticket_rank desc, page.ticket_id desc`;
}

export async function searchTickets(
  scope: TenantScope,
  terms: string[],
  filter: TicketFilter,
  limit: number,
  cursor: SearchCursor | null,
  cap: number,
): Promise<SearchPage> {
  const first = await runSearch(scope, terms, filter, limit, cursor, cap);
  // A selective filter may leave a capped first read short of a page: read further once.
  const hasFilter = filterConditions({ ...filter, text: undefined }).some(Boolean);
  if (first.capped && hasFilter && first.hits.length < limit && cap < MAX_RANK_CAP) {
    return runSearch(scope, terms, filter, limit, cursor, MAX_RANK_CAP);
  }
  return first;
}

/** The most documents the widened read of a filtered search visits. */
export const MAX_RANK_CAP = 20_000;

async function runSearch(
  scope: TenantScope,
  terms: string[],
  filter: TicketFilter,
  limit: number,
  cursor: SearchCursor | null,
  cap: number,
): Promise<SearchPage> {
  const span = await tenantWeekSpan(scope);
  if (!span) return { hits: [], ranked: 0, capped: false, nextCursor: null };
  const runs = bucketRuns(span.newest, span.oldest);
  const query = searchQuery(scope.tenantId, terms, filter, limit, cursor, cap, runs);
  const result = (await scope.db.execute(query)) as unknown as {
    rows: {
      ticket_id: string | null;
      doc_id: string;
      subject: boolean;
      ticket_rank: number;
      matched: number;
    }[];
  };
  const matched = result.rows[0]?.matched ?? 0;
  const rows = result.rows.filter((r) => r.ticket_id !== null);
  const hits = rows.slice(0, limit).map((r) => ({
    ticketId: r.ticket_id as string,
    docId: r.doc_id,
    subject: r.subject,
    rank: Number(r.ticket_rank),
  }));
  const last = hits[hits.length - 1];
  return {
    hits,
    ranked: matched,
    capped: matched >= cap,
    nextCursor: rows.length > limit && last ? { r: last.rank, id: last.ticketId } : null,
  };
}

const assignee = alias(users, 'assignee');

/** The inbox rows (with shop, customer and assignee names) of the given tickets. */
export async function ticketRows(scope: TenantScope, ids: string[]): Promise<TicketListRow[]> {
  if (!ids.length) return [];
  const rows = await scope.db
    .select({
      ticket: tickets,
      shopName: shops.name,
      shopPlatform: shops.platform,
      customerName: customers.name,
      assigneeName: assignee.name,
    })
    .from(tickets)
    .leftJoin(shops, and(eq(shops.tenantId, tickets.tenantId), eq(shops.id, tickets.shopId)))
    .leftJoin(customers, and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)))
    .leftJoin(assignee, and(eq(assignee.tenantId, tickets.tenantId), eq(assignee.id, tickets.assigneeId)))
    .where(scope.where(tickets, inArray(tickets.id, ids)));
  return rows.map((r) => ({
    ...r.ticket,
    shopName: r.shopName,
    shopPlatform: r.shopPlatform,
    customerName: r.customerName,
    assigneeName: r.assigneeName,
  }));
}

export const messageBodies = async (scope: TenantScope, ids: string[]) =>
  ids.length
    ? scope.db
        .select({
          id: messages.id,
          body: messages.body,
          direction: messages.direction,
          createdAt: messages.createdAt,
        })
        .from(messages)
        .where(scope.where(messages, inArray(messages.id, ids)))
        .orderBy(desc(messages.createdAt))
    : [];
