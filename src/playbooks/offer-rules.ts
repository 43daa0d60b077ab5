import type { Role } from '../auth/roles.js';

export const REMEDIES = [
  'refund',
  'return_and_refund',
  'exchange',
  'reship',
  'partial_refund',
  'coupon',
  'gift',
  'apology_only',
  // 退一赔三 (CPL art. 55) or 赔十 (FSL art. 148): above the order value by design, so it has its own
  // cap and its own approval rule instead of the order-value check.
  'statutory_compensation',
] as const;
export type Remedy = (typeof REMEDIES)[number];

export const OFFER_STATUSES = [
  'awaiting_approval',
  'proposed',
  'countered',
  'accepted',
  'rejected',
  'withdrawn',
] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type Party = 'shop' | 'buyer';

/** Fen per role; null is unlimited. */
export type ApprovalLimits = Record<Role, number | null>;
export const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = { agent: 50_00, supervisor: 500_00, admin: null };

// Remedies whose amount is money (or money's worth) going to the buyer.
const AMOUNT_REQUIRED: ReadonlySet<Remedy> = new Set([
  'partial_refund',
  'coupon',
  'gift',
  'statutory_compensation',
]);

/**
 * The most statutory compensation can be: ten times the price (FSL art. 148) or the statutory
 * minimum where that is more (¥1,000 under FSL art. 148; ¥500 under CPL art. 55).
 */
export const statutoryCapFen = (orderFen: number): number => Math.max(10 * orderFen, 1000_00);

/** Statutory compensation is never an agent's own decision: a supervisor at least approves it. */
export function statutoryApprover(cost: number, limits: ApprovalLimits): Role {
  const byLimit = requiredRoleFor(cost, limits);
  return byLimit === 'agent' ? 'supervisor' : byLimit;
}
const RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };
const AMOUNT_FORBIDDEN: ReadonlySet<Remedy> = new Set(['exchange', 'reship', 'apology_only']);
export const NEEDS_ORDER: ReadonlySet<Remedy> = new Set([
  'refund',
  'return_and_refund',
  'partial_refund',
  'exchange',
  'reship',
  'statutory_compensation',
]);

export type OfferTerms = {
  remedy: Remedy;
  amountFen: number;
  couponFen: number;
};

export type OfferContext = {
  ticketShopId: string | null;
  order: { id: string; shopId: string; totalFen: number } | null;
};

export type OfferRefusal =
  | { reason: 'negative_amount'; message: string }
  | { reason: 'amount_required'; message: string }
  | { reason: 'amount_not_allowed'; message: string }
  | { reason: 'order_required'; message: string }
  | { reason: 'order_of_another_shop'; message: string }
  | { reason: 'over_order_value'; message: string; costFen: number; orderFen: number }
  | { reason: 'over_statutory_cap'; message: string; costFen: number; orderFen: number };

// Goods sent again with nothing coming back (reship) cost the shop their value as much as money
// does. An exchange takes the goods back, as a return and refund does (whose returned goods are not
// netted either), so only its coupon counts: counting its goods would price an exchange above a
// full refund of the same order.
const SENDS_GOODS: ReadonlySet<Remedy> = new Set(['reship']);

/**
 * What the shop would give, as approval limits weigh it: the money (refund, coupon, gift value) plus
 * any add-on coupon, plus the goods' value (`goodsFen`, the order's) when goods go out for good.
 */
export const offerCost = (t: OfferTerms, goodsFen = 0): number =>
  t.amountFen + t.couponFen + (SENDS_GOODS.has(t.remedy) ? goodsFen : 0);

/** Full refunds default to the order's value. */
export function resolveAmount(terms: OfferTerms, ctx: OfferContext): OfferTerms {
  if (
    (terms.remedy === 'refund' || terms.remedy === 'return_and_refund') &&
    terms.amountFen === 0 &&
    ctx.order
  ) {
    return { ...terms, amountFen: ctx.order.totalFen };
  }
  return terms;
}

