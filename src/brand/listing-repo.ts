import { asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { shops } from '../db/schema/accounts.js';
import { brandListings, brandPriceObservations, brandResellerWarnings } from '../db/schema/brand.js';
import { evidenceItems } from '../db/schema/evidence.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type ListingRow = typeof brandListings.$inferSelect;
export type NewListing = Omit<typeof brandListings.$inferInsert, 'tenantId'>;
export type ObservationRow = typeof brandPriceObservations.$inferSelect;
export type WarningRow = typeof brandResellerWarnings.$inferSelect;

export const findListing = (scope: TenantScope, id: string) =>
  scope.first(brandListings, eq(brandListings.id, id));
export const listingsByIds = (scope: TenantScope, ids: string[]) =>
  ids.length ? scope.select(brandListings, [inArray(brandListings.id, ids)]) : Promise.resolve([]);
export const listingsByUrlKeys = (scope: TenantScope, keys: string[]) =>
  keys.length ? scope.select(brandListings, [inArray(brandListings.urlKey, keys)]) : Promise.resolve([]);

/** New listings only: a link already watched is left as it is (the caller reports it as a duplicate). */
export const insertListings = (scope: TenantScope, rows: NewListing[]) =>
  rows.length
    ? scope.insertEach(brandListings, rows, {
        onConflict: { target: [brandListings.tenantId, brandListings.urlKey], action: 'keep' },
      })
    : Promise.resolve([]);

export async function updateListing(scope: TenantScope, id: string, set: Partial<NewListing>) {
  const [row] = await scope.update(
    brandListings,
    { ...set, updatedAt: new Date() },
    eq(brandListings.id, id),
  );
  return row;
}

export const setListingStatus = (scope: TenantScope, ids: string[], status: ListingRow['status']) =>
  ids.length
    ? scope.update(brandListings, { status, updatedAt: new Date() }, inArray(brandListings.id, ids))
    : Promise.resolve([]);

export type ListingFilter = {
  status?: ListingRow['status'] | undefined;
  sellerKey?: string | undefined;
  sku?: string | undefined;
  platform?: ListingRow['platform'] | undefined;
  withPrice?: boolean | undefined;
};

/** Newest first (ids are time-ordered), keyset-paged on the id. */
export function listListings(
  scope: TenantScope,
  filter: ListingFilter,
  before: string | null,
  limit: number,
) {
  return scope.select(
    brandListings,
    [
      filter.status ? eq(brandListings.status, filter.status) : undefined,
      filter.sellerKey ? eq(brandListings.sellerKey, filter.sellerKey) : undefined,
      filter.sku ? eq(brandListings.sku, filter.sku) : undefined,
      filter.platform ? eq(brandListings.platform, filter.platform) : undefined,
      filter.withPrice
        ? sql`${brandListings.sku} is not null and ${brandListings.priceFen} is not null`
        : undefined,
      before ? lt(brandListings.id, before) : undefined,
    ],
    { orderBy: [desc(brandListings.id)], limit },
  );
}

/** Listings grouped by seller: how many, of which status, the lowest price seen. */
export async function sellerGroups(scope: TenantScope, limit: number) {
  const rows = await scope.db
    .select({
      sellerKey: brandListings.sellerKey,
      platform: sql<string>`min(${brandListings.platform})`,
      sellerName: sql<string>`min(${brandListings.sellerName})`,
      listings: sql<number>`count(*)::int`,
      watching: sql<number>`(count(*) filter (where ${brandListings.status} = 'watching'))::int`,
      complained: sql<number>`(count(*) filter (where ${brandListings.status} = 'complained'))::int`,
      takenDown: sql<number>`(count(*) filter (where ${brandListings.status} = 'taken_down'))::int`,
    })
    .from(brandListings)
    .where(scope.where(brandListings))
    .groupBy(brandListings.sellerKey)
    .orderBy(sql`count(*) desc`, asc(brandListings.sellerKey))
    .limit(limit);
  return rows;
}

export type EvidenceSummary = { subjectId: string; kind: string; sha256: string; createdAt: Date };

/** The live evidence items filed on these subjects (kind, hash, time): enough for checklists. */
export async function evidenceOf(
  scope: TenantScope,
  subjectType: string,
  ids: string[],
): Promise<EvidenceSummary[]> {
  if (!ids.length) return [];
  return scope.db
    .select({
      subjectId: evidenceItems.subjectId,
      kind: evidenceItems.kind,
      sha256: evidenceItems.sha256,
      createdAt: evidenceItems.createdAt,
    })
    .from(evidenceItems)
    .where(
      scope.where(
        evidenceItems,
        eq(evidenceItems.subjectType, subjectType),
        inArray(evidenceItems.subjectId, ids),
        isNull(evidenceItems.deletionRequestedAt),
      ),
    );
}

/** The merchant's own shops, by platform and name or platform shop id: their listings are never infringing. */
export const ownShops = (scope: TenantScope) =>
  scope.db
    .select({ platform: shops.platform, name: shops.name, externalShopId: shops.externalShopId })
    .from(shops)
    .where(scope.where(shops));

export const insertObservations = (
  scope: TenantScope,
  rows: Omit<typeof brandPriceObservations.$inferInsert, 'tenantId'>[],
) =>
  rows.length ? scope.insertEach(brandPriceObservations, rows, { returning: false }) : Promise.resolve([]);

export const observationsOf = (scope: TenantScope, listingIds: string[]) =>
  listingIds.length
    ? scope.select(brandPriceObservations, [inArray(brandPriceObservations.listingId, listingIds)], {
        orderBy: [asc(brandPriceObservations.observedAt)],
        limit: 20_000,
      })
    : Promise.resolve([]);

export const insertWarning = async (
  scope: TenantScope,
  row: Omit<typeof brandResellerWarnings.$inferInsert, 'tenantId'>,
) => {
  const [saved] = await scope.insert(brandResellerWarnings, row);
  if (!saved) throw new Error('warning insert returned nothing');
  return saved;
};

export const warningsOf = (scope: TenantScope, listingIds: string[]) =>
  listingIds.length
    ? scope.select(brandResellerWarnings, [inArray(brandResellerWarnings.listingId, listingIds)], {
        orderBy: [desc(brandResellerWarnings.createdAt)],
      })
    : Promise.resolve([]);
