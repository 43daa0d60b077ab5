import { addWorkingDays, CN_WORKING_DAYS, DAY_MS } from './dispute-rules.js';

/**
 * Days a shop has to appeal a penalty, counted in calendar days from the penalty. Douyin: 7 days
 * (platforms.md, Rules). UNCERTAIN for the others: no public period found, so the merchant enters
 * the date from the notice.
 */
export const APPEAL_WINDOW_DAYS: Record<string, number> = { douyin: 7 };
/** Douyin decides an appeal in 1–5 working days. UNCERTAIN elsewhere; the same range is assumed. */
export const DECISION_WORKING_DAYS = { from: 1, to: 5 };

export function appealDueAt(platform: string, penalizedAt: Date, given?: Date | null): Date | null {
  if (given) return given;
  const days = APPEAL_WINDOW_DAYS[platform];
  return days === undefined ? null : new Date(penalizedAt.getTime() + days * DAY_MS);
}

export function decisionWindow(appealedAt: Date) {
  const at = appealedAt.getTime();
  return {
    from: new Date(addWorkingDays(CN_WORKING_DAYS, at, DECISION_WORKING_DAYS.from)),
    by: new Date(addWorkingDays(CN_WORKING_DAYS, at, DECISION_WORKING_DAYS.to)),
  };
}

export type PenaltyStatus = 'open' | 'appealed' | 'decided' | 'accepted';

/** What the penalty queue sorts by: the appeal deadline while open, the expected decision once appealed. */
export function penaltyNextDue(p: {
  status: PenaltyStatus;
  appealDueAt: Date | null;
  decisionExpectedBy: Date | null;
}): Date | null {
  if (p.status === 'open') return p.appealDueAt;
  if (p.status === 'appealed') return p.decisionExpectedBy;
  return null;
}

/** Whether an appeal can still be filed now: open, and not past the deadline when there is one. */
export function canAppeal(p: { status: PenaltyStatus; appealDueAt: Date | null }, now: Date): string | null {
  if (p.status !== 'open') return `the penalty is ${p.status}, not open`;
  if (p.appealDueAt && now.getTime() > p.appealDueAt.getTime()) {
    return `the appeal deadline passed at ${p.appealDueAt.toISOString()}`;
  }
  return null;
}
