import { parseArticle } from '../kb/article-text.js';

export type ProactiveLimit = { max: number; days: number };
export type CareSettings = {
  enabled: boolean;
  delayHours: number;
  withinDays: number;
  holdoutPercent: number;
  effectDays: number;
  /** Per platform ('douyin', 'pinduoduo', 'tiktok', 'taobao', 'other' for the shop's own channels). */
  limits: Record<string, ProactiveLimit>;
  allProducts: boolean;
  publicBaseUrl: string | null;
  /** A follow-up (回访) this many days after a case closed, when on (src/care/follow-up-rules.ts). */
  followUpEnabled: boolean;
  followUpDays: number;
};

export const LIMIT_KEYS = ['douyin', 'pinduoduo', 'tiktok', 'taobao', 'other'] as const;

/**
 * Off until the merchant turns it on. UNCERTAIN: the platforms publish no figure we could confirm for
 * how many proactive messages a shop may send one buyer (Douyin's 签收关怀 is sent from the shop's
 * customer-service tools, within its marketing-message rules). One care message per buyer per 7 days on
 * every platform is a cautious default; each merchant sets its own per platform.
 */
export const DEFAULT_CARE_SETTINGS: CareSettings = {
  enabled: false,
  delayHours: 24,
  withinDays: 7,
  holdoutPercent: 10,
  effectDays: 30,
  limits: Object.fromEntries(LIMIT_KEYS.map((k) => [k, { max: 1, days: 7 }])),
  allProducts: true,
  publicBaseUrl: null,
  followUpEnabled: false,
  followUpDays: 3,
};

export const limitFor = (settings: CareSettings, platform: string): ProactiveLimit =>
  settings.limits[platform] ?? settings.limits.other ?? { max: 1, days: 7 };

export type SkipReason = 'no_buyer' | 'opted_out' | 'no_product' | 'product_off' | 'no_tips' | 'rate_limited';

export type CareCandidate = {
  hasBuyer: boolean;
  optedOut: boolean;
  hasProduct: boolean;
  /** The merchant's switch for this product: null when never set. */
  productSwitch: boolean | null;
  /** A published usage article or the merchant's own note for the product. */
  hasTips: boolean;
  /** When this buyer got care messages on this platform (any order), newest first or not. */
  sentToBuyer: readonly Date[];
};

export type CareDecision = { group: 'care' | 'holdout' } | { group: 'none'; reason: SkipReason };

/**
 * Whether a delivered order gets a care message. Only eligible orders are split: `roll` (uniform in
 * [0, 100)) below the hold-out share puts the order in the hold-out group, so the groups differ only
 * in the message and the comparison measures its effect.
 */
export function decideCare(
  c: CareCandidate,
  settings: CareSettings,
  limit: ProactiveLimit,
  now: Date,
  roll: number,
): CareDecision {
  if (!c.hasBuyer) return { group: 'none', reason: 'no_buyer' };
  if (c.optedOut) return { group: 'none', reason: 'opted_out' };
  if (!c.hasProduct) return { group: 'none', reason: 'no_product' };
  const on = c.productSwitch ?? settings.allProducts;
  if (!on) return { group: 'none', reason: 'product_off' };
  if (!c.hasTips) return { group: 'none', reason: 'no_tips' };
  const since = now.getTime() - limit.days * 86_400_000;
  if (c.sentToBuyer.filter((d) => d.getTime() > since).length >= limit.max)
    return { group: 'none', reason: 'rate_limited' };
  return roll < settings.holdoutPercent ? { group: 'holdout' } : { group: 'care' };
}

/** The first few tips of a usage article, as one short line (the link carries the rest). */
export function tipsExcerpt(body: string, max = 90): string {
  const lines = parseArticle(body).flatMap((b) =>
    b.type === 'list' ? b.items : b.type === 'paragraph' ? b.text.split('\n') : [],
  );
  let out = '';
  for (const line of lines.map((l) => l.trim()).filter(Boolean)) {
    const sep = out ? (/[。！？.!?]$/.test(out) ? '' : '；') : '';
    if ((out + sep + line).length > max) break;
    out += sep + line;
  }
  if (!out && lines[0]) out = `${lines[0].slice(0, max - 1)}…`;
  return out;
}

export type CareTextInput = {
  productName: string;
  tips: string | null;
  note: string | null;
  link: string | null;
};

/** The care message: thanks, the tips and the link to the whole article, how to ask, how to stop. */
export function careText(locale: 'zh-CN' | 'en', i: CareTextInput): string {
  if (locale === 'en') {
    return [
      `Hello, your ${i.productName} has been delivered. Thank you for your order!`,
      i.note,
      i.tips ? `A few tips: ${i.tips}` : null,
      i.link ? `The full guide: ${i.link}` : null,
      'If anything is unclear, just reply here and we will help. Reply "STOP" to receive no more messages like this.',
    ]
      .filter(Boolean)
      .join('\n');
  }
  return [
    `您好，您购买的「${i.productName}」已经签收，感谢您的支持！`,
    i.note,
    i.tips ? `使用小贴士：${i.tips}` : null,
    i.link ? `完整使用说明：${i.link}` : null,
    '使用中有任何问题，直接回复我们就好。回复“退订”将不再收到此类消息。',
  ]
    .filter(Boolean)
    .join('\n');
}

// A buyer's whole reply asking for no more messages (a sentence that merely contains the word is not).
const OPT_OUT =
  /^\s*(?:退订|退订关怀|td|t|不要再发了?|别再发了?|不需要再发了?|取消订阅|unsubscribe|stop)\s*[。.!！~～]*\s*$/i;
export const isOptOut = (text: string) => OPT_OUT.test(text);
