import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { shops } from '../db/schema/accounts.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type ShopRow = typeof shops.$inferSelect;

export const listShops = (scope: TenantScope) =>
  scope.select(shops, [], { orderBy: [asc(shops.createdAt)], limit: 1000 });

export const findShop = (scope: TenantScope, id: string) => scope.first(shops, eq(shops.id, id));

export const findShops = (scope: TenantScope, ids: string[]) => scope.select(shops, [inArray(shops.id, ids)]);

export const insertShop = async (scope: TenantScope, row: Omit<typeof shops.$inferInsert, 'tenantId'>) =>
  (await scope.insert(shops, row))[0]!;

export const updateShop = async (
  scope: TenantScope,
  id: string,
  set: Partial<Omit<ShopRow, 'tenantId' | 'id'>>,
) => (await scope.update(shops, { ...set, updatedAt: new Date() }, eq(shops.id, id)))[0];

/** Webhooks name a shop, not a tenant: the one shop lookup that is not scoped (global unique index). */
export async function findShopForWebhook(db: Db, id: string): Promise<ShopRow | undefined> {
  const rows = await db.select().from(shops).where(eq(shops.id, id)).limit(1);
  return rows[0];
}
