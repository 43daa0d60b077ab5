import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { findChannelCasesOfTickets } from '../ingest/channel-case-repo.js';
import type { OfferService } from '../playbooks/offer-service.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { type AffectedOrder, listAffectedOrders } from './affected-repo.js';
import { listInquiries } from './inquiries-repo.js';
import * as repo from './recall-repo.js';
import type { RecallService } from './recall-service.js';
import type { RemedyChoice } from './recall-types.js';
import { listRemediesWithSteps, ticketsOnOrder } from './remedies-repo.js';
import { remedyDelivery } from './remedy-state.js';

/** The offer each recall remedy becomes: a refund without return (the unit is unsafe to ship), an exchange, a repair. */
const OFFER_REMEDY = { refund: 'refund', exchange: 'exchange', repair: 'exchange' } as const;

export type RemedyService = ReturnType<typeof createRemedyService>;

export function createRemedyService(deps: {
  db: Db;
  clock: Clock;
  tickets: TicketService;
  offers: OfferService;
  recalls: RecallService;
}) {
  const { db, clock, tickets, offers, recalls } = deps;

  /**
   * The case that carries the remedy: the buyer's own after-sale on the platform for this order
   * (the only case a platform's refund and return APIs can act on), else the buyer's recall case on
   * this order, else a new recall case (whose refund a person then does in the platform's back office).
   */
  async function caseFor(actor: Actor, scope: TenantScope, r: repo.RecallRow, order: AffectedOrder) {
    const linked = await listInquiries(scope, r.id, 10_000);
    const candidates = [...linked.map((i) => i.ticketId), ...(r.sourceTicketId ? [r.sourceTicketId] : [])];
    const onOrder = await ticketsOnOrder(scope, order.orderId);
    const afterSales = new Set(
      (
        await findChannelCasesOfTickets(
          scope,
          onOrder.map((t) => t.id),
        )
      )
        .filter((c) => c.shopId === order.shopId && c.externalRef.startsWith('aftersale:'))
        .map((c) => c.ticketId),
    );
    const own =
      onOrder.find((t) => t.status !== 'closed' && afterSales.has(t.id)) ??
      onOrder.find((t) => candidates.includes(t.id)) ??
      onOrder.find((t) => t.kind === 'recall_inquiry');
    if (own) return own.id;
    const [created] = await tickets.createMany(actor, [
      {
        kind: 'recall_inquiry',
        channel: 'platform_message',
        subject: `召回处理：${r.title}`,
        shopId: order.shopId,
        customerId: order.customerId ?? undefined,
        orderId: order.orderId,
        severity: 'high',
      },
    ]);
    return created!.id;
  }

  return {
    /**
     * Carries out the remedy a buyer chose for one affected order: pre-approved by the campaign
     * (its budget, not a per-case limit), executed through the case's offer and the outbox.
     */
    async choose(
      actor: Actor,
      id: string,
      input: { orderId: string; remedy: RemedyChoice; note?: string | undefined },
    ) {
      const scope = scopeTo(db, actor.tenantId);
      const r = await recalls.mustFind(actor, id);
      if (r.status !== 'announced' && r.status !== 'active' && r.status !== 'closing') {
        throw new AppError('ILLEGAL_TRANSITION', `a ${r.status} recall takes no remedies`);
      }
      if (!r.remedies.includes(input.remedy)) {
        throw new AppError(
          'REMEDY_NOT_OFFERED',
          `this recall offers ${r.remedies.join(', ')}, not ${input.remedy}`,
        );
      }
      const [order] = await listAffectedOrders(scope, { kind: 'frozen', recallId: id }, null, 1, {
        orderIds: [input.orderId],
      });
      if (!order)
        throw new AppError(
          'ORDER_NOT_IN_SCOPE',
          `order ${input.orderId} is not among this recall's affected orders`,
        );
      if (await repo.findRemedyOfOrder(scope, id, order.orderId)) {
        throw new AppError('REMEDY_EXISTS', 'this order already has its remedy');
      }
      const amountFen = input.remedy === 'refund' ? order.paidFen : 0;
      // The budget counts what the remedy costs the merchant: the refund, or the unit's value for an exchange or repair.
      const cost = order.paidFen;
      if (r.budgetFen !== null) {
        const spent = await repo.remedySpentFen(scope, id);
        if (spent + cost > r.budgetFen) {
          throw new AppError(
            'RECALL_OVER_BUDGET',
            `the remedy (${cost} fen) would take the campaign over its budget (${spent} of ${r.budgetFen} fen spent)`,
          );
        }
      }
      const ticketId = await caseFor(actor, scope, r, order);
      const now = clock.now();
      // The row is reserved first: its unique key stops a second remedy for the order racing this one.
      const reserved = await repo
        .insertRemedy(scope, {
          id: newId(),
          recallId: id,
          orderId: order.orderId,
          shopId: order.shopId,
          ticketId,
          offerId: null,
          remedy: input.remedy,
          units: order.units,
          amountFen: cost,
          status: 'executing',
          returnCarrier: null,
          returnTrackingNo: null,
          returnReceivedAt: null,
          createdByName: actor.name,
          createdAt: now,
          updatedAt: now,
        })
        .catch((error: unknown) => {
          throw new AppError('REMEDY_EXISTS', 'this order already has its remedy', { cause: error });
        });
      try {
        const { offer } = await offers.acceptPreApproved(
          actor,
          ticketId,
          {
            remedy: OFFER_REMEDY[input.remedy],
            amountFen,
            orderId: order.orderId,
            note: input.note ?? (input.remedy === 'repair' ? '召回维修' : `召回：${r.title}`),
          },
          `召回「${r.title}」`,
        );
        const row = await repo.updateRemedy(scope, reserved.id, {
          offerId: offer.id,
          updatedAt: clock.now(),
        });
        await recordAudit(
          scope,
          actor,
          [
            {
              entityType: 'recall',
              entityId: id,
              action: 'recall_remedy_chosen',
              after: { orderId: order.orderId, remedy: input.remedy, offerId: offer.id, ticketId },
            },
          ],
          clock.now(),
        );
        return row;
      } catch (error) {
        await repo.deleteRemedy(scope, reserved.id);
        throw error;
      }
    },

    /** Remedies with the true delivery state of their platform steps and the order they belong to. */
    async list(actor: Actor, id: string) {
      await recalls.mustFind(actor, id);
      const rows = await listRemediesWithSteps(scopeTo(db, actor.tenantId), id);
      return rows.map((x) => ({ ...x, delivery: remedyDelivery(x.steps) }));
    },

    /** Return logistics of an exchange or repair: the parcel's carrier and number, and when it is back. */
    async trackReturn(
      actor: Actor,
      id: string,
      remedyId: string,
      input: {
        carrier?: string | undefined;
        trackingNo?: string | undefined;
        received?: boolean | undefined;
      },
    ) {
      const scope = scopeTo(db, actor.tenantId);
      await recalls.mustFind(actor, id);
      const remedy = await repo.findRemedy(scope, id, remedyId);
      if (!remedy) throw new AppError('REMEDY_NOT_FOUND', `remedy ${remedyId} not found`);
      const now = clock.now();
      const row = await repo.updateRemedy(scope, remedyId, {
        ...(input.carrier !== undefined ? { returnCarrier: input.carrier } : {}),
        ...(input.trackingNo !== undefined ? { returnTrackingNo: input.trackingNo } : {}),
        ...(input.received ? { returnReceivedAt: now, status: 'done' as const } : {}),
        updatedAt: now,
      });
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'recall',
            entityId: id,
            action: 'recall_return_tracked',
            after: { remedyId, ...input },
          },
        ],
        now,
      );
      return row;
    },
  };
}
