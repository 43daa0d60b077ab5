import { isRefundPhase, type RefundPhase } from '../channel.js';
import {
  accessTokenOf,
  beijingTimestamp,
  type Capability,
  joinUrl,
  MESSAGE_KINDS,
  type OutboundWork,
  overriddenCall,
  refOf,
  refuse,
  type SendPlan,
  type SendShop,
  str,
} from '../outbound.js';
import { signTop } from './signature.js';

/** bububa/opentaobao core/const.go PRODUCT_GATEWAY is this host plus /router/rest. */
export const TAOBAO_API_BASE = 'https://eco.taobao.com';

/** What each kind becomes on Taobao/Tmall (TOP). */
export function taobaoCapability(kind: string, caseRef: string | null): Capability {
  const refund = refOf(caseRef, 'aftersale') !== null;
  if (MESSAGE_KINDS.has(kind)) {
    // Words to the buyer on a refund go in as a refund message; plain chats (旺旺) have no open API.
    return refund ? { mode: 'api', call: 'taobao.refund.message.add' } : { mode: 'manual', why: 'no_target' };
  }
  switch (kind) {
    case 'agree_refund':
      return refund ? { mode: 'api', call: 'taobao.rp.refunds.agree' } : { mode: 'manual', why: 'no_target' };
    case 'return_instruction':
      return refund
        ? { mode: 'api', call: 'taobao.rp.returngoods.agree' }
        : { mode: 'manual', why: 'no_target' };
    case 'refuse_refund':
      return refund ? { mode: 'api', call: 'taobao.refund.refuse' } : { mode: 'manual', why: 'no_target' };
    case 'review_reply':
      return refOf(caseRef, 'review') !== null
        ? { mode: 'api', call: 'taobao.traderate.explain.add' }
        : { mode: 'manual', why: 'no_target' };
    case 'approve_cancellation':
    case 'reject_cancellation':
      return { mode: 'manual', why: 'not_applicable' };
    default:
      // A replacement's tracking number and stand-alone evidence have no call of their own.
      return { mode: 'manual', why: 'no_api' };
  }
}

/**
 * The refund's phase (售中 onsale: before the trade completed; 售后 aftersale: after): Tmall needs it
 * on the refund calls, Taobao accepts it. The payload's phase first — the one the after-sale's pushes
 * named, stored on its case at ingest and put on every refund call about it — else the shop setting
 * taobaoRefundPhase, for a case whose events never named one (UNCERTAIN: a Tmall shop whose refunds
 * are mostly after delivery sets 'aftersale'); without either the call goes without it, as Taobao
 * (C shops) takes it.
 */
export function refundPhaseOf(p: Record<string, unknown>, shop: SendShop): RefundPhase | undefined {
  if (isRefundPhase(p.refund_phase)) return p.refund_phase;
  return isRefundPhase(shop.settings.taobaoRefundPhase) ? shop.settings.taobaoRefundPhase : undefined;
}

/** Tmall needs refund_phase and refund_version on these calls; Taobao accepts them. */
function phaseAndVersion(p: Record<string, unknown>, shop: SendShop): Record<string, string> {
  const phase = refundPhaseOf(p, shop);
  const version = str(p.refund_version);
  return { ...(phase ? { refund_phase: phase } : {}), ...(version ? { refund_version: version } : {}) };
}

