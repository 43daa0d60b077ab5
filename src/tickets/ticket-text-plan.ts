import { type SQL, sql } from 'drizzle-orm';
import { searchDocs } from '../db/schema/search.js';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { bucketMatch, matchingDocsUpTo } from '../search/bucket-repo.js';
import { afterCursor, type Cursor, type SortSpec } from './ticket-sorts.js';

/**
 * How a text filter (`q`) is answered. `index`: the GIN index finds every matching document, then the
 * tickets are sorted — cost grows with the number of matches. `walk`: the inbox's own order is walked
 * (an index per sort) and each candidate's documents are read and checked, stopping at a page of
 * matches — cost grows with how rare a match is, not with the data. `sift`: the inbox's order is read
 * in chunks of ids and each chunk is ANDed with the index's bitmap, so only matching documents are
 * read — a candidate costs an index probe, not a visit to its documents. `auto` walks when the planner
 * expects many matches, asks the index when fewer than TEXT_SIFT_FROM_DOCS documents match, sifts in
 * between, and gives way to the index when a walk or a sift of its limit does not fill the page.
 */
export type TextPlan = 'auto' | 'walk' | 'sift' | 'index';

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
 * Matching documents, counted (not estimated), from which `auto` sifts rather than asking the index:
 * below, the index's visits are cheap (~15 µs each on PostgreSQL).
 */
export const TEXT_SIFT_FROM_DOCS = 1_000;
/** The most candidates a sift reads before it gives way to the index. */
export const TEXT_SIFT_LIMIT = 64_000;
/** A sift's first chunk; each next one doubles, up to the last. */
const SIFT_FIRST_CHUNK = 500;
const SIFT_LAST_CHUNK = 16_000;
/**
 * Matching documents from which the inbox's total is not counted (each match is a visit, ~15 µs on
 * PostgreSQL). They are counted up to this number, not estimated: the planner's estimate runs ~3–4
 * times low for words that go together (物流 慢 at 3M: 3,600 expected, 15,651 found, 255 ms to count).
 */
export const TEXT_COUNT_UP_TO = 1_000;

export type TextSearch = {
  /** The tickets' conditions but the text, the cursor's included. */
  conditions: (SQL | undefined)[];
  terms: string[];
  /** The tenant's weeks, newest first (search/bucket-repo.ts tenantWeeks). */
  weeks: number[];
  sort: SortSpec;
  limit: number;
};

/**
 * The ids of the first `limit + 1` matching tickets in the sort's order, found without the index's
 * visit of every match; null when the plan leaves it to the index.
 */
export async function textPageIds(
  scope: TenantScope,
  q: TextSearch,
  plan: TextPlan,
  limits: TextLimits = {},
): Promise<string[] | null> {
  const walkLimit = limits.walk ?? TEXT_WALK_LIMIT;
  const sift = { limit: limits.sift ?? TEXT_SIFT_LIMIT, firstChunk: limits.firstChunk ?? SIFT_FIRST_CHUNK };
  if (plan === 'index') return null;
  if (!q.weeks.length) return [];
  if (plan === 'walk') return walkForText(scope, q, walkLimit);
  if (plan === 'sift') return siftForText(scope, q, sift);
  if (walkFirst(await expectedText(scope, q.terms))) {
    const walked = await walkForText(scope, q, walkLimit);
    if (walked) return walked;
  }
  const many = (await matchingDocsUpTo(scope, q.weeks, q.terms, TEXT_SIFT_FROM_DOCS)) >= TEXT_SIFT_FROM_DOCS;
  return many ? siftForText(scope, q, sift) : null;
}

/** The candidates a walk and a sift read at most, and a sift's first chunk (tests make them small). */
export type TextLimits = { walk?: number; sift?: number; firstChunk?: number };

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
 * Reads candidates in the sort's order in growing chunks of ids, keeping those the index's bitmap
 * holds; null when `sift.limit` candidates did not fill the page and more are left.
 */
async function siftForText(
  scope: TenantScope,
  q: TextSearch,
  sift: { limit: number; firstChunk: number },
): Promise<string[] | null> {
  const dir = direction(q.sort);
  const found: string[] = [];
  let cursor: Cursor | null = null;
  let read = 0;
  for (let chunk = sift.firstChunk; read < sift.limit; chunk = Math.min(chunk * 2, SIFT_LAST_CHUNK)) {
    const size = Math.min(chunk, sift.limit - read);
    const where = scope.where(tickets, ...q.conditions, cursor ? afterCursor(q.sort, cursor) : undefined);
    const candidates = (await scope.db.execute(sql`
      select ${tickets.id} as id, (${q.sort.key})::text as k from ${tickets} where ${where}
      order by ${q.sort.key} ${dir}, ${tickets.id} ${dir} limit ${size}`)) as unknown as {
      rows: { id: string; k: string | null }[];
    };
    const rows = candidates.rows;
    if (!rows.length) return found;
    const held = await heldByIndex(
      scope,
      q,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      if (held.has(r.id)) found.push(r.id);
      if (found.length > q.limit) return found;
    }
    if (rows.length < size) return found;
    read += rows.length;
    const last = rows[rows.length - 1]!;
    cursor = { v: last.k, id: last.id };
  }
  return null;
}

/** Which of the tickets have a document holding every term: the ticket index's bitmap ANDed with the GIN's. */
async function heldByIndex(scope: TenantScope, q: TextSearch, ids: string[]): Promise<Set<string>> {
  const result = (await scope.db.execute(sql`
    select distinct ${searchDocs.ticketId} as id from ${searchDocs}
    where ${searchDocs.tenantId} = ${scope.tenantId} and ${searchDocs.ticketId} = any(${`{${ids.join(',')}}`}::uuid[])
      and ${bucketMatch(scope.tenantId, q.weeks, q.terms)}`)) as unknown as { rows: { id: string }[] };
  return new Set(result.rows.map((r) => r.id));
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

/** Whether `auto` walks first: many matches expected, and a share a walk meets early. */
const walkFirst = ({ docs, share }: { docs: number; share: number }) =>
  docs >= TEXT_WALK_FROM_DOCS && share >= TEXT_WALK_FROM_SHARE;
