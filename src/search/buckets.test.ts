import { describe, expect, test } from 'vitest';
import { BUCKET_SECONDS, bucketOf, bucketRuns } from './buckets.js';

describe('search buckets', () => {
  test.each([
    ['1970-01-01T00:00:00Z', 0],
    ['1970-01-07T23:59:59Z', 0],
    ['1970-01-08T00:00:00Z', 1],
    ['1969-12-31T23:59:59Z', -1],
    ['2026-12-06T18:00:00Z', Math.floor(Date.parse('2026-12-06T18:00:00Z') / 1000 / BUCKET_SECONDS)],
  ])('%s falls in week %i', (at, bucket) => {
    expect(bucketOf(new Date(at))).toBe(bucket);
  });

  test.each([
    [10, 10, [[10]]],
    [10, 9, [[10], [9]]],
    [10, 7, [[10], [9], [8, 7]]],
    [10, 0, [[10], [9], [8, 7], [6, 5, 4, 3], [2, 1, 0]]],
    [5, 6, []],
  ])('the runs from week %i down to %i are %j', (newest, oldest, runs) => {
    expect(bucketRuns(newest, oldest)).toEqual(runs);
  });

  test('every week between newest and oldest is in exactly one run, newest first', () => {
    const runs = bucketRuns(3000, 2740);
    expect(runs.flat()).toEqual(Array.from({ length: 261 }, (_, i) => 3000 - i));
    expect(runs.length).toBeLessThanOrEqual(10);
  });
});
