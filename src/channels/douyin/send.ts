import type { OutboundRequest, OutboundWork, ShopAuth } from '../channel.js';
import { signDouyinApi } from './signature.js';

/**
 * Open API method per outbox kind. UNCERTAIN: the public docs name the after-sale methods only in
 * part; override per shop with settings.outboundMethods = { kind: method }.
 */
export const DOUYIN_METHODS: Record<string, string> = {
  reply: 'afterSale/addOrderRemark',
  acknowledgement: 'afterSale/addOrderRemark',
  notice: 'afterSale/addOrderRemark',
  agree_refund: 'afterSale/operate',
  refuse_refund: 'afterSale/operate',
  return_instruction: 'afterSale/operate',
  evidence: 'afterSale/submitEvidence',
};

export function buildDouyinSend(
  work: OutboundWork,
  shop: ShopAuth,
  baseUrl: string,
  now: Date,
): OutboundRequest {
  const overrides = (shop.settings.outboundMethods ?? {}) as Record<string, string>;
  const method = overrides[work.kind] ?? DOUYIN_METHODS[work.kind] ?? 'afterSale/addOrderRemark';
  const params = {
    ...work.payload,
    ...(work.caseRef ? { after_sale_id: work.caseRef.replace(/^aftersale:/, '') } : {}),
    ...(work.orderRef ? { order_id: work.orderRef } : {}),
    kind: work.kind,
    request_id: work.id,
  };
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const { sign, paramJson } = signDouyinApi({
    appKey: shop.appKey,
    appSecret: shop.appSecret,
    method,
    params,
    timestamp,
  });
  const query = new URLSearchParams({
    app_key: shop.appKey,
    method,
    sign,
    sign_method: 'md5',
    timestamp,
    v: '2',
  });
  return {
    url: `${baseUrl.replace(/\/$/, '')}/${method}?${query}`,
    headers: { 'content-type': 'application/json' },
    body: paramJson,
  };
}
