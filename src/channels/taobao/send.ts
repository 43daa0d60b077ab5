import type { OutboundRequest, OutboundWork, ShopAuth } from '../channel.js';
import { signTop } from './signature.js';

/** TOP method per outbox kind. UNCERTAIN: override with settings.outboundMethods = { kind: method }. */
export const TOP_METHODS: Record<string, string> = {
  reply: 'taobao.rp.refund.message.add',
  acknowledgement: 'taobao.rp.refund.message.add',
  notice: 'taobao.rp.refund.message.add',
  agree_refund: 'taobao.rp.refunds.agree',
  refuse_refund: 'taobao.rp.refund.refuse',
  return_instruction: 'taobao.rp.returngoods.agree',
  evidence: 'taobao.rp.refund.message.add',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** TOP timestamps are Beijing time "yyyy-MM-dd HH:mm:ss". */
export function topTimestamp(now: Date): string {
  const b = new Date(now.getTime() + 8 * 3600_000);
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}

export function buildTaobaoSend(
  work: OutboundWork,
  shop: ShopAuth,
  baseUrl: string,
  now: Date,
): OutboundRequest {
  const overrides = (shop.settings.outboundMethods ?? {}) as Record<string, string>;
  const params: Record<string, string> = {
    method: overrides[work.kind] ?? TOP_METHODS[work.kind] ?? TOP_METHODS.reply!,
    app_key: shop.appKey,
    timestamp: topTimestamp(now),
    format: 'json',
    v: '2.0',
    sign_method: 'md5',
    ...(typeof shop.settings.accessToken === 'string' ? { session: shop.settings.accessToken } : {}),
    ...(work.caseRef?.startsWith('aftersale:') ? { refund_id: work.caseRef.slice(10) } : {}),
    ...(work.orderRef ? { tid: work.orderRef } : {}),
    request_id: work.id,
  };
  for (const [k, v] of Object.entries(work.payload)) {
    if (v !== undefined && v !== null) params[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  params.sign = signTop(params, shop.appSecret, 'md5');
  return {
    url: `${baseUrl.replace(/\/$/, '')}/router/rest`,
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  };
}
