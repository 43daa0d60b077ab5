import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { shops } from '../db/schema/accounts.js';
import { brandDefences, brandSourcing, brandSourcingBatches } from '../db/schema/brand.js';
import { supplierInspections } from '../db/schema/suppliers.js';
import { orderItems, orders, skus } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type DefenceRow = typeof brandDefences.$inferSelect;
export type NewDefence = Omit<typeof brandDefences.$inferInsert, 'tenantId'>;
export type BatchRow = typeof brandSourcingBatches.$inferSelect;
export type NewBatch = Omit<typeof brandSourcingBatches.$inferInsert, 'tenantId'>;

export async function insertDefence(scope: TenantScope, row: NewDefence) {
  const [saved] = await scope.insert(brandDefences, row);
  if (!saved) throw new Error('defence insert returned nothing');
  return saved;
}

export const findDefence = (scope: TenantScope, id: string) =>
  scope.first(brandDefences, eq(brandDefences.id, id));

export const defenceByExternal = (scope: TenantScope, platform: DefenceRow['platform'], ref: string) =>
  scope.first(brandDefences, eq(brandDefences.platform, platform), eq(brandDefences.externalRef, ref));

export const defencesByTickets = (scope: TenantScope, ticketIds: string[]) =>
  ticketIds.length
    ? scope.select(brandDefences, [inArray(brandDefences.ticketId, ticketIds)])
    : Promise.resolve([]);

export async function updateDefence(scope: TenantScope, id: string, set: Partial<NewDefence>) {
  const [row] = await scope.update(
    brandDefences,
    { ...set, updatedAt: new Date() },
    eq(brandDefences.id, id),
  );
  return row;
}

/** Open ones first by deadline, then the decided ones, newest first; at most `limit`. */
export const listDefences = (scope: TenantScope, status: DefenceRow['status'] | undefined, limit: number) =>
  scope.select(brandDefences, [status ? eq(brandDefences.status, status) : undefined], {
    orderBy: [
      sql`case when ${brandDefences.status} in ('open', 'responded') then 0 else 1 end`,
      asc(brandDefences.responseDueAt),
      desc(brandDefences.id),
    ],
    limit,
  });

/** The platform of each shop: a notice case names its shop, the defence its platform. */
export async function shopPlatforms(scope: TenantScope, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await scope.db
    .select({ id: shops.id, platform: shops.platform })
    .from(shops)
    .where(scope.where(shops, inArray(shops.id, ids)));
  return new Map(rows.map((r) => [r.id, r.platform]));
}

export const insertBatch = async (scope: TenantScope, row: NewBatch) => {
  const [saved] = await scope.insert(brandSourcingBatches, row);
  if (!saved) throw new Error('batch insert returned nothing');
  return saved;
};

export const findBatch = (scope: TenantScope, id: string) =>
  scope.first(brandSourcingBatches, eq(brandSourcingBatches.id, id));

export const batchByNo = (scope: TenantScope, sourcingId: string, batchNo: string) =>
  scope.first(
    brandSourcingBatches,
    eq(brandSourcingBatches.sourcingId, sourcingId),
    eq(brandSourcingBatches.batchNo, batchNo),
  );

export const batchesOf = (scope: TenantScope, sourcingIds: string[]) =>
  sourcingIds.length
    ? scope.select(brandSourcingBatches, [inArray(brandSourcingBatches.sourcingId, sourcingIds)], {
        orderBy: [desc(brandSourcingBatches.receivedAt)],
        limit: 5000,
      })
    : Promise.resolve([]);

/** Per SKU code: the latest sampling test and the number of batch reports the supplier records hold. */
export async function inspectionsBySku(scope: TenantScope, codes: string[]) {
  if (!codes.length) return [];
  return scope.db
    .select({
      skuCode: supplierInspections.skuCode,
      lastSampledOn: sql<
        string | null
      >`max(${supplierInspections.testedOn}) filter (where ${supplierInspections.kind} = 'sampling_test' and ${supplierInspections.result} = 'pass')`,
      reports: sql<number>`(count(*) filter (where ${supplierInspections.kind} = 'batch_report'))::int`,
    })
    .from(supplierInspections)
    .where(scope.where(supplierInspections, inArray(supplierInspections.skuCode, codes)))
    .groupBy(supplierInspections.skuCode);
}

/**
 * SKU codes sold since `since` (paid orders) that have no sourcing record: the shop sells them with
 * nothing on file that proves them genuine. At most `limit`, the most sold first.
 */
export async function unsourcedSold(scope: TenantScope, since: Date, limit: number) {
  return scope.db
    .select({
      sku: skus.code,
      name: sql<string>`min(${skus.name})`,
      units: sql<number>`sum(${orderItems.quantity})::int`,
    })
    .from(orderItems)
    .innerJoin(orders, and(eq(orders.tenantId, orderItems.tenantId), eq(orders.id, orderItems.orderId)))
    .innerJoin(skus, and(eq(skus.tenantId, orderItems.tenantId), eq(skus.id, orderItems.skuId)))
    .where(
      and(
        scope.where(orderItems, isNotNull(orderItems.skuId)),
        eq(orders.tenantId, scope.tenantId),
        gte(orders.paidAt, since),
        sql`not exists (select 1 from ${brandSourcing} s where s.tenant_id = ${orderItems.tenantId} and s.sku = ${skus.code})`,
      ),
    )
    .groupBy(skus.code)
    .orderBy(sql`sum(${orderItems.quantity}) desc`, asc(skus.code))
    .limit(limit);
}

export const sourcingBySkus = (scope: TenantScope, codes: string[]) =>
  codes.length ? scope.select(brandSourcing, [inArray(brandSourcing.sku, codes)]) : Promise.resolve([]);
