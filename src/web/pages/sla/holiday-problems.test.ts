import i18next from 'i18next';
import { beforeAll, expect, test } from 'vitest';
import { ApiError } from '../../app/api.js';
import { holidayProblems } from './holiday-problems.js';
import { slaI18n as sla } from './i18n.js';

const zh = i18next.createInstance();
const en = i18next.createInstance();
beforeAll(async () => {
  await zh.init({ lng: 'zh-CN', defaultNS: 'sla', resources: { 'zh-CN': { sla: sla['zh-CN'] } } });
  await en.init({ lng: 'en', defaultNS: 'sla', resources: { en: { sla: sla.en } } });
});

const checked = new ApiError(
  400,
  'VALIDATION_FAILED',
  'years.0.workdays.0.date: 2027-02-10 is not a Saturday or Sunday; years.1: 2027 appears twice in the file',
  {
    problems: 2,
    'p0.at': 'years.0.workdays.0.date',
    'p0.code': 'workday_not_weekend',
    'p0.year': 2027,
    'p0.date': '2027-02-10',
    'p1.at': 'years.1',
    'p1.code': 'year_twice',
    'p1.year': 2027,
  },
);

test('the server’s checks read in the reader’s language, with their place', () => {
  expect(holidayProblems(checked, zh.t)).toEqual([
    '第 1 个年份 · 第 1 个调休上班日 · 日期：2027-02-10 不是周六或周日（调休上班日只会在周末）',
    '第 2 个年份：2027 年在文件中出现了两次',
  ]);
  expect(holidayProblems(checked, en.t)).toEqual([
    'year 1 · working day 1 · date: 2027-02-10 is not a Saturday or Sunday (a swapped working day is always at a weekend)',
    'year 2: 2027 appears twice in the file',
  ]);
});

test('a file of the wrong shape: its place is worded, its known checks too, never raw English on a Chinese screen', () => {
  const shape = new ApiError(
    400,
    'VALIDATION_FAILED',
    'invalid body: holidays.0.from: a date YYYY-MM-DD; holidays.0.to: not a calendar date; year: Invalid input: expected number, received string',
  );
  const lines = holidayProblems(shape, zh.t);
  expect(lines).toEqual([
    '第 1 段假期 · 开始日期：日期格式应为 YYYY-MM-DD',
    '第 1 段假期 · 结束日期：日期不存在',
    '年份：内容或格式不对',
  ]);
  expect(lines.join('')).not.toMatch(/[a-z]{3,}/);
});
