import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError, type AppErrorCode } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import * as catalog from '../tickets/catalog-repo.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { TicketStatus } from '../tickets/ticket-types.js';
import { caseLocale, loadCase } from './case-values.js';
import { createSteps } from './execution.js';
import { planExecution } from './execution-plan.js';
import { pickCategory } from './next-step.js';
import { firstShopOffer } from './offer-rows.js';
import {
  type ApprovalLimits,
  canTell,
  counterParty,
  decideOffer,
  type OfferAction,
  offerCost,
  openingStatus,
  type Remedy,
} from './offer-rules.js';
import { offerText, toldState, withTold } from './offer-telling.js';
import { type OfferInput, termsFor } from './offer-terms.js';
import { markStepDone } from './playbook-service.js';
import * as repo from './playbooks-repo.js';
import { auditRefusals, Refusal } from './refusal.js';
import { ensureSeeded } from './seed.js';

const DECISION_CODE = {
  already_accepted: 'OFFER_ALREADY_ACCEPTED',
  not_open: 'ILLEGAL_TRANSITION',
  not_awaiting_approval: 'ILLEGAL_TRANSITION',
  over_role_limit: 'OFFER_OVER_LIMIT',
  not_told: 'OFFER_NOT_TOLD',
} as const satisfies Record<string, AppErrorCode>;

export type OfferService = ReturnType<typeof createOfferService>;

