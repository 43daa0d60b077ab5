import type { ComplaintStatus, ComplaintType } from '../db/schema/brand.js';
import { addWorkingDays, CN_WORKING_DAYS } from '../disputes/dispute-rules.js';
import { COMPLAINT_MOVES } from './brand-types.js';
import { COMPLAINT_TYPE_SPECS } from './complaint-types.js';
import { outcomeOf } from './success-rate.js';

export { COMPLAINT_MOVES } from './brand-types.js';

export const canMove = (from: ComplaintStatus, to: ComplaintStatus) => COMPLAINT_MOVES[from].includes(to);

/**
 * Default windows when the platform's notice names no date. UNCERTAIN: portals state the period in
 * each request; these are the commonly reported ones (3 days to supplement evidence, 3 working days
 * to answer a counter-notice) and any date the caller passes wins.
 */
export const SUPPLEMENT_DAYS = 3;
export const COUNTER_NOTICE_WORKING_DAYS = 3;
const DAY_MS = 86_400_000;

export type ComplaintClock = {
  status: ComplaintStatus;
  type: ComplaintType;
  submittedAt: Date | null;
  supplementDueAt: Date | null;
  counterNoticeDueAt: Date | null;
  decisionExpectedBy: Date | null;
  decidedAt: Date | null;
};

export type MoveResult = {
  next: ComplaintClock & { outcome: 'succeeded' | 'failed' | null; nextDueAt: Date | null };
};

/** The complaint after a status change, with its deadlines; null when the move is illegal. */
export function moveComplaint(
  current: ComplaintClock,
  to: ComplaintStatus,
  at: Date,
  given: { dueAt?: Date | undefined } = {},
): MoveResult | null {
  if (!canMove(current.status, to)) return null;
  const next = { ...current, status: to };
  const ms = at.getTime();
  if (to === 'submitted') {
    next.submittedAt ??= at;
    next.supplementDueAt = null;
    next.decisionExpectedBy = new Date(
      addWorkingDays(CN_WORKING_DAYS, ms, COMPLAINT_TYPE_SPECS[current.type].decisionWorkingDays),
    );
  }
  if (to === 'supplement_requested')
    next.supplementDueAt = given.dueAt ?? new Date(ms + SUPPLEMENT_DAYS * DAY_MS);
  if (to === 'counter_noticed') {
    next.counterNoticeDueAt =
      given.dueAt ?? new Date(addWorkingDays(CN_WORKING_DAYS, ms, COUNTER_NOTICE_WORKING_DAYS));
  }
  if (to === 'taken_down' || to === 'reinstated') next.counterNoticeDueAt = null;
  const outcome = outcomeOf(to);
  if (outcome && !current.decidedAt) next.decidedAt = at;
  if (to === 'reinstated') next.decidedAt = at;
  return { next: { ...next, outcome, nextDueAt: nextDue(next) } };
}

/** The deadline the merchant must act on next (supplement, counter-notice), else the expected decision. */
export function nextDue(c: ComplaintClock): Date | null {
  if (c.status === 'supplement_requested') return c.supplementDueAt;
  if (c.status === 'counter_noticed') return c.counterNoticeDueAt;
  if (c.status === 'submitted') return c.decisionExpectedBy;
  return null;
}

export type DueState = 'upcoming' | 'due_soon' | 'overdue';
export function dueState(dueAt: Date, now: Date): DueState {
  const left = dueAt.getTime() - now.getTime();
  return left < 0 ? 'overdue' : left < DAY_MS ? 'due_soon' : 'upcoming';
}
