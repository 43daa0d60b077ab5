import { describe, expect, test } from 'vitest';
import { type ComplaintFact, ratesBy, rateWithWeakFiled, successEstimate } from './success-rate.js';

const fact = (
  status: ComplaintFact['status'],
  type: ComplaintFact['type'] = 'counterfeit_goods',
): ComplaintFact => ({
  status,
  type,
  platform: 'pinduoduo',
  accountId: 'acc',
  submittedAt: status === 'draft' ? null : new Date('2026-05-01T00:00:00Z'),
  decidedAt: null,
});

describe('success rates', () => {
  test('drafts and withdrawals are not filed; pending counts as filed but not decided', () => {
    const [rate] = ratesBy(
      [
        fact('draft'),
        fact('withdrawn'),
        fact('taken_down'),
        fact('accepted'),
        fact('rejected'),
        fact('submitted'),
      ],
      (f) => f.accountId,
    );
    expect(rate).toMatchObject({ filed: 4, decided: 3, succeeded: 2, failed: 1, pending: 1 });
    expect(rate?.successRate).toBeCloseTo(2 / 3);
  });

  test('17 of 17 is 100%; with the 3 weak filed and refused it would have been 85%', () => {
    const [rate] = ratesBy(
      Array.from({ length: 17 }, () => fact('taken_down')),
      () => 'acc',
    );
    expect(rate?.successRate).toBe(1);
    expect(rateWithWeakFiled(rate!, 3)).toBe(0.85);
  });

  test.each([
    [{ decided: 0, succeeded: 0 }, 'counterfeit_goods', 0.85],
    [{ decided: 16, succeeded: 16 }, 'counterfeit_goods', 0.97],
    [{ decided: 16, succeeded: 4 }, 'other', 0.3],
  ] as const)('history %o for %s estimates %d', (history, type, expected) => {
    expect(successEstimate(history, type)).toBeCloseTo(expected, 2);
  });
});
