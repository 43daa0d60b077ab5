import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { ALWAYS_OPEN, type CalendarSpec, compileCalendar, DEFAULT_HOURS } from './calendar.js';
import { computeSla, type SlaTargets, type TimelineEvent } from './clock.js';

const local = (s: string, zone = 'Asia/Shanghai') =>
  DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone }).toMillis();
const show = (ms: number | null, zone = 'Asia/Shanghai') =>
  ms === null ? null : DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');

const cn = (timezone = 'Asia/Shanghai'): CalendarSpec => ({ timezone, hours: DEFAULT_HOURS, holidays: 'CN' });
const plain = (timezone: string): CalendarSpec => ({ timezone, hours: DEFAULT_HOURS, holidays: 'none' });
const always = compileCalendar(ALWAYS_OPEN);

const business = (minutes: number): SlaTargets => ({ firstResponse: { minutes, clock: 'business' } });
const aroundTheClock = (minutes: number): SlaTargets => ({ firstResponse: { minutes, clock: '24x7' } });

function firstDue(targets: SlaTargets, spec: CalendarSpec, arrival: string) {
  const at = local(arrival, spec.timezone);
  const result = computeSla(
    targets,
    { business: compileCalendar(spec), always },
    [{ type: 'opened', at }],
    at,
  );
  return { due: show(result.firstResponseDueAt, spec.timezone), warnings: result.warnings };
}

describe('first-response due time across nights, weekends, holidays and 调休', () => {
  test.each([
    // [case, targets, calendar, arrival (shop time), due (shop time)]
    [
      'a weekday morning inquiry, 4 business hours',
      business(240),
      cn(),
      '2026-03-10 10:00',
      '2026-03-10 14:00',
    ],
    ['late Friday rolls over the weekend', business(240), cn(), '2026-03-13 17:00', '2026-03-16 12:00'],
    ['a message at night starts at nine', business(240), cn(), '2026-03-10 22:00', '2026-03-11 13:00'],
    ['a Saturday message waits for Monday', business(240), cn(), '2026-03-14 11:00', '2026-03-16 13:00'],
    ['exactly at closing time', business(240), cn(), '2026-03-10 14:00', '2026-03-10 18:00'],
    ['live chat 3 minutes at 17:59', business(3), cn(), '2026-03-09 17:59', '2026-03-10 09:02'],
    [
      '2026 Spring Festival: 调休 Saturday 2/14 is a working day',
      business(240),
      cn(),
      '2026-02-13 17:00',
      '2026-02-14 12:00',
    ],
    ['2026 Spring Festival: 2/15–2/23 off', business(240), cn(), '2026-02-14 17:00', '2026-02-24 12:00'],
    ['2026: 调休 Saturday 2/28 works', business(240), cn(), '2026-02-27 17:00', '2026-02-28 12:00'],
    ['2025 Spring Festival: 1/28–2/4 off', business(240), cn(), '2025-01-27 17:00', '2025-02-05 12:00'],
    ['2025: 调休 Sunday 1/26 works', business(240), cn(), '2025-01-26 10:00', '2025-01-26 14:00'],
    ['2025: 调休 Saturday 2/8 works', business(240), cn(), '2025-02-07 17:00', '2025-02-08 12:00'],
    [
      '2025 National Day and Mid-Autumn: 10/1–10/8 off',
      business(240),
      cn(),
      '2025-09-30 16:00',
      '2025-10-09 11:00',
    ],
    ['2025: 调休 Saturday 10/11 works', business(240), cn(), '2025-10-10 17:00', '2025-10-11 12:00'],
    ['2026 Labour Day 5/1–5/5 off', business(600), cn(), '2026-04-30 17:00', '2026-05-06 18:00'],
    ['2026: 调休 Saturday 5/9 works', business(240), cn(), '2026-05-08 17:00', '2026-05-09 12:00'],
    [
      '2026 New Year: 1/1–1/3 off, Sunday 1/4 works',
      business(240),
      cn(),
      '2025-12-31 17:00',
      '2026-01-04 12:00',
    ],
    [
      'critical cases run 24×7 through the night',
      aroundTheClock(60),
      cn(),
      '2026-02-14 23:30',
      '2026-02-15 00:30',
    ],
    [
      'critical cases run 24×7 through a holiday',
      aroundTheClock(60),
      cn(),
      '2026-10-01 12:00',
      '2026-10-01 13:00',
    ],
    [
      'Bangkok ignores China holidays',
      business(240),
      plain('Asia/Bangkok'),
      '2026-02-17 10:00',
      '2026-02-17 14:00',
    ],
    [
      'Jakarta: Friday evening to Monday',
      business(240),
      plain('Asia/Jakarta'),
      '2026-03-13 17:00',
      '2026-03-16 12:00',
    ],
    [
      'Kuala Lumpur at night',
      business(240),
      plain('Asia/Kuala_Lumpur'),
      '2026-03-10 23:00',
      '2026-03-11 13:00',
    ],
    ['Manila on Sunday', business(30), plain('Asia/Manila'), '2026-03-15 10:00', '2026-03-16 09:30'],
  ] as const)('%s', (_name, targets, spec, arrival, due) => {
    const result = firstDue(targets, spec, arrival);
    expect(result.due).toBe(due);
    expect(result.warnings).toEqual([]);
  });

  test('2027 is not in the data file: weekdays are assumed and a warning says so', () => {
    // Friday 2027-02-05 17:00: 1 h on Friday, 3 h on Monday.
    const result = firstDue(business(240), cn(), '2027-02-05 17:00');
    expect(result.due).toBe('2027-02-08 12:00');
    expect(result.warnings).toEqual([expect.stringContaining('no mainland China holiday data for 2027')]);
  });

  test('a shop time zone decides the working day: 09:00 in Bangkok is 10:00 in Shanghai', () => {
    const at = Date.parse('2026-03-10T02:00:00Z'); // 09:00 Bangkok
    const result = computeSla(
      business(60),
      { business: compileCalendar(plain('Asia/Bangkok')), always },
      [{ type: 'opened', at }],
      at,
    );
    expect(new Date(result.firstResponseDueAt!).toISOString()).toBe('2026-03-10T03:00:00.000Z');
  });

  test('merchant closures and overrides count as days off', () => {
    const spec: CalendarSpec = {
      ...cn(),
      closures: [{ from: '2026-03-11', to: '2026-03-12', reason: 'warehouse move' }],
      overrides: [{ date: '2026-03-14', kind: 'workday' }],
    };
    expect(firstDue(business(240), spec, '2026-03-10 17:00').due).toBe('2026-03-13 12:00');
    expect(firstDue(business(600), spec, '2026-03-13 17:00').due).toBe('2026-03-14 18:00');
  });
});

