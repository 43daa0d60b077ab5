import { describe, expect, test } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { changeStatus, statusAfterMessage, type TicketState } from './ticket.js';
import type { TicketStatus } from './ticket-types.js';

const now = new Date('2026-11-11T10:00:00Z');
const aTicket = (status: TicketStatus, extra: Partial<TicketState> = {}): TicketState => ({
  status,
  rootCause: null,
  resolution: null,
  closedAt: null,
  reopenCount: 0,
  ...extra,
});

describe('ticket status machine', () => {
  test.each<[TicketStatus, TicketStatus]>([
    ['new', 'acknowledged'],
    ['acknowledged', 'investigating'],
    ['investigating', 'awaiting_customer'],
    ['awaiting_customer', 'resolution_proposed'],
    ['resolution_proposed', 'resolving'],
    ['resolving', 'follow_up'],
    ['new', 'investigating'],
  ])('a %s case can move to %s', (from, to) => {
    expect(changeStatus(aTicket(from), { status: to }, now).next.status).toBe(to);
  });

  test.each<[TicketStatus, TicketStatus]>([
    ['new', 'follow_up'],
    ['acknowledged', 'new'],
    ['closed', 'resolving'],
    ['closed', 'new'],
    ['investigating', 'investigating'],
    ['resolving', 'resolution_proposed'],
  ])('a %s case cannot move to %s', (from, to) => {
    const attempt = () => changeStatus(aTicket(from), { status: to, rootCause: 'other' }, now);
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/cannot move|already/);
  });

  test('closing records the root cause, the remedy and the time', () => {
    const { next, event } = changeStatus(
      aTicket('follow_up'),
      { status: 'closed', rootCause: 'supplier_defect', resolution: 'exchange' },
      now,
    );
    expect(event).toBe('closed');
    expect(next).toMatchObject({
      status: 'closed',
      rootCause: 'supplier_defect',
      resolution: 'exchange',
      closedAt: now,
    });
  });

  test('closing without a root cause is refused', () => {
    expect(() => changeStatus(aTicket('resolving'), { status: 'closed' }, now)).toThrow(/root cause/);
  });

  test('a closed case reopens into investigation and counts the reopen', () => {
    const { next, event } = changeStatus(
      aTicket('closed', { closedAt: now }),
      { status: 'investigating' },
      now,
    );
    expect(event).toBe('reopened');
    expect(next).toMatchObject({ status: 'investigating', closedAt: null, reopenCount: 1 });
  });

  test('a buyer message reopens a closed case and resumes one awaiting the buyer', () => {
    expect(statusAfterMessage(aTicket('closed'), 'inbound')?.next.status).toBe('investigating');
    expect(statusAfterMessage(aTicket('awaiting_customer'), 'inbound')?.next.status).toBe('investigating');
    expect(statusAfterMessage(aTicket('investigating'), 'inbound')).toBeNull();
  });

  test('the first reply acknowledges a new case; a note does not', () => {
    expect(statusAfterMessage(aTicket('new'), 'outbound')?.next.status).toBe('acknowledged');
    expect(statusAfterMessage(aTicket('new'), 'note')).toBeNull();
  });
});
