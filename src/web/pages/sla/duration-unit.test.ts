import { describe, expect, test } from 'vitest';
import { durationUnit } from './duration-unit.js';

describe('the unit a chart of durations is drawn in', () => {
  test.each([
    [0, 'min'],
    [45, 'min'],
    [2 * 3_600, 'min'],
    [3 * 3_600, 'hour'],
    [25 * 3_600, 'hour'],
    [3 * 86_400, 'day'],
    [9 * 86_400, 'day'],
  ])('largest value %i s → %s', (maxSec, key) => {
    expect(durationUnit(maxSec).key).toBe(key);
  });

  test('a week of waiting reads as 7 days, never thousands of minutes', () => {
    const unit = durationUnit(7 * 86_400);
    expect(7 * 86_400 * unit.perSec).toBe(7);
  });
});
