import { asc, eq, gt, gte, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { disputeDueSort, disputes } from '../db/schema/disputes.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type DisputeRow = typeof disputes.$inferSelect;
export type NewDispute = Omit<typeof disputes.$inferInsert, 'tenantId'>;
export type DisputeCursor = { v: string | null; id: string };

export async function insertDispute(scope: TenantScope, row: NewDispute): Promise<DisputeRow> {
  const [created] = await scope.insert(disputes, row);
  if (!created) throw new Error('dispute insert returned nothing');
  return created;
}

export const findDispute = (scope: TenantScope, id: string) => scope.first(disputes, eq(disputes.id, id));

export async function updateDispute(scope: TenantScope, id: string, set: Partial<NewDispute>) {
  const [row] = await scope.update(disputes, { ...set, updatedAt: new Date() }, eq(disputes.id, id));
  return row;
}

/** One dispute per platform case: a repeated platform event finds the one it opened. */
export const findByExternalRef = (
  scope: TenantScope,
  platform: DisputeRow['platform'],
  externalRef: string,
) => scope.first(disputes, eq(disputes.platform, platform), eq(disputes.externalRef, externalRef));

export type DisputeFilter = {
  status?: DisputeRow['status'][] | undefined;
  openOnly?: boolean | undefined;
  type?: DisputeRow['type'] | undefined;
  platform?: DisputeRow['platform'] | undefined;
  ticketId?: string | undefined;
  shopId?: string | undefined;
};

/** The queue: nearest deadline first (none last), keyset-paged on (due, id). */
export async function listDisputes(
  scope: TenantScope,
  filter: DisputeFilter,
  cursor: DisputeCursor | null,
  limit: number,
): Promise<DisputeRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.status?.length ? inArray(disputes.status, filter.status) : undefined,
    filter.openOnly ? ne(disputes.status, 'closed') : undefined,
    filter.type ? eq(disputes.type, filter.type) : undefined,
    filter.platform ? eq(disputes.platform, filter.platform) : undefined,
    filter.ticketId ? eq(disputes.ticketId, filter.ticketId) : undefined,
    filter.shopId ? eq(disputes.shopId, filter.shopId) : undefined,
  ];
  if (cursor) {
    const v = cursor.v === null ? sql`'infinity'::timestamptz` : sql`${cursor.v}::timestamptz`;
    conditions.push(sql`(${disputeDueSort}, ${disputes.id}) > (${v}, ${cursor.id})`);
  }
  return scope.select(disputes, conditions, { orderBy: [asc(disputeDueSort), asc(disputes.id)], limit });
}

/** Open disputes that name one of these cases, orders or the disputes themselves (deletion holds). */
export function openDisputesOn(
  scope: TenantScope,
  refs: { ticketId?: string; orderId?: string; disputeId?: string },
) {
  const match = [
    refs.ticketId ? eq(disputes.ticketId, refs.ticketId) : undefined,
    refs.orderId ? eq(disputes.orderId, refs.orderId) : undefined,
    refs.disputeId ? eq(disputes.id, refs.disputeId) : undefined,
  ].filter((x): x is SQL => x !== undefined);
  if (!match.length) return Promise.resolve([]);
  return scope.select(disputes, [ne(disputes.status, 'closed'), or(...match)], { limit: 5 });
}

export function decidedSince(scope: TenantScope, from: Date | undefined, to: Date | undefined) {
  return scope.select(disputes, [
    from ? gte(disputes.openedAt, from) : undefined,
    to ? lte(disputes.openedAt, to) : undefined,
  ]);
}

export function disputesOfShop(scope: TenantScope, shopId: string, from: Date) {
  return scope.select(disputes, [eq(disputes.shopId, shopId), gt(disputes.openedAt, from)], {
    orderBy: [asc(disputes.openedAt)],
    limit: 1000,
  });
}
