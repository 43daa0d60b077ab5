import { and, eq, inArray, sql } from 'drizzle-orm';
import { complaintLinks, listings, listingVersions } from '../db/schema/quality.js';
import { messages, orderItems, orders, skus } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type ComplaintLinkRow = typeof complaintLinks.$inferSelect;

/** The orders' lines with their SKU code and supplier reference (read-only over the catalog). */
export async function orderLines(scope: TenantScope, orderIds: string[]) {
  if (!orderIds.length) return [];
  return scope.db
    .select({
      orderId: orders.id,
      shopId: orders.shopId,
      paidAt: orders.paidAt,
      createdAt: orders.createdAt,
      skuCode: skus.code,
      supplierId: orderItems.supplierId,
    })
    .from(orderItems)
    .innerJoin(orders, and(eq(orders.tenantId, orderItems.tenantId), eq(orders.id, orderItems.orderId)))
    .leftJoin(skus, and(eq(skus.tenantId, orderItems.tenantId), eq(skus.id, orderItems.skuId)))
    .where(and(scope.where(orderItems), inArray(orderItems.orderId, orderIds)));
}

/** The buyer's words on the cases: their inbound messages, oldest first. */
export async function inboundText(scope: TenantScope, ticketIds: string[]) {
  if (!ticketIds.length) return new Map<string, string>();
  const rows = await scope.select(
    messages,
    [inArray(messages.ticketId, ticketIds), eq(messages.direction, 'inbound')],
    {
      orderBy: [messages.createdAt],
      limit: 1000,
    },
  );
  const text = new Map<string, string>();
  for (const m of rows) text.set(m.ticketId, `${text.get(m.ticketId) ?? ''}\n${m.body}`);
  return text;
}

export const insertLinks = (
  scope: TenantScope,
  rows: Omit<typeof complaintLinks.$inferInsert, 'tenantId'>[],
) =>
  rows.length
    ? scope.insertEach(complaintLinks, rows, {
        onConflict: {
          target: [complaintLinks.tenantId, complaintLinks.ticketId, complaintLinks.listingId],
          action: 'keep',
        },
        returning: false,
      })
    : Promise.resolve([]);

export const linksOfTicket = (scope: TenantScope, ticketId: string) =>
  scope.select(complaintLinks, [eq(complaintLinks.ticketId, ticketId)]);

export const linksOfListing = (scope: TenantScope, listingId: string) =>
  scope.select(complaintLinks, [eq(complaintLinks.listingId, listingId)], { limit: 500 });

/** Complaints per claim among a supplier's linked complaints (the claims that misled buyers). */
export async function claimCounts(scope: TenantScope, supplierIds: string[]) {
  if (!supplierIds.length) return [];
  return scope.db
    .select({
      claim: complaintLinks.claim,
      listingId: complaintLinks.listingId,
      title: listings.title,
      count: sql<number>`count(*)::int`,
    })
    .from(complaintLinks)
    .innerJoin(
      listings,
      and(eq(listings.tenantId, complaintLinks.tenantId), eq(listings.id, complaintLinks.listingId)),
    )
    .where(and(scope.where(complaintLinks), inArray(complaintLinks.supplierId, supplierIds)))
    .groupBy(complaintLinks.claim, complaintLinks.listingId, listings.title);
}

/** Links with the listing version each names (the snapshot the buyer saw). */
export async function linksWithSnapshots(
  scope: TenantScope,
  filter: { ticketId?: string | undefined; listingId?: string | undefined },
) {
  return scope.db
    .select({ link: complaintLinks, version: listingVersions, externalId: listings.externalId })
    .from(complaintLinks)
    .innerJoin(
      listingVersions,
      and(
        eq(listingVersions.tenantId, complaintLinks.tenantId),
        eq(listingVersions.listingId, complaintLinks.listingId),
        eq(listingVersions.version, complaintLinks.listingVersion),
      ),
    )
    .innerJoin(
      listings,
      and(eq(listings.tenantId, complaintLinks.tenantId), eq(listings.id, complaintLinks.listingId)),
    )
    .where(
      and(
        scope.where(complaintLinks),
        filter.ticketId ? eq(complaintLinks.ticketId, filter.ticketId) : undefined,
        filter.listingId ? eq(complaintLinks.listingId, filter.listingId) : undefined,
      ),
    )
    .orderBy(complaintLinks.createdAt)
    .limit(200);
}
