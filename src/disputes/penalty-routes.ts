import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  APPEAL_OUTCOMES,
  DISPUTE_FORUMS,
  HEALTH_METRICS,
  PENALTY_KINDS,
  PENALTY_STATUSES,
} from '../db/schema/disputes.js';
import { EvidenceView, toEvidenceView } from '../evidence/evidence-routes.js';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { HealthService } from './health-service.js';
import type { PenaltyRow, PenaltyService, TaskRow } from './penalty-service.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const When = z.coerce.date();

const PenaltyView = z.object({
  id: z.uuid(),
  shopId: z.uuid().nullable(),
  platform: z.enum(DISPUTE_FORUMS),
  kind: z.enum(PENALTY_KINDS),
  points: z.number().int().nullable(),
  depositFen: z.number().int().nullable(),
  reason: z.string(),
  ruleRef: z.string().nullable(),
  externalRef: z.string().nullable(),
  source: z.enum(['manual', 'platform_event']),
  penalizedAt: z.date(),
  appealDueAt: z.date().nullable(),
  status: z.enum(PENALTY_STATUSES),
  appealText: z.string().nullable(),
  appealedAt: z.date().nullable(),
  decisionExpectedFrom: z.date().nullable(),
  decisionExpectedBy: z.date().nullable(),
  outcome: z.enum(APPEAL_OUTCOMES).nullable(),
  pointsRestored: z.number().int().nullable(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
  nextDueAt: z.date().nullable(),
  createdByName: z.string(),
  createdAt: z.date(),
});

const toPenaltyView = (p: PenaltyRow): z.infer<typeof PenaltyView> => ({
  id: p.id,
  shopId: p.shopId,
  platform: p.platform,
  kind: p.kind,
  points: p.points,
  depositFen: p.depositFen,
  reason: p.reason,
  ruleRef: p.ruleRef,
  externalRef: p.externalRef,
  source: p.source,
  penalizedAt: p.penalizedAt,
  appealDueAt: p.appealDueAt,
  status: p.status,
  appealText: p.appealText,
  appealedAt: p.appealedAt,
  decisionExpectedFrom: p.decisionExpectedFrom,
  decisionExpectedBy: p.decisionExpectedBy,
  outcome: p.outcome,
  pointsRestored: p.pointsRestored,
  decidedAt: p.decidedAt,
  decisionNote: p.decisionNote,
  nextDueAt: p.nextDueAt,
  createdByName: p.createdByName,
  createdAt: p.createdAt,
});

const TaskView = z.object({
  id: z.uuid(),
  title: z.string(),
  dueAt: z.date().nullable(),
  doneAt: z.date().nullable(),
  doneBy: z.string().nullable(),
});
const toTaskView = (t: TaskRow) => ({
  id: t.id,
  title: t.title,
  dueAt: t.dueAt,
  doneAt: t.doneAt,
  doneBy: t.doneBy,
});

const TaskBody = z.strictObject({ title: Text(200), dueAt: When.optional() });

export const penaltyRoutes: FastifyPluginAsyncZod<{
  penalties: PenaltyService;
  health: HealthService;
}> = async (app, { penalties, health }) => {
  app.post(
    '/penalties',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['penalties'],
        summary:
          'Record a platform penalty; appealDueAt is set from the platform rule (Douyin: 7 days) unless given',
        body: z.strictObject({
          platform: z.enum(DISPUTE_FORUMS),
          kind: z.enum(PENALTY_KINDS),
          shopId: z.uuid().optional(),
          points: z.number().int().min(1).max(1000).optional(),
          depositFen: z.number().int().min(0).max(1e12).optional(),
          reason: Text(500),
          ruleRef: Text(200).optional(),
          externalRef: Text(100).optional(),
          penalizedAt: When.optional(),
          appealDueAt: When.optional(),
          tasks: z.array(TaskBody).max(50).optional(),
        }),
        response: { 201: PenaltyView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toPenaltyView(await penalties.record(actorOf(req), req.body))),
  );

  app.get(
    '/penalties',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['penalties'],
        summary: 'The penalties queue, nearest deadline (appeal due, then decision expected) first',
        querystring: z.strictObject({
          status: z.enum([...PENALTY_STATUSES, 'active']).optional(),
          shopId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(PenaltyView) }), ...ErrorResponses },
      },
    },
    async (req) => ({
      items: (await penalties.list(actorOf(req), req.query, req.query.limit)).map(toPenaltyView),
    }),
  );

  app.get(
    '/penalties/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['penalties'],
        params: IdParams,
        response: {
          200: PenaltyView.extend({ tasks: z.array(TaskView), evidence: z.array(EvidenceView) }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const p = await penalties.get(actorOf(req), req.params.id);
      return {
        ...toPenaltyView(p.penalty),
        tasks: p.tasks.map(toTaskView),
        evidence: p.evidence.map(toEvidenceView),
      };
    },
  );

  app.post(
    '/penalties/:id/appeal',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['penalties'],
        summary: 'File the appeal (refused after appealDueAt); the decision is expected in 1–5 working days',
        params: IdParams,
        body: z.strictObject({ text: Text(5000) }),
        response: { 200: PenaltyView, ...ErrorResponses },
      },
    },
    async (req) => toPenaltyView(await penalties.appeal(actorOf(req), req.params.id, req.body.text)),
  );

  app.post(
    '/penalties/:id/accept',
    {
      config: { access: 'agent' },
      schema: { tags: ['penalties'], params: IdParams, response: { 200: PenaltyView, ...ErrorResponses } },
    },
    async (req) => toPenaltyView(await penalties.accept(actorOf(req), req.params.id)),
  );

  app.post(
    '/penalties/:id/decide',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['penalties'],
        summary: "Record the platform's decision on the appeal",
        params: IdParams,
        body: z.strictObject({
          outcome: z.enum(APPEAL_OUTCOMES),
          pointsRestored: z.number().int().min(0).max(1000).optional(),
          note: z.string().trim().max(2000).optional(),
        }),
        response: { 200: PenaltyView, ...ErrorResponses },
      },
    },
    async (req) => toPenaltyView(await penalties.decide(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/penalties/:id/tasks',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['penalties'],
        summary: 'Add a rectification task',
        params: IdParams,
        body: TaskBody,
        response: { 201: TaskView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toTaskView(await penalties.addTask(actorOf(req), req.params.id, req.body))),
  );

  app.post(
    '/penalties/:id/tasks/:taskId/done',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['penalties'],
        params: z.strictObject({ id: z.uuid(), taskId: z.uuid() }),
        response: { 200: TaskView, ...ErrorResponses },
      },
    },
    async (req) => toTaskView(await penalties.completeTask(actorOf(req), req.params.id, req.params.taskId)),
  );

  // Shop health: platform scores over time, the merchant's alert lines, penalties and disputes beside them.
  const Score = z.strictObject({
    metric: z.enum(HEALTH_METRICS),
    value: z.number().finite(),
    measuredAt: When,
  });
  const ShopParams = z.strictObject({ shopId: z.uuid() });

  app.get(
    '/shops/:shopId/health',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['shop health'],
        summary: 'Scores over time, thresholds, alerts, and penalties and disputes on the same timeline',
        params: ShopParams,
        querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(3650).default(180) }),
        response: {
          200: z.object({
            scores: z.array(
              z.object({ metric: z.enum(HEALTH_METRICS), value: z.number(), measuredAt: z.date() }),
            ),
            thresholds: z.array(z.object({ metric: z.enum(HEALTH_METRICS), minValue: z.number() })),
            alerts: z.array(
              z.object({
                metric: z.enum(HEALTH_METRICS),
                value: z.number(),
                threshold: z.number(),
                measuredAt: z.date(),
              }),
            ),
            events: z.array(
              z.object({
                type: z.enum(['penalty', 'dispute']),
                id: z.uuid(),
                at: z.date(),
                label: z.string(),
                points: z.number().nullable(),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const o = await health.overview(actorOf(req), req.params.shopId, req.query.days);
      return {
        scores: o.scores.map((s) => ({ metric: s.metric, value: s.value, measuredAt: s.measuredAt })),
        thresholds: o.thresholds.map((t) => ({ metric: t.metric, minValue: t.minValue })),
        alerts: o.alerts,
        events: o.events,
      };
    },
  );

  app.post(
    '/shops/:shopId/health/scores',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['shop health'],
        summary: 'Enter or import scores; answers the alerts now raised',
        params: ShopParams,
        body: z.strictObject({ scores: z.array(Score).min(1).max(1000) }),
        response: {
          201: z.object({
            alerts: z.array(
              z.object({
                metric: z.enum(HEALTH_METRICS),
                value: z.number(),
                threshold: z.number(),
                measuredAt: z.date(),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ alerts: await health.record(actorOf(req), req.params.shopId, req.body.scores) }),
  );

  app.put(
    '/shops/:shopId/health/thresholds/:metric',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['shop health'],
        summary: 'Set (or clear with null) the alert line of a metric',
        params: z.strictObject({ shopId: z.uuid(), metric: z.enum(HEALTH_METRICS) }),
        body: z.strictObject({ minValue: z.number().finite().min(0).max(100).nullable() }),
        response: { 204: z.null(), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      await health.setThreshold(actorOf(req), req.params.shopId, req.params.metric, req.body.minValue);
      return reply.status(204).send(null);
    },
  );
};
