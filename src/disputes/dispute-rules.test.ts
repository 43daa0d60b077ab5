import { describe, expect, test } from 'vitest';
import {
  addWorkingDays,
  CN_WORKING_DAYS,
  checklist,
  disputeDeadlines,
  nextDue,
  reminders,
  winRates,
} from './dispute-rules.js';
import { appealDueAt, canAppeal, decisionWindow, penaltyNextDue } from './penalty-rules.js';

const at = (iso: string) => new Date(iso);

describe('working days on the mainland calendar', () => {
  test.each([
    // Monday 2 March 2026, 10:00 Beijing: 7 working days end Wednesday 11 March 18:00 (10:00 UTC)
    ['2026-03-02T02:00:00Z', 7, '2026-03-11T10:00:00.000Z'],
    // Friday evening: the weekend does not count
    ['2026-03-06T12:00:00Z', 1, '2026-03-09T10:00:00.000Z'],
    // National Day 2026 (1–7 October off): 1 working day after 30 September is 8 October
    ['2026-09-30T02:00:00Z', 1, '2026-10-08T10:00:00.000Z'],
  ])('%s plus %i working days ends at %s', (from, n, end) => {
    expect(new Date(addWorkingDays(CN_WORKING_DAYS, Date.parse(from), n)).toISOString()).toBe(end);
  });
});

describe('dispute deadlines', () => {
  test('a 12315 complaint: acceptance in 7 working days, mediation ends after 45', () => {
    const d = disputeDeadlines({
      type: 'regulator_12315',
      platform: 'regulator_12315',
      openedAt: at('2026-03-02T02:00:00Z'),
    });
    expect(d.acceptanceDueAt?.toISOString()).toBe('2026-03-11T10:00:00.000Z');
    expect(d.responseDueAt).toEqual(d.acceptanceDueAt);
    expect(d.mediationEndsAt!.getTime()).toBeGreaterThan(d.acceptanceDueAt!.getTime() + 50 * 86_400_000);
  });

  test('a Pinduoduo intervention: evidence in 48 h unless the notice names a date', () => {
    const openedAt = at('2026-03-02T02:00:00Z');
    expect(
      disputeDeadlines({ type: 'counterfeit', platform: 'pinduoduo', openedAt }).evidenceDueAt?.toISOString(),
    ).toBe('2026-03-04T02:00:00.000Z');
    const given = at('2026-03-03T10:00:00Z');
    expect(
      disputeDeadlines({ type: 'counterfeit', platform: 'pinduoduo', openedAt }, { evidenceDueAt: given })
        .evidenceDueAt,
    ).toEqual(given);
  });

  test('the next deadline is the nearest still owed; a closed dispute owes nothing', () => {
    const d = {
      evidenceDueAt: at('2026-03-04T00:00:00Z'),
      responseDueAt: at('2026-03-05T00:00:00Z'),
      acceptanceDueAt: null,
      mediationEndsAt: null,
    };
    expect(nextDue({ ...d, status: 'open' })).toEqual(d.evidenceDueAt);
    expect(nextDue({ ...d, status: 'submitted' })).toBeNull();
    expect(nextDue({ ...d, status: 'closed' })).toBeNull();
  });

  test('reminders: a day ahead is due soon, past is overdue', () => {
    const d = {
      evidenceDueAt: at('2026-03-04T00:00:00Z'),
      responseDueAt: at('2026-03-06T00:00:00Z'),
      acceptanceDueAt: null,
      mediationEndsAt: null,
      status: 'open',
    };
    expect(reminders(d, at('2026-03-03T06:00:00Z')).map((r) => [r.deadline, r.state])).toEqual([
      ['evidenceDueAt', 'due_soon'],
      ['responseDueAt', 'upcoming'],
    ]);
    expect(reminders(d, at('2026-03-04T06:00:00Z'))[0]?.state).toBe('overdue');
  });
});

