/**
 * Why a delivery failed, in the merchant's words. The outbox stores a failure as
 * `[category] <platform> <code>: <platform message>` so every screen that shows a failure can say
 * what to do (`deliveryAdvice`) and still show the platform's own words. Pure: the console imports it.
 */
export const DELIVERY_CATEGORIES = [
  'auth_expired',
  'auth_invalid',
  'app_key_invalid',
  'signature_invalid',
  'permission_denied',
  'rate_limited',
  'platform_busy',
  'invalid_request',
  'wrong_state',
  'not_found',
  'needs_verification',
  'missing_setup',
  'manual_only',
  'timeout',
  'network',
  'unknown',
] as const;
export type DeliveryCategory = (typeof DELIVERY_CATEGORIES)[number];

/** Whether trying again later can help (the sender backs off and retries); otherwise it fails at once. */
export const RETRYABLE: ReadonlySet<DeliveryCategory> = new Set([
  'rate_limited',
  'platform_busy',
  'timeout',
  'network',
  'unknown',
]);

export type Advice = { zh: string; en: string };

/**
 * One row of a platform's error table: the category its code means and, where the code says more
 * than the category, what to do in its own words. `uncertain`: the code was found in no SDK or
 * document we could read (the platforms cannot be reached from here), so its words decide first.
 */
export type CodeReason = { category: DeliveryCategory; uncertain?: true; zh?: string; en?: string };

/** A failure's name in a few words, for lists and badges. */
export const DELIVERY_TITLE: Record<DeliveryCategory, Advice> = {
  auth_expired: { zh: '授权已过期', en: 'Authorisation expired' },
  auth_invalid: { zh: '授权无效', en: 'Authorisation invalid' },
  app_key_invalid: { zh: 'App Key 无效', en: 'App key not recognised' },
  signature_invalid: { zh: '签名错误', en: 'Signature refused' },
  permission_denied: { zh: '缺少接口权限', en: 'Permission missing' },
  rate_limited: { zh: '调用被限流', en: 'Rate-limited' },
  platform_busy: { zh: '平台暂不可用', en: 'Platform unavailable' },
  invalid_request: { zh: '参数被拒绝', en: 'Parameters refused' },
  wrong_state: { zh: '售后状态已变化', en: 'After-sale has moved on' },
  not_found: { zh: '找不到该单', en: 'Not found' },
  needs_verification: { zh: '需要短信验证码', en: 'SMS code needed' },
  missing_setup: { zh: '店铺设置不完整', en: 'Shop settings incomplete' },
  manual_only: { zh: '需手动处理', en: 'Do it by hand' },
  timeout: { zh: '平台响应超时', en: 'Timed out' },
  network: { zh: '连不上平台', en: 'Platform unreachable' },
  unknown: { zh: '未识别的错误', en: 'Unrecognised error' },
};