const t = (s: string) => local(s);
const calendars = { business: compileCalendar(cn()), always };
const standard: SlaTargets = {
  firstResponse: { minutes: 240, clock: 'business' },
  nextResponse: { minutes: 240, clock: 'business' },
  resolution: { minutes: 1440, clock: '24x7' },
};

describe('the clock over a case timeline', () => {
  const opened: TimelineEvent = { type: 'opened', at: t('2026-03-10 10:00') };

  test('an automatic acknowledgement is not the human first response', () => {
    const r = computeSla(
      standard,
      calendars,
      [opened, { type: 'outbound', at: t('2026-03-10 10:00'), automatic: true }],
      t('2026-03-10 10:01'),
    );
    expect(r.firstResponse).toMatchObject({ pending: true, metAt: null });
    expect(show(r.dueAt)).toBe('2026-03-10 14:00');
    expect(r.state).toBe('ok');
  });

  test('a human reply meets the first response; the next buyer message starts the next-response clock', () => {
    const r = computeSla(
      standard,
      calendars,
      [
        opened,
        { type: 'outbound', at: t('2026-03-10 10:30') },
        { type: 'inbound', at: t('2026-03-10 16:00') },
        { type: 'inbound', at: t('2026-03-10 16:30') },
      ],
      t('2026-03-10 16:31'),
    );
    expect(r.firstResponse).toMatchObject({ pending: false, metAt: t('2026-03-10 10:30') });
    expect(show(r.nextResponseDueAt)).toBe('2026-03-11 11:00');
    expect(show(r.resolutionDueAt)).toBe('2026-03-11 10:00');
    expect(show(r.dueAt)).toBe('2026-03-11 10:00');
  });

  test('a case awaiting the buyer stops the clock and resumes on their reply', () => {
    const events: TimelineEvent[] = [
      opened,
      { type: 'outbound', at: t('2026-03-10 10:30') },
      { type: 'status', at: t('2026-03-10 10:30'), status: 'acknowledged' },
      { type: 'status', at: t('2026-03-10 11:00'), status: 'awaiting_customer' },
    ];
    const paused = computeSla(standard, calendars, events, t('2026-03-10 15:00'));
    expect(paused.state).toBe('paused');
    expect(paused.resolutionDueAt).toBeNull();
    expect(paused.dueAt).toBeNull();

    const resumed = computeSla(
      standard,
      calendars,
      [
        ...events,
        { type: 'inbound', at: t('2026-03-11 10:00') },
        { type: 'status', at: t('2026-03-11 10:00'), status: 'investigating' },
      ],
      t('2026-03-11 10:01'),
    );
    // 1 h ran before the pause; 23 h remain from Wednesday 10:00.
    expect(show(resumed.resolutionDueAt)).toBe('2026-03-12 09:00');
    expect(show(resumed.nextResponseDueAt)).toBe('2026-03-11 14:00');
  });

  test('an expected-wait notice moves the next-response due time to the promise', () => {
    const r = computeSla(
      standard,
      calendars,
      [
        opened,
        { type: 'outbound', at: t('2026-03-10 10:30') },
        { type: 'inbound', at: t('2026-03-10 11:00') },
        { type: 'expected_wait', at: t('2026-03-10 11:10'), until: t('2026-03-13 18:00') },
      ],
      t('2026-03-10 11:11'),
    );
    expect(show(r.nextResponseDueAt)).toBe('2026-03-13 18:00');
  });

  test('warning at 75 % and breach at 100 % of the target', () => {
    const events = [opened];
    expect(computeSla(standard, calendars, events, t('2026-03-10 12:59')).state).toBe('ok');
    expect(computeSla(standard, calendars, events, t('2026-03-10 13:00')).state).toBe('warning');
    expect(computeSla(standard, calendars, events, t('2026-03-10 14:00')).state).toBe('breached');
    // The thresholds the sweeper watches (sla_next_check in drizzle/0021_sla_alert_key.sql).
    const r = computeSla(standard, calendars, events, t('2026-03-10 10:00'));
    expect(
      (['firstResponse', 'resolution'] as const).map((name) => [
        name,
        show(r[name]!.warnAt),
        show(r[name]!.dueAt),
      ]),
    ).toEqual([
      ['firstResponse', '2026-03-10 13:00', '2026-03-10 14:00'],
      ['resolution', '2026-03-11 04:00', '2026-03-11 10:00'],
    ]);
  });

  test('a closed case has nothing pending; a reopened one gets a fresh resolution target', () => {
    const closedEvents: TimelineEvent[] = [
      opened,
      { type: 'outbound', at: t('2026-03-10 10:30') },
      { type: 'status', at: t('2026-03-10 12:00'), status: 'closed' },
    ];
    const closed = computeSla(standard, calendars, closedEvents, t('2026-03-10 12:00'));
    expect(closed).toMatchObject({ state: 'met', dueAt: null });
    const reopened = computeSla(
      standard,
      calendars,
      [...closedEvents, { type: 'status', at: t('2026-03-12 09:00'), status: 'investigating' }],
      t('2026-03-12 09:00'),
    );
    expect(show(reopened.resolutionDueAt)).toBe('2026-03-13 09:00');
  });

  test('no targets, no clock', () => {
    expect(computeSla({}, calendars, [opened], t('2026-03-10 10:00')).state).toBe('none');
  });
});

