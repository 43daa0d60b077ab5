import { and, asc, eq, ilike, inArray, like, or } from 'drizzle-orm';
import { customers, orderItems, orders, products, skus } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type CustomerRow = typeof customers.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type SkuRow = typeof skus.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;

export const findCustomer = (scope: TenantScope, id: string) => scope.first(customers, eq(customers.id, id));
export const findCustomers = (scope: TenantScope, ids: string[]) =>
  scope.select(customers, [inArray(customers.id, ids)]);
export const insertCustomers = (
  scope: TenantScope,
  rows: Omit<typeof customers.$inferInsert, 'tenantId'>[],
) => scope.insert(customers, rows);
export const insertCustomer = async (
  scope: TenantScope,
  row: Omit<typeof customers.$inferInsert, 'tenantId'>,
) => (await scope.insert(customers, row))[0]!;

export function searchCustomers(scope: TenantScope, q: string | undefined, limit: number) {
  const pattern = q ? `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  return scope.select(
    customers,
    [pattern ? or(ilike(customers.name, pattern), ilike(customers.externalId, pattern)) : undefined],
    { orderBy: [asc(customers.name)], limit },
  );
}

export const findProduct = (scope: TenantScope, id: string) => scope.first(products, eq(products.id, id));
export const insertProduct = async (
  scope: TenantScope,
  row: Omit<typeof products.$inferInsert, 'tenantId'>,
) => (await scope.insert(products, row))[0]!;
export const listProducts = (scope: TenantScope, limit: number) =>
  scope.select(products, [], { orderBy: [asc(products.name)], limit });

export const insertSkus = (scope: TenantScope, rows: Omit<typeof skus.$inferInsert, 'tenantId'>[]) =>
  rows.length ? scope.insert(skus, rows) : Promise.resolve([]);
export const listSkus = (scope: TenantScope, productIds: string[]) =>
  productIds.length
    ? scope.select(skus, [inArray(skus.productId, productIds)], { orderBy: [asc(skus.code)] })
    : Promise.resolve([]);
export const findSkus = (scope: TenantScope, ids: string[]) =>
  ids.length ? scope.select(skus, [inArray(skus.id, ids)]) : Promise.resolve([]);

export const findOrder = (scope: TenantScope, id: string) => scope.first(orders, eq(orders.id, id));
export const findOrders = (scope: TenantScope, ids: string[]) =>
  scope.select(orders, [inArray(orders.id, ids)]);
/** The shop's orders among these platform order ids. */
export const findOrdersByExternalIds = (scope: TenantScope, shopId: string, externalIds: string[]) =>
  scope.select(orders, [eq(orders.shopId, shopId), inArray(orders.externalId, externalIds)]);
export const findOrderByExternalId = (scope: TenantScope, shopId: string, externalId: string) =>
  scope.first(orders, and(eq(orders.shopId, shopId), eq(orders.externalId, externalId)));
export const insertOrder = async (scope: TenantScope, row: Omit<typeof orders.$inferInsert, 'tenantId'>) =>
  (await scope.insert(orders, row))[0]!;
export const insertOrderItems = (
  scope: TenantScope,
  rows: Omit<typeof orderItems.$inferInsert, 'tenantId'>[],
) => (rows.length ? scope.insert(orderItems, rows) : Promise.resolve([]));
export const findOrderItems = (scope: TenantScope, ids: string[]) =>
  scope.select(orderItems, [inArray(orderItems.id, ids)]);
export const listOrderItems = (scope: TenantScope, orderId: string) =>
  scope.select(orderItems, [eq(orderItems.orderId, orderId)]);
export type OrderFilter = {
  customerId?: string | undefined;
  shopId?: string | undefined;
  q?: string | undefined;
};

/** Orders of a customer or shop; `q` finds them by the start of their number (orders_external_prefix). */
export const listOrders = (scope: TenantScope, f: OrderFilter, limit: number) =>
  scope.select(
    orders,
    [
      f.customerId ? eq(orders.customerId, f.customerId) : undefined,
      f.shopId ? eq(orders.shopId, f.shopId) : undefined,
      f.q ? like(orders.externalId, `${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined,
    ],
    { orderBy: f.q ? [asc(orders.externalId)] : [asc(orders.createdAt)], limit },
  );
