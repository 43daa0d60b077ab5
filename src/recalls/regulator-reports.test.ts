import { describe, expect, test } from 'vitest';
import { type ReportFacts, regulatorReports, reportState } from './regulator-reports.js';

// 2025-03-03 is a Monday; times are UTC (Asia/Shanghai is +8).
const base: ReportFacts = {
  level: 'consumer',
  role: 'producer',
  seriousHarm: false,
  learnedAt: new Date('2025-03-03T02:00:00Z'),
  announcedAt: null,
  completedAt: null,
  completeBy: new Date('2025-03-24T02:00:00Z'),
};
const due = (f: Partial<ReportFacts>) =>
  Object.fromEntries(regulatorReports({ ...base, ...f }).map((d) => [d.key, d.dueAt?.toISOString() ?? null]));

describe('the reports a recall owes its regulator', () => {
  test.each([
    ['food_1', '2025-03-04T02:00:00.000Z'],
    ['food_2', '2025-03-05T02:00:00.000Z'],
    ['food_3', '2025-03-06T02:00:00.000Z'],
    ['consumer', '2025-03-04T02:00:00.000Z'],
  ] as const)('a %s producer reports its recall plan by %s', (level, plan) => {
    expect(due({ level }).plan).toBe(plan);
  });

  test('a seller reports within a day and files no summary (the producer does)', () => {
    expect(due({ role: 'seller' })).toEqual({ seller: '2025-03-04T02:00:00.000Z' });
  });

  test('serious harm adds a report within 2 working days, skipping the weekend', () => {
    // Thursday 10:00 local + 2 working days = Monday 10:00 local.
    expect(due({ seriousHarm: true, learnedAt: new Date('2025-03-06T02:00:00Z') }).serious_harm).toBe(
      '2025-03-10T02:00:00.000Z',
    );
  });

  test('a consumer-goods summary is due 15 working days after completion; projected until then', () => {
    const before = regulatorReports(base).find((d) => d.key === 'summary')!;
    expect(before.projected).toBe(true);
    const after = regulatorReports({ ...base, completedAt: new Date('2025-03-10T02:00:00Z') }).find(
      (d) => d.key === 'summary',
    )!;
    expect(after).toMatchObject({ projected: false, dueAt: new Date('2025-03-31T02:00:00.000Z') });
  });

  test('a food summary is due with the completion deadline', () => {
    expect(due({ level: 'food_1' }).summary).toBe('2025-03-24T02:00:00.000Z');
  });

  test('every figure is marked uncertain', () => {
    expect(regulatorReports({ ...base, seriousHarm: true }).every((d) => d.uncertain)).toBe(true);
  });

  test.each([
    [null, '2025-03-04T01:00:00Z', 'due_soon'],
    [null, '2025-03-03T00:00:00Z', 'open'],
    [null, '2025-03-05T00:00:00Z', 'overdue'],
    ['2025-03-03T05:00:00Z', '2025-03-05T00:00:00Z', 'filed'],
  ])('filed %s, at %s the plan is %s', (filed, now, state) => {
    const plan = regulatorReports(base)[0]!;
    expect(reportState(plan, filed ? new Date(filed) : null, new Date(now))).toBe(state);
  });
});
