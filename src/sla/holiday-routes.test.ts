import { beforeAll, describe, expect, test } from 'vitest';
import { listAudit } from '../audit/audit-repo.js';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';
import { holidayYearProblems } from './holiday-data.js';

// Friday 2027-02-05 17:00 in Shanghai: one business hour left that day.
const clock = fixedClock('2027-02-05T09:00:00Z');
let t: TestApp;
let a: TestClient;
let b: TestClient;

// A year as an admin would type it from the notice. The dates are a test's, not the real 2027 notice.
const year2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
  holidays: [
    { from: '2027-01-01', to: '2027-01-03', nameZh: '元旦' },
    { from: '2027-02-08', to: '2027-02-12', nameZh: '春节', name: 'Spring Festival' },
  ],
  workdays: [{ date: '2027-02-06', name: '春节调休' }],
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
});

const openCase = async (client: TestClient) =>
  (
    await client.request('POST', '/api/v1/tickets', {
      kind: 'inquiry',
      channel: 'platform_message',
      subject: '什么时候发货？',
      customer: { name: '李先生' },
    })
  ).json();

describe('holiday years from a file', () => {
  test('before: 2027 is assumed Monday–Friday with a warning; after the upload the notice’s days count', async () => {
    const before = (await a.request('GET', '/api/v1/sla/holidays')).json();
    expect(before.coveredYears).not.toContain(2027);
    expect(before.warnings.join(' ')).toMatch(/2027/);
    // 4 business hours from Friday 17:00: 1 h on Friday, 3 h on Monday.
    expect((await openCase(a)).sla.firstResponseDueAt).toBe('2027-02-08T04:00:00.000Z');

    const res = await a.request('POST', '/api/v1/sla/holidays', year2027);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().coveredYears).toContain(2027);
    expect(res.json().years.find((y: { year: number }) => y.year === 2027)).toMatchObject({
      uploaded: true,
      source: year2027.source,
    });
    // Monday is 春节 now; Saturday 02-06 is a working day (调休): 3 h on Saturday morning.
    expect((await openCase(a)).sla.firstResponseDueAt).toBe('2027-02-06T04:00:00.000Z');
    // Tenant B's calendars are unchanged.
    expect((await openCase(b)).sla.firstResponseDueAt).toBe('2027-02-08T04:00:00.000Z');
    expect((await b.request('GET', '/api/v1/sla/holidays')).json().coveredYears).not.toContain(2027);

    const audit = await listAudit(scopeTo(t.database.db, a.tenantId), 'sla_holidays', a.tenantId);
    expect(audit).toEqual([expect.objectContaining({ action: 'holiday_year_added', actorId: a.userId })]);
  });

  test('a calendar preview names the uploaded holidays; uploading again replaces; removing goes back', async () => {
    const cal = await a.request('POST', '/api/v1/sla/calendars', {
      name: '客服排班 2027',
      timezone: 'Asia/Shanghai',
      hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
      holidays: 'CN',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    expect(cal.statusCode, cal.body).toBe(201);
    const preview = (
      await a.request(
        'GET',
        `/api/v1/sla/calendars/${cal.json().id}/preview?from=2027-02-05T00:00:00Z&days=5`,
      )
    ).json();
    expect(preview.days.map((d: { date: string; note: string | null }) => [d.date, d.note])).toEqual([
      ['2027-02-05', null],
      ['2027-02-06', '春节调休'],
      ['2027-02-07', null],
      ['2027-02-08', '春节'],
      ['2027-02-09', '春节'],
    ]);
    const again = await a.request('POST', '/api/v1/sla/holidays', {
      years: [{ ...year2027, holidays: [year2027.holidays[0]] }],
    });
    expect(again.statusCode, again.body).toBe(200);
    const removed = await a.request('DELETE', '/api/v1/sla/holidays/2027');
    expect(removed.statusCode).toBe(200);
    expect(removed.json().coveredYears).not.toContain(2027);
    expect((await a.request('DELETE', '/api/v1/sla/holidays/2027')).statusCode).toBe(404);
    const audit = await listAudit(scopeTo(t.database.db, a.tenantId), 'sla_holidays', a.tenantId);
    expect(audit.map((e) => e.action)).toEqual([
      'holiday_year_added',
      'holiday_year_replaced',
      'holiday_year_removed',
    ]);
  });

  test.each([
    ['not a year', { ...year2027, year: 'x' }],
    ['no source', { ...year2027, source: '' }],
    ['no holidays', { ...year2027, holidays: [] }],
    [
      'a date that does not exist',
      { ...year2027, holidays: [{ from: '2027-02-30', to: '2027-03-01', nameZh: '春节' }] },
    ],
    [
      'dates that are not dates at all (the route fuzz found a 500)',
      {
        ...year2027,
        holidays: [{ from: 'z]mt:1bF', to: 'z>"0Lv7', nameZh: '春节' }],
        workdays: [{ date: '', name: '调休' }],
      },
    ],
    [
      'a holiday in another year',
      { ...year2027, holidays: [{ from: '2026-10-01', to: '2026-10-07', nameZh: '国庆节' }] },
    ],
    ['a 调休 on a weekday', { ...year2027, workdays: [{ date: '2027-02-10', name: '春节调休' }] }],
    ['a 调休 on a holiday', { ...year2027, workdays: [{ date: '2027-01-02', name: '元旦调休' }] }],
    [
      'a block that ends before it starts',
      { ...year2027, holidays: [{ from: '2027-05-05', to: '2027-05-01', nameZh: '劳动节' }] },
    ],
    ['an unknown field', { ...year2027, extra: 1 }],
    ['a year twice', [year2027, year2027]],
    ['a number, not a year', 2027],
  ])('a bad file is a 400 naming what is wrong: %s', async (_what, file) => {
    const res = await a.request('POST', '/api/v1/sla/holidays', file);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message.length).toBeGreaterThan(5);
  });

  test('each problem comes with its place and a code, so the console words it in the reader’s language', async () => {
    const res = await a.request('POST', '/api/v1/sla/holidays', [
      { ...year2027, workdays: [{ date: '2027-02-10', name: '春节调休' }] },
      year2027,
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.detail).toEqual({
      problems: 3,
      'p0.at': 'years.0.workdays.0.date',
      'p0.code': 'workday_is_holiday', // 2027-02-10 is in the Spring Festival block
      'p0.year': 2027,
      'p0.date': '2027-02-10',
      'p1.at': 'years.0.workdays.0.date',
      'p1.code': 'workday_not_weekend',
      'p1.year': 2027,
      'p1.date': '2027-02-10',
      'p2.at': 'years.1',
      'p2.code': 'year_twice',
      'p2.year': 2027,
    });
  });

  test('a file that is not JSON is a 4xx, never a 500', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sla/holidays',
      headers: { cookie: a.cookie, 'content-type': 'application/json' },
      payload: '{"year": 2027, "holidays": [',
    });
    expect(broken.statusCode).toBe(400);
    const text = await a.request('POST', '/api/v1/sla/holidays', '2027 春节 2月8日');
    expect(text.statusCode).toBe(415);
  });

  test('only an admin adds or removes years; everyone reads them', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const user = await a.addUser(role);
      expect((await user.request('POST', '/api/v1/sla/holidays', year2027)).statusCode).toBe(403);
      expect((await user.request('DELETE', '/api/v1/sla/holidays/2027')).statusCode).toBe(403);
      expect((await user.request('GET', '/api/v1/sla/holidays')).statusCode).toBe(200);
    }
  });

  test('tenant B cannot remove tenant A’s year', async () => {
    expect((await a.request('POST', '/api/v1/sla/holidays', year2027)).statusCode).toBe(200);
    expect((await b.request('DELETE', '/api/v1/sla/holidays/2027')).statusCode).toBe(404);
    expect((await a.request('GET', '/api/v1/sla/holidays')).json().coveredYears).toContain(2027);
  });
});

describe('holiday year rules', () => {
  test.each([
    [{ ...year2027, name: '' }, []],
    [{ ...year2027, workdays: [{ date: '2027-02-13', name: '春节调休' }] }, []], // a Saturday
    [{ ...year2027, holidays: [{ from: '2027-12-31', to: '2028-01-01', name: '', nameZh: '元旦' }] }, []],
    [
      { ...year2027, holidays: [{ from: '2027-01-01', to: '2027-02-01', name: '', nameZh: '春节' }] },
      ['longer than 16 days'],
    ],
    [
      {
        ...year2027,
        holidays: [...year2027.holidays, { from: '2027-02-12', to: '2027-02-13', name: '', nameZh: 'x' }],
      },
      ['in another holiday too'],
    ],
  ])('%# → %j', (year, problems) => {
    const found = holidayYearProblems({
      ...year,
      holidays: year.holidays.map((h) => ({ name: '', ...h })),
    });
    expect(found).toEqual(problems.map((p) => expect.stringContaining(p)));
  });
});
