/** Consumer Protection Law art. 55(1): fraud → extra compensation of three times the price, at least ¥500. */
export function fraudCompensationFen(pricePaidFen: number): number {
  if (pricePaidFen <= 0) return 0;
  return Math.max(3 * pricePaidFen, 500_00);
}

/**
 * Food Safety Law art. 148(2): food below safety standards → ten times the price or three times
 * the loss, whichever the buyer claims (we show the larger), at least ¥1,000. Label flaws that
 * affect neither safety nor understanding do not count (the caller decides `labelFlawOnly`).
 */
export function unsafeFoodCompensationFen(pricePaidFen: number, lossFen = 0, labelFlawOnly = false): number {
  if (labelFlawOnly || pricePaidFen <= 0) return 0;
  return Math.max(10 * pricePaidFen, 3 * Math.max(lossFen, 0), 1_000_00);
}
