import { maskPii } from '../triage/pii.js';

export const RETENTION_DAYS_MIN = 30;
export const RETENTION_DAYS_MAX = 3650;
const DAY_MS = 86_400_000;

/** Cases closed before this moment have outlived the retention period. */
export const retentionCutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/**
 * A buyer's name as it may stay after erasure: the family name for Chinese names (王女士 → 王**), the
 * first letter for others (John Smith → J***), so old cases still read naturally.
 */
export function maskPersonName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '**';
  const first = Array.from(trimmed)[0]!;
  return /\p{Script=Han}/u.test(first) ? `${first}**` : `${first.toUpperCase()}***`;
}

/**
 * A message body with phone numbers, ID and bank cards, e-mails and addresses masked, and the buyer's
 * name (as agents and templates wrote it: 王女士您好) replaced by its masked form.
 */
export function erasedBody(body: string, name?: string): string {
  const masked = maskPii(body);
  const full = name?.trim();
  return full && Array.from(full).length >= 2 ? masked.replaceAll(full, maskPersonName(full)) : masked;
}

const NAME_KEY = /(^|_)(name|nick|nickname|receiver|consignee|contact)(_|$)|name$|nick$/i;
const CONTACT_KEY = /phone|mobile|tel(_|$)|email|address|addr(_|$)|id_?card|idcard|post_?code|zip/i;

/**
 * A raw platform payload after erasure: every string loses its identifiers (as in erasedBody), the
 * values of fields that name or reach the buyer are masked outright, ids and the structure stay, so
 * the event still says what happened without saying to whom. Too-deep values are dropped.
 */
export function erasedPayload(value: unknown, name?: string, key = '', depth = 64): unknown {
  if (typeof value === 'string') {
    if (CONTACT_KEY.test(key)) return value ? '***' : value;
    if (NAME_KEY.test(key)) return value ? maskPersonName(value) : value;
    return erasedBody(value, name);
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth <= 0) return '…';
  if (Array.isArray(value)) return value.map((v) => erasedPayload(v, name, key, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, erasedPayload(v, name, k, depth - 1)]));
}

export type ErasureSummary = {
  messagesMasked: number;
  /** Raw platform events of the buyer's cases whose payload was masked. */
  platformEventsMasked?: number;
  /** Cases whose thread is kept as it is: evidence of a dispute still open. */
  keptForDisputes: number;
};
