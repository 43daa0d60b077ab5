import { systemActor } from '../auth/roles.js';
import { type Delivery, recordDeliveries } from '../care/delivery-repo.js';
import { isPlatform, type Platform, STAGE_RANK, type TicketEvent } from '../channels/channel.js';
import { AFTER_SALE_TYPE_TEXT } from '../channels/common.js';
import { CHANNELS } from '../channels/registry.js';
import type { Db } from '../db/client.js';
import type { shops } from '../db/schema/accounts.js';
import type { inboxEvents } from '../db/schema/ingest.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import type { CreateTicketInput, NewMessage } from '../tickets/case-types.js';
import { findOrderByExternalId } from '../tickets/catalog-repo.js';
import { allowedNextStatuses } from '../tickets/ticket.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { TicketChannel, TicketKind, TicketStatus } from '../tickets/ticket-types.js';
import { maskPii } from '../triage/pii.js';
import { findBuyer, findOrderProducts, lockChannelCases, updateChannelCase } from './channel-case-repo.js';

export type InboxRow = typeof inboxEvents.$inferSelect;

/** An event that announced an intervention or a penalty, with the case it went to. */
export type SignalledEvent = {
  event: TicketEvent;
  ticketId: string;
  shopId: string;
  externalEventId: string;
};
/**
 * Hears events with a signal (see PlatformSignal) in the transaction that wrote their case: the
 * disputes domain opens disputes and records penalties from them, exactly once with the event.
 */
export type SignalListener = (scope: TenantScope, list: SignalledEvent[]) => Promise<void>;
type ShopRow = typeof shops.$inferSelect;

export type Outcome = {
  status: 'processed' | 'unhandled';
  outcome: 'created' | 'appended' | 'stale' | 'skipped' | 'order_update' | 'unhandled';
  kind: string;
  ticketId: string | null;
  /** An order update that says the order reached the buyer: the caller records it on the order. */
  delivery?: Delivery;
};

/** The platform's name as the author of its system messages (the adapter owns it). */
export const platformLabel = (p: Platform) => CHANNELS[p].label.zh;

/** Where a case should stand after an after-sale stage (null: no move). */
export const STAGE_STATUS: Record<string, TicketStatus | null> = {
  opened: null,
  modified: null,
  refused: 'awaiting_customer',
  agreed: 'resolving',
  buyer_returned: 'resolving',
  arbitration: 'investigating',
  // The platform finished the after-sale; the agent records the root cause and closes.
  refunded: 'follow_up',
  closed: 'follow_up',
};

/**
 * A new case's kind, channel and subject. An after-sale is titled by its product (the order's lines,
 * when we have the order) and what the buyer asks for, with the after-sale number last for search.
 */
export function ticketShape(
  e: TicketEvent,
  product?: string | null,
): { kind: TicketKind; channel: TicketChannel; subject: string } {
  const label = platformLabel(e.platform);
  const ref = e.caseRef?.split(':').slice(1).join(':') ?? '';
  const typeText = e.afterSaleType ? (AFTER_SALE_TYPE_TEXT[e.afterSaleType] ?? e.afterSaleType) : null;
  // The buyer's reason beside what they ask for, when the platform names one (Douyin: a mapped code).
  const reason = e.reason ? maskPii(e.reason).slice(0, 30) : null;
  const afterSale = (what: string | null) =>
    product
      ? `【${label}】${maskPii(product).slice(0, 80)}：${what ?? '售后'}${reason ? `（${reason}）` : ''} · 售后单 ${ref}`
      : `【${label}】售后单 ${ref}${what || reason ? `（${[what, reason].filter(Boolean).join('：')}）` : ''}`;
  // Masked before it is cut: a phone number cut in half would no longer be recognised.
  const snippet = maskPii(e.text).replace(/\s+/g, ' ').slice(0, 40);
  switch (e.kind) {
    case 'after_sale':
    case 'return_shipped':
      return {
        kind: e.stage === 'arbitration' ? 'platform_dispute' : 'return_request',
        channel: 'after_sales',
        subject: afterSale(typeText),
      };
    case 'review':
      return {
        kind: 'negative_review',
        channel: 'review',
        subject: `【${label}】${e.rating !== null ? `${e.rating}星评价` : '评价'}：${snippet}`,
      };
    case 'chat_message':
      return e.caseRef?.startsWith('aftersale:')
        ? { kind: 'return_request', channel: 'after_sales', subject: afterSale(null) }
        : { kind: 'inquiry', channel: 'platform_message', subject: `【${label}】买家咨询：${snippet}` };
    default:
      return {
        kind: 'platform_notice',
        channel: 'platform_notice',
        subject: `【${label}】平台通知：${snippet}`,
      };
  }
}

