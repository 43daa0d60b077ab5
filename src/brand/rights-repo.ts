import { asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { brandAuthorisations, brandPriceFloors, brandRights, brandSourcing } from '../db/schema/brand.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type RightRow = typeof brandRights.$inferSelect;
export type NewRight = Omit<typeof brandRights.$inferInsert, 'tenantId'>;
export type AuthorisationRow = typeof brandAuthorisations.$inferSelect;
export type NewAuthorisation = Omit<typeof brandAuthorisations.$inferInsert, 'tenantId'>;
export type PriceFloorRow = typeof brandPriceFloors.$inferSelect;
export type SourcingRow = typeof brandSourcing.$inferSelect;
export type NewSourcing = Omit<typeof brandSourcing.$inferInsert, 'tenantId'>;

const one = <T>(rows: T[]): T => {
  const [row] = rows;
  if (!row) throw new Error('insert returned nothing');
  return row;
};

export const insertRight = async (scope: TenantScope, row: NewRight) =>
  one(await scope.insert(brandRights, row));
export const findRight = (scope: TenantScope, id: string) => scope.first(brandRights, eq(brandRights.id, id));
export const findRightByNumber = (scope: TenantScope, kind: RightRow['kind'], registrationNo: string) =>
  scope.first(brandRights, eq(brandRights.kind, kind), eq(brandRights.registrationNo, registrationNo));
export const rightsByIds = (scope: TenantScope, ids: string[]) =>
  ids.length ? scope.select(brandRights, [inArray(brandRights.id, ids)]) : Promise.resolve([]);

export const rightsByNumbers = (scope: TenantScope, numbers: string[]) =>
  numbers.length
    ? scope.select(brandRights, [inArray(brandRights.registrationNo, numbers)])
    : Promise.resolve([]);

export async function updateRight(scope: TenantScope, id: string, set: Partial<NewRight>) {
  const [row] = await scope.update(brandRights, { ...set, updatedAt: new Date() }, eq(brandRights.id, id));
  return row;
}

/** The portfolio: soonest expiry first (those without an end last), at most 500 rights. */
export const listRights = (scope: TenantScope, kind?: RightRow['kind']) =>
  scope.select(brandRights, [kind ? eq(brandRights.kind, kind) : undefined], {
    orderBy: [asc(brandRights.validUntil), asc(brandRights.id)],
    limit: 500,
  });

export const insertAuthorisation = async (scope: TenantScope, row: NewAuthorisation) =>
  one(await scope.insert(brandAuthorisations, row));
export const findAuthorisation = (scope: TenantScope, id: string) =>
  scope.first(brandAuthorisations, eq(brandAuthorisations.id, id));

export async function updateAuthorisation(scope: TenantScope, id: string, set: Partial<NewAuthorisation>) {
  const [row] = await scope.update(
    brandAuthorisations,
    { ...set, updatedAt: new Date() },
    eq(brandAuthorisations.id, id),
  );
  return row;
}

export const listAuthorisations = (scope: TenantScope, direction?: AuthorisationRow['direction']) =>
  scope.select(brandAuthorisations, [direction ? eq(brandAuthorisations.direction, direction) : undefined], {
    orderBy: [asc(brandAuthorisations.validUntil), asc(brandAuthorisations.id)],
    limit: 1000,
  });

/** Granted authorisations naming a shop on a platform: how resellers' listings are recognised. */
export const grantedAuthorisations = (scope: TenantScope) =>
  scope.select(brandAuthorisations, [
    eq(brandAuthorisations.direction, 'granted'),
    isNotNull(brandAuthorisations.platform),
  ]);

export const listFloors = (scope: TenantScope, skus?: string[]) =>
  scope.select(
    brandPriceFloors,
    [skus ? inArray(brandPriceFloors.sku, skus.length ? skus : ['']) : undefined],
    {
      orderBy: [asc(brandPriceFloors.sku), asc(brandPriceFloors.appliesTo)],
      limit: 5000,
    },
  );

/** One floor per SKU and seller: saving it again changes the price, keeps the row. */
export async function upsertFloor(
  scope: TenantScope,
  row: { id: string; sku: string; productName: string; authorisationId: string | null; minPriceFen: number },
): Promise<PriceFloorRow> {
  const now = new Date();
  const [saved] = await scope.db
    .insert(brandPriceFloors)
    .values({ ...row, tenantId: scope.tenantId, appliesTo: row.authorisationId ?? 'all', updatedAt: now })
    .onConflictDoUpdate({
      target: [brandPriceFloors.tenantId, brandPriceFloors.sku, brandPriceFloors.appliesTo],
      set: { minPriceFen: row.minPriceFen, productName: row.productName, updatedAt: now },
    })
    .returning();
  if (!saved) throw new Error('price floor upsert returned nothing');
  return saved;
}

export const deleteFloor = (scope: TenantScope, id: string) =>
  scope.delete(brandPriceFloors, eq(brandPriceFloors.id, id));

export const insertSourcing = async (scope: TenantScope, row: NewSourcing) =>
  one(await scope.insert(brandSourcing, row));
export const findSourcing = (scope: TenantScope, id: string) =>
  scope.first(brandSourcing, eq(brandSourcing.id, id));
export const findSourcingBySku = (scope: TenantScope, sku: string) =>
  scope.first(brandSourcing, eq(brandSourcing.sku, sku));
export async function updateSourcing(scope: TenantScope, id: string, set: Partial<NewSourcing>) {
  const [row] = await scope.update(
    brandSourcing,
    { ...set, updatedAt: new Date() },
    eq(brandSourcing.id, id),
  );
  return row;
}
export const listSourcing = (scope: TenantScope) =>
  scope.select(brandSourcing, [], { orderBy: [asc(brandSourcing.sku)], limit: 2000 });
