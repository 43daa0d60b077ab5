export type PricePoint = { priceFen: number; at: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The price a discount may be measured from (SAMR, 《规范促销行为暂行规定》, and the older NDRC
 * reading of the price-fraud rules): the lowest price actually charged in the `days` before the
 * promotion starts, or the last price charged before it when nothing sold in the window; null
 * when nothing was ever charged.
 */
export function lowestChargedBefore(
  charged: PricePoint[],
  promotionStart: Date,
  days: number,
): { priceFen: number; basis: 'window_lowest' | 'last_before' } | null {
  const start = promotionStart.getTime();
  const from = start - days * DAY_MS;
  let lowest: number | null = null;
  let last: PricePoint | null = null;
  for (const p of charged) {
    const at = p.at.getTime();
    if (at >= start) continue;
    if (at >= from && (lowest === null || p.priceFen < lowest)) lowest = p.priceFen;
    if (!last || at > last.at.getTime()) last = p;
  }
  if (lowest !== null) return { priceFen: lowest, basis: 'window_lowest' };
  return last ? { priceFen: last.priceFen, basis: 'last_before' } : null;
}
