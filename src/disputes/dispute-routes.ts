import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DISPUTE_FORUMS, DISPUTE_OUTCOMES, DISPUTE_STATUSES, DISPUTE_TYPES } from '../db/schema/disputes.js';
import { EVIDENCE_KINDS } from '../db/schema/evidence.js';
import { EvidenceView, toEvidenceView } from '../evidence/evidence-routes.js';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorResponses, IdParams, PageQuery, page } from '../http/schemas.js';
import { UUID_PATTERN } from '../shared/ids.js';
import type { BundleService } from './bundle-service.js';
import type { DisputeCursor, DisputeRow } from './dispute-repo.js';
import type { DisputeService } from './dispute-service.js';

const Fen = z.number().int().min(0).max(1e12);
const Text = (max: number) => z.string().trim().max(max);
const When = z.coerce.date();

export const DisputeView = z.object({
  id: z.uuid(),
  type: z.enum(DISPUTE_TYPES),
  platform: z.enum(DISPUTE_FORUMS),
  reason: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  outcome: z.enum(DISPUTE_OUTCOMES).nullable(),
  ticketId: z.uuid().nullable(),
  orderId: z.uuid().nullable(),
  shopId: z.uuid().nullable(),
  externalRef: z.string().nullable(),
  source: z.enum(['manual', 'platform_event']),
  claim: z.string(),
  position: z.string(),
  amountAtStakeFen: z.number().int(),
  amountLostFen: z.number().int().nullable(),
  currency: z.string(),
  openedAt: z.date(),
  evidenceDueAt: z.date().nullable(),
  responseDueAt: z.date().nullable(),
  acceptanceDueAt: z.date().nullable(),
  mediationEndsAt: z.date().nullable(),
  nextDueAt: z.date().nullable(),
  submittedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.date(),
});

export const toDisputeView = (d: DisputeRow): z.infer<typeof DisputeView> => ({
  id: d.id,
  type: d.type,
  platform: d.platform,
  reason: d.reason,
  status: d.status,
  outcome: d.outcome,
  ticketId: d.ticketId,
  orderId: d.orderId,
  shopId: d.shopId,
  externalRef: d.externalRef,
  source: d.source,
  claim: d.claim,
  position: d.position,
  amountAtStakeFen: d.amountAtStakeFen,
  amountLostFen: d.amountLostFen,
  currency: d.currency,
  openedAt: d.openedAt,
  evidenceDueAt: d.evidenceDueAt,
  responseDueAt: d.responseDueAt,
  acceptanceDueAt: d.acceptanceDueAt,
  mediationEndsAt: d.mediationEndsAt,
  nextDueAt: d.nextDueAt,
  submittedAt: d.submittedAt,
  decidedAt: d.decidedAt,
  decisionNote: d.decisionNote,
  createdByName: d.createdByName,
  createdAt: d.createdAt,
});

const DisputeDetail = DisputeView.extend({
  evidence: z.array(EvidenceView),
  checklist: z.object({
    items: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), required: z.boolean(), have: z.number().int() })),
    missing: z.array(z.enum(EVIDENCE_KINDS)),
    complete: z.boolean(),
  }),
  reminders: z.array(
    z.object({ deadline: z.string(), dueAt: z.date(), state: z.enum(['upcoming', 'due_soon', 'overdue']) }),
  ),
});

const Deadlines = {
  evidenceDueAt: When.optional(),
  responseDueAt: When.optional(),
  acceptanceDueAt: When.optional(),
  mediationEndsAt: When.optional(),
};

const OpenBody = z.strictObject({
  type: z.enum(DISPUTE_TYPES),
  platform: z.enum(DISPUTE_FORUMS),
  ticketId: z.uuid().optional(),
  orderId: z.uuid().optional(),
  shopId: z.uuid().optional(),
  reason: Text(200).optional(),
  claim: Text(5000).optional(),
  position: Text(5000).optional(),
  externalRef: Text(100).optional(),
  amountAtStakeFen: Fen.optional(),
  openedAt: When.optional(),
  ...Deadlines,
});

const PatchBody = z.strictObject({
  reason: Text(200).optional(),
  claim: Text(5000).optional(),
  position: Text(5000).optional(),
  amountAtStakeFen: Fen.optional(),
  ...Deadlines,
});

const WinRate = z.object({
  key: z.string(),
  decided: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  partial: z.number().int(),
  winRate: z.number().nullable(),
  atStakeFen: z.number().int(),
  lostFen: z.number().int(),
});