export function planTaobaoSend(work: OutboundWork, shop: SendShop, baseUrl: string, now: Date): SendPlan {
  const cap = taobaoCapability(work.kind, work.caseRef);
  if (cap.mode === 'manual') return refuse('manual_only', `taobao has no API for ${work.kind} on this case`);
  const method = overriddenCall(shop, work.kind, cap.call);
  const p = work.payload;
  const refundId = refOf(work.caseRef, 'aftersale');
  switch (cap.call) {
    case 'taobao.refund.message.add': {
      // opentaobao model/tbrefund/TaobaoRefundMessageAddAPIRequest.go: refund_id, content (≤ 400 bytes), image?
      const content = str(p.content);
      if (!content) return refuse('invalid_request', 'the reply is empty');
      return topRequest(shop, baseUrl, now, method, {
        refund_id: refundId!,
        content: truncateBytes(content, 400),
      });
    }
    case 'taobao.rp.refunds.agree': {
      // TaobaoRpRefundsAgreeAPIRequest.go: refund_infos "refund_id|amount|version|phase" (amount in fen,
      // version the refund's last update as a timestamp, phase for Tmall), code = the SMS code on the
      // second call for large amounts.
      const amount = Number(p.amount_fen);
      const version = str(p.refund_version);
      if (!Number.isSafeInteger(amount) || amount <= 0)
        return refuse('invalid_request', 'the refund amount is missing');
      if (!version)
        return refuse('invalid_request', 'taobao needs the refund version (its last update time)');
      const phase = refundPhaseOf(p, shop) ?? '';
      const infos = [refundId, amount, version, ...(phase ? [phase] : [])].join('|');
      return topRequest(shop, baseUrl, now, method, {
        refund_infos: infos,
        ...(str(p.sms_code) ? { code: str(p.sms_code)! } : {}),
      });
    }
    case 'taobao.rp.returngoods.agree': {
      // TaobaoRpReturngoodsAgreeAPIRequest.go: refund_id, seller_address_id (required on both),
      // refund_phase/refund_version/remark (Tmall), post_fee_bear_role (0 seller, 1 buyer).
      const addressId = str(p.address_id) ?? str(shop.settings.returnAddressId);
      if (!addressId)
        return refuse('missing_setup', 'taobao needs the seller address id (shop setting returnAddressId)');
      return topRequest(shop, baseUrl, now, method, {
        refund_id: refundId!,
        seller_address_id: addressId,
        ...phaseAndVersion(p, shop),
        remark: str(p.note) ?? '同意退货，请按退货地址寄回',
        ...(p.return_shipping_paid ? { post_fee_bear_role: '0' } : {}),
      });
    }
    case 'taobao.refund.refuse': {
      // model/refund/TaobaoRefundRefuseAPIRequest.go: refund_id, refuse_message (2–200 chars),
      // refund_phase/refund_version (Tmall), refuse_reason_id?, refuse_proof (a file upload: not sent,
      // proof images go in through the back office).
      const reason = str(p.reason);
      if (!reason || [...reason].length < 2)
        return refuse('invalid_request', 'a refusal needs a reason of 2–200 characters');
      return topRequest(shop, baseUrl, now, method, {
        refund_id: refundId!,
        refuse_message: [...reason].slice(0, 200).join(''),
        ...phaseAndVersion(p, shop),
        ...(str(p.reason_code) ? { refuse_reason_id: str(p.reason_code)! } : {}),
      });
    }
    default: {
      // model/traderate/TaobaoTraderateExplainAddAPIRequest.go: oid (the sub-order), reply (≤ 500 chars).
      // UNCERTAIN: imported reviews carry the order id; for one-item orders oid equals tid.
      const reply = str(p.content);
      const oid = str(p.oid) ?? work.orderRef;
      if (!reply) return refuse('invalid_request', 'the reply is empty');
      if (!oid) return refuse('invalid_request', 'taobao needs the sub-order id (oid) of the review');
      return topRequest(shop, baseUrl, now, method, { oid, reply: [...reply].slice(0, 500).join('') });
    }
  }
}

function truncateBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/**
 * bububa/opentaobao core/client.go `Post` + model/request.go `CommonRequest`: method, app_key,
 * sign_method md5, timestamp "yyyy-MM-dd HH:mm:ss" (GMT+8), format json, v 2.0, session,
 * simplify true; sign over every parameter, sorted; POST /router/rest as
 * application/x-www-form-urlencoded;charset=utf-8.
 */
export function topRequest(
  shop: SendShop,
  baseUrl: string,
  now: Date,
  method: string,
  business: Record<string, string>,
  options: { session?: boolean } = {},
): SendPlan {
  const session = accessTokenOf(shop);
  if (options.session !== false && !session)
    return refuse('auth_invalid', 'the shop has no session key (access token)');
  const params: Record<string, string> = {
    method,
    app_key: shop.appKey,
    sign_method: 'md5',
    timestamp: beijingTimestamp(now),
    format: 'json',
    v: '2.0',
    ...(options.session !== false && session ? { session } : {}),
    simplify: 'true',
    ...business,
  };
  params.sign = signTop(params, shop.appSecret, 'md5');
  return {
    ok: true,
    request: {
      method: 'POST',
      url: joinUrl(baseUrl, '/router/rest'),
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString(),
    },
  };
}
