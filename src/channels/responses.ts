import type { DeliveryCategory } from './delivery-error.js';
import type { DeliveryResult } from './outbound.js';

/** A platform answer body as JSON, or null when it is not JSON. */
export function jsonOf(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The category an HTTP status says on its own (a body the platform did not explain). */
export function httpCategory(status: number): DeliveryCategory {
  if (status === 429) return 'rate_limited';
  if (status === 408 || status >= 500) return 'platform_busy';
  if (status === 401) return 'auth_invalid';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  return 'invalid_request';
}

/** Words in a platform's error that say what kind of error it is, when its code does not. */
export function categoryFromWords(...words: unknown[]): DeliveryCategory | null {
  const text = words
    .filter((w) => typeof w === 'string')
    .join(' ')
    .toLowerCase();
  if (!text) return null;
  if (/验证码|verify[-_ ]?code|need[-_ ]?verif/.test(text)) return 'needs_verification';
  if (/(token|session).{0,20}(expire|过期)|过期.{0,6}(token|授权)/.test(text)) return 'auth_expired';
  if (/access[-_ ]?token|session|授权|sessionkey/.test(text)) return 'auth_invalid';
  if (/sign(ature)?[-_ ]?(invalid|error|mismatch|not match)|(invalid|bad|wrong)[-_ ]?sign|签名/.test(text))
    return 'signature_invalid';
  if (/app[-_ ]?key|client[-_ ]?id|appkey/.test(text)) return 'app_key_invalid';
  if (/permission|no[-_ ]?auth|unauthori|权限/.test(text)) return 'permission_denied';
  if (/limit|frequen|频繁|限流/.test(text)) return 'rate_limited';
  if (/status|state|状态/.test(text)) return 'wrong_state';
  if (/not[-_ ]?(found|exist)|不存在/.test(text)) return 'not_found';
  if (/param|参数|missing|required/.test(text)) return 'invalid_request';
  return null;
}

export const failed = (category: DeliveryCategory, code: string, message: string): DeliveryResult => ({
  ok: false,
  category,
  code,
  message: message.slice(0, 300),
});
