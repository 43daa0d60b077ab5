import { type SQL, sql } from 'drizzle-orm';
import { searchDocs } from '../db/schema/search.js';
import type { TenantScope } from '../db/tenant-scope.js';

/**
 * `search_docs` rows of the tenant holding every term in one of the weeks (migration 0056): the
 * condition the GIN index on search_bucket_tsv answers. tenant_id stays beside it, as an md5 prefix
 * may be shared by two tenants.
 */
export const bucketMatch = (tenantId: string, weeks: number[], terms: string[]): SQL =>
  // "is true": a filter on the rows found, never an index condition — ANDing the tenant's whole range
  // of search_docs_at (the planner overestimates a week's matches and offers it) is the cost the
  // weeks avoid.
  sql`(${searchDocs.tenantId} = ${tenantId}) is true and search_bucket_tsv(${searchDocs.tenantId}, ${searchDocs.at}, ${searchDocs.tsv}) @@ search_bucket_query(${tenantId}::uuid, ${`{${weeks.join(',')}}`}::integer[], ${terms.join(' ')})`;

/** The tenant's newest and oldest week holding a document (two probes of search_docs_at); null when none. */
export async function tenantWeekSpan(scope: TenantScope): Promise<{ newest: number; oldest: number } | null> {
  const result = (await scope.db.execute(
    sql`select search_bucket(max(${searchDocs.at})) as newest, search_bucket(min(${searchDocs.at})) as oldest
        from ${searchDocs} where ${searchDocs.tenantId} = ${scope.tenantId}`,
  )) as unknown as { rows: { newest: number | null; oldest: number | null }[] };
  const row = result.rows[0];
  return row?.newest == null || row.oldest == null
    ? null
    : { newest: Number(row.newest), oldest: Number(row.oldest) };
}

/** Every week of the span, for a condition that must find every match (the inbox's q). */
export async function tenantWeeks(scope: TenantScope): Promise<number[]> {
  const span = await tenantWeekSpan(scope);
  if (!span) return [];
  return Array.from({ length: span.newest - span.oldest + 1 }, (_, i) => span.newest - i);
}

/**
 * How many of the tenant's documents hold every term, counted exactly up to `cap`: the index's entries
 * for the weeks make one bitmap, then at most `cap` rows are read — unlike the planner's estimate,
 * which runs several times low for words that go together.
 */
export async function matchingDocsUpTo(
  scope: TenantScope,
  weeks: number[],
  terms: string[],
  cap: number,
): Promise<number> {
  if (!weeks.length || !terms.length || cap <= 0) return 0;
  const result = (await scope.db.execute(
    sql`select count(*)::int as n from (
          select 1 from ${searchDocs} where ${bucketMatch(scope.tenantId, weeks, terms)} limit ${cap}) m`,
  )) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}
