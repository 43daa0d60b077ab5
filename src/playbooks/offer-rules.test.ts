import { describe, expect, test } from 'vitest';
import {
  checkOfferTerms,
  decideOffer,
  DEFAULT_APPROVAL_LIMITS as L,
  type OfferState,
  offerCost,
  openingStatus,
  type Remedy,
  requiredRoleFor,
} from './offer-rules.js';

const order = { id: 'o1', shopId: 's1', totalFen: 199_00 };
const ctx = { ticketShopId: 's1', order };

describe('offer terms', () => {
  test.each<
    [string, Remedy, number, number, typeof ctx | { ticketShopId: string; order: null }, string | null]
  >([
    ['an exchange with a ¥10 coupon', 'exchange', 0, 10_00, ctx, null],
    ['a full refund', 'refund', 199_00, 0, ctx, null],
    ['a negative refund', 'partial_refund', -5_00, 0, ctx, 'negative_amount'],
    ['a negative coupon', 'exchange', 0, -1, ctx, 'negative_amount'],
    ['a refund over the order value', 'refund', 200_00, 0, ctx, 'over_order_value'],
    [
      'a partial refund plus coupon over the order value',
      'partial_refund',
      190_00,
      10_00,
      ctx,
      'over_order_value',
    ],
    ['a partial refund of nothing', 'partial_refund', 0, 0, ctx, 'amount_required'],
    ['an exchange with an amount', 'exchange', 5_00, 0, ctx, 'amount_not_allowed'],
    ['an apology with a coupon', 'apology_only', 0, 5_00, ctx, 'amount_not_allowed'],
    ['a refund without an order', 'refund', 10_00, 0, { ticketShopId: 's1', order: null }, 'order_required'],
    ['a coupon without an order', 'coupon', 10_00, 0, { ticketShopId: 's1', order: null }, null],
    [
      'a refund for another shop’s order',
      'refund',
      10_00,
      0,
      { ticketShopId: 's2', order },
      'order_of_another_shop',
    ],
  ])('%s → %s', (_name, remedy, amountFen, couponFen, context, expected) => {
    expect(checkOfferTerms({ remedy, amountFen, couponFen }, context)?.reason ?? null).toBe(expected);
  });
});

describe('what an offer costs the shop (approval limits weigh it)', () => {
  test.each<[string, Remedy, number, number, number]>([
    ['a partial refund: the money', 'partial_refund', 30_00, 0, 30_00],
    ['a refund plus a coupon', 'refund', 199_00, 10_00, 209_00],
    ['a reship: the goods sent again', 'reship', 0, 0, 199_00],
    ['an exchange with a coupon: the goods come back, the coupon counts', 'exchange', 0, 10_00, 10_00],
    ['a coupon: no goods leave', 'coupon', 20_00, 0, 20_00],
  ])('%s', (_name, remedy, amountFen, couponFen, expected) => {
    expect(offerCost({ remedy, amountFen, couponFen }, order.totalFen)).toBe(expected);
  });

  test('a ¥199 reship proposed by an agent waits for a supervisor', () => {
    const cost = offerCost({ remedy: 'reship', amountFen: 0, couponFen: 0 }, order.totalFen);
    expect(openingStatus('agent', cost, L)).toEqual({
      ok: true,
      status: 'awaiting_approval',
      requiredRole: 'supervisor',
    });
  });
});

describe('approval limits (agent ¥50, supervisor ¥500, admin unlimited)', () => {
  test.each([
    [0, 'agent'],
    [50_00, 'agent'],
    [50_01, 'supervisor'],
    [500_00, 'supervisor'],
    [500_01, 'admin'],
  ] as const)('%i fen needs a %s', (cost, role) => {
    expect(requiredRoleFor(cost, L)).toBe(role);
  });

  test('an agent’s offer above the limit waits for a supervisor', () => {
    expect(openingStatus('agent', 60_00, L)).toEqual({
      ok: true,
      status: 'awaiting_approval',
      requiredRole: 'supervisor',
    });
    expect(openingStatus('agent', 10_00, L)).toMatchObject({ status: 'proposed' });
  });
});

