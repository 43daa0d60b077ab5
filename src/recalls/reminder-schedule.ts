import type { RecallStatus } from './recall-types.js';

const DAY = 86_400_000;

/** Default reminder waves: 3 and 7 days after the first notice. */
export const DEFAULT_REMINDER_DAYS = [3, 7] as const;

export type ScheduleFacts = {
  status: RecallStatus;
  /** When the first notices went out (null: not yet). */
  firstAt: Date | null;
  /** Days after the first notice, one per reminder wave (empty: reminders off). */
  days: readonly number[];
  /** Reminder waves already sent, by hand or on schedule. */
  sent: number;
};

/** Days as the merchant set them: whole days, 1–90, ascending, no repeats, at most 6 waves. */
export function normaliseReminderDays(days: readonly number[]): number[] {
  return [...new Set(days.map((d) => Math.round(d)).filter((d) => d >= 1 && d <= 90))]
    .sort((a, b) => a - b)
    .slice(0, 6);
}

/**
 * When the reminder worker sends the next wave: the n-th reminder is due `days[n]` days after the
 * first notice, n counting the reminders already sent (a reminder sent by hand counts). Null when
 * nothing is due: no first notice yet, schedule done or off, campaign not public or over.
 */
export function nextReminderAt(f: ScheduleFacts): Date | null {
  if (f.status !== 'announced' && f.status !== 'active' && f.status !== 'closing') return null;
  if (!f.firstAt) return null;
  const days = normaliseReminderDays(f.days);
  const next = days[f.sent];
  return next === undefined ? null : new Date(f.firstAt.getTime() + next * DAY);
}

/** The schedule facts of a campaign row. */
export function scheduleOf(r: {
  status: RecallStatus;
  reminderDays: number[];
  noticeWaves: { wave: string; at: string }[];
}): ScheduleFacts {
  const first = r.noticeWaves.find((w) => w.wave === 'first');
  return {
    status: r.status,
    firstAt: first ? new Date(first.at) : null,
    days: r.reminderDays,
    sent: r.noticeWaves.filter((w) => w.wave.startsWith('reminder')).length,
  };
}
