import { IANAZone } from 'luxon';
import { BUILTIN_HOLIDAYS, coveredRange, type HolidayData } from './holiday-data.js';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type WorkingHours = { day: Weekday; start: string; end: string };
export type DayOverride = { date: string; kind: 'holiday' | 'workday'; name?: string | undefined };
export type Closure = { from: string; to: string; reason?: string | undefined };

/** A business calendar as merchants edit it: local times and dates in `timezone`. */
export type CalendarSpec = {
  timezone: string;
  /** Working hours per weekday ('HH:MM', end may be '24:00'); a day without entries is a day off. */
  hours: WorkingHours[];
  /** 'CN': mainland public holidays and 调休 (holidays-cn.ts and the years an admin uploaded). */
  holidays: 'CN' | 'none';
  overrides?: DayOverride[] | undefined;
  /** The merchant's own closures, local dates inclusive. */
  closures?: Closure[] | undefined;
  /** Around the clock: every minute counts (critical cases). */
  alwaysOpen?: boolean | undefined;
};

export const DEFAULT_HOURS: WorkingHours[] = ([1, 2, 3, 4, 5] as Weekday[]).map((day) => ({
  day,
  start: '09:00',
  end: '18:00',
}));

export function defaultCalendarSpec(timezone = 'Asia/Shanghai'): CalendarSpec {
  return { timezone, hours: DEFAULT_HOURS, holidays: timezone === 'Asia/Shanghai' ? 'CN' : 'none' };
}

export const ALWAYS_OPEN: CalendarSpec = { timezone: 'UTC', hours: [], holidays: 'none', alwaysOpen: true };

type DayEntry = { iv: number[]; warning: string | undefined; note: string | undefined };

/** A calendar compiled for fast arithmetic: per local day, its working intervals in UTC ms (cached). */
export type BusinessCalendar = {
  readonly spec: CalendarSpec;
  readonly alwaysOpen: boolean;
  localDayOf(ms: number): number;
  day(dayNumber: number): DayEntry;
};

