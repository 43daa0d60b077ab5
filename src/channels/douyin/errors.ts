import type { CodeReason } from '../delivery-error.js';
import type { DeliveryResult } from '../outbound.js';
import { categoryFromWords, failed, httpCategory, jsonOf } from '../responses.js';

/**
 * Douyin answers `{code, msg, sub_code, sub_msg, log_id, data}`; 10000 is success
 * (minibear2021/doudian `doudian/core.py` checks `code == 10000`). Codes from the ret-code table quoted
 * in public SDK code (`[DouyinRetCode(40004, "非法的参数", …, "isv.parameter-invalid:11000")]` …);
 * those marked uncertain were not found in any SDK, so the sub_code words decide first.
 */
export const DOUYIN_CODES: Record<string, CodeReason> = {
  '20000': { category: 'platform_busy' },
  '30001': { category: 'auth_invalid', uncertain: true },
  '30002': {
    category: 'auth_expired',
    uncertain: true,
    zh: '抖店授权已过期：请在抖店开放平台（或服务市场订购页）让店铺重新授权，把新的 access_token 填到“店铺”页，然后点“重试”。',
    en: 'The Douyin authorisation has expired: have the shop re-authorise the app on the Douyin open platform (or its service-market page), enter the new access_token on the Shops page, then retry.',
  },
  '40001': { category: 'invalid_request', uncertain: true },
  '40002': { category: 'app_key_invalid', uncertain: true },
  '40003': { category: 'signature_invalid', uncertain: true },
  '40004': { category: 'invalid_request' },
  '50002': {
    category: 'wrong_state',
    zh: '抖店的售后单已不在可操作的状态（可能买家已撤销、平台已介入或已超时）：请在抖店后台“售后工作台”核对后处理。',
    en: 'The Douyin after-sale can no longer take this action (withdrawn by the buyer, under platform arbitration or timed out): check it in the Douyin after-sales workbench.',
  },
  '90000': { category: 'rate_limited', uncertain: true },
};

export function readDouyinResponse(status: number, body: string): DeliveryResult {
  const b = jsonOf(body);
  if (!b)
    return status >= 200 && status < 300
      ? failed('unknown', `HTTP ${status}`, body)
      : failed(httpCategory(status), `HTTP ${status}`, body);
  const code = String(b.code ?? b.err_no ?? '');
  if (code === '10000' || (code === '0' && status < 300)) return { ok: true };
  const message = [b.msg ?? b.message, b.sub_code, b.sub_msg].filter(Boolean).join(' · ');
  const category =
    categoryFromWords(b.sub_code) ??
    DOUYIN_CODES[code]?.category ??
    categoryFromWords(b.sub_msg, b.msg) ??
    (status >= 300 ? httpCategory(status) : 'unknown');
  return failed(category, `douyin ${code || status}`, message || body);
}