/** Checks an offer's terms against the case; returns the refusal or null. */
export function checkOfferTerms(t: OfferTerms, ctx: OfferContext): OfferRefusal | null {
  if (t.amountFen < 0 || t.couponFen < 0) {
    return { reason: 'negative_amount', message: 'amounts cannot be negative' };
  }
  if (AMOUNT_REQUIRED.has(t.remedy) && t.amountFen === 0) {
    return { reason: 'amount_required', message: `a ${t.remedy} offer needs an amount (amountFen)` };
  }
  if (AMOUNT_FORBIDDEN.has(t.remedy) && t.amountFen !== 0) {
    return {
      reason: 'amount_not_allowed',
      message: `a ${t.remedy} offer carries no amount; add a coupon with couponFen`,
    };
  }
  if (t.remedy === 'apology_only' && t.couponFen !== 0) {
    return { reason: 'amount_not_allowed', message: 'an apology-only offer carries no coupon' };
  }
  if (NEEDS_ORDER.has(t.remedy) && !ctx.order) {
    return { reason: 'order_required', message: `a ${t.remedy} offer needs the case's order` };
  }
  if (ctx.order && ctx.ticketShopId && ctx.order.shopId !== ctx.ticketShopId) {
    return { reason: 'order_of_another_shop', message: 'the order belongs to another shop than the case' };
  }
  if (t.remedy === 'statutory_compensation' && ctx.order) {
    const cap = statutoryCapFen(ctx.order.totalFen);
    if (offerCost(t) <= cap) return null;
    return {
      reason: 'over_statutory_cap',
      message: `statutory compensation (${yuan(offerCost(t))}) is at most ten times the price or the statutory minimum (${yuan(cap)})`,
      costFen: offerCost(t),
      orderFen: ctx.order.totalFen,
    };
  }
  if (ctx.order && offerCost(t) > ctx.order.totalFen) {
    return {
      reason: 'over_order_value',
      message: `the offer (${yuan(offerCost(t))}) is more than the order's value (${yuan(ctx.order.totalFen)})`,
      costFen: offerCost(t),
      orderFen: ctx.order.totalFen,
    };
  }
  return null;
}

export const limitOf = (role: Role, limits: ApprovalLimits): number | null => limits[role];

/** Fen as the merchant reads money: ¥90.00. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

export function withinLimit(role: Role, cost: number, limits: ApprovalLimits): boolean {
  const limit = limitOf(role, limits);
  return limit === null || cost <= limit;
}

/** The least role whose limit covers the cost (admin when none does). */
export function requiredRoleFor(cost: number, limits: ApprovalLimits): Role {
  for (const role of ['agent', 'supervisor', 'admin'] as const) {
    if (withinLimit(role, cost, limits)) return role;
  }
  return 'admin';
}

/**
 * Whether the buyer has heard of a shop offer: its message reached them (`delivered`), an agent
 * told them by phone (`phone`), its message is still on its way (`pending`) or did not go out
 * (`failed`), or nobody told them (`null`).
 */
export type OfferTold = 'delivered' | 'phone' | 'pending' | 'failed' | null;
export type OfferState = {
  status: OfferStatus;
  party: Party;
  cost: number;
  told?: OfferTold;
  remedy?: Remedy;
};
export type OfferAction = 'accept' | 'approve' | 'reject';
export type OfferDecision =
  | { ok: true; status: OfferStatus; requiredRole: Role | null }
  | {
      ok: false;
      reason: 'already_accepted' | 'not_open' | 'not_awaiting_approval' | 'over_role_limit' | 'not_told';
      message: string;
      costFen?: number;
      limitFen?: number;
      requiredRole?: Role;
    };

/** Where a new offer starts: within the proposer's limit it goes to the other party, above it waits. */
export function openingStatus(
  role: Role,
  cost: number,
  limits: ApprovalLimits,
  remedy?: Remedy,
): OfferDecision {
  if (remedy === 'statutory_compensation') {
    const approver = statutoryApprover(cost, limits);
    return RANK[role] >= RANK[approver]
      ? { ok: true, status: 'proposed', requiredRole: null }
      : { ok: true, status: 'awaiting_approval', requiredRole: approver };
  }
  if (withinLimit(role, cost, limits)) return { ok: true, status: 'proposed', requiredRole: null };
  return { ok: true, status: 'awaiting_approval', requiredRole: requiredRoleFor(cost, limits) };
}

