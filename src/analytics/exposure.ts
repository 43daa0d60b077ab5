import { fraudCompensationFen, unsafeFoodCompensationFen } from '../compliance/compensation.js';
import { isFood } from '../compliance/product-class.js';

/**
 * What one case could cost in statutory compensation: three times the price (at least ¥500) when
 * fraud is alleged (CPL art. 55), ten times (at least ¥1,000) for unsafe food (FSL art. 148). A
 * buyer claims one of them, so the larger counts.
 */
export function statutoryExposureFen(c: {
  paidFen: number;
  productCategory: string | null;
  counterfeit: boolean;
  safety: boolean;
}): number {
  const fraud = c.counterfeit ? fraudCompensationFen(c.paidFen) : 0;
  const food = c.safety && isFood(c.productCategory) ? unsafeFoodCompensationFen(c.paidFen) : 0;
  return Math.max(fraud, food);
}
