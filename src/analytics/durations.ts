// Response and resolution times kept as histograms, so a percentile over a million cases is a sum
// of a few hundred counts. Below a minute a bucket is one second wide; from a minute on each bucket
// is 5 % wider than the one before, and a bucket stands for the geometric middle of its bounds: a
// percentile read from the buckets is within 2.5 % of the exact one (or half a second below a
// minute). The SQL that files a duration into its bucket is durationBucketSql in summary-repo.ts.

export const SECOND_BUCKETS = 60;
export const GROWTH = 1.05;
const MINUTE_MS = 60_000;

/** The bucket a duration (ms) falls into; a negative duration counts as none. */
export function durationBucket(ms: number): number {
  const v = Math.max(0, ms);
  if (v < MINUTE_MS) return Math.floor(v / 1000);
  return SECOND_BUCKETS + Math.floor(Math.log(v / MINUTE_MS) / Math.log(GROWTH));
}

/** The duration (ms) a bucket stands for. */
export function bucketValueMs(bucket: number): number {
  if (bucket < SECOND_BUCKETS) return bucket * 1000 + 500;
  return MINUTE_MS * GROWTH ** (bucket - SECOND_BUCKETS + 0.5);
}

/**
 * The p-th percentile (0..1) of the durations counted in a histogram, interpolated between the
 * neighbouring ranks as percentile_cont does; null when nothing was counted.
 */
export function percentileOf(histogram: Map<number, number>, p: number): number | null {
  const buckets = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const valueAt = (k: number): number => {
    let seen = 0;
    for (const [bucket, n] of buckets) {
      seen += n;
      if (k < seen) return bucketValueMs(bucket);
    }
    return bucketValueMs(buckets.at(-1)![0]);
  };
  const a = valueAt(lo);
  const b = hi === lo ? a : valueAt(hi);
  return Math.round(a + (rank - lo) * (b - a));
}