export function createOfferService({ db, clock, tickets }: { db: Db; clock: Clock; tickets: TicketService }) {
  const base = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function limitsOf(scope: TenantScope): Promise<ApprovalLimits> {
    return (await ensureSeeded(scope, clock.now())).approvalLimits;
  }

  /** Moves the case along when the negotiation does; a case already further on stays where it is. */
  async function moveTicket(actor: Actor, ticketId: string, status: TicketStatus) {
    const { ticket } = await tickets.get(actor, ticketId);
    if (ticket.status === status || ticket.status === 'closed') return;
    try {
      await tickets.changeStatus(actor, ticketId, { status });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'ILLEGAL_TRANSITION')) throw error;
    }
  }

  async function markOfferStep(scope: TenantScope, actor: Actor, ticketId: string, categories: string[]) {
    const run = await repo.findRun(scope, ticketId);
    const all = await repo.listPlaybooks(scope);
    const playbook =
      (run && all.find((p) => p.id === run.playbookId)) ??
      all.find((p) => p.category === pickCategory(categories, new Set(all.map((x) => x.category))));
    const step = playbook?.steps.find((s) => s.action === 'offer');
    if (playbook && step) await markStepDone(scope, actor, ticketId, playbook, step.key, clock.now());
  }

  const audit = (scope: TenantScope, actor: Actor, offer: repo.OfferRow, action: string, extra = {}) =>
    recordAudit(
      scope,
      actor,
      [
        {
          entityType: 'ticket',
          entityId: offer.ticketId,
          action,
          after: {
            offerId: offer.id,
            round: offer.round,
            party: offer.party,
            remedy: offer.remedy,
            amountFen: offer.amountFen,
            couponFen: offer.couponFen,
            status: offer.status,
            ...extra,
          },
        },
      ],
      clock.now(),
    );

  async function mustOffer(scope: TenantScope, id: string, lock = false) {
    const offer = lock ? await repo.lockOffer(scope, id) : await repo.findOffer(scope, id);
    if (!offer) throw new AppError('OFFER_NOT_FOUND', `offer ${id} not found`);
    return offer;
  }

  /** Writes the execution steps and follow-up tasks of an accepted offer. */
  async function execute(scope: TenantScope, actor: Actor, offer: repo.OfferRow, now: Date) {
    const c = await loadCase(scope, offer.ticketId);
    const order = offer.orderId ? await catalog.findOrder(scope, offer.orderId) : undefined;
    const steps = planExecution(
      {
        remedy: offer.remedy as Remedy,
        amountFen: offer.amountFen,
        couponFen: offer.couponFen,
        returnShippingPaid: offer.returnShippingPaid,
        orderId: offer.orderId,
        orderExternalId: order?.externalId ?? null,
      },
      now,
    );
    await repo.withdrawOpenOffers(scope, offer.ticketId, offer.id, now);
    return createSteps(
      scope,
      actor,
      {
        ticketId: offer.ticketId,
        shopId: c?.ticket.shopId ?? null,
        offerId: offer.id,
        assigneeId: c?.ticket.assigneeId ?? (actor.type === 'user' ? actor.id : null),
      },
      steps,
      now,
    );
  }

  return {
    async list(actor: Actor, ticketId: string) {
      const scope = base(actor);
      if (!(await loadCase(scope, ticketId)))
        throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
      return withTold(scope, await repo.listOffers(scope, ticketId));
    },

    async get(actor: Actor, id: string) {
      const scope = base(actor);
      return (await withTold(scope, [await mustOffer(scope, id)]))[0]!;
    },

    /** The shop proposes a remedy; above the proposer's limit it waits for approval. */
    async create(actor: Actor, ticketId: string, input: OfferInput) {
      const scope = base(actor);
      const limits = await limitsOf(scope);
      const offer = await auditRefusals(scope, actor, clock.now, 'offer', async () => {
        const { c, terms, order } = await termsFor(scope, ticketId, input);
        const opening = openingStatus(actor.role, offerCost(terms, order?.totalFen), limits, terms.remedy);
        if (!opening.ok) throw new Error('unreachable');
        const now = clock.now();
        const id = newId();
        return scope.transaction(async (tx) => {
          const row = await repo.insertOffer(tx, {
            ...firstShopOffer({
              id,
              ticketId,
              terms,
              orderId: order?.id,
              shopId: c.ticket.shopId,
              note: input.note,
              actor,
              now,
            }),
            status: opening.status,
            requiredRole: opening.requiredRole,
          });
          await audit(tx, actor, row, 'offer_created');
          await markOfferStep(tx, actor, ticketId, c.ticket.categories);
          return row;
        });
      });
      if (offer.status === 'proposed') await moveTicket(actor, ticketId, 'resolution_proposed');
      return offer;
    },

    /** A counter-offer answers an open offer from the other side (the buyer's, recorded by an agent). */
    async counter(actor: Actor, id: string, input: OfferInput) {
      const scope = base(actor);
      const limits = await limitsOf(scope);
      const previous = await mustOffer(scope, id);
      const offer = await auditRefusals(scope, actor, clock.now, 'offer_counter', async () => {
        const { c, terms, order } = await termsFor(scope, previous.ticketId, {
          ...input,
          orderId: input.orderId ?? previous.orderId ?? undefined,
        });
        const now = clock.now();
        return scope.transaction(async (tx) => {
          const parent = await mustOffer(tx, id, true);
          const party = counterParty(parent);
          if (typeof party !== 'string') {
            if (party.ok) throw new Error('unreachable');
            throw new Refusal(
              DECISION_CODE[party.reason],
              party.message,
              { type: 'ticket', id: parent.ticketId },
              {
                offerId: parent.id,
                status: parent.status,
              },
            );
          }
          const opening = openingStatus(actor.role, offerCost(terms, order?.totalFen), limits, terms.remedy);
          if (!opening.ok) throw new Error('unreachable');
          await repo.updateOffer(tx, parent.id, { status: 'countered', updatedAt: now });
          const row = await repo.insertOffer(tx, {
            id: newId(),
            ticketId: parent.ticketId,
            negotiationId: parent.negotiationId,
            round: parent.round + 1,
            parentId: parent.id,
            party,
            remedy: terms.remedy,
            amountFen: terms.amountFen,
            couponFen: terms.couponFen,
            returnShippingPaid: terms.remedy === 'return_and_refund' || terms.remedy === 'exchange',
            orderId: order?.id ?? null,
            shopId: c.ticket.shopId,
            note: input.note ?? null,
            status: opening.status,
            requiredRole: opening.requiredRole,
            proposedBy: actor.id,
            proposedByName:
              party === 'buyer' ? `${c.customer?.name ?? 'buyer'} (via ${actor.name})` : actor.name,
            createdAt: now,
            updatedAt: now,
          });
          await audit(tx, actor, row, 'offer_countered', { parentId: parent.id });
          return row;
        });
      });
      return offer;
    },

    /** accept | approve | reject: the moves of offer-rules.ts, with execution on acceptance. */
    async decide(actor: Actor, id: string, action: OfferAction, reason?: string) {
      const scope = base(actor);
      const limits = await limitsOf(scope);
      const found = await mustOffer(scope, id);
      const result = await auditRefusals(scope, actor, clock.now, `offer_${action}`, () =>
        scope.transaction(async (tx) => {
          const offer = await mustOffer(tx, id, true);
          const goods = offer.orderId ? await catalog.findOrder(tx, offer.orderId) : undefined;
          const [told] = await withTold(tx, [offer]);
          const decision = decideOffer(
            {
              status: offer.status,
              party: offer.party,
              cost: offerCost({ ...offer, remedy: offer.remedy as Remedy }, goods?.totalFen),
              told: toldState(offer, told!.toldDelivery),
              remedy: offer.remedy as Remedy,
            },
            action,
            actor.role,
            limits,
          );
          if (!decision.ok) {
            throw new Refusal(
              DECISION_CODE[decision.reason],
              decision.message,
              { type: 'ticket', id: offer.ticketId },
              {
                offerId: offer.id,
                status: offer.status,
                refusal: decision.reason,
                ...(decision.costFen === undefined
                  ? {}
                  : {
                      costFen: decision.costFen,
                      limitFen: decision.limitFen,
                      requiredRole: decision.requiredRole,
                    }),
              },
            );
          }
          const now = clock.now();
          const approving = action === 'approve';
          const updated = await repo.updateOffer(tx, offer.id, {
            status: decision.status,
            requiredRole: decision.requiredRole,
            ...(approving ? { approvedBy: actor.id, approvedByName: actor.name, approvedAt: now } : {}),
            ...(decision.status === 'accepted' || decision.status === 'rejected'
              ? { decidedAt: now, decidedByName: actor.name, decisionReason: reason ?? null }
              : {}),
            updatedAt: now,
          });
          const auditAction =
            decision.status === 'awaiting_approval' ? 'offer_sent_for_approval' : `offer_${decision.status}`;
          await audit(
            tx,
            actor,
            updated,
            approving ? 'offer_approved' : auditAction,
            reason ? { reason } : {},
          );
          if (approving && decision.status === 'accepted') await audit(tx, actor, updated, 'offer_accepted');
          const tasks = decision.status === 'accepted' ? await execute(tx, actor, updated, now) : [];
          return { offer: updated, tasks };
        }),
      );
      if (result.offer.status === 'accepted') await moveTicket(actor, found.ticketId, 'resolving');
      if (result.offer.status === 'proposed') await moveTicket(actor, found.ticketId, 'resolution_proposed');
      return { ...result, toldDelivery: (await withTold(scope, [result.offer]))[0]!.toldDelivery };
    },

    /**
     * A remedy a campaign has already approved (a recall: no per-case approval limit, the campaign
     * keeps a budget instead): the offer is recorded as accepted by the buyer's choice and carried
     * out at once — outbox steps and follow-up tasks as for any accepted offer.
     */
    async acceptPreApproved(actor: Actor, ticketId: string, input: OfferInput, approvedBy: string) {
      const scope = base(actor);
      const offer = await auditRefusals(scope, actor, clock.now, 'offer', async () => {
        const { c, terms, order } = await termsFor(scope, ticketId, input);
        const now = clock.now();
        const id = newId();
        return scope.transaction(async (tx) => {
          const row = await repo.insertOffer(tx, {
            ...firstShopOffer({
              id,
              ticketId,
              terms,
              orderId: order?.id,
              shopId: c.ticket.shopId,
              note: input.note,
              actor,
              now,
            }),
            status: 'accepted',
            requiredRole: null,
            approvedByName: approvedBy,
            approvedAt: now,
            decidedAt: now,
            decidedByName: actor.name,
          });
          await audit(tx, actor, row, 'offer_accepted', { preApprovedBy: approvedBy });
          const tasks = await execute(tx, actor, row, now);
          return { offer: row, tasks };
        });
      });
      await moveTicket(actor, ticketId, 'resolving');
      return offer;
    },

    /**
     * Tells the buyer of an open shop offer: as a message on the case (the outbox delivers it and
     * "buyer accepted" waits for its delivery), or records that an agent told them by phone.
     */
    async tell(actor: Actor, id: string, input: { via: 'message' | 'phone'; body?: string | undefined }) {
      const scope = base(actor);
      const offer = await mustOffer(scope, id);
      if (!canTell(offer)) {
        throw new AppError(
          'ILLEGAL_TRANSITION',
          offer.party !== 'shop'
            ? 'a buyer’s own offer needs no telling'
            : `a ${offer.status} offer cannot be told to the buyer`,
        );
      }
      const now = clock.now();
      let messageId: string | null = null;
      if (input.via === 'message') {
        const c = input.body ? null : await loadCase(scope, offer.ticketId);
        const written = await tickets.addMessage(actor, offer.ticketId, {
          direction: 'outbound',
          body: input.body ?? offerText(offer, c ? caseLocale(c) : 'zh-CN'),
        });
        messageId = written.message.id;
      }
      const updated = await scope.transaction(async (tx) => {
        const row = await repo.updateOffer(tx, offer.id, {
          toldVia: input.via,
          toldMessageId: messageId,
          toldAt: now,
          toldByName: actor.name,
          updatedAt: now,
        });
        await audit(tx, actor, row, 'offer_told', { via: input.via, messageId });
        return row;
      });
      return (await withTold(scope, [updated]))[0]!;
    },

    /** The supervisor's queue: offers waiting for approval, oldest first, with the role each needs. */
    async awaitingApproval(actor: Actor, limit: number) {
      return repo.listAwaitingApproval(base(actor), limit);
    },
  };
}