/** The event of an inbox row, or its outcome already when it makes no case change. */
export function readEvent(row: InboxRow, shop: ShopRow): TicketEvent | Outcome {
  if (!isPlatform(row.platform)) throw new Error(`no adapter for platform ${row.platform}`);
  const event = CHANNELS[row.platform].normalise(
    { externalEventId: row.externalEventId, eventType: row.eventType, payload: row.payload },
    shop.settings,
  );
  if (event.kind === 'unknown')
    return { status: 'unhandled', outcome: 'unhandled', kind: 'unknown', ticketId: null };
  if (event.kind === 'order_update') {
    const delivery = event.delivery
      ? { shopId: shop.id, orderRef: event.delivery.orderRef, at: event.delivery.at ?? row.receivedAt }
      : undefined;
    return {
      status: 'processed',
      outcome: 'order_update',
      kind: event.kind,
      ticketId: null,
      ...(delivery ? { delivery } : {}),
    };
  }
  if (event.kind === 'ignored')
    return { status: 'processed', outcome: 'skipped', kind: event.kind, ticketId: null };
  if (
    event.kind === 'review' &&
    event.rating !== null &&
    event.rating >= 4 &&
    shop.settings.ingestPositiveReviews !== true
  ) {
    return { status: 'processed', outcome: 'skipped', kind: event.kind, ticketId: null };
  }
  return event;
}

/**
 * The refund phase the case keeps after an event: the latest event's that names one, and a late
 * event's only while the case has none (an order's refund moves from 售中 to 售后, not back).
 */
export function refundPhaseAfter(kept: string | null, event: TicketEvent, forward: boolean): string | null {
  if (!event.refundPhase) return kept;
  return forward || !kept ? event.refundPhase : kept;
}

/** Whether an event moves its case on (later than what the case saw), its stage rank and the status it asks for. */
export function eventPlace(
  event: TicketEvent,
  kase: { stageRank: number; lastEventAt: Date | null },
): { forward: boolean; rank: number; target: TicketStatus | null } {
  const rank = event.stage ? STAGE_RANK[event.stage] : kase.stageRank;
  const forward =
    event.occurredAt && kase.lastEventAt
      ? event.occurredAt.getTime() >= kase.lastEventAt.getTime()
      : rank >= kase.stageRank;
  return { forward, rank, target: forward && event.stage ? (STAGE_STATUS[event.stage] ?? null) : null };
}

/** The message an event adds to an existing case: buyer words as inbound, platform changes as a note. */
export function appendedMessage(event: TicketEvent, externalEventId: string, forward: boolean): NewMessage {
  const buyerWords = event.kind === 'chat_message' || event.kind === 'review';
  return {
    direction: buyerWords ? 'inbound' : 'note',
    body: forward || buyerWords ? event.text : `${event.text}（较早的平台事件，迟到送达，未改变状态）`,
    authorName: buyerWords ? (event.buyer?.name ?? undefined) : platformLabel(event.platform),
    externalId: externalEventId,
  };
}

/** The new case an event opens: its shape, first message, shop, order and buyer. */
export function newCaseInput(
  event: TicketEvent,
  shopId: string,
  caseRef: string,
  found: { orderId: string | undefined; customerId: string | undefined; product?: string | undefined },
): CreateTicketInput {
  return {
    ...ticketShape(event, found.product),
    body: event.text,
    shopId,
    externalRef: caseRef,
    ...(found.orderId ? { orderId: found.orderId } : {}),
    ...(found.customerId
      ? { customerId: found.customerId }
      : event.buyer?.name || event.buyer?.externalId
        ? {
            customer: {
              name: event.buyer.name ?? event.buyer.externalId ?? 'buyer',
              ...(event.buyer.externalId ? { externalId: event.buyer.externalId } : {}),
            },
          }
        : {}),
  };
}

