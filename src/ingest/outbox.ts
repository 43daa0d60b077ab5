import { and, eq, inArray, sql } from 'drizzle-orm';
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
  return (await enqueueOutboxMany(scope, [input]))[0]!;
}

/** Several outbox rows in one statement (a batch of acknowledgements); rows come back in input order. */
export async function enqueueOutboxMany(
  scope: TenantScope,
  inputs: OutboxInput[],
  /** The inputs' shops when the caller has read them already. */
  known?: Map<string, ShopRow>,
): Promise<OutboxRow[]> {
  if (!inputs.length) return [];
  const shopIds = [...new Set(inputs.map((i) => i.shopId))];
  const shopRows = known ?? (await shopsById(scope, shopIds));
  for (const id of shopIds) {
    const shop = shopRows.get(id);
    if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${id} not found`);
    if (!isPlatform(shop.platform)) {
      throw new AppError('VALIDATION_FAILED', `shop ${id} (${shop.platform}) has no platform to send to`);
    }
  }
  const lookup = inputs.filter((i) => i.ticketId && (i.caseRef == null || i.orderRef == null));
  const cases = lookup.length
    ? await scope.select(channelCases, [
        inArray(channelCases.ticketId, [...new Set(lookup.map((i) => i.ticketId!))]),
      ])
    : [];
  const rows = inputs.map((input) => {
    const shop = shopRows.get(input.shopId)!;
    const c = input.ticketId
      ? cases.find((k) => k.shopId === shop.id && k.ticketId === input.ticketId)
      : undefined;
    return {
      tenantId: scope.tenantId,
      id: newId(),
      kind: input.kind,
      shopId: shop.id,
      platform: shop.platform,
      ticketId: input.ticketId ?? null,
      messageId: input.messageId ?? null,
      caseRef: input.caseRef ?? c?.externalRef ?? null,
      orderRef: input.orderRef ?? c?.orderRef ?? null,
      payload: input.payload,
      dedupeKey: input.dedupeKey ?? null,
    };
  });
  const inserted = new Map(
    (await scope.db.insert(outbox).values(rows).onConflictDoNothing().returning()).map((r) => [r.id, r]),
  );
  // A repeated dedupe key inserts nothing: the first row with that key is the answer.
  const repeated = rows.filter((r) => !inserted.has(r.id) && r.dedupeKey).map((r) => r.dedupeKey!);
  const earlier = new Map(
    (repeated.length ? await scope.select(outbox, [inArray(outbox.dedupeKey, repeated)]) : []).map((r) => [
      r.dedupeKey,
      r,
    ]),
  );
  const out = rows.map((r) => {
    const row = inserted.get(r.id) ?? (r.dedupeKey ? earlier.get(r.dedupeKey) : undefined);
    if (!row) throw new Error('outbox insert returned no row');
    return row;
  });
  if (inserted.size) await notifyOutbox(scope);
  return out;
}

type ShopRow = typeof shops.$inferSelect;

const shopsById = async (scope: TenantScope, ids: string[]) =>
  new Map((await scope.select(shops, [inArray(shops.id, ids)])).map((s) => [s.id, s] as const));

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
  async afterMessage(scope, written) {
    const outbound = written.filter((w) => w.message.direction === 'outbound');
    if (!outbound.length) return;
    const candidates = outbound.filter(
      (w) => w.ticket.shopId && SENDABLE_CHANNELS.has(w.ticket.channel) && !w.message.externalId,
    );
    const shopIds = [...new Set(candidates.map((w) => w.ticket.shopId!))];
    const platformShops = new Map(
      [...(shopIds.length ? await shopsById(scope, shopIds) : new Map<string, ShopRow>())].filter(([, s]) =>
        isPlatform(s.platform),
      ),
    );
    const queued = candidates.filter((w) => platformShops.has(w.ticket.shopId!));
    await enqueueOutboxMany(
      scope,
      queued.map(({ ticket, message, automatic }) => ({
        kind: automatic ? 'acknowledgement' : 'reply',
        shopId: ticket.shopId!,
        ticketId: ticket.id,
        messageId: message.id,
        payload: {
          content: message.body,
          ...(message.attachments.length ? { attachments: message.attachments } : {}),
        },
        dedupeKey: `message:${message.id}`,
      })),
      platformShops,
    );
    const queuedIds = new Set(queued.map((w) => w.message.id));
    for (const [status, ids] of [
      ['queued', outbound.filter((w) => queuedIds.has(w.message.id)).map((w) => w.message.id)],
      ['sent', outbound.filter((w) => !queuedIds.has(w.message.id)).map((w) => w.message.id)],
    ] as const) {
      if (!ids.length) continue;
      await scope.db
        .update(messages)
        .set({ deliveryStatus: status, deliveryError: null })
        .where(and(eq(messages.tenantId, scope.tenantId), inArray(messages.id, [...ids])));
    }
  },
};
