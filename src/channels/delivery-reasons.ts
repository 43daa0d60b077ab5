import type { Platform } from './channel.js';
import {
  type CodeReason,
  DELIVERY_ADVICE,
  DELIVERY_TITLE,
  type DeliveryCategory,
  parseDeliveryError,
  RETRYABLE,
} from './delivery-error.js';
import { DOUYIN_CODES } from './douyin/errors.js';
import { PDD_CODES } from './pinduoduo/errors.js';
import { categoryFromWords } from './responses.js';
import { TOP_CODES, TOP_SUB_CODES } from './taobao/errors.js';
import { TIKTOK_CODES } from './tiktok/errors.js';

/**
 * Each platform's error codes, in the merchant's words. Pure and free of Node modules: the console
 * imports it to say what to do wherever a failed send is shown.
 */
export type Locale = 'zh' | 'en';

export type DeliveryExplanation = {
  category: DeliveryCategory;
  /** A few words for a list or a badge. */
  title: string;
  /** What to do, in the merchant's language. */
  advice: string;
  /** Trying again later can help (the sender retries these itself). */
  retryable: boolean;
  platform: Platform | null;
  /** The platform's code (Taobao: code/sub_code), when the platform gave one. */
  code: string | null;
  /** The platform's own words (or ours, for a failure before any call). */
  detail: string;
  /** The code's meaning is not confirmed by an SDK or document (see the platform's errors.ts). */
  uncertain: boolean;
};

const TABLES: Record<Platform, (code: string) => CodeReason | undefined> = {
  douyin: (code) => DOUYIN_CODES[code],
  pinduoduo: (code) => PDD_CODES[code],
  tiktok: (code) => TIKTOK_CODES[code],
  // "15/isv.refund-status-not-support": the sub code says more than the code.
  taobao: (code) => {
    const [main, sub] = code.split('/');
    return (sub ? TOP_SUB_CODES[sub] : undefined) ?? TOP_CODES[main ?? ''];
  },
};

/** The row of a platform's error table for a code, if the table has one. */
export const codeReason = (platform: Platform, code: string): CodeReason | undefined =>
  TABLES[platform](code.trim());

/**
 * What a platform's error means for the merchant: the category from the platform's table (or, for a
 * code it does not list, from the message's words), a short title and what to do.
 */
export function describeDeliveryError(
  platform: Platform,
  code: string | null,
  message: string,
  locale: Locale,
  fallback: DeliveryCategory = 'unknown',
): DeliveryExplanation {
  const row = code ? codeReason(platform, code) : undefined;
  const category = row?.category ?? categoryFromWords(message) ?? fallback;
  return {
    category,
    title: DELIVERY_TITLE[category][locale],
    advice: (row?.category === category ? row[locale] : undefined) ?? DELIVERY_ADVICE[category][locale],
    retryable: RETRYABLE.has(category),
    platform,
    code,
    detail: message,
    uncertain: row?.uncertain === true,
  };
}

const PLATFORM_WORDS: Record<string, Platform> = {
  douyin: 'douyin',
  pinduoduo: 'pinduoduo',
  tiktok: 'tiktok',
  taobao: 'taobao',
};

/**
 * A stored failure (`[category] <platform> <code>: <words>`, as the outbox sender writes it)
 * explained in the merchant's language, with the code's own advice where the platform's table has
 * one. Null when there is no failure.
 */
export function explainDeliveryFailure(
  stored: string | null | undefined,
  locale: Locale,
): DeliveryExplanation | null {
  const parsed = parseDeliveryError(stored);
  if (!parsed) return null;
  const m = /^(douyin|pinduoduo|tiktok|taobao)(?: ([^\s:]+))?(?::\s?|\s|$)([\s\S]*)$/.exec(parsed.detail);
  const platform = m ? PLATFORM_WORDS[m[1]!]! : null;
  const code = m?.[2] && !/^(HTTP|result)$/.test(m[2]) ? m[2] : null;
  // The category decided at send time stands (it read the sub code too); a failure stored before
  // categories existed takes the table's.
  const row = platform && code ? codeReason(platform, code) : undefined;
  const category = parsed.category === 'unknown' && row ? row.category : parsed.category;
  return {
    category,
    title: DELIVERY_TITLE[category][locale],
    advice: (row?.category === category ? row[locale] : undefined) ?? DELIVERY_ADVICE[category][locale],
    retryable: RETRYABLE.has(category),
    platform,
    code,
    detail: parsed.detail,
    uncertain: row?.uncertain === true,
  };
}