const isCursor = (v: unknown): v is DisputeCursor =>
  typeof v === 'object' &&
  v !== null &&
  (typeof (v as DisputeCursor).v === 'string' || (v as DisputeCursor).v === null) &&
  typeof (v as DisputeCursor).id === 'string' &&
  UUID_PATTERN.test((v as DisputeCursor).id) &&
  ((v as DisputeCursor).v === null || !Number.isNaN(Date.parse((v as DisputeCursor).v ?? '')));

export const disputeRoutes: FastifyPluginAsyncZod<{
  disputes: DisputeService;
  bundles: BundleService;
}> = async (app, { disputes, bundles }) => {
  const detail = async (actor: ReturnType<typeof actorOf>, id: string) => {
    const d = await disputes.get(actor, id);
    return {
      ...toDisputeView(d.dispute),
      evidence: d.evidence.map(toEvidenceView),
      checklist: d.checklist,
      reminders: d.reminders,
    };
  };

  app.post(
    '/disputes',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        summary:
          'Open a dispute (platform intervention, 12315 complaint, chargeback…); deadlines default per forum',
        body: OpenBody,
        response: { 201: DisputeView, ...ErrorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(toDisputeView(await disputes.open(actorOf(req), req.body))),
  );

  app.get(
    '/disputes',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        summary: 'The disputes queue, nearest deadline first',
        querystring: z.strictObject({
          ...PageQuery,
          status: z.enum([...DISPUTE_STATUSES, 'active']).optional(),
          type: z.enum(DISPUTE_TYPES).optional(),
          platform: z.enum(DISPUTE_FORUMS).optional(),
          ticketId: z.uuid().optional(),
          shopId: z.uuid().optional(),
        }),
        response: { 200: page(DisputeView), ...ErrorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await disputes.list(
        actorOf(req),
        {
          status: q.status && q.status !== 'active' ? [q.status] : undefined,
          openOnly: q.status === 'active',
          type: q.type,
          platform: q.platform,
          ticketId: q.ticketId,
          shopId: q.shopId,
        },
        decodeCursor(q.cursor, isCursor),
        q.limit + 1,
      );
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return {
        items: items.map(toDisputeView),
        nextCursor:
          rows.length > q.limit && last
            ? encodeCursor({ v: last.nextDueAt?.toISOString() ?? null, id: last.id })
            : null,
      };
    },
  );

  app.get(
    '/disputes/stats',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        summary: 'Win rate by type, platform and reason; money at stake and lost',
        querystring: z.strictObject({ from: When.optional(), to: When.optional() }),
        response: {
          200: z.object({
            byType: z.array(WinRate),
            byPlatform: z.array(WinRate),
            byReason: z.array(WinRate),
            open: z.number().int(),
            atStakeOpenFen: z.number().int(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => disputes.stats(actorOf(req), req.query),
  );

  app.get(
    '/disputes/:id',
    {
      config: { access: 'agent' },
      schema: { tags: ['disputes'], params: IdParams, response: { 200: DisputeDetail, ...ErrorResponses } },
    },
    async (req) => detail(actorOf(req), req.params.id),
  );

  app.patch(
    '/disputes/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        params: IdParams,
        body: PatchBody,
        response: { 200: DisputeView, ...ErrorResponses },
      },
    },
    async (req) => toDisputeView(await disputes.update(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/disputes/:id/submit',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        summary: 'Record that the evidence went to the platform or authority',
        params: IdParams,
        response: { 200: DisputeView, ...ErrorResponses },
      },
    },
    async (req) => toDisputeView(await disputes.submit(actorOf(req), req.params.id)),
  );

  app.post(
    '/disputes/:id/decide',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        summary: 'Record the outcome and the money lost',
        params: IdParams,
        body: z.strictObject({
          outcome: z.enum(DISPUTE_OUTCOMES),
          amountLostFen: Fen.optional(),
          note: Text(2000).optional(),
        }),
        response: { 200: DisputeView, ...ErrorResponses },
      },
    },
    async (req) => toDisputeView(await disputes.decide(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/disputes/:id/bundle',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        summary:
          'The dispute bundle (application/zip): exhibits, manifest.json with SHA-256 and custody entries, summary PDF (zh-CN, or en)',
        params: IdParams,
        querystring: z.strictObject({ locale: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const bundle = await bundles.build(actorOf(req), req.params.id, req.query.locale);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(bundle.fileName)}`)
        .header('x-bundle-sha256', bundle.sha256)
        .header('content-length', bundle.bytes)
        .header('cache-control', 'private, no-store')
        .send(bundle.stream() as never); // streamed as it is built: a large case is never held in memory
    },
  );
};
