import type { CodeReason } from '../delivery-error.js';
import type { DeliveryResult } from '../outbound.js';
import { categoryFromWords, failed, httpCategory, jsonOf } from '../responses.js';

/**
 * TOP answers `{error_response: {code, msg, sub_code, sub_msg, request_id}}` on failure
 * (bububa/opentaobao model/response.go `ErrorResponse`). Codes are TOP's public system errors:
 * 7 call limited, 11 insufficient ISV permissions, 15 remote service error (the sub_code tells),
 * 21/22 missing/invalid method, 25 invalid signature, 26 missing session, 27 invalid session,
 * 28/29 missing/invalid app key, 31/32 missing/invalid partner id, 40/41 missing/invalid arguments.
 */
export const TOP_CODES: Record<string, CodeReason> = {
  '7': { category: 'rate_limited' },
  '11': {
    category: 'permission_denied',
    zh: '应用没有调用这个淘宝接口的权限：请在淘宝开放平台为应用申请对应的权限包（退款、评价），审核通过后让店铺重新授权。',
    en: 'The app may not call this Taobao API: apply for the permission package (refunds, ratings) on the Taobao open platform, then have the shop re-authorise.',
  },
  '15': { category: 'platform_busy' },
  '21': { category: 'invalid_request' },
  '22': { category: 'invalid_request' },
  '25': { category: 'signature_invalid' },
  '26': {
    category: 'auth_invalid',
    zh: '店铺还没有授权（请求里没有 session）：请让店铺在淘宝开放平台授权本应用，把得到的 sessionkey 填到“店铺”页的“访问令牌（Access Token）”，然后点“重试”。',
    en: 'The shop has not authorised the app (no session in the call): have the shop authorise the app on the Taobao open platform, enter the session key as the access token on the Shops page, then retry.',
  },
  '27': { category: 'auth_expired' },
  '28': { category: 'app_key_invalid' },
  '29': { category: 'app_key_invalid' },
  '31': { category: 'invalid_request' },
  '32': { category: 'invalid_request' },
  '40': { category: 'invalid_request' },
  '41': { category: 'invalid_request' },
};

/** Sub codes that say more than the code (code 15 and 27 carry most of them); all UNCERTAIN. */
export const TOP_SUB_CODES: Record<string, CodeReason> = {
  'session-expired': { category: 'auth_expired', uncertain: true },
  'invalid-sessionkey': { category: 'auth_invalid', uncertain: true },
  'isv.permission-api-package-empty': { category: 'permission_denied', uncertain: true },
  'accesscontrol.limited-by-api-access-count': { category: 'rate_limited', uncertain: true },
  'isp.remote-service-unavailable': { category: 'platform_busy', uncertain: true },
  'isv.refund-status-not-support': {
    category: 'wrong_state',
    uncertain: true,
    zh: '淘宝退款单已不在可操作的状态（买家已修改或撤销申请、小二已介入或已超时）：请在千牛“退款管理”里核对后处理。',
    en: 'The Taobao refund can no longer take this action (the buyer changed or withdrew it, Taobao stepped in, or it timed out): check it under Refunds in Qianniu.',
  },
  'isv.refund-not-exist': { category: 'not_found', uncertain: true },
  'isv.refund-need-verify-code': {
    category: 'needs_verification',
    uncertain: true,
    zh: '这笔退款金额较大，淘宝已向店铺绑定的手机发送短信验证码：请在退款操作里填入验证码后再次提交。',
    en: 'A large Taobao refund: Taobao sent an SMS code to the shop’s registered phone. Enter the code with the refund and submit again.',
  },
  'isv.invalid-parameter': { category: 'invalid_request', uncertain: true },
  'isv.missing-parameter': { category: 'invalid_request', uncertain: true },
};

export function readTaobaoResponse(status: number, body: string): DeliveryResult {
  const b = jsonOf(body);
  if (!b) return failed(status < 300 ? 'unknown' : httpCategory(status), `HTTP ${status}`, body);
  const err = b.error_response as Record<string, unknown> | undefined;
  if (err && typeof err === 'object') {
    const code = String(err.code ?? '');
    const message = [err.msg, err.sub_code, err.sub_msg].filter(Boolean).join(' · ');
    const sub = String(err.sub_code ?? '');
    const category =
      TOP_SUB_CODES[sub]?.category ??
      categoryFromWords(err.sub_code) ??
      TOP_CODES[code]?.category ??
      categoryFromWords(err.sub_msg) ??
      (sub.startsWith('isp.') ? 'platform_busy' : sub.startsWith('isv.') ? 'invalid_request' : 'unknown');
    return failed(category, `taobao ${code}${sub ? `/${sub}` : ''}`, message);
  }
  if (status >= 300) return failed(httpCategory(status), `taobao HTTP ${status}`, body);
  if (b.is_success === false || b.succ === false) {
    const message = String(b.msg ?? b.message ?? 'declined');
    return failed(categoryFromWords(message) ?? 'wrong_state', 'taobao result', message);
  }
  return { ok: true };
}
