import { and, eq, inArray, sql } from 'drizzle-orm';
import { channelCases } from '../db/schema/ingest.js';
import { customers, orderItems, orders } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

/** A platform's after-sale (or event) mapped to our case: which ticket, how far it has got. */
export type ChannelCaseRow = typeof channelCases.$inferSelect;
export type ChannelCaseKey = { shopId: string; externalRef: string; orderRef: string | null };

/**
 * The case rows for these platform refs, created where missing, and locked: a second worker with an
 * event of the same after-sale waits here (INSERT … ON CONFLICT DO UPDATE locks the row, one round trip).
 */
export async function lockChannelCases(
  scope: TenantScope,
  keys: ChannelCaseKey[],
): Promise<ChannelCaseRow[]> {
  if (!keys.length) return [];
  return scope.db
    .insert(channelCases)
    .values(keys.map((k) => ({ tenantId: scope.tenantId, ...k })))
    .onConflictDoUpdate({
      target: [channelCases.tenantId, channelCases.shopId, channelCases.externalRef],
      set: { updatedAt: sql`excluded.updated_at` },
    })
    .returning();
}

export type ChannelCaseState = Pick<
  ChannelCaseRow,
  'shopId' | 'externalRef' | 'ticketId' | 'orderRef' | 'stageRank' | 'lastEventAt' | 'refundPhase'
>;

/** Writes every case's ticket, order, stage and refund phase back in one statement (the rows are locked by this transaction). */
export async function saveChannelCases(
  scope: TenantScope,
  cases: ChannelCaseState[],
  now: Date,
): Promise<void> {
  if (!cases.length) return;
  await scope.db
    .insert(channelCases)
    .values(cases.map((c) => ({ tenantId: scope.tenantId, ...c, updatedAt: now })))
    .onConflictDoUpdate({
      target: [channelCases.tenantId, channelCases.shopId, channelCases.externalRef],
      set: {
        ticketId: sql`excluded.ticket_id`,
        orderRef: sql`excluded.order_ref`,
        stageRank: sql`excluded.stage_rank`,
        lastEventAt: sql`excluded.last_event_at`,
        refundPhase: sql`excluded.refund_phase`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** One case's ticket and progress, after its event. */
export async function updateChannelCase(
  scope: TenantScope,
  key: { shopId: string; externalRef: string },
  set: Partial<
    Pick<ChannelCaseRow, 'ticketId' | 'orderRef' | 'stageRank' | 'lastEventAt' | 'refundPhase' | 'updatedAt'>
  >,
): Promise<void> {
  await scope.db
    .update(channelCases)
    .set(set)
    .where(
      scope.where(
        channelCases,
        eq(channelCases.shopId, key.shopId),
        eq(channelCases.externalRef, key.externalRef),
      ),
    );
}

/** Orders and buyers named by their platform ids (any shop of the tenant): one query each. */
export async function findByPlatformIds(scope: TenantScope, orderRefs: string[], buyerRefs: string[]) {
  return {
    orders: orderRefs.length ? await scope.select(orders, [inArray(orders.externalId, orderRefs)]) : [],
    customers: buyerRefs.length
      ? await scope.select(customers, [inArray(customers.externalId, buyerRefs)])
      : [],
  };
}

/** The product of each order, as a case subject names it: the first line's name, "等 N 件" for more. */
export async function findOrderProducts(
  scope: TenantScope,
  orderIds: string[],
): Promise<Map<string, string>> {
  if (!orderIds.length) return new Map();
  const rows = await scope.select(orderItems, [inArray(orderItems.orderId, orderIds)], {
    orderBy: [orderItems.orderId, orderItems.id],
  });
  const lines = new Map<string, string[]>();
  for (const r of rows) lines.set(r.orderId, [...(lines.get(r.orderId) ?? []), r.name]);
  return new Map(
    [...lines].map(([id, names]) => [id, names.length > 1 ? `${names[0]} 等 ${names.length} 件` : names[0]!]),
  );
}

export const findBuyer = (scope: TenantScope, shopId: string, externalId: string) =>
  scope.first(customers, and(eq(customers.shopId, shopId), eq(customers.externalId, externalId)));

export const findChannelCasesOfTickets = async (scope: TenantScope, ticketIds: string[]) =>
  ticketIds.length ? scope.select(channelCases, [inArray(channelCases.ticketId, ticketIds)]) : [];
