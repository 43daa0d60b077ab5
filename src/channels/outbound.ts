import { type DeliveryCategory, formatDeliveryError } from './delivery-error.js';

/**
 * What the merchant meant, as an outbox kind. The names of the first seven are stored in outbox rows
 * and shop settings (`outboundMethods`), so they stay as they are.
 * - reply / acknowledgement / notice: words to the buyer
 * - agree_refund, return_instruction (agree to the return), refuse_refund (refuse with reason and proof)
 * - exchange_shipped: the replacement's carrier and tracking number
 * - review_reply: a public answer to a review
 * - approve_cancellation / reject_cancellation: a buyer's cancellation before shipment
 * - evidence: legacy kind (no platform takes it on its own); always manual
 */
export const OUTBOUND_KINDS = [
  'reply',
  'acknowledgement',
  'notice',
  'agree_refund',
  'refuse_refund',
  'return_instruction',
  'evidence',
  'exchange_shipped',
  'review_reply',
  'approve_cancellation',
  'reject_cancellation',
] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];
export const isOutboundKind = (v: string): v is OutboundKind =>
  (OUTBOUND_KINDS as readonly string[]).includes(v);

/** Kinds that put words in front of the buyer (the same call on every platform). */
export const MESSAGE_KINDS: ReadonlySet<string> = new Set(['reply', 'acknowledgement', 'notice']);

/** One outbox row as the send adapter sees it. */
export type OutboundWork = {
  id: string;
  kind: OutboundKind | string;
  /** aftersale:<id> | chat:<id> | review:<id> | cancel:<id> | service:<id> | notice:<id> */
  caseRef: string | null;
  orderRef: string | null;
  /**
   * What the platform needs, snake_case. By kind:
   * reply: content; agree_refund: amount_fen, after_return, note, refund_version, refund_phase, sms_code;
   * return_instruction: purpose ('exchange' | 'return_and_refund'), note, address_id, refund_version,
   * refund_phase; refuse_refund: reason, reason_code, proof_urls[], refuse_stage ('refund' | 'return' |
   * 'received' | 'exchange'), refund_version, refund_phase; exchange_shipped: carrier_code, carrier_name,
   * tracking_no; review_reply: content, oid; reject_cancellation: reason, reason_code.
   */
  payload: Record<string, unknown>;
};

/** A request as the platform expects it; the outbox sender (through the outbound policy) sends it. */
export type PlatformRequest = {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
};

/** The request for one outbox row, or why there is none (then nothing is sent). */
export type SendPlan =
  | { ok: true; request: PlatformRequest }
  | { ok: false; category: DeliveryCategory; message: string };

/** Why an action stays with a person. */
export type ManualWhy =
  /** The platform has no open API for it (the merchant does it in the platform's back office). */
  | 'no_api'
  /** The case has nothing the API could address (an after-sale without a chat conversation…). */
  | 'no_target'
  /** The action does not exist on this platform (a cancellation on a platform without them). */
  | 'not_applicable';

export type Capability = { mode: 'api'; call: string } | { mode: 'manual'; why: ManualWhy };

/** The shop facts a request builder reads (credentials, unsealed token, settings). */
export type SendShop = {
  appKey: string;
  appSecret: string;
  externalShopId: string | null;
  settings: Record<string, unknown>;
};

/** The outcome of one platform answer. */
export type DeliveryResult =
  | { ok: true }
  | { ok: false; category: DeliveryCategory; code: string; message: string };

// Helpers the builders share -----------------------------------------------------------------

export const refOf = (caseRef: string | null, prefix: string): string | null =>
  caseRef?.startsWith(`${prefix}:`) ? caseRef.slice(prefix.length + 1) : null;

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

export const accessTokenOf = (shop: SendShop): string | undefined => str(shop.settings.accessToken);

/** A request builder's refusal: a missing fact or setting, said in plain words (no call is made). */
export const refuse = (category: DeliveryCategory, message: string): SendPlan => ({
  ok: false,
  category,
  message,
});

export const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

const pad = (n: number) => String(n).padStart(2, '0');

/** "yyyy-MM-dd HH:mm:ss" in Beijing time (TOP and Douyin timestamps). */
export function beijingTimestamp(now: Date): string {
  const b = new Date(now.getTime() + 8 * 3600_000);
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}

export const unixSeconds = (now: Date) => String(Math.floor(now.getTime() / 1000));

/** A per-shop override of an UNCERTAIN default (settings.outboundMethods = { kind: name }). */
export function overriddenCall(shop: SendShop, kind: string, fallback: string): string {
  const overrides = shop.settings.outboundMethods;
  if (overrides && typeof overrides === 'object' && !Array.isArray(overrides)) {
    const v = (overrides as Record<string, unknown>)[kind];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return fallback;
}

/** The proof images a refusal carries as URLs (http/https only, at most `max`). */
export function proofUrls(payload: Record<string, unknown>, max: number): string[] {
  const v = payload.proof_urls;
  if (!Array.isArray(v)) return [];
  return v.filter((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u)).slice(0, max);
}

/** buildSend from planSend: a refusal becomes an Error whose message is the stored failure. */
export const buildFromPlan =
  (plan: (work: OutboundWork, shop: SendShop, baseUrl: string, now: Date) => SendPlan) =>
  (work: OutboundWork, shop: SendShop, baseUrl: string, now: Date): PlatformRequest => {
    const p = plan(work, shop, baseUrl, now);
    if (!p.ok) throw new Error(formatDeliveryError(p.category, p.message));
    return p.request;
  };
