import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import {
  flaggedSkus,
  type ListingContent,
  listedPrices,
  listings,
  listingVersions,
  qualityDocuments,
  qualitySettings,
} from '../db/schema/quality.js';
import { orderItems, orders, products, skus } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type ListingRow = typeof listings.$inferSelect;
export type ListingVersionRow = typeof listingVersions.$inferSelect;
export type FlagRow = typeof flaggedSkus.$inferSelect;
export type DocumentRow = typeof qualityDocuments.$inferSelect;
type New<T extends { $inferInsert: unknown }> = Omit<T['$inferInsert'], 'tenantId'>;

export const findListings = (scope: TenantScope, shopId: string, externalIds: string[]) =>
  externalIds.length
    ? scope.select(listings, [eq(listings.shopId, shopId), inArray(listings.externalId, externalIds)])
    : Promise.resolve([]);

export const findListing = (scope: TenantScope, id: string) => scope.first(listings, eq(listings.id, id));

export const insertListings = (scope: TenantScope, rows: New<typeof listings>[]) =>
  rows.length ? scope.insertEach(listings, rows, { returning: false }) : Promise.resolve([]);

export const updateListings = (
  scope: TenantScope,
  rows: { id: string; set: Partial<Omit<ListingRow, 'tenantId' | 'id'>> }[],
) => (rows.length ? scope.updateEach(listings, rows) : Promise.resolve([]));

export const insertVersions = (scope: TenantScope, rows: New<typeof listingVersions>[]) =>
  rows.length ? scope.insertEach(listingVersions, rows, { returning: false }) : Promise.resolve([]);

export const insertListedPrices = (scope: TenantScope, rows: New<typeof listedPrices>[]) =>
  rows.length ? scope.insertEach(listedPrices, rows, { returning: false }) : Promise.resolve([]);

export type ListingFilter = {
  shopId?: string | undefined;
  severity?: string | undefined;
  q?: string | undefined;
};