export const DELIVERY_ADVICE: Record<DeliveryCategory, Advice> = {
  auth_expired: {
    zh: '店铺授权已过期：请在平台重新授权，并在“店铺”页更新访问令牌，然后点“重试”。',
    en: 'The shop’s authorisation has expired: re-authorise it on the platform, update the access token on the Shops page, then retry.',
  },
  auth_invalid: {
    zh: '访问令牌无效或缺失：请在“店铺”页填写平台发给本店的访问令牌（Access Token），然后点“重试”。',
    en: 'The access token is missing or invalid: enter the token the platform issued for this shop on the Shops page, then retry.',
  },
  app_key_invalid: {
    zh: '平台不认识这个 App Key：请核对“店铺”页的 App Key 是否与开放平台应用一致。',
    en: 'The platform does not know this app key: check the shop’s app key against the app on the open platform.',
  },
  signature_invalid: {
    zh: '签名校验失败：通常是 App Secret 填错了，请在“店铺”页重新填写 App Secret 后点“连接自检”。',
    en: 'The signature was refused: usually the app secret is wrong. Re-enter it on the Shops page and run the connection self-test.',
  },
  permission_denied: {
    zh: '应用没有这项接口权限：请在开放平台为应用申请对应权限包，并让店铺重新授权。',
    en: 'The app lacks permission for this call: request the permission package on the open platform and have the shop re-authorise.',
  },
  rate_limited: {
    zh: '调用太频繁被平台限流：系统会稍后自动重试，无需操作。',
    en: 'The platform is rate-limiting calls: it will be retried automatically, nothing to do.',
  },
  platform_busy: {
    zh: '平台暂时不可用：系统会稍后自动重试；若一直失败，请到平台后台手动处理。',
    en: 'The platform is temporarily unavailable: it will be retried; if it keeps failing, do it in the platform’s back office.',
  },
  invalid_request: {
    zh: '平台拒绝了这次请求的参数：请核对单号、原因和凭证后重新提交，或到平台后台手动处理。',
    en: 'The platform refused the request’s parameters: check the order, reason and proof and submit again, or do it in the platform’s back office.',
  },
  wrong_state: {
    zh: '售后单状态已变化（可能已被处理或已超时）：请刷新后在平台后台核对当前状态。',
    en: 'The after-sale has moved on (handled or timed out): refresh and check its state in the platform’s back office.',
  },
  not_found: {
    zh: '平台找不到这张单：请核对单号是否属于这家店铺。',
    en: 'The platform cannot find this order or after-sale: check that it belongs to this shop.',
  },
  needs_verification: {
    zh: '金额较大，平台已向店铺绑定手机发送短信验证码：请填写验证码后再次提交。',
    en: 'A large amount: the platform sent an SMS code to the shop’s phone. Enter the code and submit again.',
  },
  missing_setup: {
    zh: '店铺设置缺少这一步需要的信息：请按提示在“店铺”页补全后点“重试”。',
    en: 'The shop settings lack something this step needs: complete them on the Shops page as described, then retry.',
  },
  manual_only: {
    zh: '平台没有开放这项操作的接口：请复制内容到平台商家后台手动完成。',
    en: 'The platform has no API for this: copy the text and do it by hand in the platform’s back office.',
  },
  timeout: {
    zh: '平台响应超时：系统会稍后自动重试。',
    en: 'The platform did not answer in time: it will be retried automatically.',
  },
  network: {
    zh: '连不上平台：请检查网络；系统会稍后自动重试。',
    en: 'The platform could not be reached: check the network; it will be retried automatically.',
  },
  unknown: {
    zh: '平台返回了未识别的错误：系统会重试；若一直失败，请把下面的平台原文发给技术支持。',
    en: 'The platform returned an unrecognised error: it will be retried; if it keeps failing, send the platform’s words below to support.',
  },
};

const isCategory = (v: string): v is DeliveryCategory =>
  (DELIVERY_CATEGORIES as readonly string[]).includes(v);

/** The stored form of a failure. */
export function formatDeliveryError(category: DeliveryCategory, detail: string): string {
  return `[${category}] ${detail}`.slice(0, 1000);
}

/** A stored failure read back: its category (unknown for text written before categories) and detail. */
export function parseDeliveryError(text: string | null | undefined): {
  category: DeliveryCategory;
  detail: string;
} | null {
  if (!text) return null;
  const m = /^\[([a-z_]+)\] ?([\s\S]*)$/.exec(text);
  if (m && isCategory(m[1]!)) return { category: m[1], detail: m[2]! };
  if (/timed out|timeout/i.test(text)) return { category: 'timeout', detail: text };
  return { category: 'unknown', detail: text };
}

/** What to do about a stored failure, in the merchant's language. */
export function deliveryAdvice(text: string | null | undefined, lang: 'zh' | 'en'): string | null {
  const parsed = parseDeliveryError(text);
  return parsed ? DELIVERY_ADVICE[parsed.category][lang] : null;
}

/** Whether a stored word is one of the categories (the console reads the reconciler's failures). */
export const isDeliveryCategory = isCategory;
