import { desc, eq } from 'drizzle-orm';
import { shops, users } from '../db/schema/accounts.js';
import { offers, tasks } from '../db/schema/playbooks.js';
import { customers, orderItems, orders, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { formatDueBy, formatMoney, type TemplateValues } from './template-vars.js';

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

/** The template values of a case: the latest offer's amounts, the latest shipment, the next due time. */
export async function caseValues(
  scope: TenantScope,
  c: CaseContext,
  locale: 'zh-CN' | 'en',
  agentName: string,
  timezone: string,
): Promise<TemplateValues> {
  const [latestOffer] = await scope.select(offers, [eq(offers.ticketId, c.ticket.id)], {
    orderBy: [desc(offers.createdAt)],
    limit: 1,
  });
  const caseTasks = await scope.select(tasks, [eq(tasks.ticketId, c.ticket.id)], {
    orderBy: [desc(tasks.createdAt)],
    limit: 100,
  });
  const shipment = caseTasks.find((t) => typeof t.data.trackingNo === 'string' && t.data.trackingNo);
  const nextDue = caseTasks
    .filter((t) => t.status === 'open' && t.dueAt)
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())[0]?.dueAt;
  const dueBy = nextDue ?? c.ticket.resolutionDueAt ?? c.ticket.slaDueAt;
  const values: TemplateValues = {
    customer_name: c.customer?.name,
    order_id: c.order?.externalId,
    sku_name: c.items[0]?.name,
    tracking_no: (shipment?.data.trackingNo as string | undefined) ?? c.order?.trackingNo ?? undefined,
    carrier: (shipment?.data.carrier as string | undefined) ?? c.order?.carrier ?? undefined,
    shop_name: c.shop?.name,
    agent_name: c.assigneeName ?? agentName,
    ticket_no: String(c.ticket.number),
    due_by: dueBy ? formatDueBy(dueBy, locale, c.shop?.timezone ?? timezone) : undefined,
  };
  if (latestOffer) {
    const coupon = latestOffer.remedy === 'coupon' ? latestOffer.amountFen : latestOffer.couponFen;
    if (coupon > 0) values.coupon_amount = formatMoney(coupon, locale);
    if (latestOffer.amountFen > 0) {
      values.amount = formatMoney(latestOffer.amountFen, locale);
      if (['refund', 'return_and_refund', 'partial_refund'].includes(latestOffer.remedy)) {
        values.refund_amount = values.amount;
      }
    }
  }
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null));
}

/** The language to write to a buyer in: their own, else Chinese. */
export const caseLocale = (c: CaseContext): 'zh-CN' | 'en' =>
  c.customer?.locale === 'en' || c.ticket.language === 'en' ? 'en' : 'zh-CN';
