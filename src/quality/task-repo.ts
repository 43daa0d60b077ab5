import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { type QUALITY_TASK_KINDS, qualityTasks } from '../db/schema/quality.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';

export type QualityTaskRow = typeof qualityTasks.$inferSelect;
export type QualityTaskKind = (typeof QUALITY_TASK_KINDS)[number];

export type RaiseTask = {
  kind: QualityTaskKind;
  dedupeKey: string;
  shopId?: string | null;
  listingId?: string | null;
  listingVersion?: number | null;
  ticketId?: string | null;
  skuCode?: string | null;
  claim?: string | null;
  data: Record<string, unknown>;
};

/**
 * Opens tasks, or refreshes the open task with the same key (its data and version follow the latest
 * check) — one open task per key, whatever the number of imports or complaints that raise it.
 */
export async function raiseTasks(scope: TenantScope, raised: RaiseTask[], now: Date) {
  // One row per key in a statement (two listings of one flagged SKU raise the same task).
  const tasks = [...new Map(raised.map((t) => [t.dedupeKey, t])).values()];
  if (!tasks.length) return;
  await scope.db
    .insert(qualityTasks)
    .values(
      tasks.map((t) => ({
        tenantId: scope.tenantId,
        id: newId(),
        kind: t.kind,
        dedupeKey: t.dedupeKey,
        shopId: t.shopId ?? null,
        listingId: t.listingId ?? null,
        listingVersion: t.listingVersion ?? null,
        ticketId: t.ticketId ?? null,
        skuCode: t.skuCode ?? null,
        claim: t.claim ?? null,
        data: t.data,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [qualityTasks.tenantId, qualityTasks.dedupeKey],
      targetWhere: sql`status = 'open'`,
      set: {
        data: sql`excluded.data`,
        listingVersion: sql`excluded.listing_version`,
        updatedAt: now,
      },
    });
}

/** Closes the open tasks with these keys as done by a check that now passes. */
export async function resolveTasks(scope: TenantScope, keys: string[], by: string, note: string, now: Date) {
  if (!keys.length) return;
  await scope.update(
    qualityTasks,
    { status: 'done', closedAt: now, closedByName: by, closeNote: note, updatedAt: now },
    inArray(qualityTasks.dedupeKey, keys),
    eq(qualityTasks.status, 'open'),
  );
}

export const findTask = (scope: TenantScope, id: string) =>
  scope.first(qualityTasks, eq(qualityTasks.id, id));

export const closeTask = async (
  scope: TenantScope,
  id: string,
  set: Pick<QualityTaskRow, 'status' | 'closedAt' | 'closedByName' | 'closeNote'>,
) =>
  (
    await scope.update(
      qualityTasks,
      { ...set, updatedAt: set.closedAt! },
      eq(qualityTasks.id, id),
      eq(qualityTasks.status, 'open'),
    )
  )[0];

export type TaskFilter = {
  shopId?: string | undefined;
  status?: QualityTaskRow['status'] | undefined;
  kind?: QualityTaskKind | undefined;
  listingId?: string | undefined;
  ticketId?: string | undefined;
};

/** Newest first, keyset over (created_at, id). */
export const listTasks = (
  scope: TenantScope,
  f: TaskFilter,
  limit: number,
  before: { at: Date; id: string } | null,
) =>
  scope.select(
    qualityTasks,
    [
      f.shopId ? eq(qualityTasks.shopId, f.shopId) : undefined,
      f.status ? eq(qualityTasks.status, f.status) : undefined,
      f.kind ? eq(qualityTasks.kind, f.kind) : undefined,
      f.listingId ? eq(qualityTasks.listingId, f.listingId) : undefined,
      f.ticketId ? eq(qualityTasks.ticketId, f.ticketId) : undefined,
      before
        ? or(
            lt(qualityTasks.createdAt, before.at),
            and(eq(qualityTasks.createdAt, before.at), lt(qualityTasks.id, before.id)),
          )
        : undefined,
    ],
    { orderBy: [desc(qualityTasks.createdAt), desc(qualityTasks.id)], limit: limit + 1 },
  );

export async function openTaskCounts(scope: TenantScope, shopId: string | undefined) {
  return scope.db
    .select({ kind: qualityTasks.kind, count: sql<number>`count(*)::int` })
    .from(qualityTasks)
    .where(
      scope.where(
        qualityTasks,
        eq(qualityTasks.status, 'open'),
        shopId ? eq(qualityTasks.shopId, shopId) : undefined,
      ),
    )
    .groupBy(qualityTasks.kind);
}
