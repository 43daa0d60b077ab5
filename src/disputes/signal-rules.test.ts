import { describe, expect, test } from 'vitest';
import { disputeTypeOf, outcomeOfDecision } from './signal-rules.js';

describe('platform interventions as disputes', () => {
  test.each([
    ['counterfeit_suspected', 'refund_only', 'counterfeit'],
    ['quality_defect', 'return_refund', 'quality'],
    ['damaged_in_transit', null, 'quality'],
    ['not_as_described', 'return_refund', 'not_as_described'],
    ['logistics_delay', 'refund_only', 'not_received'],
    [null, 'refund_before_shipment', 'not_received'],
    [null, 'refund_only', 'refund'],
    ['service_attitude', null, 'refund'],
  ])('category %s, after-sale %s → %s', (category, afterSale, type) => {
    expect(disputeTypeOf(category, afterSale)).toBe(type);
  });

  test.each([
    ['seller', 'won'],
    ['buyer', 'lost'],
    [null, null],
  ] as const)('decided for the %s → %s', (winner, outcome) => {
    expect(outcomeOfDecision(winner)).toBe(outcome);
  });
});
