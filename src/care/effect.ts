/** One group's count: orders, and those with a quality return / a negative review after delivery. */
export type GroupCounts = { orders: number; qualityReturns: number; negativeReviews: number };

export type MetricEffect = {
  metric: 'qualityReturns' | 'negativeReviews';
  careRate: number | null;
  holdoutRate: number | null;
  /** care − hold-out, in percentage points (negative: fewer with the care message). */
  differencePp: number | null;
  /** 95 % interval of the difference, percentage points (Wald). */
  lowPp: number | null;
  highPp: number | null;
  /** Two-sided p of the two-proportion z-test (pooled). */
  pValue: number | null;
};

/** Below this many orders in either group the comparison says "not enough yet" instead of a verdict. */
export const MIN_GROUP = 30;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 through erf; |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Two groups' rates of one outcome: difference, 95 % interval (Wald) and two-sided p (pooled z). */
export function compareRates(care: { n: number; hits: number }, holdout: { n: number; hits: number }) {
  if (!care.n || !holdout.n) {
    return {
      careRate: care.n ? round((care.hits / care.n) * 100) : null,
      holdoutRate: holdout.n ? round((holdout.hits / holdout.n) * 100) : null,
      differencePp: null,
      lowPp: null,
      highPp: null,
      pValue: null,
    };
  }
  const p1 = care.hits / care.n;
  const p2 = holdout.hits / holdout.n;
  const diff = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / care.n + (p2 * (1 - p2)) / holdout.n);
  const pooled = (care.hits + holdout.hits) / (care.n + holdout.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / care.n + 1 / holdout.n));
  const pValue = sePooled === 0 ? 1 : 2 * (1 - normalCdf(Math.abs(diff) / sePooled));
  return {
    careRate: round(p1 * 100),
    holdoutRate: round(p2 * 100),
    differencePp: round(diff * 100),
    lowPp: round((diff - 1.96 * se) * 100),
    highPp: round((diff + 1.96 * se) * 100),
    pValue: round(pValue, 4),
  };
}

const compare = (metric: MetricEffect['metric'], care: GroupCounts, holdout: GroupCounts): MetricEffect => ({
  metric,
  ...compareRates({ n: care.orders, hits: care[metric] }, { n: holdout.orders, hits: holdout[metric] }),
});

/** The care group against the hold-out group, per metric, and whether the groups are big enough. */
export function holdoutEffect(care: GroupCounts, holdout: GroupCounts) {
  return {
    enough: care.orders >= MIN_GROUP && holdout.orders >= MIN_GROUP,
    metrics: [compare('qualityReturns', care, holdout), compare('negativeReviews', care, holdout)],
  };
}
