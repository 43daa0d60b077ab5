import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { IdParams } from '../http/schemas.js';
import { REVIEW_KEYS } from './investigation-service.js';
import { STAGE_STATES, STAGES } from './progress.js';
import { ClockView, RecallView, Totals, toClockView, toRecallView } from './recall-views.js';
import type { RecallWorkDeps } from './recall-work-views.js';
import { Errors, iso, ReportView, Text, toReportView, toWaveView, WaveView } from './recall-work-views.js';

const ActionView = z.object({
  id: z.uuid(),
  kind: z.enum(['corrective', 'preventive']),
  description: z.string(),
  ownerName: z.string(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  verification: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedByName: z.string().nullable(),
});
const toActionView = (a: {
  id: string;
  kind: 'corrective' | 'preventive';
  description: string;
  ownerName: string;
  dueAt: Date;
  doneAt: Date | null;
  verification: string | null;
  verifiedAt: Date | null;
  verifiedByName: string | null;
}) => ({ ...a, dueAt: a.dueAt.toISOString(), doneAt: iso(a.doneAt), verifiedAt: iso(a.verifiedAt) });
const Series = z.array(z.object({ day: z.string(), value: z.number() }));

/** After the outreach: the recall queue, findings, corrective actions, the review, progress and monitoring. */
export const recallFollowUpRoutes: FastifyPluginAsyncZod<
  Pick<RecallWorkDeps, 'inquiries' | 'investigation' | 'progress'>
> = async (app, { inquiries, investigation, progress }) => {
  app.get(
    '/recalls/:id/inquiries',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary:
          'The recall queue: buyers’ questions recognised as about this recall, with the campaign’s answer',
        params: IdParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                ticketId: z.uuid(),
                ticketNumber: z.number(),
                ticketStatus: z.string(),
                customerName: z.string().nullable(),
                question: z.string(),
                matchedBy: z.string(),
                inScope: z.boolean(),
                answerState: z.string(),
                suggestedAnswer: z.string(),
                createdAt: z.string(),
                answeredAt: z.string().nullable(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (req) => ({
      items: (await inquiries.queue(actorOf(req), req.params.id, req.query.limit)).map((i) => ({
        ...i,
        createdAt: i.createdAt.toISOString(),
        answeredAt: iso(i.answeredAt),
      })),
    }),
  );

  app.post(
    '/recalls/:id/inquiries/answer',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Send the campaign’s answer on one inquiry, or on every unanswered one',
        params: IdParams,
        body: z.strictObject({ inquiryId: z.uuid().optional() }).default({}),
        response: { 200: z.object({ answered: z.number() }), ...Errors },
      },
    },
    async (req) => inquiries.answer(actorOf(req), req.params.id, req.body.inquiryId ?? null),
  );

  app.put(
    '/recalls/:id/findings',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Root cause, the supplier or batch at fault, and the findings for the public page',
        params: IdParams,
        body: z.strictObject({
          rootCause: Text(2000),
          faultSupplier: Text(100).nullable().optional(),
          faultBatch: Text(60).nullable().optional(),
          findingsZh: Text(5000),
          findingsEn: Text(5000).nullable().optional(),
        }),
        response: { 200: RecallView, ...Errors },
      },
    },
    async (req) => toRecallView(await investigation.saveFindings(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/recalls/:id/findings/publish',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Publish the findings to the public recall page',
        params: IdParams,
        response: { 200: RecallView, ...Errors },
      },
    },
    async (req) => toRecallView(await investigation.publishFindings(actorOf(req), req.params.id)),
  );

  app.get(
    '/recalls/:id/actions',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Corrective and preventive actions',
        params: IdParams,
        response: { 200: z.object({ items: z.array(ActionView) }), ...Errors },
      },
    },
    async (req) => ({ items: (await investigation.actions(actorOf(req), req.params.id)).map(toActionView) }),
  );

  app.post(
    '/recalls/:id/actions',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Add a corrective or preventive action with owner and due date',
        params: IdParams,
        body: z.strictObject({
          kind: z.enum(['corrective', 'preventive']),
          description: Text(2000),
          ownerName: Text(100),
          dueAt: z.coerce.date(),
        }),
        response: { 201: ActionView, ...Errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(toActionView(await investigation.addAction(actorOf(req), req.params.id, req.body))),
  );

  app.patch(
    '/recalls/:id/actions/:actionId',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Mark an action done and record how it was verified',
        params: z.strictObject({ id: z.uuid(), actionId: z.uuid() }),
        body: z.strictObject({ done: z.boolean().optional(), verification: Text(2000).optional() }),
        response: { 200: ActionView, ...Errors },
      },
    },
    async (req) =>
      toActionView(
        await investigation.updateAction(actorOf(req), req.params.id, req.params.actionId, req.body),
      ),
  );

  app.put(
    '/recalls/:id/review',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'The closing review checklist: what failed in quality control and what changes',
        params: IdParams,
        body: z.strictObject({
          items: z
            .array(
              z.strictObject({
                key: z.enum(REVIEW_KEYS),
                done: z.boolean(),
                note: z.string().trim().max(2000),
              }),
            )
            .max(REVIEW_KEYS.length),
        }),
        response: { 200: RecallView, ...Errors },
      },
    },
    async (req) => toRecallView(await investigation.saveReview(actorOf(req), req.params.id, req.body.items)),
  );

  app.get(
    '/recalls/:id/progress',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'The ten stages with their state and figures',
        params: IdParams,
        response: {
          200: z.object({
            stages: z.record(z.enum(STAGES), z.enum(STAGE_STATES)),
            facts: z.record(z.string(), z.unknown()),
            totals: Totals,
            clock: ClockView,
            reports: z.array(ReportView),
            minutesToAnnounce: z.number().nullable(),
            completionPermille: z.number(),
            byShop: z.array(
              z.object({
                shopId: z.uuid(),
                shopName: z.string(),
                platform: z.string(),
                units: z.number(),
                remediedUnits: z.number(),
                inProgressUnits: z.number(),
                notReached: z.number(),
              }),
            ),
            waves: z.array(WaveView),
            noticeCounts: z.array(z.object({ wave: z.string(), state: z.string(), count: z.number() })),
            expectedInquiries: z.array(z.object({ day: z.number(), expected: z.number() })),
            trust: z.object({ recipients: z.number(), responded: z.number() }).nullable(),
          }),
          ...Errors,
        },
      },
    },
    async (req) => {
      const p = await progress.progress(actorOf(req), req.params.id);
      return {
        ...p,
        waves: p.waves.map(toWaveView),
        clock: toClockView(p.clock),
        reports: p.reports.map(toReportView),
      };
    },
  );

  app.get(
    '/recalls/:id/monitoring',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Post-recall monitoring: complaints, orders, sentiment, inquiries and remedies per day',
        params: IdParams,
        response: {
          200: z.object({
            from: z.string(),
            learnedAt: z.string(),
            announcedAt: z.string().nullable(),
            skuComplaints: Series,
            shopComplaints: Series,
            shopOrders: Series,
            sentiment: Series,
            inquiries: Series,
            remediedUnits: Series,
          }),
          ...Errors,
        },
      },
    },
    async (req) => {
      const m = await progress.monitoring(actorOf(req), req.params.id);
      return {
        ...m,
        from: m.from.toISOString(),
        learnedAt: m.learnedAt.toISOString(),
        announcedAt: iso(m.announcedAt),
      };
    },
  );
};