const DAY_MS = 86_400_000;
const MAX_SCAN_DAYS = 800;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export const minutesOf = (hhmm: string): number => {
  if (!HHMM.test(hhmm)) throw new RangeError(`bad time ${hhmm}: use HH:MM`);
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

export function holidayWarning(year: number, data: HolidayData = BUILTIN_HOLIDAYS): string {
  return `no mainland China holiday data for ${year} (the data file covers ${coveredRange(data)}): Monday–Friday working days assumed, public holidays and 调休 ignored`;
}

/** Problems with a spec a merchant would want to hear about (empty when fine). */
export function validateCalendarSpec(spec: CalendarSpec): string[] {
  const problems: string[] = [];
  if (!IANAZone.isValidZone(spec.timezone)) problems.push(`unknown time zone ${spec.timezone}`);
  const byDay = new Map<number, [number, number][]>();
  for (const h of spec.hours) {
    let start: number;
    let end: number;
    try {
      start = minutesOf(h.start);
      end = minutesOf(h.end);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    if (end <= start) problems.push(`day ${h.day}: ${h.start}–${h.end} ends before it starts`);
    const list = byDay.get(h.day) ?? [];
    for (const [s, e] of list) {
      if (start < e && s < end) problems.push(`day ${h.day}: ${h.start}–${h.end} overlaps other hours`);
    }
    list.push([start, end]);
    byDay.set(h.day, list);
  }
  if (!spec.alwaysOpen && spec.hours.length === 0) problems.push('a calendar needs working hours');
  for (const c of spec.closures ?? []) {
    if (c.to < c.from) problems.push(`closure ${c.from}–${c.to} ends before it starts`);
  }
  return problems;
}

/**
 * Compiles a spec; throws RangeError for an unknown time zone or bad hours. `holidays`: the tenant's
 * holiday years (the built-in ones unless it uploaded more).
 */
export function compileCalendar(
  spec: CalendarSpec,
  holidays: HolidayData = BUILTIN_HOLIDAYS,
): BusinessCalendar {
  const problems = validateCalendarSpec(spec);
  if (problems.length) throw new RangeError(problems.join('; '));
  const zone = IANAZone.create(spec.timezone);
  const hours = new Map<number, [number, number][]>();
  for (const h of spec.hours) {
    const list = hours.get(h.day) ?? [];
    list.push([minutesOf(h.start), minutesOf(h.end)]);
    list.sort((a, b) => a[0] - b[0]);
    hours.set(h.day, list);
  }
  // 调休 working days work like a regular weekday: the first of Monday–Friday with hours.
  const workdayHours = ([1, 2, 3, 4, 5] as const).map((d) => hours.get(d)).find((h) => h?.length) ?? [
    [540, 1080],
  ];
  const overrides = new Map((spec.overrides ?? []).map((o) => [o.date, o]));
  const closures = (spec.closures ?? []).map((c) => [c.from, c.to] as const);

  // Offsets by 15-minute bucket: zone transitions fall on quarter hours.
  const offsets = new Map<number, number>();
  // Zones without daylight saving in the years around now (all of China and South-East Asia)
  // have one offset: no lookups at all.
  const probeYear = new Date().getUTCFullYear();
  const probes = [-5, -1, 0, 1, 5].flatMap((dy) => [0, 6].map((m) => Date.UTC(probeYear + dy, m, 1)));
  const fixed = probes.every((t) => zone.offset(t) === zone.offset(probes[0]!))
    ? zone.offset(probes[0]!) * 60_000
    : null;
  const fixedFrom = Date.UTC(probeYear - 5, 0, 1);
  const fixedTo = Date.UTC(probeYear + 6, 0, 1);
  const offsetMs = (ms: number) => {
    if (fixed !== null && ms >= fixedFrom && ms < fixedTo) return fixed;
    const bucket = Math.floor(ms / 900_000);
    let o = offsets.get(bucket);
    if (o === undefined) {
      o = zone.offset(bucket * 900_000) * 60_000;
      if (offsets.size > 200_000) offsets.clear();
      offsets.set(bucket, o);
    }
    return o;
  };
  const localToUtc = (localMs: number) => localMs - offsetMs(localMs - offsetMs(localMs));

  const days = new Map<number, DayEntry>();
  const build = (n: number): DayEntry => {
    const date = new Date(n * DAY_MS).toISOString().slice(0, 10);
    const weekday = ((((n + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
    let ranges = hours.get(weekday) ?? [];
    let warning: string | undefined;
    let note: string | undefined;
    const override = overrides.get(date);
    if (closures.some(([from, to]) => date >= from && date <= to)) {
      ranges = [];
      note = 'closure';
    } else if (override) {
      ranges = override.kind === 'holiday' ? [] : workdayHours;
      note = override.name ?? override.kind;
    } else if (spec.holidays === 'CN') {
      const year = Number(date.slice(0, 4));
      if (holidays.covered.has(year)) {
        const kind = holidays.days.get(date);
        if (kind?.kind === 'holiday') ranges = [];
        if (kind?.kind === 'workday') ranges = workdayHours;
        note = kind?.name;
      } else {
        warning = holidayWarning(year, holidays);
        ranges = weekday <= 5 ? workdayHours : [];
      }
    }
    const iv: number[] = [];
    for (const [s, e] of ranges) {
      iv.push(localToUtc(n * DAY_MS + s * 60_000), localToUtc(n * DAY_MS + e * 60_000));
    }
    return { iv, warning, note };
  };

  return {
    spec,
    alwaysOpen: spec.alwaysOpen === true,
    localDayOf: (ms) => Math.floor((ms + offsetMs(ms)) / DAY_MS),
    day(n) {
      let entry = days.get(n);
      if (!entry) {
        entry = build(n);
        if (days.size > 20_000) days.clear();
        days.set(n, entry);
      }
      return entry;
    },
  };
}

/**
 * The instant at which `durationMs` of working time has passed after `startMs`.
 * Warnings (holiday data missing for a year) are added to `warnings`.
 */
export function addWorkingTime(
  cal: BusinessCalendar,
  startMs: number,
  durationMs: number,
  warnings?: Set<string>,
): number {
  if (cal.alwaysOpen) return startMs + durationMs;
  let remaining = durationMs;
  const startDay = cal.localDayOf(startMs);
  let n = startDay - 1; // the day before may still be open (hours past midnight in UTC terms)
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++, n++) {
    const entry = cal.day(n);
    if (entry.warning && warnings && n >= startDay) warnings.add(entry.warning);
    const iv = entry.iv;
    for (let k = 0; k < iv.length; k += 2) {
      const b = iv[k + 1]!;
      if (b <= startMs) continue;
      const s = Math.max(iv[k]!, startMs);
      if (remaining <= 0) return s;
      if (s + remaining <= b) return s + remaining;
      remaining -= b - s;
    }
  }
  throw new RangeError('the calendar has no working time in the next two years');
}

/** Working time between two instants (ms). */
export function workingTimeBetween(
  cal: BusinessCalendar,
  fromMs: number,
  toMs: number,
  warnings?: Set<string>,
): number {
  if (toMs <= fromMs) return 0;
  if (cal.alwaysOpen) return toMs - fromMs;
  let total = 0;
  const firstDay = cal.localDayOf(fromMs);
  const lastDay = cal.localDayOf(toMs);
  for (let n = firstDay - 1; n <= lastDay + 1; n++) {
    const entry = cal.day(n);
    if (entry.warning && warnings && n >= firstDay && n <= lastDay) warnings.add(entry.warning);
    const iv = entry.iv;
    for (let k = 0; k < iv.length; k += 2) {
      const a = Math.max(iv[k]!, fromMs);
      const b = Math.min(iv[k + 1]!, toMs);
      if (b > a) total += b - a;
    }
  }
  return total;
}

/** The working intervals of local days (for the calendar preview in the console). */
export function workingDays(cal: BusinessCalendar, fromMs: number, days: number) {
  const first = cal.localDayOf(fromMs);
  return Array.from({ length: days }, (_, i) => {
    const n = first + i;
    const entry = cal.day(n);
    const intervals: [Date, Date][] = [];
    for (let k = 0; k < entry.iv.length; k += 2) {
      intervals.push([new Date(entry.iv[k]!), new Date(entry.iv[k + 1]!)]);
    }
    return {
      date: new Date(n * DAY_MS).toISOString().slice(0, 10),
      intervals,
      note: entry.note ?? null,
      warning: entry.warning ?? null,
    };
  });
}
