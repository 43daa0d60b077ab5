import { describe, expect, test } from 'vitest';
import type { ComplaintStatus } from '../db/schema/brand.js';
import { type ComplaintClock, canMove, moveComplaint } from './complaint-rules.js';

const draft: ComplaintClock = {
  status: 'draft',
  type: 'trademark_listing_misuse',
  submittedAt: null,
  supplementDueAt: null,
  counterNoticeDueAt: null,
  decisionExpectedBy: null,
  decidedAt: null,
};
// Monday 2026-03-02 10:00 in Shanghai.
const at = new Date('2026-03-02T02:00:00.000Z');

describe('complaint moves', () => {
  test.each([
    ['draft', 'submitted', true],
    ['draft', 'accepted', false],
    ['submitted', 'accepted', true],
    ['submitted', 'taken_down', true],
    ['accepted', 'taken_down', true],
    ['taken_down', 'counter_noticed', true],
    ['counter_noticed', 'reinstated', true],
    ['rejected', 'submitted', false],
    ['reinstated', 'taken_down', false],
    ['withdrawn', 'submitted', false],
    ['supplement_requested', 'submitted', true],
  ] as [ComplaintStatus, ComplaintStatus, boolean][])('%s → %s: %s', (from, to, ok) => {
    expect(canMove(from, to)).toBe(ok);
  });

  test('submitting sets the expected decision 5 working days on', () => {
    const r = moveComplaint(draft, 'submitted', at);
    expect(r?.next.submittedAt).toEqual(at);
    // Mon + 5 working days = Mon 9 March, end of the working day (18:00 Shanghai).
    expect(r?.next.decisionExpectedBy?.toISOString()).toBe('2026-03-09T10:00:00.000Z');
    expect(r?.next.nextDueAt).toEqual(r?.next.decisionExpectedBy);
  });

  test('a supplement request gets 3 days unless the notice names a date', () => {
    const submitted = moveComplaint(draft, 'submitted', at)!.next;
    expect(moveComplaint(submitted, 'supplement_requested', at)?.next.supplementDueAt?.toISOString()).toBe(
      '2026-03-05T02:00:00.000Z',
    );
    const given = new Date('2026-03-04T00:00:00Z');
    expect(moveComplaint(submitted, 'supplement_requested', at, { dueAt: given })?.next.nextDueAt).toEqual(
      given,
    );
  });

  test('taken down is a success, reinstated after a counter-notice a failure', () => {
    const submitted = moveComplaint(draft, 'submitted', at)!.next;
    const down = moveComplaint(submitted, 'taken_down', at)!.next;
    expect(down).toMatchObject({ outcome: 'succeeded', decidedAt: at, nextDueAt: null });
    const countered = moveComplaint(down, 'counter_noticed', at)!.next;
    expect(countered.counterNoticeDueAt).not.toBeNull();
    expect(countered.outcome).toBeNull();
    expect(moveComplaint(countered, 'reinstated', at)!.next.outcome).toBe('failed');
  });

  test('an illegal move gives null', () => {
    expect(moveComplaint(draft, 'taken_down', at)).toBeNull();
  });
});
