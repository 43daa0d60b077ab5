import { AppError } from '../shared/app-error.js';
import type { RootCause, TicketStatus } from './ticket-types.js';

/** The part of a ticket the state machine reads and writes. */
export type TicketState = {
  status: TicketStatus;
  rootCause: RootCause | null;
  resolution: string | null;
  closedAt: Date | null;
  reopenCount: number;
};

/** The state-machine part of any ticket-shaped row. */
export const stateOf = (t: TicketState): TicketState => ({
  status: t.status,
  rootCause: t.rootCause,
  resolution: t.resolution,
  closedAt: t.closedAt,
  reopenCount: t.reopenCount,
});

// Real cases skip steps (a simple question goes new → closed), but never run backwards into
// `new`, and a closed case only comes back through a reopen into investigation.
const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['acknowledged', 'investigating', 'awaiting_customer', 'resolution_proposed', 'resolving', 'closed'],
  acknowledged: ['investigating', 'awaiting_customer', 'resolution_proposed', 'resolving', 'closed'],
  investigating: ['awaiting_customer', 'resolution_proposed', 'resolving', 'follow_up', 'closed'],
  awaiting_customer: ['investigating', 'resolution_proposed', 'resolving', 'closed'],
  resolution_proposed: ['investigating', 'awaiting_customer', 'resolving', 'closed'],
  resolving: ['awaiting_customer', 'follow_up', 'closed'],
  follow_up: ['investigating', 'awaiting_customer', 'closed'],
  closed: ['investigating'],
};

export function allowedNextStatuses(status: TicketStatus): readonly TicketStatus[] {
  return NEXT[status];
}

export type StatusCommand = {
  status: TicketStatus;
  rootCause?: RootCause | undefined;
  resolution?: string | undefined;
};

export type StatusChange = { next: TicketState; event: 'status_changed' | 'closed' | 'reopened' };

/** Applies a requested status; throws ILLEGAL_TRANSITION for a move the case cannot make. */
export function changeStatus(ticket: TicketState, cmd: StatusCommand, now: Date): StatusChange {
  if (cmd.status === ticket.status) {
    throw new AppError('ILLEGAL_TRANSITION', `the case is already ${ticket.status}`);
  }
  if (!NEXT[ticket.status].includes(cmd.status)) {
    throw new AppError('ILLEGAL_TRANSITION', `a ${ticket.status} case cannot move to ${cmd.status}`);
  }
  if (cmd.status === 'closed') {
    if (!cmd.rootCause) {
      throw new AppError('VALIDATION_FAILED', 'closing a case needs a root cause (rootCause)');
    }
    return {
      next: {
        ...ticket,
        status: 'closed',
        rootCause: cmd.rootCause,
        resolution: cmd.resolution ?? ticket.resolution,
        closedAt: now,
      },
      event: 'closed',
    };
  }
  if (ticket.status === 'closed') {
    return { next: reopened(ticket), event: 'reopened' };
  }
  return { next: { ...ticket, status: cmd.status }, event: 'status_changed' };
}

function reopened(ticket: TicketState): TicketState {
  return { ...ticket, status: 'investigating', closedAt: null, reopenCount: ticket.reopenCount + 1 };
}

/** What a new message does to the case: a buyer's reply resumes work or reopens it; a first reply acknowledges. */
export function statusAfterMessage(
  ticket: TicketState,
  direction: 'inbound' | 'outbound' | 'note',
): StatusChange | null {
  if (direction === 'inbound') {
    if (ticket.status === 'closed') return { next: reopened(ticket), event: 'reopened' };
    if (ticket.status === 'awaiting_customer') {
      return { next: { ...ticket, status: 'investigating' }, event: 'status_changed' };
    }
    return null;
  }
  if (direction === 'outbound' && ticket.status === 'new') {
    return { next: { ...ticket, status: 'acknowledged' }, event: 'status_changed' };
  }
  return null;
}
