import type { TenantScope } from '../db/tenant-scope.js';
import { type Delivery, deliveryOfMessage, isDelivered } from '../ingest/delivery-state.js';
import type { OfferTold } from './offer-rules.js';
import * as repo from './playbooks-repo.js';

/** An offer with how it reached the buyer: the delivery of the message that carried it. */
export type OfferWithTold = { offer: repo.OfferRow; toldDelivery: Delivery | null };

/** Whether the buyer has the offer, for the accept rule. */
export function toldState(offer: repo.OfferRow, delivery: Delivery | null): OfferTold {
  if (offer.toldVia === 'phone') return 'phone';
  if (offer.toldVia !== 'message') return null;
  if (delivery?.state === 'failed') return 'failed';
  return isDelivered(delivery) ? 'delivered' : 'pending';
}

/** The words that carry an offer to the buyer when the agent writes none, in the buyer's language. */
export function offerText(offer: repo.OfferRow, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
  const couponFen = offer.couponFen || offer.amountFen;
  const extraCoupon = offer.couponFen > 0 && offer.remedy !== 'coupon';
  if (locale === 'en') {
    const what: Record<string, string> = {
      refund: `a refund of ${yuan(offer.amountFen)}`,
      partial_refund: `a partial refund of ${yuan(offer.amountFen)}`,
      return_and_refund: `a refund of ${yuan(offer.amountFen)} on return (we pay the return shipping)`,
      exchange: 'a new one in exchange (we pay the shipping both ways)',
      reship: 'sending you another one',
      coupon: `a ${yuan(couponFen)} coupon`,
      gift: 'a small gift to say sorry',
    };
    const main = what[offer.remedy] ?? 'to put this right';
    const coupon = extraCoupon ? `, plus a ${yuan(offer.couponFen)} coupon` : '';
    return `Hello, about the problem you told us of, we would like to offer ${main}${coupon}. If you agree, reply "agree" and we will arrange it right away.`;
  }
  const what: Record<string, string> = {
    refund: `退款 ${yuan(offer.amountFen)}`,
    partial_refund: `部分退款 ${yuan(offer.amountFen)}`,
    return_and_refund: `退货退款 ${yuan(offer.amountFen)}（退货运费由我们承担）`,
    exchange: '为您换一件新的（来回运费由我们承担）',
    reship: '为您补发一件',
    coupon: `赠送 ${yuan(couponFen)} 优惠券`,
    gift: '赠送一份小礼品表示歉意',
  };
  const main = what[offer.remedy] ?? '为您处理';
  const coupon = extraCoupon ? `，另赠 ${yuan(offer.couponFen)} 优惠券` : '';
  return `您好，针对您反馈的问题，我们的处理方案是：${main}${coupon}。如您同意，请回复“同意”，我们马上为您办理。`;
}

/** Each offer with the delivery of the message that told the buyer of it, if one did. */
export async function withTold(scope: TenantScope, rows: repo.OfferRow[]): Promise<OfferWithTold[]> {
  const ids = rows.flatMap((o) => (o.toldMessageId ? [o.toldMessageId] : []));
  const found = new Map((await repo.messageDeliveries(scope, ids)).map((m) => [m.id, m] as const));
  return rows.map((offer) => {
    const m = offer.toldMessageId ? found.get(offer.toldMessageId) : undefined;
    return { offer, toldDelivery: m ? deliveryOfMessage(m.status, m.error) : null };
  });
}
