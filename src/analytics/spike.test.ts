import { describe, expect, test } from 'vitest';
import { poissonUpperTail, SPIKE_RULES, testSpike } from './spike.js';

describe('the Poisson tail', () => {
  test.each([
    [0, 2, 1],
    [1, 0, 0],
    [1, 1, 1 - Math.exp(-1)],
    [3, 1, 1 - Math.exp(-1) * (1 + 1 + 0.5)],
  ])('P(X ≥ %i | λ = %f)', (k, lambda, expected) => {
    expect(poissonUpperTail(k, lambda)).toBeCloseTo(expected, 10);
  });

  test('large λ does not underflow', () => {
    expect(poissonUpperTail(1000, 1000)).toBeGreaterThan(0.4);
    expect(poissonUpperTail(1200, 1000)).toBeLessThan(1e-6);
  });
});

const base = { windowLines: 2_000, baselineComplaints: 2, baselineLines: 16_000, fallbackRate: 0.0001 };

describe('a spike against its own baseline', () => {
  test.each([
    ['6 safety reports where 0.3 were expected: a possible recall', { ...base, observed: 6 }, 'safety', true],
    ['2 safety reports: too few to call, however unlikely', { ...base, observed: 2 }, 'safety', false],
    [
      'a best-seller with its usual 40 quality complaints: no alarm',
      { ...base, observed: 40, baselineComplaints: 320 },
      'quality',
      false,
    ],
    [
      'the same best-seller at twice its usual rate: an alarm',
      { ...base, observed: 80, baselineComplaints: 320 },
      'quality',
      true,
    ],
    [
      'a slow seller with 5 quality complaints on 60 lines, usually 1 in 1,000: an alarm',
      { ...base, observed: 5, windowLines: 60, baselineComplaints: 1, baselineLines: 1_000 },
      'quality',
      true,
    ],
    [
      'a new SKU judged by the shop-wide rate',
      { observed: 4, windowLines: 100, baselineComplaints: 0, baselineLines: 50, fallbackRate: 0.001 },
      'safety',
      true,
    ],
  ] as const)('%s', (_name, input, signal, spike) => {
    const verdict = testSpike(input, SPIKE_RULES[signal]);
    expect(verdict.spike).toBe(spike);
  });

  test('the verdict carries its evidence', () => {
    const v = testSpike({ ...base, observed: 6 }, SPIKE_RULES.safety);
    expect(v).toMatchObject({ observed: 6, expected: 0.313, baseline: 'own', windowRatePer1000: 3 });
    expect(v.baselineRatePer1000).toBeCloseTo(0.156, 3);
    expect(v.pValue).toBeLessThan(1e-5);
  });
});
