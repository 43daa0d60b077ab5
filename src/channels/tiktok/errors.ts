import type { CodeReason } from '../delivery-error.js';
import type { DeliveryResult } from '../outbound.js';
import { categoryFromWords, failed, httpCategory, jsonOf } from '../responses.js';

/**
 * TikTok Shop answers `{code, message, request_id, data}`; 0 is success (EcomPHP/tiktokshop-php
 * `Resource::call`). Its error groups are the first three digits: 105 and 360 are token errors
 * (`handleErrorResponse`). The single codes below were found in no SDK: all UNCERTAIN.
 */
export const TIKTOK_CODES: Record<string, CodeReason> = {
  '105002': {
    category: 'auth_expired',
    uncertain: true,
    zh: 'TikTok Shop 授权已过期：请让店铺在 TikTok Shop 卖家中心重新授权本应用，把新的访问令牌（Access Token）填到“店铺”页，然后点“重试”。',
    en: 'The TikTok Shop authorisation has expired: have the shop re-authorise the app in TikTok Shop Seller Center, enter the new access token on the Shops page, then retry.',
  },
  '105001': { category: 'auth_invalid', uncertain: true },
  '105005': { category: 'permission_denied', uncertain: true },
  '36009004': { category: 'signature_invalid', uncertain: true },
  '36009003': {
    category: 'invalid_request',
    uncertain: true,
    zh: 'TikTok Shop 认为请求时间不对（时间戳超出允许范围）：请校准服务器时钟后点“重试”。',
    en: 'TikTok Shop says the request time is off (timestamp outside its window): correct the server clock, then retry.',
  },
  '36009001': { category: 'app_key_invalid', uncertain: true },
  '36009009': { category: 'rate_limited', uncertain: true },
};

export function readTiktokResponse(status: number, body: string): DeliveryResult {
  const b = jsonOf(body);
  if (!b) return failed(status < 300 ? 'unknown' : httpCategory(status), `HTTP ${status}`, body);
  const code = String(b.code ?? '');
  if (code === '0' && status < 300) return { ok: true };
  const message = String(b.message ?? b.msg ?? body);
  const group = code.slice(0, 3);
  const category =
    TIKTOK_CODES[code]?.category ??
    categoryFromWords(message) ??
    (group === '105' || group === '360' ? 'auth_invalid' : status >= 300 ? httpCategory(status) : 'unknown');
  return failed(category, `tiktok ${code || status}`, message);
}
