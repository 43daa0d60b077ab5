import { describe, expect, test } from 'vitest';
import {
  type DeltaFigures,
  deltaFigures,
  GUARD_DEFAULTS,
  judgeDelta,
  type Verdict,
} from './sentiment-guard.js';

const verdict = (p: number): Verdict =>
  Math.abs(p - 0.5) < 0.1 ? 'neutral' : p >= 0.5 ? 'positive' : 'negative';

describe('the figures of a delta against the shipped model', () => {
  test('count changed verdicts by their new verdict, flipped sides, and the sure texts turned', () => {
    const f = deltaFigures(
      [
        [0.9, 0.95], // the same verdict
        [0.3, 0.7], // negative → positive, flipped
        [0.55, 0.2], // neutral → negative, flipped
        [0.05, 0.45], // a sure negative turned neutral
        [0.9, 0.3], // a sure positive turned negative
      ],
      verdict,
      0.35,
    );
    expect(f).toEqual({
      texts: 5,
      agree: 1,
      changed: 4,
      toPositive: 1,
      toNegative: 2,
      toNeutral: 1,
      flipped: 3,
      positiveBefore: 3,
      positiveAfter: 2,
      sure: 3,
      sureFlipped: 1,
    });
  });
});

/** Figures of `texts` texts of which `moved` went from the negative side to the positive (negative: back). */
function leaning(texts: number, moved: number, changedBesides = 0): DeltaFigures {
  const toPositive = Math.max(moved, 0);
  const toNegative = Math.max(-moved, 0);
  return {
    texts,
    agree: texts - toPositive - toNegative - changedBesides,
    changed: toPositive + toNegative + changedBesides,
    toPositive,
    toNegative,
    toNeutral: changedBesides,
    flipped: toPositive + toNegative,
    positiveBefore: 500,
    positiveAfter: 500 + moved,
    sure: 600,
    sureFlipped: 0,
  };
}

describe('the guard', () => {
  const limit = GUARD_DEFAULTS.maxLeanGap;
  test.each([
    // [case, learnt texts, kept-aside texts, adopted]
    ['no lean anywhere', leaning(4000, 0), leaning(1000, 0), true],
    [
      'a domain bias corrected alike on both parts (蒙牛: +7% and +7%)',
      leaning(4000, 280),
      leaning(1000, 70),
      true,
    ],
    [
      'a stronger lean on the unseen texts (手机: −0.3% and −4.8%)',
      leaning(4000, -12),
      leaning(1000, -48),
      true,
    ],
    [
      'many changed verdicts, the same lean on both parts',
      leaning(4000, 80, 1000),
      leaning(1000, 20, 300),
      true,
    ],
    [
      'a drift to negative the unseen texts show (书籍, seed 4: −12% and −25%)',
      leaning(4000, -494),
      leaning(1000, -253),
      false,
    ],
    ['a drift to positive (热水器: +6% and +17%)', leaning(4000, 240), leaning(1000, 174), false],
    ['just within the limit', leaning(1000, 0), leaning(1000, Math.floor(limit * 1000)), true],
    ['just over the limit', leaning(1000, 0), leaning(1000, Math.ceil(limit * 1000) + 1), false],
  ])('%s', (_case, learn, check, adopted) => {
    const v = judgeDelta({ learn, check });
    expect(v.adopt).toBe(adopted);
    expect(v.reason).toBe(adopted ? null : 'lean');
    expect(v.limit).toBe(limit);
  });

  test('the limit is a setting', () => {
    const f = { learn: leaning(1000, 0), check: leaning(1000, 30) };
    expect(judgeDelta(f).adopt).toBe(true);
    expect(judgeDelta(f, { maxLeanGap: 0.02 })).toEqual({
      adopt: false,
      reason: 'lean',
      leanGap: 0.03,
      limit: 0.02,
    });
  });
});