/**
 * Turns one inbox row into a case change. Runs inside the worker's transaction (`db` is that
 * transaction), so the ticket write and the inbox mark commit together: exactly once.
 */
export async function processInboxEvent(
  db: Db,
  tickets: TicketService,
  row: InboxRow,
  shop: ShopRow,
  onSignals?: SignalListener,
): Promise<Outcome> {
  const event = readEvent(row, shop);
  if ('outcome' in event) {
    if (event.delivery) await recordDeliveries(scopeTo(db, row.tenantId), [event.delivery]);
    return event;
  }

  const scope = scopeTo(db, row.tenantId);
  const actor = systemActor(row.tenantId, platformLabel(event.platform));
  const caseRef = event.caseRef ?? `event:${row.externalEventId}`;

  // The case row is the lock: a second worker with an event of the same after-sale waits here
  // (INSERT … ON CONFLICT DO UPDATE locks the existing row, one round trip).
  const [kase] = await lockChannelCases(scope, [
    { shopId: shop.id, externalRef: caseRef, orderRef: event.orderRef },
  ]);
  if (!kase) throw new Error('case row vanished');

  const { forward, rank, target } = eventPlace(event, kase);

  let ticketId = kase.ticketId;
  let outcome: Outcome['outcome'];
  if (!ticketId) {
    const order = event.orderRef ? await findOrderByExternalId(scope, shop.id, event.orderRef) : undefined;
    let customerId: string | undefined;
    if (event.buyer?.externalId) {
      customerId = (await findBuyer(scope, shop.id, event.buyer.externalId))?.id;
    }
    const product = order ? (await findOrderProducts(scope, [order.id])).get(order.id) : undefined;
    const ticket = await tickets.create(
      actor,
      newCaseInput(event, shop.id, caseRef, { orderId: order?.id, customerId, product }),
    );
    ticketId = ticket.id;
    outcome = 'created';
    if (target) await moveTowards(tickets, actor, ticketId, ticket.status, target);
  } else {
    const { ticket } = await tickets.addMessage(
      actor,
      ticketId,
      appendedMessage(event, row.externalEventId, forward),
    );
    outcome = forward ? 'appended' : 'stale';
    if (target) await moveTowards(tickets, actor, ticketId, ticket.status, target);
  }

  await updateChannelCase(
    scope,
    { shopId: shop.id, externalRef: caseRef },
    {
      ticketId,
      orderRef: kase.orderRef ?? event.orderRef,
      ...(forward ? { stageRank: Math.max(rank, 0) } : {}),
      ...(forward && event.occurredAt ? { lastEventAt: event.occurredAt } : {}),
      refundPhase: refundPhaseAfter(kase.refundPhase, event, forward),
      updatedAt: new Date(),
    },
  );

  if (event.signal && onSignals) {
    await onSignals(scope, [{ event, ticketId, shopId: shop.id, externalEventId: row.externalEventId }]);
  }
  return { status: 'processed', outcome, kind: event.kind, ticketId };
}

/** The status steps that take a case to `target` (via resolving for follow-up); none when it may not move. */
export function stepsTowards(current: TicketStatus, target: TicketStatus): TicketStatus[] {
  if (current === target || current === 'closed') return [];
  if (allowedNextStatuses(current).includes(target)) return [target];
  if (target === 'follow_up' && allowedNextStatuses(current).includes('resolving')) {
    return ['resolving', 'follow_up'];
  }
  return [];
}

/** Moves a case to `target` if the state machine allows it; never backwards. */
async function moveTowards(
  tickets: TicketService,
  actor: ReturnType<typeof systemActor>,
  ticketId: string,
  current: TicketStatus,
  target: TicketStatus,
) {
  for (const status of stepsTowards(current, target)) {
    await tickets.changeStatus(actor, ticketId, { status });
  }
}
