/**
 * Search documents are indexed under keys of (tenant, week): migration 0056's `search_bucket_tsv`
 * writes each lexeme as `<8 hex of md5(tenant)><week>.<lexeme>`. A tenant's week holds few of the
 * installation's documents, so a common pair (质量 差) costs what one week of one tenant holds, and
 * the tenant is part of every key: no index column whose whole posting list is read (btree_gin's
 * `tenant_id` cost a fixed ~15 ms per scan at 3M messages, ~50 ms at 10M).
 */

/** The bucket's width: `search_bucket(at)` in migration 0056 divides the epoch by the same number. */
export const BUCKET_SECONDS = 7 * 24 * 3600;

export const bucketOf = (at: Date): number => Math.floor(at.getTime() / 1000 / BUCKET_SECONDS);

/**
 * The weeks from `newest` down to `oldest`, in runs that double in length (1, 1, 2, 4, 8 …): the
 * ranked search reads the runs in turn until it has ranked its cap, so a common word is answered from
 * the latest week or two and a rare one in about log2(weeks) index scans.
 */
export function bucketRuns(newest: number, oldest: number): number[][] {
  const runs: number[][] = [];
  let size = 1;
  for (let top = newest; top >= oldest; ) {
    const run: number[] = [];
    for (let b = top; b > top - size && b >= oldest; b--) run.push(b);
    runs.push(run);
    top -= size;
    if (runs.length > 1) size *= 2;
  }
  return runs;
}
