import { expect, test } from 'vitest';
import { holdoutEffect, normalCdf } from './effect.js';

test('the normal CDF is right to 6 places at the usual points', () => {
  expect(normalCdf(0)).toBeCloseTo(0.5, 6);
  expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
  expect(normalCdf(-1.96)).toBeCloseTo(0.025, 4);
});

test('fewer quality returns with care: a negative difference with its interval and p', () => {
  const r = holdoutEffect(
    { orders: 900, qualityReturns: 27, negativeReviews: 18 },
    { orders: 100, qualityReturns: 8, negativeReviews: 2 },
  );
  expect(r.enough).toBe(true);
  const q = r.metrics.find((m) => m.metric === 'qualityReturns')!;
  expect(q).toMatchObject({ careRate: 3, holdoutRate: 8, differencePp: -5 });
  expect(q.lowPp!).toBeLessThan(-5);
  expect(q.highPp!).toBeGreaterThan(-5);
  expect(q.pValue!).toBeLessThan(0.05);
  const n = r.metrics.find((m) => m.metric === 'negativeReviews')!;
  expect(n).toMatchObject({ careRate: 2, holdoutRate: 2, differencePp: 0, pValue: 1 });
});

test('small groups are said to be small; an empty group gives no difference', () => {
  expect(
    holdoutEffect(
      { orders: 10, qualityReturns: 1, negativeReviews: 0 },
      { orders: 2, qualityReturns: 0, negativeReviews: 0 },
    ).enough,
  ).toBe(false);
  const r = holdoutEffect(
    { orders: 5, qualityReturns: 1, negativeReviews: 0 },
    { orders: 0, qualityReturns: 0, negativeReviews: 0 },
  );
  expect(r.metrics[0]).toMatchObject({ careRate: 20, holdoutRate: null, differencePp: null, pValue: null });
});
