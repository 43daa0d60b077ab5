import type { Locale } from './recall-types.js';
import { localDate, type StatementFacts } from './statement.js';

/**
 * Length limits per medium, in characters (a Chinese character counts as one).
 * UNCERTAIN: SMS — one segment holds 70 UCS-2 characters, longer texts are split and billed per
 * segment, and carriers add the 【签名】 of the sender: we keep the text within one segment, the
 * signature included. Weibo — posts may be long, but only about 140 characters show before
 * "全文", so the text fits there. WeChat — no hard limit for a Moments/official-account post; we
 * keep it short enough to read without scrolling. Platform messages — about 500 characters is
 * the smallest limit seen among the four platforms' chat APIs. All overridable per call.
 */
export const TEXT_LIMITS = { sms: 70, weibo: 140, wechat: 300, platform: 500 } as const;
export type Medium = keyof typeof TEXT_LIMITS;

const length = (text: string) => [...text].length;

/** Cuts at the limit on a character boundary, ending with an ellipsis when cut. */
export function fitTo(text: string, limit: number): string {
  const chars = [...text];
  if (chars.length <= limit) return text;
  return `${chars.slice(0, Math.max(0, limit - 1)).join('')}…`;
}

export type NoticeTexts = Record<Medium, { text: string; length: number; limit: number }>;

/**
 * Ready-to-post texts for each medium: the longest version that fits wins, so the short mediums
 * keep the essentials (what, which batch, stop using, how to claim, where to read more).
 */
export function noticeTexts(
  f: StatementFacts,
  publicUrl: string,
  locale: Locale,
  limits: Record<Medium, number> = TEXT_LIMITS,
): NoticeTexts {
  const product = f.productName ?? f.title;
  const batches = f.batches.join(locale === 'zh-CN' ? '、' : ', ');
  const deadline = f.claimDeadline ? localDate(f.claimDeadline, locale) : null;
  const zh = locale === 'zh-CN';
  const candidates = zh
    ? [
        `【召回通知】${f.merchantName}召回${product}${batches ? `（批次${batches}）` : ''}。风险：${f.hazard} 请立即停止使用，在购买平台联系客服即可全额退款或免费换货，运费由我们承担${deadline ? `，请于${deadline}前申请` : ''}。详情：${publicUrl}`,
        `【召回通知】${product}${batches ? `批次${batches}` : ''}存在安全风险，请立即停止使用，联系购买平台客服可退款或换货。详情：${publicUrl}`,
        `【召回】${product}${batches ? `批次${batches}` : ''}请停用，联系客服退换。${publicUrl}`,
        // Without the link when even that is too long (a long shop address on a 70-character SMS).
        `【召回】${product}${batches ? `批次${batches}` : ''}存在安全风险，请立即停用，联系购买平台客服免费退款或换货。`,
      ]
    : [
        `RECALL: ${f.merchantName} is recalling ${product}${batches ? ` (batch ${batches})` : ''}. Hazard: ${f.hazard} Stop using it now and contact customer service on the platform where you bought it for a full refund or a free replacement; we pay shipping${deadline ? `. Claim by ${deadline}` : ''}. Details: ${publicUrl}`,
        `RECALL: ${product}${batches ? ` batch ${batches}` : ''} has a safety risk. Stop using it and contact customer service for a refund or exchange. ${publicUrl}`,
        `RECALL: stop using ${product}${batches ? ` ${batches}` : ''}; refund/exchange: ${publicUrl}`,
        `RECALL: stop using ${product}${batches ? ` ${batches}` : ''}; ask the shop for a refund or exchange.`,
      ];
  const pick = (limit: number) => {
    const fits = candidates.find((c) => length(c) <= limit);
    const text = fits ?? fitTo(candidates.at(-1)!, limit);
    return { text, length: length(text), limit };
  };
  return {
    sms: pick(limits.sms),
    weibo: pick(limits.weibo),
    wechat: pick(limits.wechat),
    platform: pick(limits.platform),
  };
}

/** The notice sent to each affected buyer through the platform's messaging. */
export function buyerNotice(f: StatementFacts, publicUrl: string, locale: Locale, reminder: boolean): string {
  const base = noticeTexts(f, publicUrl, locale).platform.text;
  if (!reminder) return base;
  const prefix =
    locale === 'zh-CN'
      ? '【再次提醒】我们还没有收到您的回复。'
      : 'REMINDER: we have not heard from you yet. ';
  return fitTo(prefix + base, TEXT_LIMITS.platform);
}
