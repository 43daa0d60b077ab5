import { DateTime } from 'luxon';
import { passages } from '../kb/article-text.js';
import type { KbKind } from '../kb/kb-types.js';
import type { Intent } from './intent.js';

/** What the carrier (or the order's own record) says about a parcel. */
export type Tracking =
  | { state: 'unknown' }
  | { state: 'in_transit'; shippedAt: Date | null; lastEvent?: string | undefined }
  | { state: 'delivered'; deliveredAt: Date };

export type OrderFacts = {
  carrier: string | null;
  trackingNo: string | null;
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  /** The product classes of its items: some are never returnable without reason. */
  returnExcluded: boolean;
};

export type ArticleFact = { kind: KbKind; title: string; body: string; link: string | null };

export type AnswerInput = {
  intent: Intent;
  question: string;
  /** The question's content words (jieba), for picking the passage of an article that answers it. */
  questionWords: string[];
  order: OrderFacts | null;
  tracking: Tracking | null;
  articles: ArticleFact[];
  shipWithinHours: number;
  now: Date;
  timezone: string;
  locale: 'zh-CN' | 'en';
};

export type HandoverReason =
  | 'no_order'
  | 'tracking_unknown'
  | 'ship_by_passed'
  | 'return_window_passed'
  | 'return_excluded'
  | 'no_article'
  | 'no_matching_passage';

/** An answer built only from the order's data and the merchant's articles, or why there is none. */
export type Answer = { text: string; source: string } | { handover: HandoverReason; draft: string | null };

const ARTICLE_KIND: Partial<Record<Intent, KbKind>> = {
  size_fit: 'size',
  invoice: 'invoice',
  how_to_use: 'usage',
  is_genuine: 'authenticity',
  return_how: 'returns',
};

const day = (d: Date, tz: string, locale: 'zh-CN' | 'en') =>
  DateTime.fromJSDate(d, { zone: tz }).toFormat(locale === 'en' ? 'LLL d' : 'M月d日');
const dayTime = (d: Date, tz: string, locale: 'zh-CN' | 'en') =>
  DateTime.fromJSDate(d, { zone: tz }).toFormat(locale === 'en' ? 'LLL d, HH:mm' : 'M月d日 HH:mm');

/**
 * The answer to a recognised question. It states only facts it was given: a parcel's status from the
 * tracking lookup, the ship-by date from the payment time and the shop's promise, the 7-day return
 * deadline from the sign-for time, and the merchant's own article text. Anything missing → a person.
 */
