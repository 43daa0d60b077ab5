import {
  accessTokenOf,
  type Capability,
  joinUrl,
  MESSAGE_KINDS,
  type OutboundWork,
  overriddenCall,
  type PlatformRequest,
  refOf,
  refuse,
  type SendPlan,
  type SendShop,
  str,
  unixSeconds,
} from '../outbound.js';
import { signTiktokApi } from './signature.js';

/** EcomPHP/tiktokshop-php `Client::httpClient` base_uri. */
export const TIKTOK_API_BASE = 'https://open-api.tiktokglobalshop.com';

const RETURNS = '/return_refund/202309/returns';
const CANCELLATIONS = '/return_refund/202309/cancellations';
const CONVERSATIONS = '/customer_service/202309/conversations';

/** What each kind becomes on TikTok Shop (API 202309). */
export function tiktokCapability(kind: string, caseRef: string | null): Capability {
  if (MESSAGE_KINDS.has(kind)) {
    // Chat lives in conversations; an after-sale case has no conversation id to write to.
    return refOf(caseRef, 'chat')
      ? { mode: 'api', call: `${CONVERSATIONS}/{conversation_id}/messages` }
      : { mode: 'manual', why: 'no_target' };
  }
  switch (kind) {
    case 'agree_refund':
    case 'return_instruction':
      return refOf(caseRef, 'aftersale')
        ? { mode: 'api', call: `${RETURNS}/{return_id}/approve` }
        : { mode: 'manual', why: 'no_target' };
    case 'refuse_refund':
      return refOf(caseRef, 'aftersale')
        ? { mode: 'api', call: `${RETURNS}/{return_id}/reject` }
        : { mode: 'manual', why: 'no_target' };
    case 'approve_cancellation':
      return refOf(caseRef, 'cancel')
        ? { mode: 'api', call: `${CANCELLATIONS}/{cancel_id}/approve` }
        : { mode: 'manual', why: 'no_target' };
    case 'reject_cancellation':
      return refOf(caseRef, 'cancel')
        ? { mode: 'api', call: `${CANCELLATIONS}/{cancel_id}/reject` }
        : { mode: 'manual', why: 'no_target' };
    default:
      // No review reply API; a replacement ships as its own order (fulfilment), not through returns.
      return { mode: 'manual', why: 'no_api' };
  }
}

/**
 * The return decision (the `decision` field the 202309 approve/reject bodies require), from what the
 * merchant chose and what kind of request it answers (SDK type docs quoted in public SDKs:
 * APPROVE_REFUND / APPROVE_RETURN / APPROVE_RECEIVED_PACKAGE / APPROVE_REPLACEMENT and the REJECT_ forms).
 */
export function tiktokDecision(kind: string, payload: Record<string, unknown>): string {
  if (kind === 'agree_refund') return payload.after_return ? 'APPROVE_RECEIVED_PACKAGE' : 'APPROVE_REFUND';
  if (kind === 'return_instruction')
    return payload.purpose === 'exchange' ? 'APPROVE_REPLACEMENT' : 'APPROVE_RETURN';
  switch (payload.refuse_stage) {
    case 'return':
      return 'REJECT_RETURN';
    case 'received':
      return 'REJECT_RECEIVED_PACKAGE';
    case 'exchange':
      return 'REJECT_REPLACEMENT';
    default:
      return 'REJECT_REFUND';
  }
}

