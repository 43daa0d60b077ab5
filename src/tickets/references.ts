import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { findShops } from '../shops/shop-repo.js';
import * as catalog from './catalog-repo.js';
import { findUserName } from './ticket-repo.js';

export type References = {
  shopId?: string | null | undefined;
  customerId?: string | null | undefined;
  orderId?: string | null | undefined;
  /** A line of `orderId`. */
  orderItemId?: string | null | undefined;
  assigneeId?: string | null | undefined;
};

/** Every shop, customer, order and assignee named exists in the tenant: one query per kind. */
export async function checkReferences(scope: TenantScope, list: References[]): Promise<void> {
  const distinct = (key: keyof References) => [...new Set(list.flatMap((r) => (r[key] ? [r[key]] : [])))];
  const shopIds = distinct('shopId');
  if (shopIds.length) {
    const found = new Set((await findShops(scope, shopIds)).map((s) => s.id));
    const missing = shopIds.find((id) => !found.has(id));
    if (missing) throw new AppError('SHOP_NOT_FOUND', `shop ${missing} not found`);
  }
  const customerIds = distinct('customerId');
  if (customerIds.length) {
    const found = new Set((await catalog.findCustomers(scope, customerIds)).map((c) => c.id));
    const missing = customerIds.find((id) => !found.has(id));
    if (missing) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${missing} not found`);
  }
  const orderIds = distinct('orderId');
  if (orderIds.length) {
    const orders = new Map((await catalog.findOrders(scope, orderIds)).map((o) => [o.id, o]));
    for (const refs of list) {
      if (!refs.orderId) continue;
      const order = orders.get(refs.orderId);
      if (!order) throw new AppError('ORDER_NOT_FOUND', `order ${refs.orderId} not found`);
      if (refs.shopId && order.shopId !== refs.shopId) {
        throw new AppError('VALIDATION_FAILED', 'the order belongs to another shop than the ticket');
      }
    }
  }
  const itemIds = distinct('orderItemId');
  if (itemIds.length) {
    const items = new Map((await catalog.findOrderItems(scope, itemIds)).map((i) => [i.id, i]));
    for (const refs of list) {
      if (!refs.orderItemId) continue;
      if (!refs.orderId)
        throw new AppError('VALIDATION_FAILED', 'orderItemId: a line needs its order (orderId)');
      if (items.get(refs.orderItemId)?.orderId !== refs.orderId) {
        throw new AppError(
          'VALIDATION_FAILED',
          `orderItemId: ${refs.orderItemId} is not a line of the order`,
        );
      }
    }
  }
  for (const id of distinct('assigneeId')) {
    if (!(await findUserName(scope, id))) throw new AppError('USER_NOT_FOUND', `user ${id} not found`);
  }
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
