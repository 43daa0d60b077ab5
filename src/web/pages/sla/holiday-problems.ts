import type { TFunction } from 'i18next';
import type { ApiError } from '../../app/api.js';

/**
 * Why a holiday file was refused, one line per problem in the reader's language: the server's
 * checks come as codes with their place in `detail` (sla/holiday-data.ts issuesDetail); a file of the
 * wrong shape comes as "invalid body: <place>: <why>; …", whose place is worded and whose own words
 * are kept only when they are known.
 */
export function holidayProblems(e: ApiError, t: TFunction): string[] {
  const count = Number(e.detail.problems ?? 0);
  if (count > 0) {
    return Array.from({ length: count }, (_, n) => {
      const get = (k: string) => e.detail[`p${n}.${k}`];
      const code = String(get('code'));
      const params = { year: get('year'), date: get('date'), to: get('to') };
      return `${place(String(get('at')), t)}${t('holidays.problem.sep')}${t(`holidays.problem.${code}`, {
        ...params,
        defaultValue: t('holidays.problem.unknown'),
      })}`;
    });
  }
  return e.message
    .replace(/^invalid body: /, '')
    .split('; ')
    .filter(Boolean)
    .map((p) => {
      const m = /^([\w.]*): (.*)$/.exec(p);
      const at = m ? m[1]! : '';
      const why = m ? m[2]! : p;
      const known = SHAPE_WORDS[why];
      return `${at ? `${place(at, t)}${t('holidays.problem.sep')}` : ''}${t(`holidays.problem.${known ?? 'shape'}`)}`;
    });
}

/** The checks of the file's shape (HolidayYearFile) by their English words. */
const SHAPE_WORDS: Record<string, string> = {
  'a date YYYY-MM-DD': 'date_format',
  'not a calendar date': 'not_a_date',
  'name the notice (国务院办公厅关于…的通知)': 'source',
  'a year has public holidays': 'no_holidays',
};

/** `years.0.holidays.1.from` → 第 1 个年份 · 第 2 段假期 · 开始日期 (zero-based in the file, one-based to read). */
export function place(at: string, t: TFunction): string {
  const parts: string[] = [];
  const bits = at.split('.').filter(Boolean);
  for (let i = 0; i < bits.length; i++) {
    const bit = bits[i]!;
    const next = bits[i + 1];
    if (
      (bit === 'years' || bit === 'holidays' || bit === 'workdays') &&
      next !== undefined &&
      /^\d+$/.test(next)
    ) {
      parts.push(t(`holidays.place.${bit}`, { n: Number(next) + 1 }));
      i++;
    } else parts.push(t(`holidays.place.${bit}`, { defaultValue: bit }));
  }
  return parts.join(' · ') || t('holidays.place.file');
}
