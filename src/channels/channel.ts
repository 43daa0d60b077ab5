import type {
  Capability,
  DeliveryResult,
  OutboundWork,
  PlatformRequest,
  SendPlan,
  SendShop,
} from './outbound.js';

export const PLATFORMS = ['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const isPlatform = (v: string): v is Platform => (PLATFORMS as readonly string[]).includes(v);

/** What the adapters need of a shop: its credentials (secret unsealed) and settings. */
export type ShopAuth = {
  id: string;
  appKey: string;
  appSecret: string;
  externalShopId: string | null;
  settings: Record<string, unknown>;
};

export type PushRequest = {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  now: Date;
};

/** One platform event from a push (a Douyin push carries several). `payload` is JSON with long ids as strings. */
export type InboundEvent = { externalEventId: string; eventType: string; payload: unknown };

export type PushVerdict =
  | { ok: true; events: InboundEvent[] }
  | { ok: false; status: 400 | 401; reason: string };

/** Stages of an after-sale, in the order a case moves through them (rank). */
export const AFTER_SALE_STAGES = [
  'opened',
  'modified',
  'refused',
  'agreed',
  'buyer_returned',
  'arbitration',
  'refunded',
  'closed',
] as const;
export type AfterSaleStage = (typeof AFTER_SALE_STAGES)[number];
export const STAGE_RANK: Record<AfterSaleStage, number> = {
  opened: 1,
  modified: 1,
  refused: 2,
  agreed: 3,
  buyer_returned: 4,
  arbitration: 5,
  refunded: 6,
  closed: 6,
};

export type TicketEventKind =
  | 'after_sale'
  | 'return_shipped'
  | 'review'
  | 'chat_message'
  | 'platform_notice'
  /** Known order/trade events that make no case (kept, processed, no ticket). */
  | 'order_update'
  /** Known events we deliberately leave alone (the shop's own chat messages…): processed, no case. */
  | 'ignored'
  | 'unknown';

/**
 * What an event says beyond its case, for the disputes domain: the platform stepped into an
 * after-sale (intervention, arbitration) or penalised the shop. `ref` is the platform's id of it.
 */
export type PlatformSignal =
  | {
      type: 'intervention';
      ref: string;
      phase: 'opened' | 'evidence_requested' | 'decided' | 'cancelled';
      /** Who the platform decided for (phase 'decided'); null when the notice does not say. */
      winner?: 'buyer' | 'seller' | null;
      /** The evidence deadline when the notice names one. */
      evidenceDueAt?: Date | null;
    }
  | {
      type: 'penalty';
      ref: string;
      kind:
        | 'points'
        | 'deposit_deducted'
        | 'product_banned'
        | 'product_delisted'
        | 'business_restricted'
        | 'shop_closed'
        | 'other';
      points?: number | null;
      depositFen?: number | null;
      reason: string;
      /** The appeal deadline when the notice names one. */
      appealDueAt?: Date | null;
    };

/** The one shape every adapter normalises platform events into. */
export type TicketEvent = {
  kind: TicketEventKind;
  platform: Platform;
  /** The platform's own name for the event, e.g. doudian_refund_RefundCreated. */
  eventType: string;
  /** The case this event belongs to (after-sale id, review id, conversation id); null: not a case. */
  caseRef: string | null;
  orderRef: string | null;
  stage: AfterSaleStage | null;
  /** after-sale type in words (refund_only, return_refund, exchange, resend, repair, price_protection…). */
  afterSaleType: string | null;
  /** The buyer's reason in Chinese, when the platform gives one we can name (Douyin: a mapped code). */
  reason?: string;
  amountFen: number | null;
  rating: number | null;
  buyer: { name: string | null; externalId: string | null } | null;
  /** Text for the case thread (buyer words or a summary of the platform event). */
  text: string;
  /** When it happened on the platform; later events win when deliveries arrive out of order. */
  occurredAt: Date | null;
  /** An intervention or a penalty the event announces (left out when it announces none). */
  signal?: PlatformSignal;
  /** An order event that says the order reached the buyer (see delivery-events.ts); null time: not said. */
  delivery?: { orderRef: string; at: Date | null };
  /**
   * Taobao/Tmall: the refund's phase as the event names it (售中 onsale, 售后 aftersale), kept on the
   * case for every refund call about it (Tmall needs it on those calls); left out when not named.
   */
  refundPhase?: RefundPhase;
};

export type RefundPhase = 'onsale' | 'aftersale';
export const isRefundPhase = (v: unknown): v is RefundPhase => v === 'onsale' || v === 'aftersale';

export type { OutboundKind, OutboundWork } from './outbound.js';

/** The request one outbox row becomes (kept for the outbox sender; `planSend` says why when none). */
export type OutboundRequest = PlatformRequest;

/** A platform's name as merchants know it (the author of its system messages, labels in texts). */
export type PlatformLabel = { zh: string; en: string };

export type ChannelAdapter = {
  platform: Platform;
  label: PlatformLabel;
  /** The platform's production API gateway (settings.apiBaseUrls, then a shop's settings.apiBaseUrl, win). */
  apiBase: string;
  /** Verifies the signature (and timestamp, where signed) over the exact bytes, then splits the push. */
  acceptPush(request: PushRequest, shop: ShopAuth): PushVerdict;
  /** Answer for an accepted push, in the platform's shape. */
  ackBody(events: InboundEvent[], now: Date): unknown;
  /** Answer for a push we could not take (the status code says why). */
  failBody(reason: string): unknown;
  /** Turns one stored event into a TicketEvent; never throws for unknown types (kind 'unknown'). */
  normalise(event: InboundEvent, settings?: Record<string, unknown>): TicketEvent;
  /** Whether an outbox kind on a case goes through the platform's API or stays with a person. */
  capability(kind: string, caseRef: string | null): Capability;
  /** The signed request for one outbox row, or why there is none. Pure: never sends. */
  planSend(work: OutboundWork, shop: SendShop, baseUrl: string, now: Date): SendPlan;
  /** What a platform answer to a planned request means. */
  readResponse(status: number, body: string): DeliveryResult;
  /** planSend for the outbox sender: the request, or an Error whose message is the stored failure. */
  buildSend(work: OutboundWork, shop: SendShop, baseUrl: string, now: Date): OutboundRequest;
};
