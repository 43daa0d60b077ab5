import { describe, expect, test } from 'vitest';
import { judgePrice, overstatedReference, type PriceFloor } from './price-rules.js';

const floors: PriceFloor[] = [
  { sku: 'SY-01', authorisationId: null, minPriceFen: 29900 },
  { sku: 'SY-01', authorisationId: 'auth-a', minPriceFen: 27900 },
];

describe('minimum advertised price', () => {
  test.each([
    [
      'an authorised reseller below its own floor',
      26900,
      'authorised',
      'auth-a',
      'below_floor',
      'warn_reseller',
      27900,
    ],
    ['an authorised reseller at its own floor', 27900, 'authorised', 'auth-a', 'ok', null, 27900],
    ['an unauthorised seller below the floor', 19900, 'unauthorised', null, 'below_floor', 'complain', 29900],
    ['our own shop below the floor', 19900, 'own_shop', null, 'ok', null, 29900],
    [
      'another reseller falls back to the floor for all',
      28900,
      'authorised',
      'auth-b',
      'below_floor',
      'warn_reseller',
      29900,
    ],
  ] as const)('%s', (_n, priceFen, standing, authorisationId, state, action, floorFen) => {
    expect(judgePrice({ priceFen, sku: 'SY-01', standing, authorisationId, floors })).toMatchObject({
      state,
      action,
      floorFen,
    });
  });

  test('no floor for the SKU, or no price', () => {
    expect(
      judgePrice({ priceFen: 100, sku: 'X', standing: 'unauthorised', authorisationId: null, floors }).state,
    ).toBe('no_floor');
    expect(
      judgePrice({ priceFen: null, sku: 'SY-01', standing: 'unauthorised', authorisationId: null, floors })
        .state,
    ).toBe('no_price');
  });
});

describe('an overstated 原价', () => {
  const at = new Date('2026-06-10T00:00:00Z');
  const seen = [
    { priceFen: 19900, at: new Date('2026-06-05T00:00:00Z') },
    { priceFen: 21900, at: new Date('2026-06-08T00:00:00Z') },
  ];
  test.each([
    ['原价 above every price seen in 7 days', 39900, seen, { lowestFen: 19900, overstatedByFen: 20000 }],
    ['原价 at the lowest price seen', 19900, seen, null],
    ['no 原价 shown', null, seen, null],
    ['never seen before', 39900, [], null],
  ] as const)('%s', (_n, reference, observed, expected) => {
    expect(overstatedReference(reference, [...observed], at)).toEqual(expected);
  });
});
