/**
 * The early-warning test: are a SKU batch's safety or quality complaints in the last days more than
 * its own baseline explains? Complaints are counted against the goods in buyers' hands (order lines
 * sold), the baseline is the same SKU over the weeks before, and the question is a Poisson tail:
 * how likely is at least this many complaints if nothing changed. A fixed count would fire on every
 * best-seller and miss a slow seller's defect.
 */
export type SpikeInput = {
  /** Complaints of this signal on the batch in the test window. */
  observed: number;
  /** Order lines of the batch in buyers' hands for the window. */
  windowLines: number;
  /** The SKU's complaints and lines over the baseline weeks before the window. */
  baselineComplaints: number;
  baselineLines: number;
  /** The whole shop's rate, for a SKU too new to have a baseline of its own. */
  fallbackRate: number;
};

export type SpikeRule = { alpha: number; minCount: number };

/** Safety: fewer reports suffice, a hazard is worth a look sooner. Quality: a stricter test. */
export const SPIKE_RULES = {
  safety: { alpha: 0.01, minCount: 3 },
  quality: { alpha: 0.001, minCount: 5 },
} as const satisfies Record<string, SpikeRule>;

/** Lines a baseline needs before it is trusted over the shop-wide rate. */
export const MIN_BASELINE_LINES = 200;

export type SpikeVerdict = {
  spike: boolean;
  observed: number;
  expected: number;
  baselineRatePer1000: number;
  windowRatePer1000: number | null;
  pValue: number;
  baseline: 'own' | 'shop';
};

/** log(k!) by summation: k stays small (complaints on one batch in a week). */
function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space so large λ does not underflow. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let below = 0;
  for (let i = 0; i < k; i++) below += Math.exp(-lambda + i * Math.log(lambda) - logFactorial(i));
  return Math.min(1, Math.max(0, 1 - below));
}

export function testSpike(input: SpikeInput, rule: SpikeRule): SpikeVerdict {
  const own = input.baselineLines >= MIN_BASELINE_LINES;
  // Half a complaint of prior keeps a clean record from making any single report "infinitely" unlikely.
  const rate = own ? (input.baselineComplaints + 0.5) / input.baselineLines : input.fallbackRate;
  const expected = rate * input.windowLines;
  const pValue = poissonUpperTail(input.observed, expected);
  return {
    spike: input.observed >= rule.minCount && pValue < rule.alpha,
    observed: input.observed,
    expected: Math.round(expected * 1000) / 1000,
    baselineRatePer1000: Math.round(rate * 1_000_000) / 1000,
    windowRatePer1000:
      input.windowLines > 0 ? Math.round((input.observed / input.windowLines) * 1_000_000) / 1000 : null,
    pValue,
    baseline: own ? 'own' : 'shop',
  };
}
