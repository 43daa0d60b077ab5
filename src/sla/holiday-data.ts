// The mainland holiday years a tenant's calendars read: the built-in ones (holidays-cn.ts) and the
// years an admin added from a file (the State Council notice of a year after the release), which win
// over a built-in year of the same number. Pure: the uploaded years come from sla-repo.ts.
import { z } from 'zod';
import { CN_HOLIDAYS, type DayKind, type HolidayYear } from './holidays-cn.js';

export type HolidayData = {
  years: readonly (HolidayYear & { uploaded: boolean })[];
  covered: ReadonlySet<number>;
  days: ReadonlyMap<string, DayKind>;
  /** Changes whenever the data does (a compiled calendar's cache key). */
  version: string;
};

const DAY_MS = 86_400_000;

/** The built-in years with the uploaded ones laid over them (a year uploaded again replaces itself). */
export function holidayData(uploaded: readonly HolidayYear[], version = ''): HolidayData {
  const byYear = new Map<number, HolidayYear & { uploaded: boolean }>();
  for (const y of CN_HOLIDAYS) byYear.set(y.year, { ...y, uploaded: false });
  for (const y of uploaded) byYear.set(y.year, { ...y, uploaded: true });
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  const days = new Map<string, DayKind>();
  for (const year of years) {
    for (const h of year.holidays) {
      for (let d = Date.parse(`${h.from}T00:00:00Z`); d <= Date.parse(`${h.to}T00:00:00Z`); d += DAY_MS) {
        days.set(new Date(d).toISOString().slice(0, 10), { kind: 'holiday', name: h.nameZh });
      }
    }
    for (const w of year.workdays) days.set(w.date, { kind: 'workday', name: w.name });
  }
  return { years, covered: new Set(years.map((y) => y.year)), days, version };
}

export const BUILTIN_HOLIDAYS: HolidayData = holidayData([]);

export const coveredRange = (data: HolidayData) =>
  `${Math.min(...data.covered)}–${Math.max(...data.covered)}`;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  // zod runs the refinement even after the pattern failed: an invalid Date must not throw here.
  .refine((s) => {
    const at = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

/** One year as an admin uploads it: the same shape as a year of holidays-cn.ts. */
export const HolidayYearFile = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  source: z.string().trim().min(4, 'name the notice (国务院办公厅关于…的通知)').max(300),
  holidays: z
    .array(
      z.strictObject({
        from: isoDate,
        to: isoDate,
        nameZh: z.string().trim().min(1).max(40),
        name: z.string().trim().max(80).default(''),
      }),
    )
    .min(1, 'a year has public holidays')
    .max(30),
  workdays: z
    .array(z.strictObject({ date: isoDate, name: z.string().trim().min(1).max(40) }))
    .max(20)
    .default([]),
});

/** A file holds one year, or several (an array, or { years: [...] }). */
export const HolidayFile = z.union([
  HolidayYearFile.transform((y) => [y]),
  z.array(HolidayYearFile).min(1).max(10),
  z.strictObject({ years: z.array(HolidayYearFile).min(1).max(10) }).transform((f) => f.years),
]);

/**
 * What is wrong with a year beyond its shape, each with its place (`holidays.0`, `workdays.1.date`) and
 * a stable code, so the console words it in the reader's language (the API message is the English).
 */
export type HolidayIssue = {
  at: string;
  code:
    | 'not_in_year'
    | 'ends_before_start'
    | 'too_long'
    | 'overlaps'
    | 'workday_is_holiday'
    | 'workday_not_weekend'
    | 'year_twice';
  year: number;
  date?: string;
  to?: string;
};

export function holidayYearIssues(y: HolidayYear): HolidayIssue[] {
  const issues: HolidayIssue[] = [];
  const off = new Set<string>();
  y.holidays.forEach((h, i) => {
    const at = `holidays.${i}`;
    // A block may run into the next year (a New Year's Eve start), never start in another one.
    if (!h.from.startsWith(`${y.year}-`))
      issues.push({ at: `${at}.from`, code: 'not_in_year', year: y.year, date: h.from });
    const days = (Date.parse(h.to) - Date.parse(h.from)) / DAY_MS;
    if (days < 0) issues.push({ at, code: 'ends_before_start', year: y.year, date: h.from, to: h.to });
    else if (days > 15) issues.push({ at, code: 'too_long', year: y.year, date: h.from, to: h.to });
    for (let d = Date.parse(h.from); d <= Date.parse(h.to) && days <= 15; d += DAY_MS) {
      const date = new Date(d).toISOString().slice(0, 10);
      if (off.has(date)) issues.push({ at, code: 'overlaps', year: y.year, date });
      off.add(date);
    }
  });
  y.workdays.forEach((w, i) => {
    const at = `workdays.${i}.date`;
    if (!w.date.startsWith(`${y.year}-`))
      issues.push({ at, code: 'not_in_year', year: y.year, date: w.date });
    if (off.has(w.date)) issues.push({ at, code: 'workday_is_holiday', year: y.year, date: w.date });
    // 调休 moves work onto a weekend day: a weekday here is a typing mistake.
    const weekday = new Date(`${w.date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6)
      issues.push({ at, code: 'workday_not_weekend', year: y.year, date: w.date });
  });
  return issues;
}

const ISSUE_TEXT: Record<HolidayIssue['code'], (i: HolidayIssue) => string> = {
  not_in_year: (i) => `${i.date} is not in ${i.year}`,
  ends_before_start: (i) => `${i.date}–${i.to} ends before it starts`,
  too_long: (i) => `${i.date}–${i.to} is longer than 16 days`,
  overlaps: (i) => `${i.date} is in another holiday too`,
  workday_is_holiday: (i) => `${i.date} is a holiday too`,
  workday_not_weekend: (i) => `${i.date} is not a Saturday or Sunday`,
  year_twice: (i) => `${i.year} appears twice in the file`,
};

/** An issue in English, for the API's message. */
export const issueText = (i: HolidayIssue) => `${i.at}: ${ISSUE_TEXT[i.code](i)}`;

/** What is wrong with a year beyond its shape, in English (empty when fine). */
export const holidayYearProblems = (y: HolidayYear): string[] => holidayYearIssues(y).map(issueText);

/**
 * The issues as an error's detail (flat, as every error detail is): `problems` is their number and
 * `p<n>.at`, `p<n>.code`, `p<n>.year`, `p<n>.date`, `p<n>.to` describe each.
 */
export function issuesDetail(issues: HolidayIssue[]): Record<string, string | number> {
  const detail: Record<string, string | number> = { problems: issues.length };
  issues.forEach((i, n) => {
    for (const [k, v] of Object.entries(i)) if (v !== undefined) detail[`p${n}.${k}`] = v;
  });
  return detail;
}