describe('evidence checklists', () => {
  test.each([
    ['counterfeit', [], ['authorisation_letter', 'invoice']],
    ['counterfeit', ['authorisation_letter'], ['invoice']],
    ['counterfeit', ['authorisation_letter', 'invoice', 'chat_record'], []],
    ['quality', ['photo'], ['inspection_report']],
    ['not_received', ['photo'], ['logistics_proof']],
    ['not_as_described', ['listing_snapshot'], []],
    ['other', [], []],
  ] as const)('%s with %o misses %o', (type, kinds, missing) => {
    const list = checklist(type, [...kinds]);
    expect(list.missing).toEqual(missing);
    expect(list.complete).toBe(missing.length === 0);
  });

  test('the frozen chat is recommended, never required', () => {
    const list = checklist('counterfeit', ['authorisation_letter', 'invoice']);
    expect(list.items.find((i) => i.kind === 'chat_record')).toEqual({
      kind: 'chat_record',
      required: false,
      have: 0,
    });
    expect(list.complete).toBe(true);
  });
});

describe('win rates', () => {
  const d = (
    type: string,
    platform: string,
    outcome: 'won' | 'lost' | 'partial' | 'withdrawn' | null,
    lost = 0,
  ) => ({
    type,
    platform,
    reason: '假货',
    outcome,
    amountAtStakeFen: 10000,
    amountLostFen: lost,
  });
  test('won over decided; withdrawn and open disputes are not decided', () => {
    const rows = winRates(
      [
        d('counterfeit', 'pinduoduo', 'won'),
        d('counterfeit', 'pinduoduo', 'lost', 10000),
        d('counterfeit', 'douyin', 'withdrawn'),
        d('quality', 'pinduoduo', null),
      ],
      'type',
    );
    expect(rows).toEqual([
      {
        key: 'counterfeit',
        decided: 2,
        won: 1,
        lost: 1,
        partial: 0,
        winRate: 0.5,
        atStakeFen: 30000,
        lostFen: 10000,
      },
      {
        key: 'quality',
        decided: 0,
        won: 0,
        lost: 0,
        partial: 0,
        winRate: null,
        atStakeFen: 10000,
        lostFen: 0,
      },
    ]);
  });
});

describe('penalty appeals', () => {
  const penalizedAt = at('2026-03-02T02:00:00Z');
  test('Douyin: 7 days to appeal; other platforms take the date from the notice', () => {
    expect(appealDueAt('douyin', penalizedAt)?.toISOString()).toBe('2026-03-09T02:00:00.000Z');
    expect(appealDueAt('pinduoduo', penalizedAt)).toBeNull();
    expect(appealDueAt('pinduoduo', penalizedAt, at('2026-03-05T00:00:00Z'))?.toISOString()).toBe(
      '2026-03-05T00:00:00.000Z',
    );
  });
  test('a decision is expected 1–5 working days after the appeal', () => {
    const w = decisionWindow(at('2026-03-06T02:00:00Z')); // a Friday
    expect(w.from.toISOString()).toBe('2026-03-09T10:00:00.000Z');
    expect(w.by.toISOString()).toBe('2026-03-13T10:00:00.000Z');
  });
  test('an appeal is refused after its deadline or when not open', () => {
    const p = { status: 'open' as const, appealDueAt: at('2026-03-09T02:00:00Z') };
    expect(canAppeal(p, at('2026-03-08T00:00:00Z'))).toBeNull();
    expect(canAppeal(p, at('2026-03-10T00:00:00Z'))).toMatch(/deadline passed/);
    expect(canAppeal({ ...p, status: 'appealed' }, at('2026-03-08T00:00:00Z'))).toMatch(/appealed/);
    expect(
      penaltyNextDue({
        status: 'appealed',
        appealDueAt: p.appealDueAt,
        decisionExpectedBy: at('2026-03-13T10:00:00Z'),
      })?.toISOString(),
    ).toBe('2026-03-13T10:00:00.000Z');
  });
});
