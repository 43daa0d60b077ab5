import { type SQL, sql } from 'drizzle-orm';
import { searchDocs } from '../db/schema/search.js';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { matchingDocsUpTo } from '../search/bucket-repo.js';
import { bucketOf } from '../search/buckets.js';
import type { SortSpec } from './ticket-sort-repo.js';

/**
 * How a text filter (`q`) is answered. `index`: the GIN index finds every matching document, then the
 * tickets are sorted — cost grows with the number of matches. `walk`: the inbox's own order is walked
 * (an index per sort) and each candidate's documents are checked, stopping at a page of matches — cost
 * grows with how rare a match is, not with the data. `auto` walks when the planner expects many matches
 * in the weeks the index would read, and falls back to the index when a walk of `walkLimit` candidates
 * does not fill the page.
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
 * Matching documents from which the inbox's total is not counted (each match is a visit, ~15 µs on
 * PostgreSQL). The planner's estimate decides first, as it reads no rows; below the limit the documents
 * are counted up to it, as the estimate runs several times low for words that go together (电池 续航 at
 * 10M: under 1,000 expected, 17,970 found, 400 ms to count the inbox's total).
 */
export const TEXT_COUNT_UP_TO = 1_000;

export type TextSearch = {
  /** The tickets' conditions but the text, the cursor's included. */
  conditions: (SQL | undefined)[];
  terms: string[];
  sort: SortSpec;
  limit: number;
  /** The part of the tenant's weeks the index would read (TextScope.share). */
  weekShare: number;
};

/**
 * The ids of the first `limit + 1` matching tickets in the sort's order, found by walking; null when the
 * plan leaves it to the index.
 */
export async function textPageIds(
  scope: TenantScope,
  q: TextSearch,
  plan: TextPlan,
  walkLimit = TEXT_WALK_LIMIT,
): Promise<string[] | null> {
  if (plan === 'index') return null;
  if (plan === 'auto' && !walkFirst(await expectedText(scope, q.terms), q.weekShare)) return null;
  return walkForText(scope, q, walkLimit);
}

/**
 * Whether the inbox's total is left out: the planner expects TEXT_COUNT_UP_TO matching documents or
 * more in the weeks read (no rows read; its estimate is for all weeks, taken pro rata), or, below
 * that, as many are counted in those weeks — cheap for the words the estimate lets through, never
 * reached for the common ones, whose bitmaps take up to a second.
 */
export async function tooManyToCount(
  scope: TenantScope,
  terms: string[],
  text: { weeks: number[]; share: number },
  countUpTo = TEXT_COUNT_UP_TO,
): Promise<boolean> {
  if ((await expectedText(scope, terms)).docs * text.share >= countUpTo) return true;
  return (await matchingDocsUpTo(scope, text.weeks, terms, countUpTo)) >= countUpTo;
}

/**
 * The week of the open cases' earliest search document (one probe of tickets_open_text_since): a text
 * filter of open cases needs no earlier week. Null when a case's is not known (no bound); Infinity
 * when no case is open.
 */
export async function openTextWeek(scope: TenantScope): Promise<number | null> {
  const result = (await scope.db.execute(sql`
    select ${tickets.textSince} as since from ${tickets}
    where ${tickets.tenantId} = ${scope.tenantId} and ${tickets.status} <> 'closed'
    order by ${tickets.textSince} asc nulls first limit 1`)) as unknown as {
    rows: { since: string | Date | null }[];
  };
  const row = result.rows[0];
  if (!row) return Number.POSITIVE_INFINITY;
  return row.since === null ? null : bucketOf(new Date(row.since));
}

const direction = (s: SortSpec) => (s.dir === 'asc' ? sql`asc` : sql`desc`);

/**
 * Walks at most `walkLimit` candidates in the sort's order, reading each one's documents; null when
 * the walk ended short of a page with candidates left.
 */
async function walkForText(scope: TenantScope, q: TextSearch, walkLimit: number): Promise<string[] | null> {
  const where = scope.where(tickets, ...q.conditions);
  const dir = direction(q.sort);
  // ts_match_vq is @@ as a function: the planner cannot answer it with the GIN index, so each candidate's
  // documents are probed through search_docs_ticket in the walk's order, and the walk stops at a page.
  const found = (await scope.db.execute(sql`
    select c.id from (
      select ${tickets.id} as id, ${q.sort.key} as k from ${tickets} where ${where}
      order by k ${dir}, id ${dir} limit ${walkLimit}
    ) c
    where exists (
      select 1 from ${searchDocs}
      where ${searchDocs.tenantId} = ${scope.tenantId} and ${searchDocs.ticketId} = c.id
        and ts_match_vq(${searchDocs.tsv}, plainto_tsquery('simple', ${q.terms.join(' ')})))
    order by c.k ${dir}, c.id ${dir}
    limit ${q.limit + 1}`)) as unknown as { rows: { id: string }[] };
  const ids = found.rows.map((r) => r.id);
  if (ids.length > q.limit) return ids;
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
        select 1 from ${searchDocs} where ${searchDocs.tenantId} = ${scope.tenantId} and ${searchDocs.tsv} @@ plainto_tsquery('simple', ${terms.join(' ')})
        union all select 1 from ${searchDocs} where ${searchDocs.tenantId} = ${scope.tenantId}`,
  )) as unknown as { rows: Record<string, unknown>[] };
  const cell = Object.values(result.rows[0] ?? {})[0];
  type Node = { 'Plan Rows'?: number; Plans?: Node[] };
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan?: Node }[];
  const [docs = 0, all = 0] = (plan[0]?.Plan?.Plans ?? []).map((p) => Number(p['Plan Rows'] ?? 0));
  return { docs, share: all ? docs / all : 0 };
}

/**
 * Whether `auto` walks first: many matches expected in the weeks the index would read (the estimate is
 * for all weeks, taken pro rata), and a share a walk meets early.
 */
const walkFirst = ({ docs, share }: { docs: number; share: number }, weekShare: number) =>
  docs * weekShare >= TEXT_WALK_FROM_DOCS && share >= TEXT_WALK_FROM_SHARE;
