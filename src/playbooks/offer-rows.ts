import type { Actor } from '../auth/roles.js';
import type { OfferTerms } from './offer-rules.js';

/** The shop's opening offer of a new negotiation, before its status says who must act on it. */
export function firstShopOffer(o: {
  id: string;
  ticketId: string;
  terms: OfferTerms;
  orderId: string | undefined;
  shopId: string | null;
  note: string | undefined;
  actor: Actor;
  now: Date;
}) {
  return {
    id: o.id,
    ticketId: o.ticketId,
    negotiationId: o.id,
    round: 1,
    parentId: null,
    party: 'shop' as const,
    remedy: o.terms.remedy,
    amountFen: o.terms.amountFen,
    couponFen: o.terms.couponFen,
    returnShippingPaid: o.terms.remedy === 'return_and_refund' || o.terms.remedy === 'exchange',
    orderId: o.orderId ?? null,
    shopId: o.shopId,
    note: o.note ?? null,
    proposedBy: o.actor.id,
    proposedByName: o.actor.name,
    createdAt: o.now,
    updatedAt: o.now,
  };
}
