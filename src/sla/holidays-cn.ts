/**
 * Mainland China public holidays and adjusted working days (调休), transcribed from the State Council
 * General Office notices (国务院办公厅关于20XX年部分节假日安排的通知). Dates are local (Asia/Shanghai).
 *
 * - 2025: 国办发明电〔2024〕12号, published 2024-11-12 (first year under the November 2024 revision of
 *   《全国年节及纪念日放假办法》: Spring Festival and Labour Day one day longer).
 * - 2026: notice published 2025-11-04 (Xinhua).
 * - 2027: NOT included. The 2027 notice was not known with certainty when this file was written, so
 *   2027 dates are deliberately absent; the calendar treats years outside `COVERED_YEARS` as plain
 *   Monday–Friday weeks and reports a visible warning instead of guessing. Add the year here once
 *   the notice is published (and add it to COVERED_YEARS).
 */
export type HolidayYear = {
  year: number;
  source: string;
  /** Days off (放假), including weekend days inside a holiday block. */
  holidays: { from: string; to: string; name: string; nameZh: string }[];
  /** Weekend days that are working days (调休上班). */
  workdays: { date: string; name: string }[];
};

export const HOLIDAY_SOURCE =
  '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）；国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）';

export const CN_HOLIDAYS: HolidayYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）',
    holidays: [
      { from: '2025-01-01', to: '2025-01-01', name: "New Year's Day", nameZh: '元旦' },
      { from: '2025-01-28', to: '2025-02-04', name: 'Spring Festival', nameZh: '春节' },
      { from: '2025-04-04', to: '2025-04-06', name: 'Qingming Festival', nameZh: '清明节' },
      { from: '2025-05-01', to: '2025-05-05', name: 'Labour Day', nameZh: '劳动节' },
      { from: '2025-05-31', to: '2025-06-02', name: 'Dragon Boat Festival', nameZh: '端午节' },
      {
        from: '2025-10-01',
        to: '2025-10-08',
        name: 'National Day and Mid-Autumn Festival',
        nameZh: '国庆节、中秋节',
      },
    ],
    workdays: [
      { date: '2025-01-26', name: '春节调休' },
      { date: '2025-02-08', name: '春节调休' },
      { date: '2025-04-27', name: '劳动节调休' },
      { date: '2025-09-28', name: '国庆节调休' },
      { date: '2025-10-11', name: '国庆节调休' },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）',
    holidays: [
      { from: '2026-01-01', to: '2026-01-03', name: "New Year's Day", nameZh: '元旦' },
      { from: '2026-02-15', to: '2026-02-23', name: 'Spring Festival', nameZh: '春节' },
      { from: '2026-04-04', to: '2026-04-06', name: 'Qingming Festival', nameZh: '清明节' },
      { from: '2026-05-01', to: '2026-05-05', name: 'Labour Day', nameZh: '劳动节' },
      { from: '2026-06-19', to: '2026-06-21', name: 'Dragon Boat Festival', nameZh: '端午节' },
      { from: '2026-09-25', to: '2026-09-27', name: 'Mid-Autumn Festival', nameZh: '中秋节' },
      { from: '2026-10-01', to: '2026-10-07', name: 'National Day', nameZh: '国庆节' },
    ],
    workdays: [
      { date: '2026-01-04', name: '元旦调休' },
      { date: '2026-02-14', name: '春节调休' },
      { date: '2026-02-28', name: '春节调休' },
      { date: '2026-05-09', name: '劳动节调休' },
      { date: '2026-09-20', name: '国庆节调休' },
      { date: '2026-10-10', name: '国庆节调休' },
    ],
  },
];

export const COVERED_YEARS: readonly number[] = CN_HOLIDAYS.map((y) => y.year);

export type DayKind = { kind: 'holiday' | 'workday'; name: string };

/** 'YYYY-MM-DD' → holiday or adjusted working day, for every covered year. */
export const CN_DAY_KINDS: ReadonlyMap<string, DayKind> = (() => {
  const map = new Map<string, DayKind>();
  for (const year of CN_HOLIDAYS) {
    for (const h of year.holidays) {
      for (let d = new Date(`${h.from}T00:00:00Z`); d <= new Date(`${h.to}T00:00:00Z`); ) {
        map.set(d.toISOString().slice(0, 10), { kind: 'holiday', name: h.nameZh });
        d = new Date(d.getTime() + 86_400_000);
      }
    }
    for (const w of year.workdays) map.set(w.date, { kind: 'workday', name: w.name });
  }
  return map;
})();
