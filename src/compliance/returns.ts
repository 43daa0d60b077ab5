import { DateTime } from 'luxon';
import type { ProductClass } from './product-class.js';

// 《网络购买商品七日无理由退货暂行办法》(2017) art. 6: always excluded.
const ALWAYS_EXCLUDED: ReadonlySet<ProductClass> = new Set([
  'custom_made',
  'fresh_perishable',
  'digital_download',
  'audio_video_software',
  'newspaper_periodical',
]);
// Art. 7: excluded only when the buyer confirmed it at purchase.
const EXCLUDED_IF_CONFIRMED: ReadonlySet<ProductClass> = new Set([
  'hygiene_sealed',
  'activation_value_drop',
  'near_expiry_or_defective',
]);

export type GoodsCondition = 'intact' | 'not_intact' | 'unknown';

export type ReturnEligibilityInput = {
  productClass: ProductClass;
  /** The buyer confirmed at purchase that the item is not returnable without reason (art. 7). */
  buyerConfirmedExclusion: boolean;
  /** When the buyer signed for the parcel; null while in transit. */
  deliveredAt: Date | null;
  condition: GoodsCondition;
  now: Date;
  timezone: string;
};

export type ReturnEligibilityReason =
  | 'excluded_category'
  | 'excluded_confirmed_at_purchase'
  | 'not_intact'
  | 'window_passed'
  | 'not_yet_delivered'
  | 'within_window';

export type ReturnEligibility = {
  eligible: boolean;
  reason: ReturnEligibilityReason;
  /** Last moment of the 7th day after sign-for, in the shop's time zone (UTC instant). */
  deadline: Date | null;
  /** Whole days left including today (0 once passed). */
  daysLeft: number | null;
  /** The buyer still has to return the goods intact (art. 8); unknown until inspected. */
  conditionRequired: boolean;
};

/**
 * 7-day no-reason return. The 7 days run from the day after sign-for (so delivery on the 20th
 * gives until the end of the 27th, shop time); goods must be intact.
 */
export function sevenDayReturnEligibility(input: ReturnEligibilityInput): ReturnEligibility {
  const deadline = input.deliveredAt ? returnDeadline(input.deliveredAt, input.timezone) : null;
  const daysLeft = deadline ? daysLeftUntil(deadline, input.now, input.timezone) : null;
  const base = { deadline, daysLeft, conditionRequired: input.condition !== 'not_intact' };
  if (ALWAYS_EXCLUDED.has(input.productClass)) {
    return { ...base, eligible: false, reason: 'excluded_category' };
  }
  if (EXCLUDED_IF_CONFIRMED.has(input.productClass) && input.buyerConfirmedExclusion) {
    return { ...base, eligible: false, reason: 'excluded_confirmed_at_purchase' };
  }
  if (input.condition === 'not_intact') return { ...base, eligible: false, reason: 'not_intact' };
  if (!deadline) return { ...base, eligible: true, reason: 'not_yet_delivered' };
  if (input.now.getTime() > deadline.getTime()) {
    return { ...base, eligible: false, reason: 'window_passed' };
  }
  return { ...base, eligible: true, reason: 'within_window' };
}

export function returnDeadline(deliveredAt: Date, timezone: string): Date {
  return DateTime.fromJSDate(deliveredAt, { zone: timezone })
    .startOf('day')
    .plus({ days: 7 })
    .endOf('day')
    .toJSDate();
}

function daysLeftUntil(deadline: Date, now: Date, timezone: string): number {
  if (now.getTime() > deadline.getTime()) return 0;
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const last = DateTime.fromJSDate(deadline, { zone: timezone }).startOf('day');
  return Math.round(last.diff(today, 'days').days) + 1;
}