export function planTiktokSend(work: OutboundWork, shop: SendShop, baseUrl: string, now: Date): SendPlan {
  const cap = tiktokCapability(work.kind, work.caseRef);
  if (cap.mode === 'manual') return refuse('manual_only', `tiktok has no API for ${work.kind} on this case`);
  const p = work.payload;
  // The outbox row id is stable across retries: the platform sees a retry as the same request.
  const idempotency = { idempotency_key: work.id };
  switch (work.kind) {
    case 'agree_refund':
    case 'return_instruction': {
      // tiktokshop-php ReturnRefund::approveReturn: POST returns/{id}/approve?idempotency_key, JSON body
      const path = `${RETURNS}/${refOf(work.caseRef, 'aftersale')}/approve`;
      return tiktokRequest(shop, baseUrl, now, 'POST', overriddenPath(shop, work.kind, path), idempotency, {
        decision: tiktokDecision(work.kind, p),
      });
    }
    case 'refuse_refund': {
      const reasonCode = str(p.reason_code);
      if (!reasonCode) {
        return refuse(
          'invalid_request',
          'tiktok needs the reject reason code (/return_refund/202309/reject_reasons)',
        );
      }
      // ReturnRefund::rejectReturn: { decision, reject_reason, comment?, images? } (images need an
      // upload first: not sent, the proof stays for the back office)
      const path = `${RETURNS}/${refOf(work.caseRef, 'aftersale')}/reject`;
      return tiktokRequest(shop, baseUrl, now, 'POST', overriddenPath(shop, work.kind, path), idempotency, {
        decision: tiktokDecision(work.kind, p),
        reject_reason: reasonCode,
        ...(str(p.reason) ? { comment: str(p.reason) } : {}),
      });
    }
    case 'approve_cancellation': {
      // ReturnRefund::approveCancellation: query idempotency_key only, no body.
      const path = `${CANCELLATIONS}/${refOf(work.caseRef, 'cancel')}/approve`;
      return tiktokRequest(
        shop,
        baseUrl,
        now,
        'POST',
        overriddenPath(shop, work.kind, path),
        idempotency,
        null,
      );
    }
    case 'reject_cancellation': {
      const reasonCode = str(p.reason_code);
      if (!reasonCode) return refuse('invalid_request', 'tiktok needs the reject reason code');
      const path = `${CANCELLATIONS}/${refOf(work.caseRef, 'cancel')}/reject`;
      return tiktokRequest(shop, baseUrl, now, 'POST', overriddenPath(shop, work.kind, path), idempotency, {
        reject_reason: reasonCode,
        ...(str(p.reason) ? { comment: str(p.reason) } : {}),
      });
    }
    default: {
      const content = str(p.content);
      if (!content) return refuse('invalid_request', 'the reply is empty');
      // CustomerService::sendMessage: { type, content } with content a JSON string ({"content": text}
      // for TEXT). No query of its own beyond the common ones.
      const path = `${CONVERSATIONS}/${refOf(work.caseRef, 'chat')}/messages`;
      return tiktokRequest(
        shop,
        baseUrl,
        now,
        'POST',
        overriddenPath(shop, work.kind, path),
        {},
        {
          type: 'TEXT',
          content: JSON.stringify({ content }),
        },
      );
    }
  }
}

/** outboundMethods overrides name a path template with {id} for the case's id. */
function overriddenPath(shop: SendShop, kind: string, path: string): string {
  const override = overriddenCall(shop, kind, '');
  if (!override) return path;
  const id = path.split('/').at(-2) ?? '';
  return override.replace(/\{[a-z_]*id\}/, id);
}

/** Paths that refuse shop_cipher (tiktokshop-php `modifyRequestBeforeSend`). */
const SHOPLESS = /^\/(authorization|seller)\/\d{6}\//;

/**
 * EcomPHP/tiktokshop-php `Client::modifyRequestBeforeSend` + `prepareSignature`: query app_key,
 * timestamp (s), shop_cipher (not on /authorization or /seller paths), the call's own query, sign;
 * header x-tts-access-token; content-type application/json; the body is signed for every method but
 * GET. shop_cipher is the shop's cipher from Get Authorized Shops, not its id (settings.shopCipher).
 */
export function tiktokRequest(
  shop: SendShop,
  baseUrl: string,
  now: Date,
  method: 'GET' | 'POST',
  path: string,
  callQuery: Record<string, string>,
  body: Record<string, unknown> | null,
): SendPlan {
  const token = accessTokenOf(shop);
  if (!token) return refuse('auth_invalid', 'the shop has no access token');
  const cipher = str(shop.settings.shopCipher);
  const shopless = SHOPLESS.test(path);
  if (!cipher && !shopless) {
    return refuse(
      'missing_setup',
      'tiktok needs the shop cipher (shop setting shopCipher, from Get Authorized Shops)',
    );
  }
  const query: Record<string, string> = {
    ...callQuery,
    app_key: shop.appKey,
    timestamp: unixSeconds(now),
    ...(cipher && !shopless ? { shop_cipher: cipher } : {}),
  };
  const text = method === 'GET' || body === null ? '' : JSON.stringify(body);
  const sign = signTiktokApi({ appSecret: shop.appSecret, path, query, body: text });
  const request: PlatformRequest = {
    method,
    url: `${joinUrl(baseUrl, path)}?${new URLSearchParams({ ...query, sign })}`,
    headers: { 'content-type': 'application/json', 'x-tts-access-token': token },
    body: text,
  };
  return { ok: true, request };
}
