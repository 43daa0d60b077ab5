import { describe, expect, test } from 'vitest';
import { nextReminderAt, normaliseReminderDays, type ScheduleFacts } from './reminder-schedule.js';

const first = new Date('2026-12-01T02:00:00Z');
const facts = (over: Partial<ScheduleFacts>): ScheduleFacts => ({
  status: 'active',
  firstAt: first,
  days: [3, 7],
  sent: 0,
  ...over,
});

describe('when the next reminder wave is due', () => {
  test.each([
    ['the first reminder 3 days after the first notice', {}, '2026-12-04T02:00:00.000Z'],
    ['the second 7 days after, once one was sent', { sent: 1 }, '2026-12-08T02:00:00.000Z'],
    ['none once the schedule is done', { sent: 2 }, null],
    ['none before the first notice', { firstAt: null }, null],
    ['none when reminders are off', { days: [] }, null],
    ['none for a closed campaign', { status: 'closed' as const }, null],
    ['none for a cancelled campaign', { status: 'cancelled' as const }, null],
    ['in day order whatever order they were typed in', { days: [7, 3] }, '2026-12-04T02:00:00.000Z'],
  ])('%s', (_name, over, expected) => {
    expect(nextReminderAt(facts(over))?.toISOString() ?? null).toBe(expected);
  });

  test('days are whole, between 1 and 90, without repeats, at most six waves', () => {
    expect(normaliseReminderDays([0, 3, 3, 2.6, 120, 14, 1, 2, 4, 5, 6])).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