describe('negotiation moves', () => {
  const shop = (
    status: OfferState['status'],
    cost = 10_00,
    told: OfferState['told'] = 'delivered',
  ): OfferState => ({
    status,
    party: 'shop',
    cost,
    told,
  });
  const buyer = (status: OfferState['status'], cost = 199_00): OfferState => ({
    status,
    party: 'buyer',
    cost,
  });
  test.each<[string, OfferState, 'accept' | 'approve' | 'reject', 'agent' | 'supervisor' | 'admin', string]>([
    ['the buyer accepts a proposed shop offer', shop('proposed'), 'accept', 'agent', 'accepted'],
    [
      'an agent accepts a buyer’s counter within the limit',
      buyer('proposed', 30_00),
      'accept',
      'agent',
      'accepted',
    ],
    [
      'an agent accepting a ¥199 counter sends it for approval',
      buyer('proposed'),
      'accept',
      'agent',
      'awaiting_approval',
    ],
    [
      'a supervisor approves a buyer’s counter: accepted',
      buyer('awaiting_approval'),
      'approve',
      'supervisor',
      'accepted',
    ],
    [
      'a supervisor approves a shop offer: it goes to the buyer',
      shop('awaiting_approval', 80_00),
      'approve',
      'supervisor',
      'proposed',
    ],
    ['a second acceptance', shop('accepted'), 'accept', 'agent', 'already_accepted'],
    [
      'an agent cannot approve over the limit',
      buyer('awaiting_approval'),
      'approve',
      'agent',
      'over_role_limit',
    ],
    [
      'a supervisor cannot approve ¥800',
      buyer('awaiting_approval', 800_00),
      'approve',
      'supervisor',
      'over_role_limit',
    ],
    ['an admin approves ¥800', buyer('awaiting_approval', 800_00), 'approve', 'admin', 'accepted'],
    [
      'accepting an offer still waiting for approval',
      shop('awaiting_approval'),
      'accept',
      'agent',
      'not_open',
    ],
    ['approving a proposed offer', shop('proposed'), 'approve', 'supervisor', 'not_awaiting_approval'],
    ['the buyer declines', shop('proposed'), 'reject', 'agent', 'rejected'],
    [
      'an agent cannot turn down an approval',
      buyer('awaiting_approval'),
      'reject',
      'agent',
      'over_role_limit',
    ],
    ['a supervisor turns down an approval', buyer('awaiting_approval'), 'reject', 'supervisor', 'rejected'],
    ['a countered offer is closed', shop('countered'), 'accept', 'agent', 'not_open'],
    ['an offer nobody told the buyer of', shop('proposed', 10_00, null), 'accept', 'agent', 'not_told'],
    [
      'an offer whose message is on its way',
      shop('proposed', 10_00, 'pending'),
      'accept',
      'agent',
      'not_told',
    ],
    ['an offer whose message failed', shop('proposed', 10_00, 'failed'), 'accept', 'agent', 'not_told'],
    ['an offer told by phone', shop('proposed', 10_00, 'phone'), 'accept', 'agent', 'accepted'],
  ])('%s', (_name, offer, action, role, expected) => {
    const d = decideOffer(offer, action, role, L);
    expect(d.ok ? d.status : d.reason).toBe(expected);
  });
});

describe('statutory compensation: its own cap and its own approval rule', () => {
  test.each<[string, number, string | null]>([
    ['three times a ¥199 order (CPL art. 55)', 3 * 199_00, null],
    ['ten times it (FSL art. 148)', 10 * 199_00, null],
    ['more than ten times it', 10 * 199_00 + 1, 'over_statutory_cap'],
    ['the ¥1,000 minimum on a cheap order', 1000_00, null],
  ])('%s', (_name, amountFen, expected) => {
    const refusal = checkOfferTerms({ remedy: 'statutory_compensation', amountFen, couponFen: 0 }, ctx);
    expect(refusal?.reason ?? null).toBe(expected);
  });

  test('it needs the order and an amount', () => {
    const none = { ticketShopId: 's1', order: null };
    expect(
      checkOfferTerms({ remedy: 'statutory_compensation', amountFen: 500_00, couponFen: 0 }, none)?.reason,
    ).toBe('order_required');
    expect(
      checkOfferTerms({ remedy: 'statutory_compensation', amountFen: 0, couponFen: 0 }, ctx)?.reason,
    ).toBe('amount_required');
  });

  test('an agent never decides it alone, even when small; a supervisor may within the limit', () => {
    expect(openingStatus('agent', 30_00, L, 'statutory_compensation')).toMatchObject({
      status: 'awaiting_approval',
      requiredRole: 'supervisor',
    });
    expect(openingStatus('supervisor', 300_00, L, 'statutory_compensation').ok && 'proposed').toBe(
      'proposed',
    );
    expect(openingStatus('supervisor', 1990_00, L, 'statutory_compensation')).toMatchObject({
      requiredRole: 'admin',
    });
    const waiting: OfferState = {
      status: 'awaiting_approval',
      party: 'shop',
      cost: 30_00,
      remedy: 'statutory_compensation',
    };
    expect(decideOffer(waiting, 'approve', 'agent', L)).toMatchObject({
      ok: false,
      reason: 'over_role_limit',
    });
    expect(decideOffer(waiting, 'approve', 'supervisor', L)).toMatchObject({ ok: true, status: 'proposed' });
  });
});
