import { douyinAdapter } from './douyin/adapter.js';
import { pinduoduoAdapter } from './pinduoduo/adapter.js';
import { taobaoAdapter } from './taobao/adapter.js';
import { tiktokAdapter } from './tiktok/adapter.js';

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
  | 'unknown';

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
  amountFen: number | null;
  rating: number | null;
  buyer: { name: string | null; externalId: string | null } | null;
  /** Text for the case thread (buyer words or a summary of the platform event). */
  text: string;
  /** When it happened on the platform; later events win when deliveries arrive out of order. */
  occurredAt: Date | null;
};

export type OutboundKind =
  | 'reply'
  | 'acknowledgement'
  | 'notice'
  | 'agree_refund'
  | 'refuse_refund'
  | 'return_instruction'
  | 'evidence';

/** One outbox row as the send adapter sees it. */
export type OutboundWork = {
  id: string;
  kind: OutboundKind | string;
  caseRef: string | null;
  orderRef: string | null;
  payload: Record<string, unknown>;
};

export type OutboundRequest = { url: string; headers: Record<string, string>; body: string };

export type ChannelAdapter = {
  platform: Platform;
  /** Verifies the signature (and timestamp, where signed) over the exact bytes, then splits the push. */
  acceptPush(request: PushRequest, shop: ShopAuth): PushVerdict;
  /** Answer for an accepted push, in the platform's shape. */
  ackBody(events: InboundEvent[], now: Date): unknown;
  /** Answer for a push we could not take (the status code says why). */
  failBody(reason: string): unknown;
  /** Turns one stored event into a TicketEvent; never throws for unknown types (kind 'unknown'). */
  normalise(event: InboundEvent, settings?: Record<string, unknown>): TicketEvent;
  /** The signed HTTP request that delivers one outbox row (baseUrl from shop settings or env). */
  buildSend(work: OutboundWork, shop: ShopAuth, baseUrl: string, now: Date): OutboundRequest;
};

export const CHANNELS: Record<Platform, ChannelAdapter> = {
  douyin: douyinAdapter,
  pinduoduo: pinduoduoAdapter,
  tiktok: tiktokAdapter,
  taobao: taobaoAdapter,
};
