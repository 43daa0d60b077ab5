import { lowestChargedBefore, type PricePoint } from '../quality/reference-price.js';

export type PriceFloor = { sku: string; authorisationId: string | null; minPriceFen: number };

/** The reseller's own floor for the SKU where it has one, else the floor for every seller. */
export function floorFor(
  floors: PriceFloor[],
  sku: string,
  authorisationId: string | null,
): PriceFloor | null {
  const ofSku = floors.filter((f) => f.sku === sku);
  return (
    (authorisationId ? ofSku.find((f) => f.authorisationId === authorisationId) : undefined) ??
    ofSku.find((f) => f.authorisationId === null) ??
    null
  );
}

export type SellerStanding = 'authorised' | 'own_shop' | 'unauthorised';
export type PriceAction = 'warn_reseller' | 'complain' | null;
export type PriceJudgement = {
  state: 'ok' | 'below_floor' | 'no_floor' | 'no_price';
  floorFen: number | null;
  gapFen: number;
  /**
   * What to do with a listing below the floor: an authorised reseller gets a warning (its
   * contract is the lever); an unauthorised seller can become a complaint, but only on an IP
   * ground (its images, the mark on fakes): selling genuine goods cheaply infringes nothing.
   */
  action: PriceAction;
};

export function judgePrice(input: {
  priceFen: number | null;
  sku: string | null;
  standing: SellerStanding;
  authorisationId: string | null;
  floors: PriceFloor[];
}): PriceJudgement {
  if (input.priceFen === null) return { state: 'no_price', floorFen: null, gapFen: 0, action: null };
  const floor = input.sku ? floorFor(input.floors, input.sku, input.authorisationId) : null;
  if (!floor) return { state: 'no_floor', floorFen: null, gapFen: 0, action: null };
  if (input.priceFen >= floor.minPriceFen || input.standing === 'own_shop') {
    return { state: 'ok', floorFen: floor.minPriceFen, gapFen: 0, action: null };
  }
  return {
    state: 'below_floor',
    floorFen: floor.minPriceFen,
    gapFen: floor.minPriceFen - input.priceFen,
    action: input.standing === 'authorised' ? 'warn_reseller' : 'complain',
  };
}

/**
 * A struck-through "原价" above every price the listing was seen at in the 7 days before: under
 * SAMR's 《规范促销行为暂行规定》 (2020) a discount is measured from the lowest price actually charged
 * in those 7 days, so the shown discount is overstated — a point for a complaint or a warning.
 * Observed prices stand in for charged prices (we see the page, not the sales).
 */
export function overstatedReference(
  referencePriceFen: number | null,
  observed: PricePoint[],
  at: Date,
): { lowestFen: number; overstatedByFen: number } | null {
  if (referencePriceFen === null) return null;
  const lowest = lowestChargedBefore(observed, at, 7);
  if (!lowest || referencePriceFen <= lowest.priceFen) return null;
  return { lowestFen: lowest.priceFen, overstatedByFen: referencePriceFen - lowest.priceFen };
}
