import type { OutboundRequest, OutboundWork, ShopAuth } from '../channel.js';
import { signTiktokApi } from './signature.js';

/** API path per outbox kind. UNCERTAIN: override with settings.outboundMethods = { kind: path }. */
export const TIKTOK_PATHS: Record<string, string> = {
  reply: '/customer_service/202309/conversations/messages',
  acknowledgement: '/customer_service/202309/conversations/messages',
  notice: '/customer_service/202309/conversations/messages',
  agree_refund: '/return_refund/202309/returns/approve',
  refuse_refund: '/return_refund/202309/returns/reject',
  return_instruction: '/return_refund/202309/returns/approve',
  evidence: '/return_refund/202309/returns/evidence',
};

export function buildTiktokSend(
  work: OutboundWork,
  shop: ShopAuth,
  baseUrl: string,
  now: Date,
): OutboundRequest {
  const overrides = (shop.settings.outboundMethods ?? {}) as Record<string, string>;
  const path = overrides[work.kind] ?? TIKTOK_PATHS[work.kind] ?? TIKTOK_PATHS.reply!;
  const query: Record<string, string> = {
    app_key: shop.appKey,
    timestamp: String(Math.floor(now.getTime() / 1000)),
    ...(shop.externalShopId ? { shop_id: shop.externalShopId } : {}),
  };
  const body = JSON.stringify({
    ...work.payload,
    ...(work.caseRef?.startsWith('aftersale:') ? { return_id: work.caseRef.slice(10) } : {}),
    ...(work.caseRef?.startsWith('chat:') ? { conversation_id: work.caseRef.slice(5) } : {}),
    ...(work.orderRef ? { order_id: work.orderRef } : {}),
    kind: work.kind,
    request_id: work.id,
  });
  const sign = signTiktokApi({ appSecret: shop.appSecret, path, query, body });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (typeof shop.settings.accessToken === 'string')
    headers['x-tts-access-token'] = shop.settings.accessToken;
  return {
    url: `${baseUrl.replace(/\/$/, '')}${path}?${new URLSearchParams({ ...query, sign })}`,
    headers,
    body,
  };
}
