import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditEvents, users } from '../db/schema/accounts.js';
import { evidenceItems } from '../db/schema/evidence.js';
import { inboxEvents } from '../db/schema/ingest.js';
import { personalDataErasures, privacySettings } from '../db/schema/privacy.js';
import { searchDocs } from '../db/schema/search.js';
import { customers, messages, orderItems, orders, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type PrivacySettings = typeof privacySettings.$inferSelect;
export type Erasure = typeof personalDataErasures.$inferSelect;

export const findSettings = (scope: TenantScope) => scope.first(privacySettings);

export async function saveSettings(scope: TenantScope, retentionDays: number | null, at: Date) {
  const [row] = await scope.insertEach(privacySettings, [{ retentionDays, updatedAt: at }], {
    onConflict: { target: [privacySettings.tenantId], action: 'replace' },
  });
  return row!;
}

/** Tenants that set a retention period (the background job visits only these). */
export async function tenantsWithRetention(db: Db): Promise<{ tenantId: string; retentionDays: number }[]> {
  const rows = await db
    .select({ tenantId: privacySettings.tenantId, retentionDays: privacySettings.retentionDays })
    .from(privacySettings)
    .where(isNotNull(privacySettings.retentionDays));
  return rows.map((r) => ({ tenantId: r.tenantId, retentionDays: r.retentionDays! }));
}

/** Buyers with cases, every one closed before the cutoff, not yet erased. */
export async function customersDueForErasure(
  scope: TenantScope,
  cutoff: Date,
  limit: number,
): Promise<string[]> {
  const result = await scope.db.execute(sql`
  select c.id from customers c
   where c.tenant_id = ${scope.tenantId}
     and not exists (select 1 from personal_data_erasures e where e.tenant_id = c.tenant_id and e.customer_id = c.id)
     and exists (select 1 from tickets t where t.tenant_id = c.tenant_id and t.customer_id = c.id)
     and not exists (
       select 1 from tickets t
        where t.tenant_id = c.tenant_id and t.customer_id = c.id
          and (t.status <> 'closed' or t.closed_at is null or t.closed_at >= ${cutoff.toISOString()}::timestamptz))
   limit ${limit}`);
  return idsOf(result);
}

const idsOf = (result: unknown) => (result as { rows: { id: string }[] }).rows.map((r) => r.id);

export const findCustomer = (scope: TenantScope, id: string) => scope.first(customers, eq(customers.id, id));

export const findErasure = (scope: TenantScope, customerId: string) =>
  scope.first(personalDataErasures, eq(personalDataErasures.customerId, customerId));

export const ticketsOf = (scope: TenantScope, customerId: string) =>
  scope.select(tickets, [eq(tickets.customerId, customerId)], { orderBy: [tickets.createdAt] });

/** The buyer's cases that are evidence of a dispute not yet closed (by case or by order). */
export async function ticketsHeldByDisputes(scope: TenantScope, customerId: string): Promise<Set<string>> {
  const result = await scope.db.execute(sql`
    select t.id from tickets t
     where t.tenant_id = ${scope.tenantId} and t.customer_id = ${customerId}
       and exists (select 1 from disputes d
                    where d.tenant_id = t.tenant_id and d.status <> 'closed'
                      and (d.ticket_id = t.id or (t.order_id is not null and d.order_id = t.order_id)))`);
  return new Set(idsOf(result));
}

export const messagesOf = (scope: TenantScope, ticketIds: string[]) =>
  ticketIds.length === 0
    ? Promise.resolve([])
    : scope.select(messages, [inArray(messages.ticketId, ticketIds)], { orderBy: [messages.createdAt] });

export const ordersOf = (scope: TenantScope, customerId: string) =>
  scope.select(orders, [eq(orders.customerId, customerId)], { orderBy: [orders.createdAt] });

export const orderLinesOf = (scope: TenantScope, orderIds: string[]) =>
  orderIds.length === 0
    ? Promise.resolve([])
    : scope.select(orderItems, [inArray(orderItems.orderId, orderIds)]);

export const evidenceOfTickets = (scope: TenantScope, ticketIds: string[]) =>
  ticketIds.length === 0
    ? Promise.resolve([])
    : scope.select(evidenceItems, [
        eq(evidenceItems.subjectType, 'ticket'),
        inArray(evidenceItems.subjectId, ticketIds),
      ]);

/** The raw platform events that opened or fed these cases. */
export const platformEventsOf = (scope: TenantScope, ticketIds: string[]) =>
  ticketIds.length === 0
    ? Promise.resolve([])
    : scope.select(inboxEvents, [inArray(inboxEvents.ticketId, ticketIds)]);

/**
 * Writes one erasure: the record, the customer row, the message bodies, their search entries, the
 * raw platform payloads of the cases. The record goes first and claims the buyer: when another
 * worker's retention pass erased the same buyer meanwhile, it waits for that one, writes nothing
 * and answers false.
 */
export async function applyErasure(
  scope: TenantScope,
  input: {
    customerId: string;
    maskedName: string;
    messages: { id: string; body: string; authorName: string }[];
    platformEvents: { id: string; payload: unknown }[];
    erasure: Omit<Erasure, 'tenantId'>;
  },
): Promise<boolean> {
  return scope.transaction(async (tx) => {
    const claimed = await tx.insertEach(personalDataErasures, [input.erasure], {
      onConflict: {
        target: [personalDataErasures.tenantId, personalDataErasures.customerId],
        action: 'keep',
      },
    });
    if (claimed.length === 0) return false;
    await tx.update(
      customers,
      {
        name: input.maskedName,
        phoneMasked: null,
        phoneSealed: null,
        addressMasked: null,
        addressSealed: null,
        email: null,
        updatedAt: input.erasure.at,
      },
      eq(customers.id, input.customerId),
    );
    if (input.messages.length > 0) {
      await tx.updateEach(
        messages,
        input.messages.map((m) => ({ id: m.id, set: { body: m.body, authorName: m.authorName } })),
      );
      await tx.delete(
        searchDocs,
        inArray(
          searchDocs.id,
          input.messages.map((m) => m.id),
        ),
      );
    }
    if (input.platformEvents.length > 0) {
      await tx.updateEach(
        inboxEvents,
        input.platformEvents.map((e) => ({ id: e.id, set: { payload: e.payload } })),
      );
    }
    return true;
  });
}

const ACCESS_ACTIONS = ['contact_revealed', 'personal_data_exported', 'personal_data_erased'];

/** Who looked at, exported or erased which buyer's personal data, newest first. */
export async function accessLog(
  scope: TenantScope,
  from: Date | undefined,
  to: Date | undefined,
  limit: number,
) {
  const rows = await scope.db
    .select({
      at: auditEvents.at,
      action: auditEvents.action,
      actorName: auditEvents.actorName,
      actorId: auditEvents.actorId,
      customerId: auditEvents.entityId,
      customerName: customers.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(
      customers,
      and(eq(customers.tenantId, auditEvents.tenantId), eq(customers.id, auditEvents.entityId)),
    )
    .leftJoin(users, and(eq(users.tenantId, auditEvents.tenantId), eq(users.id, auditEvents.actorId)))
    .where(
      and(
        scope.where(auditEvents),
        eq(auditEvents.entityType, 'customer'),
        inArray(auditEvents.action, ACCESS_ACTIONS),
        from ? sql`${auditEvents.at} >= ${from.toISOString()}::timestamptz` : undefined,
        to ? sql`${auditEvents.at} < ${to.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(sql`${auditEvents.at} desc`)
    .limit(limit);
  return rows;
}

/** The latest erasures with the buyer's (now masked) name. */
export function recentErasures(scope: TenantScope, limit: number) {
  return scope.db
    .select({
      id: personalDataErasures.id,
      customerId: personalDataErasures.customerId,
      customerName: customers.name,
      reason: personalDataErasures.reason,
      actorName: personalDataErasures.actorName,
      summary: personalDataErasures.summary,
      at: personalDataErasures.at,
    })
    .from(personalDataErasures)
    .leftJoin(
      customers,
      and(
        eq(customers.tenantId, personalDataErasures.tenantId),
        eq(customers.id, personalDataErasures.customerId),
      ),
    )
    .where(scope.where(personalDataErasures))
    .orderBy(sql`${personalDataErasures.at} desc`)
    .limit(limit);
}
