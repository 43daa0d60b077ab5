import type { TenantScope } from '../db/tenant-scope.js';
import { AppError, type AppErrorCode } from '../shared/app-error.js';
import * as catalog from '../tickets/catalog-repo.js';
import { loadCase } from './case-values.js';
import { checkOfferTerms, type OfferRefusal, type Remedy, resolveAmount } from './offer-rules.js';
import { Refusal } from './refusal.js';

export type OfferInput = {
  remedy: Remedy;
  amountFen?: number | undefined;
  couponFen?: number | undefined;
  orderId?: string | undefined;
  note?: string | undefined;
};

const REFUSAL_CODE: Record<OfferRefusal['reason'], AppErrorCode> = {
  negative_amount: 'VALIDATION_FAILED',
  amount_required: 'VALIDATION_FAILED',
  amount_not_allowed: 'VALIDATION_FAILED',
  order_required: 'OFFER_REFUSED',
  order_of_another_shop: 'OFFER_REFUSED',
  over_order_value: 'OFFER_REFUSED',
  over_statutory_cap: 'OFFER_REFUSED',
};

/** Checks the terms against the case's order; refusals name the reason and are audited. */
export async function termsFor(scope: TenantScope, ticketId: string, input: OfferInput) {
  const c = await loadCase(scope, ticketId);
  if (!c) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
  const orderId = input.orderId ?? c.ticket.orderId;
  const order = orderId ? await catalog.findOrder(scope, orderId) : undefined;
  if (orderId && !order) {
    throw new Refusal(
      'ORDER_NOT_FOUND',
      `order ${orderId} not found`,
      { type: 'ticket', id: ticketId },
      {
        orderId,
        remedy: input.remedy,
      },
    );
  }
  const ctx = {
    ticketShopId: c.ticket.shopId,
    order: order ? { id: order.id, shopId: order.shopId, totalFen: order.totalFen } : null,
  };
  const terms = resolveAmount(
    { remedy: input.remedy, amountFen: input.amountFen ?? 0, couponFen: input.couponFen ?? 0 },
    ctx,
  );
  const refusal = checkOfferTerms(terms, ctx);
  if (refusal) {
    throw new Refusal(
      REFUSAL_CODE[refusal.reason],
      refusal.message,
      { type: 'ticket', id: ticketId },
      {
        refusal: refusal.reason,
        ...(refusal.reason === 'over_order_value' || refusal.reason === 'over_statutory_cap'
          ? { costFen: refusal.costFen, orderFen: refusal.orderFen }
          : {}),
        remedy: terms.remedy,
        amountFen: terms.amountFen,
        couponFen: terms.couponFen,
        orderId: order?.id ?? null,
      },
    );
  }
  return { c, terms, order };
}
