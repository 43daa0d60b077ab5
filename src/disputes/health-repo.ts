import { and, asc, eq, gte } from 'drizzle-orm';
import {
  disputes,
  type HealthMetric,
  penalties,
  shopHealthScores,
  shopHealthThresholds,
} from '../db/schema/disputes.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type HealthScoreRow = typeof shopHealthScores.$inferSelect;
export type NewHealthScore = Omit<typeof shopHealthScores.$inferInsert, 'tenantId'>;

/** A shop's scores, thresholds, penalties and disputes since `from`, oldest first, for its health page. */
export async function loadShopHealth(scope: TenantScope, shopId: string, from: Date) {
  const [scores, thresholds, shopPenalties, shopDisputes] = await Promise.all([
    scope.select(
      shopHealthScores,
      [eq(shopHealthScores.shopId, shopId), gte(shopHealthScores.measuredAt, from)],
      { orderBy: [asc(shopHealthScores.measuredAt), asc(shopHealthScores.id)], limit: 5000 },
    ),
    scope.select(shopHealthThresholds, [eq(shopHealthThresholds.shopId, shopId)]),
    scope.select(penalties, [and(eq(penalties.shopId, shopId), gte(penalties.penalizedAt, from))], {
      orderBy: [asc(penalties.penalizedAt)],
      limit: 1000,
    }),
    scope.select(disputes, [and(eq(disputes.shopId, shopId), gte(disputes.openedAt, from))], {
      orderBy: [asc(disputes.openedAt)],
      limit: 1000,
    }),
  ]);
  return { scores, thresholds, penalties: shopPenalties, disputes: shopDisputes };
}

export async function insertHealthScores(scope: TenantScope, rows: NewHealthScore[]) {
  if (rows.length) await scope.insert(shopHealthScores, rows);
}

export const deleteThreshold = (scope: TenantScope, shopId: string, metric: HealthMetric) =>
  scope.delete(
    shopHealthThresholds,
    eq(shopHealthThresholds.shopId, shopId),
    eq(shopHealthThresholds.metric, metric),
  );

export async function upsertThreshold(
  scope: TenantScope,
  row: { shopId: string; metric: HealthMetric; minValue: number; updatedAt: Date },
) {
  await scope.db
    .insert(shopHealthThresholds)
    .values({ tenantId: scope.tenantId, ...row })
    .onConflictDoUpdate({
      target: [shopHealthThresholds.tenantId, shopHealthThresholds.shopId, shopHealthThresholds.metric],
      set: { minValue: row.minValue, updatedAt: row.updatedAt },
    });
}
