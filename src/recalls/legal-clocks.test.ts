import { describe, expect, test } from 'vitest';
import { recallClock } from './legal-clocks.js';

// 2025-03-03 is a Monday; times are UTC (Asia/Shanghai is +8).
describe('the legal clock of a recall', () => {
  test.each([
    ['food_1', '2025-03-03T02:00:00Z', '2025-03-04T02:00:00.000Z'],
    ['food_2', '2025-03-03T02:00:00Z', '2025-03-05T02:00:00.000Z'],
    ['food_3', '2025-03-03T02:00:00Z', '2025-03-06T02:00:00.000Z'],
    ['consumer', '2025-03-03T02:00:00Z', '2025-03-04T02:00:00.000Z'],
  ] as const)('a %s recall learned of at %s must start by %s', (level, learned, startBy) => {
    expect(recallClock(level, new Date(learned), null, null).startBy?.toISOString()).toBe(startBy);
  });

  test('a level-1 food recall completes ten working days after it starts, skipping the weekend', () => {
    const clock = recallClock(
      'food_1',
      new Date('2025-03-03T02:00:00Z'),
      new Date('2025-03-03T06:00:00Z'),
      null,
    );
    // Monday 14:00 local + 10 working days = Monday two weeks later, 14:00 local.
    expect(clock.completeBy?.toISOString()).toBe('2025-03-17T06:00:00.000Z');
    expect(clock.startMet).toBe(true);
  });

  test('the National Day week does not count as working days', () => {
    const clock = recallClock(
      'food_1',
      new Date('2025-09-30T02:00:00Z'),
      new Date('2025-09-30T02:00:00Z'),
      null,
    );
    // 1–8 October 2025 are holidays; 28 Sep and 11 Oct are 调休 working Sundays/Saturdays.
    expect(clock.completeBy!.getTime()).toBeGreaterThan(new Date('2025-10-14T00:00:00Z').getTime());
  });

  test('an announcement after the start deadline is shown as missed', () => {
    const clock = recallClock(
      'food_1',
      new Date('2025-03-03T02:00:00Z'),
      new Date('2025-03-05T02:00:00Z'),
      null,
    );
    expect(clock.startMet).toBe(false);
  });

  test('unconfirmed figures are flagged until the campaign overrides them', () => {
    expect(recallClock('consumer', new Date(), null, null).uncertain).toBe(true);
    const own = recallClock('consumer', new Date('2025-03-03T02:00:00Z'), null, { startHours: 48 });
    expect(own.uncertain).toBe(false);
    expect(own.startBy?.toISOString()).toBe('2025-03-05T02:00:00.000Z');
  });
});
