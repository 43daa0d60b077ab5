import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../auth/roles.js';
import { actorOf } from '../http/access.js';
import { IsoDate } from '../http/json-dates.js';
import { ErrorResponses } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import type { CoachingService } from './coaching-service.js';

const Range = { from: z.coerce.date(), to: z.coerce.date() };
const checkRange = (q: { from: Date; to: Date }) => {
  if (q.to <= q.from) throw new AppError('VALIDATION_FAILED', 'to: must be after from');
  if (q.to.getTime() - q.from.getTime() > 400 * 86_400_000)
    throw new AppError('VALIDATION_FAILED', 'to: at most 400 days after from');
};
const Score = z.number().nullable();
const Example = z.enum(['good', 'bad']).nullable();

const ReviewView = z.object({
  ticketId: z.uuid(),
  agentId: z.uuid().nullable(),
  note: z.string().nullable(),
  example: Example,
  reviewedByName: z.string(),
  reviewedAt: IsoDate,
});
const toReview = (r: z.output<typeof ReviewView>) => ({
  ticketId: r.ticketId,
  agentId: r.agentId,
  note: r.note,
  example: r.example,
  reviewedByName: r.reviewedByName,
  reviewedAt: r.reviewedAt,
});

const ApprovalView = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  agentId: z.uuid(),
  agentName: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  sentBody: z.string().nullable(),
  messageId: z.uuid().nullable(),
  decisionNote: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: IsoDate.nullable(),
  createdAt: IsoDate,
});
const toApproval = (a: z.output<typeof ApprovalView>) => ({
  id: a.id,
  ticketId: a.ticketId,
  agentId: a.agentId,
  agentName: a.agentName,
  body: a.body,
  status: a.status,
  sentBody: a.sentBody,
  messageId: a.messageId,
  decisionNote: a.decisionNote,
  decidedByName: a.decidedByName,
  decidedAt: a.decidedAt,
  createdAt: a.createdAt,
});
const IdParams = z.strictObject({ id: z.uuid() });
const Note = z.string().trim().max(2000);

