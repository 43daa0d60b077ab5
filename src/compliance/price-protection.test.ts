import { expect, test } from 'vitest';
import { priceProtectionDifference } from './price-protection.js';

const paidAt = new Date('2026-11-01T04:00:00Z'); // noon, 1 Nov, Beijing time

test.each([
  [
    'the price dropped ¥20 a week later, 2 bought',
    199_00,
    179_00,
    2,
    '2026-11-08T04:00:00Z',
    30,
    true,
    'price_dropped_within_window',
    40_00,
  ],
  ['the price rose', 199_00, 219_00, 1, '2026-11-08T04:00:00Z', 30, false, 'no_price_drop', 0],
  ['the same price', 199_00, 199_00, 1, '2026-11-08T04:00:00Z', 30, false, 'no_price_drop', 0],
  [
    'on the last day of a 30-day window',
    199_00,
    99_00,
    1,
    '2026-12-01T15:00:00Z',
    30,
    true,
    'price_dropped_within_window',
    100_00,
  ],
  ['one day after a 30-day window', 199_00, 99_00, 1, '2026-12-01T16:00:01Z', 30, false, 'window_passed', 0],
  [
    'a shop with a 7-day window, on day 10',
    199_00,
    99_00,
    1,
    '2026-11-11T04:00:00Z',
    7,
    false,
    'window_passed',
    0,
  ],
  ['no current price known', 199_00, null, 1, '2026-11-08T04:00:00Z', 30, false, 'unknown_price', 0],
] as const)('%s', (_name, paid, current, qty, now, days, applies, reason, diff) => {
  const result = priceProtectionDifference({
    paidUnitFen: paid,
    currentUnitFen: current,
    quantity: qty,
    paidAt,
    now: new Date(now),
    windowDays: days,
    timezone: 'Asia/Shanghai',
  });
  expect(result).toMatchObject({ applies, reason, differenceFen: diff });
});

test('an unpaid order has no price protection', () => {
  const result = priceProtectionDifference({
    paidUnitFen: 100_00,
    currentUnitFen: 50_00,
    quantity: 1,
    paidAt: null,
    now: new Date(),
    windowDays: 30,
    timezone: 'Asia/Shanghai',
  });
  expect(result).toMatchObject({ applies: false, reason: 'not_paid' });
});
