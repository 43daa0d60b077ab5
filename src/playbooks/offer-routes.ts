import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorBody, ErrorResponses, IdParams } from '../http/schemas.js';
import type { Delivery } from '../ingest/delivery-state.js';
import { DeliveryView } from '../tickets/ticket-views.js';
import { OFFER_STATUSES, REMEDIES } from './offer-rules.js';
import type { OfferService } from './offer-service.js';
import type { OfferRow } from './playbooks-repo.js';
import { TaskView, toTaskView } from './task-routes.js';

// Amounts are checked by the service, not the schema: a negative amount is refused *and audited*.
const Fen = z.number().int().min(-100_000_000_00).max(100_000_000_00);
const OfferBody = z.strictObject({
  remedy: z.enum(REMEDIES),
  amountFen: Fen.optional(),
  couponFen: Fen.optional(),
  orderId: z.uuid().optional(),
  note: z.string().trim().min(1).max(1000).optional(),
});

export const OfferView = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  negotiationId: z.uuid(),
  round: z.number().int(),
  parentId: z.uuid().nullable(),
  party: z.enum(['shop', 'buyer']),
  remedy: z.enum(REMEDIES),
  amountFen: z.number(),
  couponFen: z.number(),
  returnShippingPaid: z.boolean(),
  orderId: z.uuid().nullable(),
  note: z.string().nullable(),
  status: z.enum(OFFER_STATUSES),
  requiredRole: z.enum(['agent', 'supervisor', 'admin']).nullable(),
  proposedByName: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionReason: z.string().nullable(),
  /** How the buyer learnt of a shop offer; "buyer accepted" waits for a delivered message or a call. */
  told: z
    .object({
      via: z.enum(['message', 'phone']),
      at: z.iso.datetime(),
      byName: z.string(),
      messageId: z.uuid().nullable(),
      delivery: DeliveryView.nullable(),
    })
    .nullable(),
  createdAt: z.iso.datetime(),
});

export const toOfferView = (
  o: OfferRow,
  toldDelivery: Delivery | null = null,
): z.infer<typeof OfferView> => ({
  id: o.id,
  ticketId: o.ticketId,
  negotiationId: o.negotiationId,
  round: o.round,
  parentId: o.parentId,
  party: o.party,
  remedy: o.remedy as z.infer<typeof OfferView>['remedy'],
  amountFen: o.amountFen,
  couponFen: o.couponFen,
  returnShippingPaid: o.returnShippingPaid,
  orderId: o.orderId,
  note: o.note,
  status: o.status,
  requiredRole: o.requiredRole,
  proposedByName: o.proposedByName,
  approvedByName: o.approvedByName,
  approvedAt: o.approvedAt?.toISOString() ?? null,
  decidedByName: o.decidedByName,
  decidedAt: o.decidedAt?.toISOString() ?? null,
  decisionReason: o.decisionReason,
  told:
    o.toldVia && o.toldAt
      ? {
          via: o.toldVia,
          at: o.toldAt.toISOString(),
          byName: o.toldByName ?? '',
          messageId: o.toldMessageId,
          delivery: o.toldVia === 'message' ? toldDelivery : null,
        }
      : null,
  createdAt: o.createdAt.toISOString(),
});

/** An offer in the supervisor queue: with its case's number and subject. */
export const AwaitingOfferView = OfferView.extend({
  ticketNumber: z.number(),
  ticketSubject: z.string(),
  orderTotalFen: z.number().nullable(),
});

const Errors = { ...ErrorResponses, 422: ErrorBody };
const Decision = z.object({ offer: OfferView, tasks: z.array(TaskView) });

export const offerRoutes: FastifyPluginAsyncZod<{ offers: OfferService }> = async (app, { offers }) => {
  app.get(
    '/tickets/:id/offers',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['offers'],
        summary: 'Every round of offer and counter-offer on a case',
        params: IdParams,
        response: { 200: z.object({ items: z.array(OfferView) }), ...Errors },
      },
    },
    async (req) => ({
      items: (await offers.list(actorOf(req), req.params.id)).map((o) =>
        toOfferView(o.offer, o.toldDelivery),
      ),
    }),
  );

  app.post(
    '/tickets/:id/offers',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['offers'],
        summary:
          'Offer a remedy (amounts in fen); above the proposer’s approval limit it waits for a supervisor. Refusals are audited.',
        params: IdParams,
        body: OfferBody,
        response: { 201: OfferView, ...Errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toOfferView(await offers.create(actorOf(req), req.params.id, req.body))),
  );

  app.get(
    '/offers/awaiting-approval',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['offers'],
        summary: 'The supervisor queue: offers waiting for approval, oldest first',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(100) }),
        response: {
          200: z.object({
            items: z.array(AwaitingOfferView),
          }),
        },
      },
    },
    async (req) => ({
      items: (await offers.awaitingApproval(actorOf(req), req.query.limit)).map((r) => ({
        ...toOfferView(r.offer),
        ticketNumber: r.ticketNumber,
        ticketSubject: r.ticketSubject,
        orderTotalFen: r.orderTotalFen ?? null,
      })),
    }),
  );

  app.get(
    '/offers/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['offers'],
        summary: 'One offer',
        params: IdParams,
        response: { 200: OfferView, ...Errors },
      },
    },
    async (req) => {
      const { offer, toldDelivery } = await offers.get(actorOf(req), req.params.id);
      return toOfferView(offer, toldDelivery);
    },
  );

  app.post(
    '/offers/:id/counter',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['offers'],
        summary: 'Record a counter-offer from the other side (a buyer’s counter is recorded by an agent)',
        params: IdParams,
        body: OfferBody,
        response: { 201: OfferView, ...Errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toOfferView(await offers.counter(actorOf(req), req.params.id, req.body))),
  );

  for (const action of ['accept', 'approve', 'reject'] as const) {
    app.post(
      `/offers/:id/${action}`,
      {
        config: { access: 'agent' },
        schema: {
          tags: ['offers'],
          summary:
            action === 'accept'
              ? 'Accept an offer: the refund/return goes out through the outbox and follow-up tasks are created'
              : action === 'approve'
                ? 'Approve an offer waiting for approval (within the approver’s limit)'
                : 'Reject an offer (the buyer declined, or a supervisor turned it down)',
          params: IdParams,
          body: z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).default({}),
          response: { 200: Decision, ...Errors },
        },
      },
      async (req) => {
        const { offer, tasks, toldDelivery } = await offers.decide(
          actorOf(req),
          req.params.id,
          action,
          req.body.reason,
        );
        return { offer: toOfferView(offer, toldDelivery), tasks: tasks.map((t) => toTaskView(t)) };
      },
    );
  }

  app.post(
    '/offers/:id/tell',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['offers'],
        summary:
          'Tell the buyer of an open shop offer: as a message on the case (accepting waits for its delivery) or record a phone call',
        params: IdParams,
        body: z.strictObject({
          via: z.enum(['message', 'phone']),
          body: z.string().trim().min(1).max(2000).optional(),
        }),
        response: { 200: OfferView, ...Errors },
      },
    },
    async (req) => {
      const { offer, toldDelivery } = await offers.tell(actorOf(req), req.params.id, req.body);
      return toOfferView(offer, toldDelivery);
    },
  );
};