export const coachingRoutes: FastifyPluginAsyncZod<{ coaching: CoachingService }> = async (
  app,
  { coaching },
) => {
  app.get(
    '/coaching/scorecards',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['coaching'],
        summary:
          'Per agent: closed cases, average score, first responses on time, reply-check findings, reopened, CSAT, reviews',
        querystring: z.strictObject(Range),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                agentId: z.uuid(),
                name: z.string(),
                role: z.string(),
                training: z.boolean(),
                cases: z.number().int(),
                score: Score,
                onTimeShare: Score,
                findingsPer100Replies: Score,
                reopened: z.number().int(),
                csat: Score,
                reviewed: z.number().int(),
                examples: z.number().int(),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      checkRange(req.query);
      return { items: await coaching.scorecards(actorOf(req), req.query.from, req.query.to) };
    },
  );

  app.get(
    '/coaching/agents/:id/trend',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['coaching'],
        summary: 'One agent’s average score and closed cases week by week',
        params: IdParams,
        querystring: z.strictObject(Range),
        response: {
          200: z.object({
            items: z.array(z.object({ week: z.string(), cases: z.number().int(), score: z.number() })),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      checkRange(req.query);
      return { items: await coaching.trend(actorOf(req), req.params.id, req.query.from, req.query.to) };
    },
  );

  app.get(
    '/coaching/agents/:id/sample',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['coaching'],
        summary: 'A sample of one agent’s closed cases, scored part by part, with their reviews',
        params: IdParams,
        querystring: z.strictObject({ ...Range, size: z.coerce.number().int().min(1).max(50).default(10) }),
        response: {
          200: z.object({
            total: z.number().int(),
            items: z.array(
              z.object({
                ticketId: z.uuid(),
                number: z.number().int(),
                subject: z.string(),
                closedAt: IsoDate,
                replies: z.number().int(),
                findings: z.number().int(),
                reopened: z.boolean(),
                csat: Score,
                total: z.number(),
                parts: z.object({
                  response: Score,
                  checks: Score,
                  playbook: Score,
                  outcome: z.number(),
                  satisfaction: Score,
                }),
                review: ReviewView.nullable(),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      checkRange(req.query);
      const r = await coaching.sample(
        actorOf(req),
        req.params.id,
        req.query.from,
        req.query.to,
        req.query.size,
      );
      return {
        total: r.total,
        items: r.items.map((c) => ({
          ticketId: c.ticketId,
          number: c.number,
          subject: c.subject,
          closedAt: c.closedAt,
          replies: c.replies,
          findings: c.findings,
          reopened: c.reopened,
          csat: c.csat,
          total: c.total,
          parts: c.parts,
          review: c.review ? toReview(c.review) : null,
        })),
      };
    },
  );

  app.put(
    '/coaching/reviews/:ticketId',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['coaching'],
        summary: 'Review a closed case: a note for its agent; mark it as a good or a bad example',
        params: z.strictObject({ ticketId: z.uuid() }),
        body: z.strictObject({ note: Note.nullable(), example: Example }),
        response: { 200: ReviewView, ...ErrorResponses },
      },
    },
    async (req) =>
      toReview(
        await coaching.review(actorOf(req), req.params.ticketId, {
          note: req.body.note || null,
          example: req.body.example,
        }),
      ),
  );

  app.get(
    '/coaching/examples',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['coaching'],
        summary: 'Cases supervisors marked as examples to follow or to avoid',
        response: {
          200: z.object({
            items: z.array(ReviewView.extend({ number: z.number().int(), subject: z.string() })),
          }),
        },
      },
    },
    async (req) => ({
      items: (await coaching.examples(actorOf(req))).map((r) => ({
        ...toReview(r),
        number: r.number,
        subject: r.subject,
      })),
    }),
  );

  app.get(
    '/coaching/me',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['coaching'],
        summary: 'Whether my replies wait for a supervisor (training mode)',
        response: { 200: z.object({ training: z.boolean() }) },
      },
    },
    async (req) => coaching.me(actorOf(req)),
  );

  app.put(
    '/coaching/trainees/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['coaching'],
        summary: 'Put an agent in training (replies wait for approval) or take them out',
        params: IdParams,
        body: z.strictObject({ training: z.boolean() }),
        response: { 200: z.object({ userId: z.uuid(), training: z.boolean() }), ...ErrorResponses },
      },
    },
    async (req) => coaching.setTraining(actorOf(req), req.params.id, req.body.training),
  );

  app.post(
    '/coaching/approvals',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['coaching'],
        summary: 'A reply in training: held until a supervisor approves it (nothing is sent yet)',
        body: z.strictObject({ ticketId: z.uuid(), body: z.string().trim().min(1).max(20_000) }),
        response: { 201: ApprovalView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(toApproval(await coaching.submit(actorOf(req), req.body.ticketId, req.body.body))),
  );

  app.get(
    '/coaching/approvals',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['coaching'],
        summary: 'Held replies, newest first: a supervisor sees everyone’s, an agent their own',
        querystring: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional() }),
        response: { 200: z.object({ items: z.array(ApprovalView) }), ...ErrorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const own = !hasRole(actor.role, 'supervisor');
      return { items: (await coaching.approvals(actor, req.query.status, own)).map(toApproval) };
    },
  );

  app.post(
    '/coaching/approvals/:id/approve',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['coaching'],
        summary:
          'Approve a held reply (optionally corrected): it goes to the buyer now, through the reply checks',
        params: IdParams,
        body: z.strictObject({
          body: z.string().trim().min(1).max(20_000).optional(),
          note: Note.optional(),
        }),
        response: { 200: ApprovalView, ...ErrorResponses },
      },
    },
    async (req) =>
      toApproval(await coaching.approve(actorOf(req), req.params.id, req.body.body, req.body.note || null)),
  );

  app.post(
    '/coaching/approvals/:id/reject',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['coaching'],
        summary: 'Send a held reply back to its agent with a note (nothing reaches the buyer)',
        params: IdParams,
        body: z.strictObject({ note: Note.min(1) }),
        response: { 200: ApprovalView, ...ErrorResponses },
      },
    },
    async (req) => toApproval(await coaching.reject(actorOf(req), req.params.id, req.body.note)),
  );
};
