import { DateTime } from 'luxon';

/**
 * UNCERTAIN (platforms.md): the platform sets the price-protection window per promotion; we make
 * it a per-shop setting, 30 days by default.
 */
export const DEFAULT_PRICE_PROTECTION_DAYS = 30;

export type PriceProtectionInput = {
  paidUnitFen: number;
  /** The listing price now (Douyin's check_price against standard_price). */
  currentUnitFen: number | null;
  quantity: number;
  paidAt: Date | null;
  now: Date;
  windowDays: number;
  timezone: string;
};

export type PriceProtection = {
  applies: boolean;
  reason: 'price_dropped_within_window' | 'no_price_drop' | 'window_passed' | 'unknown_price' | 'not_paid';
  differenceFen: number;
  windowEndsAt: Date | null;
};

/** Price protection (价保): the difference, times the quantity, when the price dropped within the window. */
export function priceProtectionDifference(input: PriceProtectionInput): PriceProtection {
  if (!input.paidAt) return { applies: false, reason: 'not_paid', differenceFen: 0, windowEndsAt: null };
  const windowEndsAt = DateTime.fromJSDate(input.paidAt, { zone: input.timezone })
    .startOf('day')
    .plus({ days: input.windowDays })
    .endOf('day')
    .toJSDate();
  if (input.currentUnitFen === null) {
    return { applies: false, reason: 'unknown_price', differenceFen: 0, windowEndsAt };
  }
  if (input.now.getTime() > windowEndsAt.getTime()) {
    return { applies: false, reason: 'window_passed', differenceFen: 0, windowEndsAt };
  }
  const perUnit = input.paidUnitFen - input.currentUnitFen;
  if (perUnit <= 0) return { applies: false, reason: 'no_price_drop', differenceFen: 0, windowEndsAt };
  return {
    applies: true,
    reason: 'price_dropped_within_window',
    differenceFen: perUnit * Math.max(input.quantity, 0),
    windowEndsAt,
  };
}
