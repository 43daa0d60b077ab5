/**
 * The guard on a tenant's sentiment delta (sentiment-delta.ts): self-training can drift — once its
 * early pseudo-labels lean the wrong way, each round confirms them (MODEL.md, "A guard against a
 * drifted delta"). Before a delta is adopted its verdicts on the tenant's own texts are compared
 * with the shipped model's; a delta that changes too many of them is held back. Pure: the service
 * passes the two probabilities of each text.
 */

/** How the delta's verdicts on the tenant's texts differ from the shipped model's. */
export type DeltaFigures = {
  /** Texts compared (the texts the delta learnt from). */
  texts: number;
  /** Texts the adapted model gives the same verdict as the shipped one (neutral band included). */
  agree: number;
  changed: number;
  toPositive: number;
  toNegative: number;
  toNeutral: number;
  /** Texts whose side (P ≥ 0.5 or not) changed. */
  flipped: number;
  /** Texts the shipped model put on the positive side, and the adapted one. */
  positiveBefore: number;
  positiveAfter: number;
  /** Texts the shipped model was sure of (its first pseudo-labels), and how many of them the delta turned. */
  sure: number;
  sureFlipped: number;
};

export type Verdict = 'positive' | 'negative' | 'neutral';

/**
 * The figures of a delta over texts given as [P(positive) shipped, P(positive) adapted]; `verdict`
 * applies the neutral band, `sure` is the confidence of the first pseudo-labels (|p − 0.5| ≥ it).
 */
export function deltaFigures(
  pairs: Iterable<readonly [number, number]>,
  verdict: (p: number) => Verdict,
  sure: number,
): DeltaFigures {
  const f: DeltaFigures = {
    texts: 0,
    agree: 0,
    changed: 0,
    toPositive: 0,
    toNegative: 0,
    toNeutral: 0,
    flipped: 0,
    positiveBefore: 0,
    positiveAfter: 0,
    sure: 0,
    sureFlipped: 0,
  };
  const to = { positive: 'toPositive', negative: 'toNegative', neutral: 'toNeutral' } as const;
  for (const [before, after] of pairs) {
    f.texts++;
    const vb = verdict(before);
    const va = verdict(after);
    if (vb === va) f.agree++;
    else {
      f.changed++;
      f[to[va]]++;
    }
    const sb = before >= 0.5;
    const sa = after >= 0.5;
    if (sb !== sa) f.flipped++;
    if (sb) f.positiveBefore++;
    if (sa) f.positiveAfter++;
    if (Math.abs(before - 0.5) >= sure) {
      f.sure++;
      if (sb !== sa) f.sureFlipped++;
    }
  }
  return f;
}

/** Every this-many-th of the tenant's texts is kept aside: the delta never learns from it. */
export const CHECK_EVERY = 5;

/**
 * The guard's limit (MODEL.md, "A guard against a drifted delta"): how much more the delta may move
 * the share of positive verdicts on the texts it never saw than on those it learnt from. A delta that
 * corrects a domain's bias moves both alike; a drifted one has learnt a lean of its own, which its
 * learnt texts (fitted to their pseudo-labels) hide and unseen texts show. 0.10: the limit with the
 * best accuracy on the texts kept aside over leave-one-domain-out runs of shuffle seeds 0–3
 * (training/sentiment-lodo-guard.ts); seeds 4–7 only report it.
 */
export const GUARD_DEFAULTS = { maxLeanGap: 0.1 };

export type GuardLimits = typeof GUARD_DEFAULTS;

/** The share of texts the delta moved to the positive side (negative: to the negative side). */
export const positiveShift = (f: DeltaFigures) =>
  f.texts ? (f.positiveAfter - f.positiveBefore) / f.texts : 0;

export type GuardVerdict = {
  adopt: boolean;
  /** Why it was held: 'lean' (it leans one way on unseen texts far more than on its own). */
  reason: 'lean' | null;
  /** positiveShift on the texts kept aside minus on the texts learnt from. */
  leanGap: number;
  limit: number;
};

/** Adopt the delta or hold it, from its figures on the texts it learnt from and on those kept aside. */
export function judgeDelta(
  f: { learn: DeltaFigures; check: DeltaFigures },
  limits: GuardLimits = GUARD_DEFAULTS,
): GuardVerdict {
  const leanGap = positiveShift(f.check) - positiveShift(f.learn);
  const held = Math.abs(leanGap) > limits.maxLeanGap;
  return { adopt: !held, reason: held ? 'lean' : null, leanGap, limit: limits.maxLeanGap };
}
