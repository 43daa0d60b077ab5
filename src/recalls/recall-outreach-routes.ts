import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { IdParams } from '../http/schemas.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { publicBase } from './recall-routes.js';
import { REMEDY_CHOICES } from './recall-types.js';
import type { RecallWorkDeps } from './recall-work-views.js';
import { Errors, iso, Text, toWaveView, WaveView } from './recall-work-views.js';
import { doneByHand, stepDelivery } from './remedy-state.js';

const NOTICE_STATES = ['queued', 'retrying', 'sent', 'failed', 'unsendable'] as const;
const RemedyView = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  externalId: z.string(),
  shopName: z.string(),
  platform: z.string(),
  ticketId: z.uuid(),
  ticketNumber: z.number().nullable(),
  offerId: z.uuid().nullable(),
  remedy: z.enum(REMEDY_CHOICES),
  units: z.number(),
  amountFen: z.number(),
  /**
   * The true delivery state: sent only when the platform took every step; done_by_hand when a person
   * did a step the platform has no API for; failed with its reason.
   */
  state: z.enum(['queued', 'retrying', 'sent', 'failed', 'manual', 'done_by_hand']),
  reason: z.string().nullable(),
  /** The failed step's outbox row: POST /ingest/outbox/:id/retry sends it again. */
  retryOutboxId: z.uuid().nullable(),
  steps: z.array(
    z.object({
      kind: z.string(),
      /** The step's task: POST /tasks/:id/complete marks a manual step done. */
      taskId: z.uuid(),
      outboxId: z.uuid().nullable(),
      state: z.enum(['queued', 'retrying', 'sent', 'failed']),
      manual: z.boolean(),
      doneByHand: z.boolean(),
      reason: z.string().nullable(),
      attempts: z.number(),
      sentAt: z.string().nullable(),
    }),
  ),
  returnCarrier: z.string().nullable(),
  returnTrackingNo: z.string().nullable(),
  returnReceivedAt: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
const isNoticeCursor = (v: unknown): v is { wave: string; orderId: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { wave?: unknown }).wave === 'string' &&
  typeof (v as { orderId?: unknown }).orderId === 'string' &&
  UUID_PATTERN.test((v as { orderId: string }).orderId);

/** Telling the affected buyers (notice waves) and putting their refunds and exchanges through. */
export const recallOutreachRoutes: FastifyPluginAsyncZod<
  Pick<RecallWorkDeps, 'notices' | 'remedies'>
