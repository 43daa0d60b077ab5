import { isPlatform } from '../channels/channel.js';
import { formatDeliveryError } from '../channels/delivery-error.js';
import { CHANNELS } from '../channels/registry.js';
import type { outbox } from '../db/schema/ingest.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { newId } from '../shared/ids.js';
import { findShops, type ShopRow } from '../shops/shop-repo.js';
import { shopEndpoint } from '../shops/shop-settings.js';
import type { CaseStep } from '../tickets/case-pipeline.js';
import { setDeliveryStatuses } from '../tickets/ticket-repo.js';
import { findChannelCasesOfTickets } from './channel-case-repo.js';
import { findOutboxByDedupeKeys, insertOutboxRows, notifyOutboxListeners } from './ingest-repo.js';
import { wake } from './signals.js';

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
  const cases = await findChannelCasesOfTickets(scope, [...new Set(lookup.map((i) => i.ticketId!))]);
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
      endpoint: shopEndpoint(shop.settings),
    };
  });
  const inserted = new Map((await insertOutboxRows(scope, rows)).map((r) => [r.id, r]));
  // A repeated dedupe key inserts nothing: the first row with that key is the answer.
  const repeated = rows.filter((r) => !inserted.has(r.id) && r.dedupeKey).map((r) => r.dedupeKey!);
  const earlier = new Map((await findOutboxByDedupeKeys(scope, repeated)).map((r) => [r.dedupeKey, r]));
  const out = rows.map((r) => {
    const row = inserted.get(r.id) ?? (r.dedupeKey ? earlier.get(r.dedupeKey) : undefined);
    if (!row) throw new Error('outbox insert returned no row');
    return row;
  });
  if (inserted.size) await notifyOutbox(scope);
  return out;
}

const shopsById = async (scope: TenantScope, ids: string[]) =>
  new Map((await findShops(scope, ids)).map((s) => [s.id, s] as const));

async function notifyOutbox(scope: TenantScope) {
  // On PostgreSQL the notification is delivered at commit; in-process workers get a nudge too.
  try {
    await notifyOutboxListeners(scope);
  } catch {
    // PGlite without listeners: harmless either way.
  }
  wake('outbox', 20);
}

/** Ticket channels whose outbound messages go back to the platform. */
const SENDABLE_CHANNELS = new Set(['after_sales', 'platform_message', 'live_chat', 'review']);

/**
 * The outbox step: every outbound message of a case from a platform shop becomes an outbox row and
 * shows as 'queued' — unless the platform has no API for it on that case (a Pinduoduo after-sale, a
 * Douyin after-sale without a service request…): then it shows as 'manual' with the reason, for a
 * person to paste in the platform's back office. Messages on other cases (manual shop, no shop,
 * hotline…) are recorded as 'sent'.
 */
export const outboxStep: CaseStep = {
  name: 'outbox',
  async afterMessage({ scope }, written) {
    const outbound = written.filter((w) => w.message.direction === 'outbound');
    if (!outbound.length) return undefined;
    const candidates = outbound.filter(
      (w) => w.ticket.shopId && SENDABLE_CHANNELS.has(w.ticket.channel) && !w.message.externalId,
    );
    const shopIds = [...new Set(candidates.map((w) => w.ticket.shopId!))];
    const platformShops = new Map(
      [...(shopIds.length ? await shopsById(scope, shopIds) : new Map<string, ShopRow>())].filter(([, s]) =>
        isPlatform(s.platform),
      ),
    );
    const onPlatform = candidates.filter((w) => platformShops.has(w.ticket.shopId!));
    const ticketIds = [...new Set(onPlatform.map((w) => w.ticket.id))];
    const cases = await findChannelCasesOfTickets(scope, ticketIds);
    const kindOf = (automatic: boolean) => (automatic ? 'acknowledgement' : 'reply');
    const manual = new Map<string, string>();
    const caseRefs = new Map<string, string | null>();
    const queued = onPlatform.filter(({ ticket, message, automatic }) => {
      const shop = platformShops.get(ticket.shopId!)!;
      if (!isPlatform(shop.platform)) return false;
      // A case opened in this batch has no case row linked yet (the inbox links it after the
      // pipeline ran): its own external reference is the platform's case, so the automatic
      // acknowledgement of a new refund goes through the refund's API instead of showing as manual.
      const caseRef =
        cases.find((c) => c.ticketId === ticket.id && c.shopId === shop.id)?.externalRef ??
        ticket.externalRef ??
        null;
      caseRefs.set(message.id, caseRef);
      const cap = CHANNELS[shop.platform].capability(kindOf(automatic), caseRef);
      if (cap.mode === 'api') return true;
      manual.set(message.id, formatDeliveryError('manual_only', `${shop.platform}: ${cap.why}`));
      return false;
    });
    await enqueueOutboxMany(
      scope,
      queued.map(({ ticket, message, automatic }) => ({
        kind: kindOf(automatic),
        shopId: ticket.shopId!,
        ticketId: ticket.id,
        messageId: message.id,
        caseRef: caseRefs.get(message.id) ?? null,
        payload: {
          content: message.body,
          ...(message.attachments.length ? { attachments: message.attachments } : {}),
        },
        dedupeKey: `message:${message.id}`,
      })),
      platformShops,
    );
    const queuedIds = new Set(queued.map((w) => w.message.id));
    // One statement for every outbound message of the run; the rows it changed are known here.
    const marks = outbound.map(({ message }) => ({
      message,
      deliveryStatus: queuedIds.has(message.id)
        ? ('queued' as const)
        : manual.has(message.id)
          ? ('manual' as const)
          : ('sent' as const),
      deliveryError: manual.get(message.id) ?? null,
    }));
    await setDeliveryStatuses(
      scope,
      marks.map(({ message, deliveryStatus, deliveryError }) => ({
        id: message.id,
        deliveryStatus,
        deliveryError,
      })),
    );
    const marked = marks.map(({ message, deliveryStatus, deliveryError }) => ({
      ...message,
      deliveryStatus,
      deliveryError,
    }));
    return { messages: marked };
  },
};
