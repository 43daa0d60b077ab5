import { describe, expect, test } from 'vitest';
import { disputePending, penaltyPending, remindersDue, stageNow, stillPending } from './reminder-rules.js';

const now = new Date('2026-12-05T06:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe('stageNow', () => {
  test.each([
    [100, null],
    [72, 'ahead_3d'],
    [48, 'ahead_3d'],
    [24, 'ahead_1d'],
    [1, 'ahead_1d'],
    [0, 'overdue'],
    [-5, 'overdue'],
    [-7 * 24, 'overdue'],
    [-7 * 24 - 1, null],
  ])('a deadline %s hours away is %s', (hours, stage) => {
    expect(stageNow(inHours(hours), now)).toBe(stage);
  });
});

describe('pending deadlines', () => {
  const dispute = {
    evidenceDueAt: inHours(20),
    responseDueAt: inHours(60),
    acceptanceDueAt: null,
    mediationEndsAt: inHours(500),
  };
  test('an open dispute: evidence and response; submitted: only the authority’s; closed: none', () => {
    expect(disputePending({ ...dispute, status: 'open' }).map((p) => p.deadline)).toEqual([
      'evidence_due',
      'response_due',
      'mediation_ends',
    ]);
    expect(disputePending({ ...dispute, status: 'submitted' }).map((p) => p.deadline)).toEqual([
      'mediation_ends',
    ]);
    expect(disputePending({ ...dispute, status: 'closed' })).toEqual([]);
  });

  test('a penalty: the appeal while open, the decision once appealed, nothing once decided', () => {
    const p = { appealDueAt: inHours(30), decisionExpectedBy: inHours(90) };
    expect(penaltyPending({ ...p, status: 'open' })).toEqual([{ deadline: 'appeal_due', at: p.appealDueAt }]);
    expect(penaltyPending({ ...p, status: 'appealed' })).toEqual([
      { deadline: 'decision_expected', at: p.decisionExpectedBy },
    ]);
    expect(penaltyPending({ ...p, status: 'decided' })).toEqual([]);
  });

  test('reminders due now, and whether a raised one still applies', () => {
    const pending = disputePending({ ...dispute, status: 'open' });
    expect(remindersDue(pending, now).map((r) => [r.deadline, r.stage])).toEqual([
      ['evidence_due', 'ahead_1d'],
      ['response_due', 'ahead_3d'],
    ]);
    expect(stillPending(pending, { deadline: 'evidence_due', dueAt: inHours(20) })).toBe(true);
    expect(stillPending(pending, { deadline: 'evidence_due', dueAt: inHours(21) })).toBe(false);
    expect(stillPending([], { deadline: 'evidence_due', dueAt: inHours(20) })).toBe(false);
  });
});
