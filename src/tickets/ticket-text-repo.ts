import { type SQL, sql } from 'drizzle-orm';
import { searchDocs } from '../db/schema/search.js';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { matchingDocsUpTo } from '../search/bucket-repo.js';
import { expectedOpenCases, openCaseProbe, openCasesUpTo, planRows } from '../search/open-case-repo.js';
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
/** Open cases: below this many expected matches the index is cheap whatever the share. */
export const TEXT_OPEN_WALK_FROM = 200;
/** Open cases: where a walk's cost and the index's cross (walkFirst); measured in bench/search.ts. */
export const TEXT_OPEN_WALK_BALANCE = 25;
/** Open cases: the most candidates a walk checks (about a probe each) before it gives way to the index. */
export const TEXT_OPEN_WALK_LIMIT = 20_000;

export type TextSearch = {
  /** The tickets' conditions but the text, the cursor's included. */
  conditions: (SQL | undefined)[];
  terms: string[];
  sort: SortSpec;
  limit: number;
  text: TextScope;
};

/**
 * Where a text filter looks. `open`: the open cases' words (open_case_words, migration 0059), when the
 * filter leaves closed cases out — its index holds the open cases only, however long the history.
 * Otherwise every week of the tenant's documents (search_docs, keyed by tenant and week).
 */
export type TextScope = { tenantId: string; open: true } | { tenantId: string; open: false; weeks: number[] };

/**
 * The ids of the first `limit + 1` matching tickets in the sort's order, found by walking; null when the
 * plan leaves it to the index.
 */
export async function textPageIds(
  scope: TenantScope,
  q: TextSearch,
  plan: TextPlan,
  walkLimit?: number,
): Promise<string[] | null> {
  if (plan === 'index') return null;
  const walk = plan === 'auto' ? await walkFirst(scope, q) : { limit: TEXT_WALK_LIMIT };
  if (!walk) return null;
  return walkForText(scope, q, walkLimit ?? walk.limit);
}

/**
 * Whether the inbox's total is left out: the planner expects TEXT_COUNT_UP_TO matches or more (no rows
 * read), or, below that, as many are counted — cheap for the words the estimate lets through, never
 * reached for the common ones, whose bitmaps take up to a second in a long history. Open cases are
 * counted by case, the weeks by document.
 */
export async function tooManyToCount(
  scope: TenantScope,
  terms: string[],
  text: TextScope,
  countUpTo = TEXT_COUNT_UP_TO,
): Promise<boolean> {
  if (text.open) {
    if ((await expectedOpenCases(scope, terms)).matches >= countUpTo) return true;
    return (await openCasesUpTo(scope, terms, countUpTo)) >= countUpTo;
  }
  if ((await expectedDocs(scope, terms)).docs >= countUpTo) return true;
  return (await matchingDocsUpTo(scope, text.weeks, terms, countUpTo)) >= countUpTo;
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
  // words or documents are probed by key in the walk's order, and the walk stops at a page.
  const holds = q.text.open
    ? openCaseProbe(scope.tenantId, sql`c.id`, q.terms)
    : sql`exists (
        select 1 from ${searchDocs}
        where ${searchDocs.tenantId} = ${scope.tenantId} and ${searchDocs.ticketId} = c.id
          and ts_match_vq(${searchDocs.tsv}, plainto_tsquery('simple', ${q.terms.join(' ')})))`;
  const found = (await scope.db.execute(sql`
    select c.id from (
      select ${tickets.id} as id, ${q.sort.key} as k from ${tickets} where ${where}
      order by k ${dir}, id ${dir} limit ${walkLimit}
    ) c
    where ${holds}
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
async function expectedDocs(scope: TenantScope, terms: string[]): Promise<{ docs: number; share: number }> {
  const tenant = sql`${searchDocs.tenantId} = ${scope.tenantId}`;
  const docs = await planRows(
    scope,
    sql`select 1 from ${searchDocs} where ${tenant} and ${searchDocs.tsv} @@ plainto_tsquery('simple', ${terms.join(' ')})`,
  );
  const all = await planRows(scope, sql`select 1 from ${searchDocs} where ${tenant}`);
  return { docs, share: all ? docs / all : 0 };
}

/**
 * Whether `auto` walks first. Over the weeks: many matching documents expected, and a share a walk
 * meets early. Over the open cases: a walk costs about a probe per candidate and meets a page in
 * (page ÷ share) of them, the index about twice that per match; the walk goes first when the expected
 * matches M of N open cases pass M² ≥ TEXT_OPEN_WALK_BALANCE × N, where the two costs cross.
 */
async function walkFirst(scope: TenantScope, q: TextSearch): Promise<{ limit: number } | null> {
  if (q.text.open) {
    const { matches, of } = await expectedOpenCases(scope, q.terms);
    if (matches < TEXT_OPEN_WALK_FROM || matches * matches < TEXT_OPEN_WALK_BALANCE * of) return null;
    // Room for four times the candidates a page is expected to take: the estimate may run high.
    const expected = ((q.limit + 1) * of) / matches;
    return { limit: Math.min(TEXT_OPEN_WALK_LIMIT, Math.max(TEXT_WALK_LIMIT, Math.ceil(4 * expected))) };
  }
  const { docs, share } = await expectedDocs(scope, q.terms);
  return docs >= TEXT_WALK_FROM_DOCS && share >= TEXT_WALK_FROM_SHARE ? { limit: TEXT_WALK_LIMIT } : null;
}