/** A shop's listings, worst first (critical … clean), then by id; keyset over (rank, id). */
const severityRank = sql<number>`case ${listings.worstSeverity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;

export async function listListings(
  scope: TenantScope,
  filter: ListingFilter,
  limit: number,
  after: { rank: number; id: string } | null,
) {
  const pattern = filter.q ? `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await scope.db
    .select({ row: listings, rank: severityRank })
    .from(listings)
    .where(
      scope.where(
        listings,
        filter.shopId ? eq(listings.shopId, filter.shopId) : undefined,
        filter.severity === 'clean'
          ? isNull(listings.worstSeverity)
          : filter.severity
            ? eq(listings.worstSeverity, filter.severity)
            : undefined,
        pattern
          ? or(sql`${listings.title} ilike ${pattern}`, sql`${listings.externalId} ilike ${pattern}`)
          : undefined,
        after ? sql`(${severityRank}, ${listings.id}) > (${after.rank}, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(severityRank, asc(listings.id))
    .limit(limit + 1);
  return rows;
}

export const listShopListings = (scope: TenantScope, shopId: string) =>
  scope.select(listings, [eq(listings.shopId, shopId)]);

export const listVersions = (scope: TenantScope, listingId: string) =>
  scope.select(listingVersions, [eq(listingVersions.listingId, listingId)], {
    orderBy: [desc(listingVersions.version)],
    limit: 100,
  });

/** The version in force at `at`: the last one seen by then, else (seen only later) the first. */
export async function versionAt(scope: TenantScope, listingId: string, at: Date) {
  const before = await scope.select(
    listingVersions,
    [eq(listingVersions.listingId, listingId), lte(listingVersions.validFrom, at)],
    { orderBy: [desc(listingVersions.validFrom)], limit: 1 },
  );
  if (before[0]) return { version: before[0], seenAfter: false };
  const first = await scope.select(listingVersions, [eq(listingVersions.listingId, listingId)], {
    orderBy: [asc(listingVersions.validFrom)],
    limit: 1,
  });
  return first[0] ? { version: first[0], seenAfter: true } : null;
}

/** Listings of a shop selling any of these SKU codes. */
export const findListingsBySku = (scope: TenantScope, shopId: string, codes: string[]) =>
  codes.length
    ? scope.select(listings, [
        eq(listings.shopId, shopId),
        sql`${listings.skuCodes} && ${sql`array[${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )}]::text[]`}`,
      ])
    : Promise.resolve([]);

export const listedPricesOf = (scope: TenantScope, shopId: string, codes: string[]) =>
  codes.length
    ? scope.select(listedPrices, [eq(listedPrices.shopId, shopId), inArray(listedPrices.skuCode, codes)], {
        orderBy: [desc(listedPrices.observedAt)],
        limit: 500,
      })
    : Promise.resolve([]);

/**
 * Prices actually charged for a shop's SKU codes, from its orders (unit price per order line, at the
 * time paid): the evidence the reference-price rule needs. Read-only over the catalog.
 */
export async function chargedPrices(scope: TenantScope, shopId: string, codes: string[], since: Date) {
  if (!codes.length) return [];
  const rows = await scope.db
    .select({ skuCode: skus.code, priceFen: orderItems.unitPriceFen, at: orders.paidAt })
    .from(orderItems)
    .innerJoin(orders, and(eq(orders.tenantId, orderItems.tenantId), eq(orders.id, orderItems.orderId)))
    .innerJoin(skus, and(eq(skus.tenantId, orderItems.tenantId), eq(skus.id, orderItems.skuId)))
    .innerJoin(products, and(eq(products.tenantId, skus.tenantId), eq(products.id, skus.productId)))
    .where(
      and(
        scope.where(orderItems),
        eq(orders.shopId, shopId),
        eq(products.shopId, shopId),
        inArray(skus.code, codes),
        gt(orders.paidAt, since),
      ),
    )
    .orderBy(desc(orders.paidAt))
    .limit(5000);
  return rows.flatMap((r) => (r.at ? [{ skuCode: r.skuCode, priceFen: Number(r.priceFen), at: r.at }] : []));
}

export const shopHasOrders = async (scope: TenantScope, shopId: string) =>
  Boolean(await scope.first(orders, eq(orders.shopId, shopId)));

export const activeFlags = (scope: TenantScope, shopId: string | undefined) =>
  scope.select(
    flaggedSkus,
    [isNull(flaggedSkus.clearedAt), shopId ? eq(flaggedSkus.shopId, shopId) : undefined],
    { orderBy: [desc(flaggedSkus.createdAt)], limit: 1000 },
  );

export const insertFlag = async (scope: TenantScope, row: New<typeof flaggedSkus>) =>
  (await scope.insert(flaggedSkus, row))[0]!;

export const clearFlag = async (scope: TenantScope, id: string, at: Date) =>
  (
    await scope.update(flaggedSkus, { clearedAt: at }, eq(flaggedSkus.id, id), isNull(flaggedSkus.clearedAt))
  )[0];

/** Documents of these holders (a shop and its listings, a supplier). */
export const documentsOf = (scope: TenantScope, holderIds: string[]) =>
  holderIds.length
    ? scope.select(qualityDocuments, [inArray(qualityDocuments.holderId, holderIds)], {
        orderBy: [asc(qualityDocuments.expiresOn)],
      })
    : Promise.resolve([]);

export const listDocuments = (scope: TenantScope) =>
  scope.select(qualityDocuments, [], { orderBy: [asc(qualityDocuments.expiresOn)], limit: 2000 });

export const insertDocument = async (scope: TenantScope, row: New<typeof qualityDocuments>) =>
  (await scope.insert(qualityDocuments, row))[0]!;

export const deleteDocument = async (scope: TenantScope, id: string) =>
  (await scope.delete(qualityDocuments, eq(qualityDocuments.id, id)))[0];

export const findSettings = (scope: TenantScope) => scope.first(qualitySettings);

export async function saveSettings(
  scope: TenantScope,
  settings: Record<string, unknown>,
  by: string,
  at: Date,
) {
  await scope.db
    .insert(qualitySettings)
    .values({ tenantId: scope.tenantId, settings, updatedByName: by, updatedAt: at })
    .onConflictDoUpdate({
      target: [qualitySettings.tenantId],
      set: { settings, updatedByName: by, updatedAt: at },
    });
}

/** Counts of a shop's listings by worst severity (null: clean). */
export async function severityCounts(scope: TenantScope, shopId: string | undefined) {
  const rows = await scope.db
    .select({ severity: listings.worstSeverity, count: sql<number>`count(*)::int` })
    .from(listings)
    .where(scope.where(listings, shopId ? eq(listings.shopId, shopId) : undefined))
    .groupBy(listings.worstSeverity);
  return rows;
}

/** Findings by rule over a shop's listings. */
export async function ruleCounts(scope: TenantScope, shopId: string | undefined) {
  const result = await scope.db.execute(sql`
    select f->>'rule' as rule, f->>'severity' as severity, count(*)::int as count
    from ${listings}, jsonb_array_elements(${listings.findings}) f
    where ${scope.where(listings, shopId ? eq(listings.shopId, shopId) : undefined)}
    group by 1, 2 order by 3 desc`);
  return (result as unknown as { rows: { rule: string; severity: string; count: number }[] }).rows;
}

export type { ListingContent };
