import { AppError } from '../shared/app-error.js';
import type { RecallStatus } from './recall-types.js';

// A campaign only moves forward; it can be called off before it is closed.
const NEXT: Record<RecallStatus, readonly RecallStatus[]> = {
  draft: ['announced', 'cancelled'],
  announced: ['active', 'cancelled'],
  active: ['closing', 'cancelled'],
  closing: ['closed', 'active', 'cancelled'],
  closed: [],
  cancelled: [],
};

export const allowedRecallMoves = (status: RecallStatus): readonly RecallStatus[] => NEXT[status];

/** Statuses in which the campaign is public and buyers are being told. */
export const isPublic = (status: RecallStatus): boolean =>
  status === 'announced' || status === 'active' || status === 'closing' || status === 'closed';

export type MoveFacts = {
  /** Saved statement versions per locale. */
  hasStatement: boolean;
  affectedOrders: number;
};

/** The timestamp column each move sets. */
export const STAMP: Partial<
  Record<RecallStatus, 'announcedAt' | 'activatedAt' | 'closingAt' | 'closedAt' | 'cancelledAt'>
> = {
  announced: 'announcedAt',
  active: 'activatedAt',
  closing: 'closingAt',
  closed: 'closedAt',
  cancelled: 'cancelledAt',
};

/** Checks a requested move; throws ILLEGAL_TRANSITION (409) with the reason in words. */
export function checkRecallMove(from: RecallStatus, to: RecallStatus, facts: MoveFacts): void {
  if (from === to) throw new AppError('ILLEGAL_TRANSITION', `the recall is already ${from}`);
  if (!NEXT[from].includes(to)) {
    throw new AppError('ILLEGAL_TRANSITION', `a ${from} recall cannot move to ${to}`);
  }
  if (to === 'announced') {
    if (!facts.hasStatement) {
      throw new AppError('ILLEGAL_TRANSITION', 'save the official statement before announcing the recall');
    }
    if (facts.affectedOrders === 0) {
      throw new AppError('ILLEGAL_TRANSITION', 'the scope matches no order: nothing to announce');
    }
  }
}

/** Minutes from the first safety report to announcement (null until announced). */
export function minutesToAnnounce(learnedAt: Date, announcedAt: Date | null): number | null {
  if (!announcedAt) return null;
  return Math.max(0, Math.round((announcedAt.getTime() - learnedAt.getTime()) / 60_000));
}

/** Units remedied over units sold, in permille (integer), 0 when nothing was sold. */
export function completionPermille(remediedUnits: number, affectedUnits: number): number {
  if (affectedUnits <= 0) return 0;
  return Math.min(1000, Math.round((remediedUnits * 1000) / affectedUnits));
}
