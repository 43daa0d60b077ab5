import type { RecallStatus } from './recall-types.js';

export const STAGES = [
  'open',
  'scope',
  'platforms',
  'statement',
  'notices',
  'remedies',
  'inquiries',
  'investigation',
  'review',
  'close',
] as const;
export type StageKey = (typeof STAGES)[number];
/**
 * `unfinished`: the campaign is closed or cancelled and the stage was never completed — nothing is
 * left to act on, but it is not shown as done either.
 */
export const STAGE_STATES = ['done', 'in_progress', 'todo', 'attention', 'unfinished'] as const;
export type StageState = (typeof STAGE_STATES)[number];

export type ProgressFacts = {
  status: RecallStatus;
  startMet: boolean | null;
  frozen: boolean;
  stopSale: { done: number; total: number };
  platforms: { done: number; total: number };
  /** Reports owed to the regulator: how many are late, and how many not yet filed. */
  reports: { overdue: number; unfiled: number; total: number };
  statementSaved: boolean;
  notices: { queued: number; sent: number; failed: number; unsendable: number; firstSent: boolean };
  remedies: { remediedUnits: number; inProgressUnits: number; affectedUnits: number };
  inquiries: { total: number; unanswered: number };
  investigation: { rootCause: boolean; actions: number; verified: number; findingsPublished: boolean };
  review: { done: number; total: number; trustSent: boolean };
};

/**
 * Where each of the ten stages stands: what is done, under way, not started, or needs a look. Once the
 * campaign is closed or cancelled nothing needs a look any more: what was under way or needed a look
 * is `unfinished`.
 */
export function stagesOf(f: ProgressFacts): Record<StageKey, StageState> {
  const live = liveStagesOf(f);
  if (f.status !== 'closed' && f.status !== 'cancelled') return live;
  const ended = (s: StageState): StageState => (s === 'attention' || s === 'in_progress' ? 'unfinished' : s);
  return Object.fromEntries(STAGES.map((k) => [k, ended(live[k])])) as Record<StageKey, StageState>;
}

function liveStagesOf(f: ProgressFacts): Record<StageKey, StageState> {
  const after = (s: RecallStatus[]) => s.includes(f.status);
  const publicNow = after(['announced', 'active', 'closing', 'closed']);
  const allDone = (x: { done: number; total: number }) => x.total > 0 && x.done >= x.total;
  return {
    open: publicNow
      ? f.startMet === false
        ? 'attention'
        : 'done'
      : f.status === 'cancelled'
        ? 'todo'
        : 'in_progress',
    scope: !f.frozen ? 'in_progress' : allDone(f.stopSale) ? 'done' : 'in_progress',
    platforms:
      f.reports.overdue > 0
        ? 'attention'
        : !publicNow
          ? f.reports.total > f.reports.unfiled
            ? 'in_progress'
            : 'todo'
          : allDone(f.platforms)
            ? 'done'
            : 'attention',
    statement: publicNow ? 'done' : f.statementSaved ? 'in_progress' : 'todo',
    notices: !f.notices.firstSent
      ? 'todo'
      : f.notices.failed + f.notices.unsendable > 0
        ? 'attention'
        : f.notices.queued > 0
          ? 'in_progress'
          : 'done',
    remedies:
      f.remedies.remediedUnits + f.remedies.inProgressUnits === 0
        ? 'todo'
        : f.remedies.remediedUnits >= f.remedies.affectedUnits
          ? 'done'
          : 'in_progress',
    inquiries: f.inquiries.total === 0 ? 'todo' : f.inquiries.unanswered > 0 ? 'attention' : 'done',
    investigation:
      f.investigation.findingsPublished &&
      f.investigation.actions > 0 &&
      f.investigation.verified >= f.investigation.actions
        ? 'done'
        : f.investigation.rootCause || f.investigation.actions > 0
          ? 'in_progress'
          : 'todo',
    review:
      f.review.done >= f.review.total && f.review.trustSent
        ? 'done'
        : f.review.done > 0 || f.review.trustSent
          ? 'in_progress'
          : 'todo',
    close: f.status === 'closed' ? 'done' : f.status === 'closing' ? 'in_progress' : 'todo',
  };
}
