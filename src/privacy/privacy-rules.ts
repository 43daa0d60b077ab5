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

export type ErasureSummary = {
  messagesMasked: number;
  /** Cases whose thread is kept as it is: evidence of a dispute still open. */
  keptForDisputes: number;
};