/**
 * The negotiation's moves. A shop offer is accepted by the buyer; a buyer's offer is accepted by
 * the shop, which needs the acceptor's limit (else it waits for approval, and the approval is the
 * acceptance). An approved shop offer goes to the buyer.
 */
export function decideOffer(
  offer: OfferState,
  action: OfferAction,
  role: Role,
  limits: ApprovalLimits,
): OfferDecision {
  if (offer.status === 'accepted') {
    return { ok: false, reason: 'already_accepted', message: 'this offer was already accepted' };
  }
  switch (action) {
    case 'accept':
      if (offer.status !== 'proposed') {
        return { ok: false, reason: 'not_open', message: `a ${offer.status} offer cannot be accepted` };
      }
      // The buyer cannot accept what never reached them.
      if (offer.party === 'shop' && offer.told !== 'delivered' && offer.told !== 'phone') {
        return { ok: false, reason: 'not_told', message: notToldMessage(offer.told ?? null) };
      }
      if (offer.party === 'buyer' && !withinLimit(role, offer.cost, limits)) {
        return { ok: true, status: 'awaiting_approval', requiredRole: requiredRoleFor(offer.cost, limits) };
      }
      return { ok: true, status: 'accepted', requiredRole: null };
    case 'approve':
      if (offer.status !== 'awaiting_approval') {
        return {
          ok: false,
          reason: 'not_awaiting_approval',
          message: `a ${offer.status} offer is not waiting for approval`,
        };
      }
      if (offer.remedy === 'statutory_compensation') {
        const approver = statutoryApprover(offer.cost, limits);
        if (RANK[role] < RANK[approver]) {
          return {
            ok: false,
            reason: 'over_role_limit',
            message: `statutory compensation (${yuan(offer.cost)}) needs a ${approver}`,
            costFen: offer.cost,
            limitFen: limitOf(role, limits) ?? 0,
            requiredRole: approver,
          };
        }
      } else if (!withinLimit(role, offer.cost, limits)) {
        const limit = limitOf(role, limits);
        return {
          ok: false,
          reason: 'over_role_limit',
          message: `the offer (${yuan(offer.cost)}) is over the ${role} limit (${yuan(limit ?? 0)}); it needs a ${requiredRoleFor(offer.cost, limits)}`,
          costFen: offer.cost,
          limitFen: limit ?? 0,
          requiredRole: requiredRoleFor(offer.cost, limits),
        };
      }
      return { ok: true, status: offer.party === 'shop' ? 'proposed' : 'accepted', requiredRole: null };
    case 'reject':
      if (offer.status !== 'proposed' && offer.status !== 'awaiting_approval') {
        return { ok: false, reason: 'not_open', message: `a ${offer.status} offer cannot be rejected` };
      }
      if (offer.status === 'awaiting_approval' && role === 'agent') {
        return {
          ok: false,
          reason: 'over_role_limit',
          message: 'only a supervisor or admin can turn down an offer awaiting approval',
        };
      }
      return { ok: true, status: 'rejected', requiredRole: null };
  }
}

function notToldMessage(told: OfferTold): string {
  switch (told) {
    case 'pending':
      return 'the offer has not reached the buyer yet: wait until its message is delivered';
    case 'failed':
      return 'the offer’s message did not reach the buyer: send it again or tell the buyer by phone';
    default:
      return 'the buyer has not been told of this offer: send it to the buyer or record that they were told by phone';
  }
}

/** A shop offer can be told to the buyer once it is open (an offer waiting for approval is not promised yet). */
export function canTell(offer: { status: OfferStatus; party: Party }): boolean {
  return offer.party === 'shop' && offer.status === 'proposed';
}

/** A counter-offer answers an open offer; it comes from the other party. */
export function counterParty(offer: { status: OfferStatus; party: Party }): Party | OfferDecision {
  if (offer.status === 'accepted') {
    return { ok: false, reason: 'already_accepted', message: 'this offer was already accepted' };
  }
  if (offer.status !== 'proposed' && offer.status !== 'awaiting_approval') {
    return { ok: false, reason: 'not_open', message: `a ${offer.status} offer cannot be countered` };
  }
  return offer.party === 'shop' ? 'buyer' : 'shop';
}
