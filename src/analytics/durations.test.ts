import { describe, expect, test } from 'vitest';
import { bucketValueMs, durationBucket, percentileOf } from './durations.js';

describe('duration buckets', () => {
  test.each([
    [-5, 0],
    [0, 0],
    [999, 0],
    [1000, 1],
    [59_999, 59],
    [60_000, 60],
    [63_000, 61],
    [3_600_000, 60 + 83],
  ])('%i ms is in bucket %i', (ms, bucket) => {
    expect(durationBucket(ms)).toBe(bucket);
  });

  test('a bucket stands for a value within 2.5 % of every duration in it (half a second below a minute)', () => {
    for (let ms = 0; ms < 40 * 86_400_000; ms = ms * 1.013 + 137) {
      const v = bucketValueMs(durationBucket(ms));
      if (ms < 60_000) expect(Math.abs(v - ms)).toBeLessThanOrEqual(500);
      else expect(Math.abs(v - ms) / ms).toBeLessThanOrEqual(0.025);
    }
  });
});

describe('percentiles from a histogram', () => {
  const of = (values: number[]) => {
    const h = new Map<number, number>();
    for (const v of values) h.set(durationBucket(v), (h.get(durationBucket(v)) ?? 0) + 1);
    return h;
  };
  const exact = (values: number[], p: number) => {
    const s = [...values].sort((a, b) => a - b);
    const rank = p * (s.length - 1);
    const lo = Math.floor(rank);
    return s[lo]! + (rank - lo) * (s[Math.ceil(rank)]! - s[lo]!);
  };

  test('nothing counted, no percentile', () => {
    expect(percentileOf(new Map(), 0.5)).toBeNull();
    expect(percentileOf(new Map([[3, 0]]), 0.5)).toBeNull();
  });

  test.each([
    ['one value', [120_000]],
    ['two values', [60_000, 600_000]],
    ['minutes and hours', [30_000, 90_000, 240_000, 3_600_000, 7_200_000, 36_000_000, 86_400_000]],
    ['seconds', [1_200, 4_800, 5_100, 17_000, 59_000]],
  ])('%s: P50 and P90 within 2.5 % (or half a second) of percentile_cont', (_name, values) => {
    for (const p of [0.5, 0.9]) {
      const want = exact(values, p);
      const got = percentileOf(of(values), p)!;
      expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.max(500, want * 0.025));
    }
  });
});
