import { DateTime } from 'luxon';

/** Why a cell cannot be read: a code the console translates, with its values. */
export const REASON_CODES = [
  'empty',
  'formula',
  'too_long',
  'sci_notation',
  'not_id',
  'precision_lost',
  'score_not_integer',
  'score_range',
  'not_integer',
  'count_range',
  'negative_amount',
  'not_amount',
  'not_bool',
  'date_range',
  'not_date',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export type ReasonParams = Record<string, string | number>;

/** A cell read as one field: the value, or why it cannot be (English text, and a code to translate). */
export type Read<T> =
  | { ok: true; value: T }
  | { ok: false; reason: string; code: ReasonCode; params: ReasonParams };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (code: ReasonCode, reason: string, params: ReasonParams = {}): Read<never> => ({
  ok: false,
  reason,
  code,
  params,
});

/** Spreadsheet programs run cells that start with these; we read them as text and never run them. */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const looksLikeFormula = (s: string) => /^[=+@]/.test(s) || /^-[^\d.]/.test(s);

const formula = () => bad('formula', 'a formula is not a value (cells are read as text, never calculated)');

/** Excel marks "keep as text" with a leading apostrophe; back-offices prefix long ids with a tab. */
export const clean = (s: string) => s.replace(/^[\t ]+|[\t ]+$/g, '').replace(/^'(?=\d)/, '');

export function readText(raw: string, max: number): Read<string> {
  const s = raw.trim();
  return s.length > max ? bad('too_long', `longer than ${max} characters`, { max }) : ok(s);
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_\-:.#/]{0,99}$/;

export function readId(raw: string): Read<string> {
  const s = clean(raw);
  if (looksLikeFormula(s)) return formula();
  if (/^\d+(\.\d+)?e\+\d+$/i.test(s)) {
    return bad(
      'sci_notation',
      `"${s}" is a number in scientific notation: the id lost digits (format the column as text)`,
      { value: s },
    );
  }
  return ID.test(s) ? ok(s) : bad('not_id', `"${s.slice(0, 40)}" is not an id`, { value: s.slice(0, 40) });
}

export function readScore(raw: string): Read<number> {
  const s = clean(raw);
  if (looksLikeFormula(s)) return formula();
  const m = /^(-?\d+)(?:\.0+)?\s*(?:星|分|stars?)?$/i.exec(s);
  if (!m)
    return bad('score_not_integer', `score "${s.slice(0, 20)}" is not a whole number`, {
      value: s.slice(0, 20),
    });
  const n = Number(m[1]);
  return n >= 1 && n <= 5 ? ok(n) : bad('score_range', `score ${n} is out of range (1–5)`, { value: n });
}

export function readCount(raw: string, max = 100_000): Read<number> {
  const s = clean(raw);
  if (looksLikeFormula(s)) return formula();
  if (!/^\d+(\.0+)?$/.test(s))
    return bad('not_integer', `"${s.slice(0, 20)}" is not a whole number`, { value: s.slice(0, 20) });
  const n = Number.parseInt(s, 10);
  return n >= 1 && n <= max
    ? ok(n)
    : bad('count_range', `${n} is out of range (1–${max})`, { value: n, max });
}

/** Yuan as written in exports ("1,299.00", "¥12.5") to integer fen, by string arithmetic. */
export function readMoneyFen(raw: string): Read<number> {
  const s = clean(raw)
    .replace(/^[¥￥]\s*/, '')
    .replace(/,/g, '')
    .replace(/\s*元$/, '');
  if (/^=|^@|^\+/.test(s)) return formula();
  if (s.startsWith('-')) return bad('negative_amount', `amount ${s} is negative`, { value: s });
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m)
    return bad('not_amount', `"${s.slice(0, 20)}" is not an amount in yuan (like 12.50)`, {
      value: s.slice(0, 20),
    });
  return ok(Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')));
}

const TRUE = new Set(['是', '已回复', '有', 'y', 'yes', 'true', '1', '√']);
const FALSE = new Set(['否', '未回复', '无', 'n', 'no', 'false', '0', '×']);

export function readBool(raw: string): Read<boolean> {
  const s = clean(raw).toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return bad('not_bool', `"${s.slice(0, 20)}" is not yes/no (是/否)`, { value: s.slice(0, 20) });
}

const DATE_FORMATS = [
  'yyyy-M-d H:m:s',
  'yyyy-M-d H:m',
  'yyyy-M-d',
  'yyyy/M/d H:m:s',
  'yyyy/M/d H:m',
  'yyyy/M/d',
  'yyyy年M月d日 H:m:s',
  'yyyy年M月d日 H:m',
  'yyyy年M月d日',
  'yyyyMMddHHmmss',
  'yyyyMMdd',
];

/**
 * A date-time as back-offices write it, in the shop's zone unless it names its own (ISO with Z or
 * an offset); unix seconds or milliseconds are accepted too. Stored as UTC.
 */
export function readDateTime(raw: string, zone: string): Read<Date> {
  const s = clean(raw).replace(/\.\d{1,3}$/, '');
  if (looksLikeFormula(s)) return formula();
  if (/^\d{10}$|^\d{13}$/.test(s)) return ok(new Date(s.length === 10 ? Number(s) * 1000 : Number(s)));
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && s.includes('T')) {
    const iso = DateTime.fromISO(s, { setZone: true });
    if (iso.isValid) return ok(iso.toJSDate());
  }
  for (const format of DATE_FORMATS) {
    const dt = DateTime.fromFormat(s.replace('T', ' '), format, { zone });
    if (dt.isValid) {
      return dt.year < 2000 || dt.year > 2100
        ? bad('date_range', `date ${s} is out of range`, { value: s })
        : ok(dt.toJSDate());
    }
  }
  return bad('not_date', `"${s.slice(0, 30)}" is not a date (like 2024-11-11 10:30:00)`, {
    value: s.slice(0, 30),
  });
}
