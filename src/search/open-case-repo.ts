import { type Column, type SQL, sql } from 'drizzle-orm';
import { openCaseWords, searchDocs } from '../db/schema/search.js';
import type { TenantScope } from '../db/tenant-scope.js';

const tsquery = (terms: string[]) => sql`plainto_tsquery('simple', ${terms.join(' ')})`;

/**
 * The case (`ticketId`, a column or value) is open and its subject or one message holds every term:
 * its words (open_case_words, migration 0059) hold them all, then its documents are checked one by
 * one — a case whose terms are spread over two messages is not a match, as on the weeks' path.
 */
const openCaseHolds = (tenantId: string, ticketId: SQL | Column, terms: string[], words: SQL): SQL =>
  sql`exists (select 1 from ${openCaseWords}
      where ${openCaseWords.tenantId} = ${tenantId} and ${openCaseWords.ticketId} = ${ticketId} and ${words}
        and exists (select 1 from ${searchDocs}
            where ${searchDocs.tenantId} = ${tenantId} and ${searchDocs.ticketId} = ${ticketId}
              and ts_match_vq(${searchDocs.tsv}, ${tsquery(terms)})))`;

/** As a filter the planner answers from the GIN index on the open cases' words. */
export const openCaseMatch = (tenantId: string, ticketId: SQL | Column, terms: string[]): SQL =>
  openCaseHolds(
    tenantId,
    ticketId,
    terms,
    sql`search_case_tsv(${openCaseWords.tenantId}, ${openCaseWords.words}) @@ search_case_query(${tenantId}::uuid, ${terms.join(' ')})`,
  );

/**
 * As a probe of one candidate of a walk: ts_match_vq is @@ as a function, which the planner cannot
 * answer with the GIN index, so each candidate costs a primary-key probe and never a scan.
 */
export const openCaseProbe = (tenantId: string, ticketId: SQL | Column, terms: string[]): SQL =>
  openCaseHolds(tenantId, ticketId, terms, sql`ts_match_vq(${openCaseWords.words}, ${tsquery(terms)})`);

/** Open cases whose words hold every term, counted exactly up to `cap` (one bitmap, narrow rows). */
export async function openCasesUpTo(scope: TenantScope, terms: string[], cap: number): Promise<number> {
  if (!terms.length || cap <= 0) return 0;
  const result = (await scope.db.execute(
    sql`select count(*)::int as n from (
          select 1 from ${openCaseWords}
          where ${openCaseWords.tenantId} = ${scope.tenantId}
            and search_case_tsv(${openCaseWords.tenantId}, ${openCaseWords.words}) @@ search_case_query(${scope.tenantId}::uuid, ${terms.join(' ')})
          limit ${cap}) m`,
  )) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * The planner's estimate (from the words' statistics) of the tenant's open cases holding every term,
 * and of its open cases: two EXPLAINs, no rows read.
 */
export async function expectedOpenCases(
  scope: TenantScope,
  terms: string[],
): Promise<{ matches: number; of: number }> {
  const tenant = sql`${openCaseWords.tenantId} = ${scope.tenantId}`;
  return {
    matches: await planRows(
      scope,
      sql`select 1 from ${openCaseWords} where ${tenant} and ${openCaseWords.words} @@ ${tsquery(terms)}`,
    ),
    of: await planRows(scope, sql`select 1 from ${openCaseWords} where ${tenant}`),
  };
}

/** The rows the planner expects a query to return (EXPLAIN, format json): no rows read. */
export async function planRows(scope: TenantScope, query: SQL): Promise<number> {
  const result = (await scope.db.execute(sql`explain (format json) ${query}`)) as unknown as {
    rows: Record<string, unknown>[];
  };
  const cell = Object.values(result.rows[0] ?? {})[0];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan?: { 'Plan Rows'?: number } }[];
  return Number(plan[0]?.Plan?.['Plan Rows'] ?? 0);
}
