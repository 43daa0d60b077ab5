import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { messages, tickets } from '../db/schema/tickets.js';
import { triageAdjustments, triageCorrections } from '../db/schema/triage.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type AdjustmentRow = typeof triageAdjustments.$inferSelect;

export const findAdjustment = (scope: TenantScope) => scope.first(triageAdjustments);

/** The tenant's category corrections, newest first. */
export const categoryCorrections = (scope: TenantScope, limit: number) =>
  scope.select(triageCorrections, [eq(triageCorrections.field, 'categories')], {
    orderBy: [desc(triageCorrections.createdAt), desc(triageCorrections.id)],
    limit,
  });

export const ticketsByIds = (scope: TenantScope, ids: string[]) =>
  scope.select(tickets, [inArray(tickets.id, ids)]);

/** The buyers' messages of these cases, oldest first. */
export const inboundMessagesOf = (scope: TenantScope, ids: string[]) =>
  scope.select(messages, [and(inArray(messages.ticketId, ids), eq(messages.direction, 'inbound'))], {
    orderBy: [asc(messages.createdAt), asc(messages.id)],
  });

/** One row per tenant; two processes retraining at once both write, the later one wins. */
export async function saveAdjustment(scope: TenantScope, row: Omit<AdjustmentRow, 'tenantId'>) {
  await scope.db
    .insert(triageAdjustments)
    .values({ tenantId: scope.tenantId, ...row })
    .onConflictDoUpdate({ target: triageAdjustments.tenantId, set: row });
}
