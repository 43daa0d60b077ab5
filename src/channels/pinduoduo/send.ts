import type { OutboundRequest, OutboundWork, ShopAuth } from '../channel.js';
import { signPddApi } from './signature.js';

/** API type per outbox kind. UNCERTAIN: override with settings.outboundMethods = { kind: type }. */
export const PDD_TYPES: Record<string, string> = {
  reply: 'pdd.refund.message.add',
  acknowledgement: 'pdd.refund.message.add',
  notice: 'pdd.refund.message.add',
  agree_refund: 'pdd.refund.agree',
  refuse_refund: 'pdd.refund.refuse',
  return_instruction: 'pdd.refund.returngoods.agree',
  evidence: 'pdd.refund.evidence.upload',
};

export function buildPddSend(
  work: OutboundWork,
  shop: ShopAuth,
  baseUrl: string,
  now: Date,
): OutboundRequest {
  const overrides = (shop.settings.outboundMethods ?? {}) as Record<string, string>;
  const params: Record<string, unknown> = {
    type: overrides[work.kind] ?? PDD_TYPES[work.kind] ?? 'pdd.refund.message.add',
    client_id: shop.appKey,
    timestamp: String(Math.floor(now.getTime() / 1000)),
    data_type: 'JSON',
    version: 'V1',
    ...(typeof shop.settings.accessToken === 'string' ? { access_token: shop.settings.accessToken } : {}),
    ...(work.caseRef ? { after_sales_id: work.caseRef.replace(/^aftersale:/, '') } : {}),
    ...(work.orderRef ? { order_sn: work.orderRef } : {}),
    request_id: work.id,
  };
  for (const [k, v] of Object.entries(work.payload)) {
    if (v !== undefined && v !== null) params[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  params.sign = signPddApi(params, shop.appSecret);
  return {
    url: `${baseUrl.replace(/\/$/, '')}/api/router`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  };
}