describe('a reply counts as a response only once the buyer has it', () => {
  const open = 0;
  const min = 60_000;
  const targets = aroundTheClock(60);
  const run = (timeline: TimelineEvent[], now: number) =>
    computeSla(targets, { business: always, always }, [{ type: 'opened', at: open }, ...timeline], now);

  test.each([
    // [case, timeline, now, first responded at (min), state, warning]
    ['a delivered reply meets the target', [{ type: 'outbound', at: 10 * min }], 20 * min, 10, 'ok', null],
    [
      'a queued reply meets nothing: the clock runs and says so',
      [{ type: 'outbound_pending', at: 10 * min }],
      20 * min,
      null,
      'ok',
      'reply_pending',
    ],
    [
      'a queued reply past the due time is a breach',
      [{ type: 'outbound_pending', at: 10 * min }],
      70 * min,
      null,
      'breached',
      'reply_pending',
    ],
    [
      'a failed reply says so',
      [
        { type: 'outbound_pending', at: 10 * min },
        { type: 'outbound_failed', at: 11 * min },
      ],
      20 * min,
      null,
      'ok',
      'reply_failed',
    ],
    [
      'delivered later: met at the moment of delivery',
      [
        { type: 'outbound_pending', at: 10 * min },
        { type: 'outbound', at: 40 * min },
      ],
      50 * min,
      40,
      'ok',
      null,
    ],
    [
      'delivered after the due time: late',
      [
        { type: 'outbound_pending', at: 10 * min },
        { type: 'outbound', at: 70 * min },
        { type: 'status', at: 80 * min, status: 'closed' },
      ],
      90 * min,
      70,
      'breached',
      null,
    ],
    [
      'closed after the due time without a delivered reply: not met',
      [
        { type: 'outbound_pending', at: 10 * min },
        { type: 'status', at: 80 * min, status: 'closed' },
      ],
      90 * min,
      null,
      'breached',
      null,
    ],
    [
      'an automatic acknowledgement is no response',
      [{ type: 'outbound', at: 1 * min, automatic: true }],
      20 * min,
      null,
      'ok',
      null,
    ],
  ] as [string, TimelineEvent[], number, number | null, string, string | null][])(
    '%s',
    (_, timeline, now, respondedMin, state, warning) => {
      const r = run(timeline, now);
      expect(r.firstRespondedAt).toBe(respondedMin === null ? null : respondedMin * min);
      expect(r.state).toBe(state);
      expect(r.warnings.filter((w) => w.startsWith('reply_'))).toEqual(warning ? [warning] : []);
    },
  );
});
