import {
  accessTokenOf,
  beijingTimestamp,
  type Capability,
  joinUrl,
  MESSAGE_KINDS,
  type OutboundWork,
  overriddenCall,
  proofUrls,
  refOf,
  refuse,
  type SendPlan,
  type SendShop,
  str,
} from '../outbound.js';
import { DOUYIN_OPERATE_TYPES, type DouyinOperate } from './operate-types.js';
import { type DouyinSignMethod, signDouyinApi } from './signature.js';

/** The production gateway (minibear2021/doudian core.py `_gate_way`). */
export const DOUYIN_API_BASE = 'https://openapi-fxg.jinritemai.com';

function operateType(shop: SendShop, name: DouyinOperate): number {
  const overrides = shop.settings.douyinOperateTypes as Record<string, unknown> | undefined;
  const v = overrides?.[name];
  return typeof v === 'number' && Number.isInteger(v) ? v : DOUYIN_OPERATE_TYPES[name];
}

/** What each kind becomes on Douyin (the shop page and the console read this). */
export function douyinCapability(kind: string, caseRef: string | null): Capability {
  if (MESSAGE_KINDS.has(kind)) {
    // Only service requests (服务单) have a buyer-facing reply; after-sales have no message API
    // (afterSale/addOrderRemark is a seller-side note the buyer never sees).
    return refOf(caseRef, 'service')
      ? { mode: 'api', call: 'order.replyService' }
      : { mode: 'manual', why: 'no_target' };
  }
  switch (kind) {
    case 'agree_refund':
    case 'return_instruction':
    case 'refuse_refund':
    case 'exchange_shipped':
      return refOf(caseRef, 'aftersale')
        ? { mode: 'api', call: 'afterSale.operate' }
        : { mode: 'manual', why: 'no_target' };
    case 'approve_cancellation':
    case 'reject_cancellation':
      // Cancellations before shipment are after-sales of type 2 here: agree or refuse the refund.
      return { mode: 'manual', why: 'not_applicable' };
    default:
      // Reviews have no public API (back-office export only); evidence goes with refusals.
      return { mode: 'manual', why: 'no_api' };
  }
}

/** The signed request for one outbox row (the Douyin open API v2). */
export function planDouyinSend(work: OutboundWork, shop: SendShop, baseUrl: string, now: Date): SendPlan {
  const cap = douyinCapability(work.kind, work.caseRef);
  if (cap.mode === 'manual') return refuse('manual_only', `douyin has no API for ${work.kind} on this case`);
  const p = work.payload;
  if (cap.call === 'order.replyService') {
    const content = str(p.content);
    if (!content) return refuse('invalid_request', 'the reply is empty');
    // bububa/jinritemai-go requests/order/replyService.go: { id (uint64, a JSON number), reply }
    const serviceId = refOf(work.caseRef, 'service')!;
    if (!/^\d{1,20}$/.test(serviceId))
      return refuse('invalid_request', 'the service request id is not a number');
    return douyinRequest(shop, baseUrl, now, overriddenCall(shop, work.kind, 'order.replyService'), {
      id: BigInt(serviceId),
      reply: content,
    });
  }
  const aftersaleId = refOf(work.caseRef, 'aftersale')!;
  const remark = str(p.note);
  let type: number;
  const item: Record<string, unknown> = { aftersale_id: aftersaleId };
  switch (work.kind) {
    case 'agree_refund':
      type = operateType(shop, p.after_return ? 'agree_received' : 'agree_refund');
      if (remark) item.remark = remark;
      break;
    case 'return_instruction': {
      const addressId = Number(str(p.address_id) ?? str(shop.settings.returnAddressId));
      if (!Number.isSafeInteger(addressId) || addressId <= 0) {
        return refuse('missing_setup', 'douyin needs the return address id (shop setting returnAddressId)');
      }
      type = operateType(shop, p.purpose === 'exchange' ? 'agree_exchange' : 'agree_return');
      item.logistics = { receiver_address_id: addressId };
      if (remark) item.remark = remark;
      break;
    }
    case 'refuse_refund': {
      const reason = str(p.reason);
      const code = Number(str(p.reason_code));
      if (!reason) return refuse('invalid_request', 'a refusal needs a reason');
      if (!Number.isSafeInteger(code) || code <= 0) {
        return refuse(
          'invalid_request',
          'douyin needs the reject reason code (afterSale/rejectReasonCodeList)',
        );
      }
      const stage = p.refuse_stage;
      type = operateType(
        shop,
        stage === 'return'
          ? 'refuse_return'
          : stage === 'received'
            ? 'refuse_received'
            : stage === 'exchange'
              ? 'refuse_exchange'
              : 'refuse_refund',
      );
      item.reason = reason;
      item.remark = remark ?? reason;
      item.reject_reason_code = code;
      const urls = proofUrls(p, 8);
      if (urls.length) item.evidence = urls.map((url) => ({ type: 1, url, desc: reason }));
      break;
    }
    case 'exchange_shipped': {
      const company = str(p.carrier_code);
      const tracking = str(p.tracking_no);
      if (!company || !tracking)
        return refuse('invalid_request', 'the carrier code and tracking number are needed');
      type = operateType(shop, 'exchange_shipped');
      item.logistics = { company_code: company, logistics_code: tracking };
      break;
    }
    default:
      return refuse('manual_only', `douyin has no API for ${work.kind}`);
  }
  // The official SDK's AfterSaleOperateParam: { type, items[{ aftersale_id, reason, remark, evidence[],
  // logistics{company_code, logistics_code, receiver_address_id}, reject_reason_code }] }
  return douyinRequest(shop, baseUrl, now, overriddenCall(shop, work.kind, 'afterSale.operate'), {
    type,
    items: [item],
  });
}

/**
 * minibear2021/doudian core.py `_request`: POST {gateway}/{path}?app_key&method&access_token&timestamp
 * &v&sign_method&sign, body = param_json (application/json); timestamp "yyyy-MM-dd HH:mm:ss" (Beijing).
 */
export function douyinRequest(
  shop: SendShop,
  baseUrl: string,
  now: Date,
  method: string,
  params: Record<string, unknown>,
  options: { token?: boolean } = {},
): SendPlan {
  const token = accessTokenOf(shop);
  if (options.token !== false && !token) return refuse('auth_invalid', 'the shop has no access token');
  const signMethod: DouyinSignMethod = shop.settings.douyinSignMethod === 'md5' ? 'md5' : 'hmac-sha256';
  const timestamp = beijingTimestamp(now);
  const { sign, paramJson } = signDouyinApi({
    appKey: shop.appKey,
    appSecret: shop.appSecret,
    method,
    params,
    timestamp,
    signMethod,
  });
  // token.create / token.refresh are signed like every call but carry no access_token.
  const query = new URLSearchParams({
    app_key: shop.appKey,
    method,
    ...(options.token !== false && token ? { access_token: token } : {}),
    timestamp,
    v: '2',
    sign_method: signMethod,
    sign,
  });
  return {
    ok: true,
    request: {
      method: 'POST',
      url: `${joinUrl(baseUrl, `/${method.replace(/\./g, '/')}`)}?${query}`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: paramJson,
    },
  };
}