> = async (app, { notices, remedies }) => {
  app.post(
    '/recalls/:id/notices',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary:
          'Send a wave of notices through the outbox: first (every affected order, once: 409 when sent), reminder (those not yet answered), trust (those remedied)',
        params: IdParams,
        body: z.strictObject({
          wave: z.enum(['first', 'reminder', 'trust']),
          textZh: Text(500).optional(),
          textEn: Text(500).optional(),
        }),
        response: { 200: WaveView, ...Errors },
      },
    },
    async (req) => {
      const { wave, textZh, textEn } = req.body;
      const custom = textZh ? { zh: textZh, en: textEn ?? textZh } : undefined;
      const text =
        wave === 'trust' && !custom
          ? {
              zh: '感谢您在召回期间的理解与配合。我们已完成整改，特为您准备了一张无门槛优惠券，欢迎随时联系我们。',
              en: 'Thank you for your patience during the recall. We have fixed the cause and prepared a coupon for you; contact us any time.',
            }
          : custom;
      // Sent by a person, never skipped: the answer is always the wave.
      const sent = await notices.sendWave(actorOf(req), req.params.id, wave, publicBase(req), text);
      return toWaveView(sent!);
    },
  );

  app.get(
    '/recalls/:id/reminders/waiting',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary:
          'The buyers the next reminder would reach (no remedy chosen, no message since the first notice): how many, and the first of them',
        params: IdParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                orderId: z.uuid(),
                orderRef: z.string(),
                shopName: z.string(),
                customerName: z.string().nullable(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (req) => notices.waiting(actorOf(req), req.params.id, req.query.limit),
  );

  app.get(
    '/recalls/:id/notices',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Per-recipient delivery state of the notices, with counts per wave and state',
        params: IdParams,
        querystring: z.strictObject({
          state: z.enum(NOTICE_STATES).optional(),
          wave: Text(40).optional(),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            counts: z.array(z.object({ wave: z.string(), state: z.enum(NOTICE_STATES), count: z.number() })),
            items: z.array(
              z.object({
                wave: z.string(),
                orderId: z.uuid(),
                externalId: z.string(),
                shopName: z.string(),
                platform: z.string(),
                customerName: z.string().nullable(),
                state: z.enum(NOTICE_STATES),
                outboxId: z.uuid().nullable(),
                attempts: z.number(),
                lastError: z.string().nullable(),
                sentAt: z.string().nullable(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
          ...Errors,
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const after = decodeCursor(req.query.cursor, isNoticeCursor);
      const [counts, page] = await Promise.all([
        notices.counts(actor, req.params.id),
        notices.list(
          actor,
          req.params.id,
          { state: req.query.state, wave: req.query.wave },
          after,
          req.query.limit,
        ),
      ]);
      return {
        counts,
        items: page.items.map((n) => ({ ...n, sentAt: iso(n.sentAt) })),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.get(
    '/recalls/:id/remedies',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Remedies chosen, with the delivery state of their outbox steps',
        params: IdParams,
        response: { 200: z.object({ items: z.array(RemedyView) }), ...Errors },
      },
    },
    async (req) => ({
      items: (await remedies.list(actorOf(req), req.params.id)).map(({ delivery, steps, ...r }) => ({
        ...r,
        state: delivery.state,
        reason: delivery.reason,
        retryOutboxId: delivery.retryOutboxId,
        steps: steps.map((s) => {
          const d = stepDelivery(s);
          return {
            kind: s.kind,
            taskId: s.taskId,
            outboxId: s.outboxId,
            state: d.state,
            manual: d.manual === true,
            doneByHand: doneByHand(s),
            reason: d.reason ?? null,
            attempts: s.attempts,
            sentAt: iso(s.sentAt),
          };
        }),
        returnReceivedAt: iso(r.returnReceivedAt),
        createdAt: r.createdAt.toISOString(),
      })),
    }),
  );

  app.post(
    '/recalls/:id/remedies',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary:
          'Carry out the remedy a buyer chose for an affected order: pre-approved by the campaign (budget), executed through the case’s offer and the outbox',
        params: IdParams,
        body: z.strictObject({
          orderId: z.uuid(),
          remedy: z.enum(REMEDY_CHOICES),
          note: Text(500).optional(),
        }),
        response: {
          201: z.object({ id: z.uuid(), ticketId: z.uuid(), offerId: z.uuid().nullable() }),
          ...Errors,
        },
      },
    },
    async (req, reply) => {
      const row = await remedies.choose(actorOf(req), req.params.id, req.body);
      return reply.status(201).send({ id: row.id, ticketId: row.ticketId, offerId: row.offerId });
    },
  );

  app.patch(
    '/recalls/:id/remedies/:remedyId',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Track the return parcel of an exchange or repair',
        params: z.strictObject({ id: z.uuid(), remedyId: z.uuid() }),
        body: z.strictObject({
          carrier: Text(60).optional(),
          trackingNo: Text(60).optional(),
          received: z.boolean().optional(),
        }),
        response: { 200: z.object({ id: z.uuid(), status: z.enum(['executing', 'done']) }), ...Errors },
      },
    },
    async (req) => {
      const row = await remedies.trackReturn(actorOf(req), req.params.id, req.params.remedyId, req.body);
      return { id: row.id, status: row.status };
    },
  );
};
