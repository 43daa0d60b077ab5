import type { DisputeOutcome, DisputeType } from '../db/schema/disputes.js';

/**
 * The dispute type of a platform intervention, from the case's complaint category (triage) and the
 * after-sale type: a buyer who says the goods are fake is a counterfeit dispute, and so on; an
 * intervention in a plain refund is a refund dispute.
 */
export function disputeTypeOf(category: string | null, afterSaleType: string | null): DisputeType {
  switch (category) {
    case 'counterfeit_suspected':
      return 'counterfeit';
    case 'quality_defect':
    case 'damaged_in_transit':
    case 'safety_hazard':
      return 'quality';
    case 'not_as_described':
    case 'wrong_or_missing_item':
      return 'not_as_described';
    case 'logistics_delay':
      return 'not_received';
    default:
      return afterSaleType === 'refund_before_shipment' ? 'not_received' : 'refund';
  }
}

/** A platform's decision as our outcome: for the seller we won, for the buyer we lost. */
export function outcomeOfDecision(winner: 'buyer' | 'seller' | null | undefined): DisputeOutcome | null {
  if (winner === 'seller') return 'won';
  if (winner === 'buyer') return 'lost';
  return null;
}
