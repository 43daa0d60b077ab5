import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';
import { surgeCounts } from './sla-sweep-repo.js';

export const SURGE_WEEKS = 4;
export const SURGE_FACTOR = 3;
export const SURGE_MIN_CASES = 10;

/**
 * A surge: the last hour's new cases against the usual level for the same hour of the week
 * (the mean of the previous four weeks). Small shops need at least SURGE_MIN_CASES to alert.
 */
export function isSurge(current: number, usual: number): boolean {
  return current >= SURGE_MIN_CASES && current >= SURGE_FACTOR * Math.max(usual, 1);
}

/** Surge notifications for one tenant at `now` (deduplicated per shop and hour). */
export async function detectSurges(scope: TenantScope, now: Date) {
  const rows = await surgeCounts(scope, now, SURGE_WEEKS);
  const hour = now.toISOString().slice(0, 13);
  return rows
    .filter((r) => isSurge(Number(r.current), Number(r.usual)))
    .map((r) => ({
      id: newId(),
      kind: 'surge' as const,
      ticketId: null,
      ticketNumber: null,
      target: null,
      audience: 'supervisor' as const,
      userId: null,
      dueAt: null,
      params: { shopId: r.shop_id, current: Number(r.current), usual: Number(r.usual) },
      dedupeKey: `surge:${r.shop_id ?? 'none'}:${hour}`,
      createdAt: now,
    }));
}