export function composeAnswer(input: AnswerInput): Answer {
  const { intent, order, locale: L, timezone: tz } = input;
  const en = L === 'en';
  if (intent === 'where_is_parcel' || intent === 'ship_time') {
    if (!order) return { handover: 'no_order', draft: null };
    const t = input.tracking;
    if (t?.state === 'delivered') {
      return {
        text: en
          ? `Your parcel was signed for on ${dayTime(t.deliveredAt, tz, L)} (${order.carrier ?? 'carrier'} ${order.trackingNo ?? ''}). If you have not received it, reply "agent" and we will check at once.`
          : `您的包裹已于${dayTime(t.deliveredAt, tz, L)}签收（${order.carrier ?? '快递'}，运单号 ${order.trackingNo ?? '—'}）。如果没有收到，请回复“人工”，我们马上为您核实。`,
        source: 'tracking',
      };
    }
    if (t?.state === 'in_transit') {
      const since = t.shippedAt ? day(t.shippedAt, tz, L) : null;
      return {
        text: en
          ? `Your parcel ${since ? `left us on ${since} ` : ''}with ${order.carrier ?? 'the carrier'}, tracking number ${order.trackingNo}, and is on its way${t.lastEvent ? `: ${t.lastEvent}` : ''}. You can follow it in the order details.`
          : `您的包裹${since ? `已于${since}` : '已'}由${order.carrier ?? '快递'}发出，运单号 ${order.trackingNo}，目前在运输途中${t.lastEvent ? `：${t.lastEvent}` : ''}。可在订单详情中查看物流轨迹。`,
        source: 'tracking',
      };
    }
    if (order.trackingNo || order.shippedAt) {
      // Shipped by our records, but the carrier knows nothing of the number: never guess a status.
      return {
        handover: 'tracking_unknown',
        draft: en
          ? `Tracking number ${order.trackingNo ?? ''} shows no record at the carrier yet; please check with the warehouse.`
          : `运单号 ${order.trackingNo ?? ''} 在快递公司暂时查不到轨迹，请与仓库核实后回复买家。`,
      };
    }
    if (!order.paidAt) return { handover: 'no_order', draft: null };
    const shipBy = new Date(order.paidAt.getTime() + input.shipWithinHours * 3_600_000);
    if (input.now > shipBy) {
      return {
        handover: 'ship_by_passed',
        draft: en
          ? `Sorry for the wait: your order has not shipped yet. We are checking with the warehouse and will update you today.`
          : `非常抱歉让您久等了，您的订单还未发出，我们正在催促仓库，今天内给您答复。`,
      };
    }
    return {
      text: en
        ? `Your order has not shipped yet; it will ship by ${dayTime(shipBy, tz, L)}, and you can follow the parcel in the order details once it has.`
        : `您的订单还未发货，我们会在${dayTime(shipBy, tz, L)}前发出，发货后可在订单详情中查看物流。`,
      source: 'ship_by',
    };
  }
  if (intent === 'return_how') {
    if (!order) return { handover: 'no_order', draft: null };
    if (order.returnExcluded) return { handover: 'return_excluded', draft: null };
    const article = pickArticle(input, 'returns');
    const link = article?.link ? (en ? ` Details: ${article.link}` : `详细说明：${article.link}`) : '';
    if (!order.deliveredAt) {
      return {
        text: en
          ? `Once you have signed for the parcel you can ask for a no-reason return within 7 days in the order page ("After-sales"); the goods must be intact.${link}`
          : `签收后7天内可在订单页点击“申请售后”办理七天无理由退货，商品需保持完好。${link}`,
        source: 'returns_rule',
      };
    }
    const deadline = DateTime.fromJSDate(order.deliveredAt, { zone: tz })
      .startOf('day')
      .plus({ days: 7 })
      .endOf('day');
    if (input.now.getTime() > deadline.toMillis()) return { handover: 'return_window_passed', draft: null };
    return {
      text: en
        ? `You can ask for a no-reason return until the end of ${day(deadline.toJSDate(), tz, L)}: open the order and choose "After-sales". The goods must be intact.${link}`
        : `您的订单可在${day(deadline.toJSDate(), tz, L)}24点前申请七天无理由退货：在订单页点击“申请售后”，商品需保持完好。${link}`,
      source: 'returns_rule',
    };
  }
  const kind = ARTICLE_KIND[intent]!;
  const article = pickArticle(input, kind);
  if (!article) return { handover: 'no_article', draft: null };
  const candidates = passages(article.body);
  const best = bestPassage(candidates, input.questionWords);
  // "How to use" questions are specific ("能装开水吗"): answer only with a passage that speaks of it.
  if (intent === 'how_to_use' && !best) {
    return {
      handover: 'no_matching_passage',
      draft: article.link ? `${article.title}：${article.link}` : article.title,
    };
  }
  const passage = best ?? candidates[0];
  if (!passage) return { handover: 'no_article', draft: null };
  const link = article.link ? (en ? `\nMore: ${article.link}` : `\n更多说明：${article.link}`) : '';
  return { text: `${passage}${link}`, source: `article:${kind}` };
}

function pickArticle(input: AnswerInput, kind: KbKind): ArticleFact | undefined {
  return input.articles.find((a) => a.kind === kind);
}

/** The passage sharing the most content words with the question (at least one), or null. */
export function bestPassage(candidates: string[], words: string[]): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const p of candidates) {
    const score = words.reduce((n, w) => n + (p.includes(w) ? w.length : 0), 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}
