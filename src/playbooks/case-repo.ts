import { desc, eq, inArray } from 'drizzle-orm';
import { shops, users } from '../db/schema/accounts.js';
import { offers, tasks } from '../db/schema/playbooks.js';
import { customers, orderItems, orders, products, skus, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

/** What playbooks read about a case (templates, rules, the exposure panel): reads only. */
export type CaseContext = {
  ticket: typeof tickets.$inferSelect;
  shop: typeof shops.$inferSelect | undefined;
  customer: typeof customers.$inferSelect | undefined;
  order: typeof orders.$inferSelect | undefined;
  items: (typeof orderItems.$inferSelect)[];
  assigneeName: string | null;
};

/** Everything a template or a rule needs to know about one case, read through the tenant scope. */
export async function loadCase(scope: TenantScope, ticketId: string): Promise<CaseContext | undefined> {
  const ticket = await scope.first(tickets, eq(tickets.id, ticketId));
  if (!ticket) return undefined;
  // One after another: inside a transaction every query shares one connection.
  const shop = ticket.shopId ? await scope.first(shops, eq(shops.id, ticket.shopId)) : undefined;
  const customer = ticket.customerId
    ? await scope.first(customers, eq(customers.id, ticket.customerId))
    : undefined;
  const order = ticket.orderId ? await scope.first(orders, eq(orders.id, ticket.orderId)) : undefined;
  const assignee = ticket.assigneeId ? await scope.first(users, eq(users.id, ticket.assigneeId)) : undefined;
  const items = order ? await scope.select(orderItems, [eq(orderItems.orderId, order.id)]) : [];
  return { ticket, shop, customer, order, items, assigneeName: assignee?.name ?? null };
}

/** The case's latest offer and its latest 100 tasks, newest first. */
export async function latestOfferAndTasks(scope: TenantScope, ticketId: string) {
  const [latestOffer] = await scope.select(offers, [eq(offers.ticketId, ticketId)], {
    orderBy: [desc(offers.createdAt)],
    limit: 1,
  });
  const caseTasks = await scope.select(tasks, [eq(tasks.ticketId, ticketId)], {
    orderBy: [desc(tasks.createdAt)],
    limit: 100,
  });
  return { latestOffer, caseTasks };
}

export const findProducts = async (scope: TenantScope, ids: string[]) =>
  ids.length ? scope.select(products, [inArray(products.id, ids)]) : [];

export const findSkus = async (scope: TenantScope, ids: string[]) =>
  ids.length ? scope.select(skus, [inArray(skus.id, ids)]) : [];
