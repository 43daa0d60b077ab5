import { and, eq, sql } from 'drizzle-orm';
import { isPlatform } from '../channels/channel.js';
import { shops } from '../db/schema/accounts.js';
import { channelCases, outbox } from '../db/schema/ingest.js';
import { messages } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import type { TicketHooks } from '../tickets/ticket-service.js';
import { OUTBOX_CHANNEL, wake } from './signals.js';

export type OutboxRow = typeof outbox.$inferSelect;

export type OutboxInput = {
  /** reply | acknowledgement | notice | agree_refund | refuse_refund | return_instruction | evidence | … */
  kind: string;
  shopId: string;
  ticketId?: string | null | undefined;
  messageId?: string | null | undefined;
  /** What the platform needs (content, amount_fen, address…); the send adapter adds ids and signs. */
  payload: Record<string, unknown>;
  /** Optional idempotency key: a second enqueue with the same key returns the first row. */
  dedupeKey?: string | undefined;
  /** The platform case (aftersale:<id>) and order id; looked up from the ticket when omitted. */
  caseRef?: string | null | undefined;
  orderRef?: string | null | undefined;
};

/**
 * Queues outbound work for the sender worker. Call it inside the transaction that decided to send
 * (ticket hooks, playbooks): the row commits or rolls back with that decision.
 */
export async function enqueueOutbox(scope: TenantScope, input: OutboxInput): Promise<OutboxRow> {
  const shop = await scope.first(shops, eq(shops.id, input.shopId));
  if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${input.shopId} not found`);
  if (!isPlatform(shop.platform)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `shop ${input.shopId} (${shop.platform}) has no platform to send to`,
    );
  }
  let caseRef = input.caseRef ?? null;
  let orderRef = input.orderRef ?? null;
  if (input.ticketId && (caseRef === null || orderRef === null)) {
    const c = await scope.first(
      channelCases,
      eq(channelCases.shopId, shop.id),
      eq(channelCases.ticketId, input.ticketId),
    );
    caseRef ??= c?.externalRef ?? null;
    orderRef ??= c?.orderRef ?? null;
  }
  const id = newId();
  const rows = await scope.db
    .insert(outbox)
    .values({
      tenantId: scope.tenantId,
      id,
      kind: input.kind,
      shopId: shop.id,
      platform: shop.platform,
      ticketId: input.ticketId ?? null,
      messageId: input.messageId ?? null,
      caseRef,
      orderRef,
      payload: input.payload,
      dedupeKey: input.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning();
  let row = rows[0];
  if (!row && input.dedupeKey) {
    row = await scope.first(outbox, eq(outbox.dedupeKey, input.dedupeKey));
  }
  if (!row) throw new Error('outbox insert returned no row');
  if (row.id === id) await notifyOutbox(scope);
  return row;
}

async function notifyOutbox(scope: TenantScope) {
  // On PostgreSQL the notification is delivered at commit; in-process workers get a nudge too.
  try {
    await scope.db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  } catch {
    // PGlite without listeners: harmless either way.
  }
  wake('outbox', 20);
}

/** Ticket channels whose outbound messages go back to the platform. */
const SENDABLE_CHANNELS = new Set(['after_sales', 'platform_message', 'live_chat', 'review']);

/**
 * Every outbound message of a case from a platform shop becomes an outbox row and shows as
 * 'queued'; messages on other cases (manual shop, no shop, hotline…) are recorded as 'sent'.
 */
export const outboxTicketHooks: TicketHooks = {
  async afterMessage(scope, ticket, message, context) {
    if (message.direction !== 'outbound') return;
    let queued = false;
    if (ticket.shopId && SENDABLE_CHANNELS.has(ticket.channel) && !message.externalId) {
      const shop = await scope.first(shops, eq(shops.id, ticket.shopId));
      if (shop && isPlatform(shop.platform)) {
        await enqueueOutbox(scope, {
          kind: context?.automatic ? 'acknowledgement' : 'reply',
          shopId: shop.id,
          ticketId: ticket.id,
          messageId: message.id,
          payload: {
            content: message.body,
            ...(message.attachments.length ? { attachments: message.attachments } : {}),
          },
          dedupeKey: `message:${message.id}`,
        });
        queued = true;
      }
    }
    await scope.db
      .update(messages)
      .set({ deliveryStatus: queued ? 'queued' : 'sent', deliveryError: null })
      .where(and(eq(messages.tenantId, scope.tenantId), eq(messages.id, message.id)));
  },
};
