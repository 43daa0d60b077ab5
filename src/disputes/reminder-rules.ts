import type { ReminderDeadline, ReminderStage } from './dispute-types.js';

const HOUR = 3_600_000;

/** How far ahead each stage is raised (UNCERTAIN what merchants want: three days and one day ahead). */
export const REMINDER_LEADS: { stage: Exclude<ReminderStage, 'overdue'>; hours: number }[] = [
  { stage: 'ahead_1d', hours: 24 },
  { stage: 'ahead_3d', hours: 72 },
];
/** A deadline that passed longer ago than this gets no "overdue" reminder (a worker starting after a long pause). */
export const OVERDUE_LOOKBACK_HOURS = 7 * 24;

export type PendingDeadline = { deadline: ReminderDeadline; at: Date };

type DisputeDeadlines = {
  status: string;
  evidenceDueAt: Date | null;
  responseDueAt: Date | null;
  acceptanceDueAt: Date | null;
  mediationEndsAt: Date | null;
};

/** A dispute's deadlines the merchant still has to meet: evidence and response until submitted (as nextDue). */
export function disputePending(d: DisputeDeadlines): PendingDeadline[] {
  if (d.status === 'closed') return [];
  const list: [ReminderDeadline, Date | null][] = [
    ['evidence_due', d.status === 'open' ? d.evidenceDueAt : null],
    ['response_due', d.status === 'open' ? d.responseDueAt : null],
    ['acceptance_due', d.acceptanceDueAt],
    ['mediation_ends', d.mediationEndsAt],
  ];
  return list.flatMap(([deadline, at]) => (at ? [{ deadline, at }] : []));
}

/** A penalty's: the appeal deadline while open, the expected decision once appealed (as penaltyNextDue). */
export function penaltyPending(p: {
  status: string;
  appealDueAt: Date | null;
  decisionExpectedBy: Date | null;
}): PendingDeadline[] {
  if (p.status === 'open' && p.appealDueAt) return [{ deadline: 'appeal_due', at: p.appealDueAt }];
  if (p.status === 'appealed' && p.decisionExpectedBy) {
    return [{ deadline: 'decision_expected', at: p.decisionExpectedBy }];
  }
  return [];
}

/**
 * The one stage a deadline is in now: the nearest lead it is inside, or overdue. Only the current
 * stage is raised, so a worker that was down does not send a stale "three days left" a day before.
 */
export function stageNow(at: Date, now: Date): ReminderStage | null {
  const left = at.getTime() - now.getTime();
  if (left <= 0) return -left <= OVERDUE_LOOKBACK_HOURS * HOUR ? 'overdue' : null;
  return REMINDER_LEADS.find((lead) => left <= lead.hours * HOUR)?.stage ?? null;
}

/** The reminders due now for one subject's pending deadlines. */
export function remindersDue(pending: PendingDeadline[], now: Date) {
  return pending.flatMap((p) => {
    const stage = stageNow(p.at, now);
    return stage ? [{ ...p, stage }] : [];
  });
}

/** Whether a raised reminder still applies: its deadline, at the same time, is still pending. */
export function stillPending(pending: PendingDeadline[], r: { deadline: string; dueAt: Date }): boolean {
  return pending.some((p) => p.deadline === r.deadline && p.at.getTime() === r.dueAt.getTime());
}
