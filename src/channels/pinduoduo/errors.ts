import type { CodeReason } from '../delivery-error.js';
import type { DeliveryResult } from '../outbound.js';
import { categoryFromWords, failed, httpCategory, jsonOf } from '../responses.js';

/**
 * Pinduoduo answers `{error_response: {error_code, error_msg, sub_code, sub_msg, request_id}}` on
 * failure (lywzx/pdd-node-sdk `NetworkAdapter` and `PddErrorResponse`; dtapps/go-library
 * `service/pinduoduo/client.const.go`). 10019 (token expired) and the retryable 52101–52103 / 70031 are
 * from the SDK's `PddResponseException`; those marked uncertain were found in no SDK.
 */
export const PDD_CODES: Record<string, CodeReason> = {
  '10019': {
    category: 'auth_expired',
    zh: '拼多多授权已过期：请到拼多多服务市场让店铺重新授权（或刷新 token），把新的 access_token 填到“店铺”页，然后点“重试”。',
    en: 'The Pinduoduo authorisation has expired: have the shop re-authorise in the Pinduoduo service market (or refresh the token), enter the new access_token on the Shops page, then retry.',
  },
  '52101': { category: 'rate_limited' },
  '52102': { category: 'platform_busy' },
  '52103': { category: 'platform_busy' },
  '70031': { category: 'rate_limited' },
  '10000': { category: 'invalid_request', uncertain: true },
  '10001': { category: 'invalid_request', uncertain: true },
  '20004': { category: 'signature_invalid', uncertain: true },
  '20031': {
    category: 'permission_denied',
    uncertain: true,
    zh: '应用没有这个拼多多接口的权限：请在拼多多开放平台为应用申请“售后”权限包，审核通过后让店铺重新授权。',
    en: 'The app lacks this Pinduoduo API: apply for the after-sales permission package on the Pinduoduo open platform, then have the shop re-authorise.',
  },
  '20032': { category: 'auth_invalid', uncertain: true },
};

export function readPddResponse(status: number, body: string): DeliveryResult {
  const b = jsonOf(body);
  if (!b) return failed(status < 300 ? 'unknown' : httpCategory(status), `HTTP ${status}`, body);
  const err = b.error_response as Record<string, unknown> | undefined;
  if (err && typeof err === 'object') {
    const code = String(err.error_code ?? err.sub_code ?? '');
    const message = [err.error_msg, err.sub_code, err.sub_msg].filter(Boolean).join(' · ');
    const category = PDD_CODES[code]?.category ?? categoryFromWords(err.error_msg, err.sub_msg) ?? 'unknown';
    return failed(category, `pinduoduo ${code}`, message);
  }
  if (status >= 300) return failed(httpCategory(status), `pinduoduo HTTP ${status}`, body);
  // The write APIs answer 200 with result.succ / success false when the platform declined the action.
  const result = (
    Object.values(b).find((v) => v && typeof v === 'object') as Record<string, unknown> | undefined
  )?.result as Record<string, unknown> | undefined;
  if (result && (result.succ === false || result.success === false)) {
    const message = String(result.message ?? 'declined');
    return failed(categoryFromWords(message) ?? 'wrong_state', 'pinduoduo result', message);
  }
  return { ok: true };
}
