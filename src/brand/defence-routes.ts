import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BRAND_PLATFORMS, COMPLAINT_TYPES, DEFENCE_STATUSES } from '../db/schema/brand.js';
import { EvidenceView, toEvidenceView } from '../evidence/evidence-routes.js';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { DefenceService } from './defence-service.js';
import { DefenceView, DueView, SourcingView, toDefenceView, toSourcingView } from './defence-views.js';

const Text = (max: number) => z.string().trim().max(max);
const When = z.coerce.date();
const Locale = z.enum(['zh-CN', 'en']).default('zh-CN');

const DefenceBody = z.strictObject({
  platform: z.enum(BRAND_PLATFORMS),
  shopId: z.uuid().nullable().optional(),
  externalRef: Text(100).nullable().optional(),
  listingTitle: Text(500).min(1),
  listingUrl: z.url().max(2000).nullable().optional(),
  sku: Text(100).nullable().optional(),
  complainant: Text(200).min(1),
  type: z.enum(COMPLAINT_TYPES),
  rightNo: Text(60).nullable().optional(),
  claim: Text(4000).optional(),
  receivedAt: When.optional(),
  responseDueAt: When.optional(),
});

const PatchBody = z.strictObject({
  listingTitle: Text(500).min(1).optional(),
  listingUrl: z.url().max(2000).nullable().optional(),
  sku: Text(100).nullable().optional(),
  complainant: Text(200).min(1).optional(),
  type: z.enum(COMPLAINT_TYPES).optional(),
  rightNo: Text(60).nullable().optional(),
  claim: Text(4000).optional(),
  responseDueAt: When.optional(),
  response: Text(8000).optional(),
});

const ListItem = DefenceView.extend({ due: DueView, sourced: z.boolean().nullable() });
const Detail = DefenceView.extend({
  due: DueView,
  sourcing: SourcingView.nullable(),
  evidence: z.array(EvidenceView),
  checklist: z.object({
    items: z.array(z.object({ kind: z.string(), have: z.number().int() })),
    missing: z.array(z.string()),
    complete: z.boolean(),
  }),
});
const Stats = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  responded: z.number().int(),
  dismissed: z.number().int(),
  upheld: z.number().int(),
  withdrawn: z.number().int(),
});

/** IP complaints received against our own shop: /brand/defences. */
export const defenceRoutes: FastifyPluginAsyncZod<{ defences: DefenceService }> = async (
  app,
  { defences },
) => {
  app.post(
    '/defences',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Record an IP complaint received against our shop: opens a case, sets the answer deadline',
        body: DefenceBody,
        response: { 201: DefenceView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toDefenceView(await defences.intake(actorOf(req), req.body))),
  );

  app.get(
    '/defences',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Complaints against our shop, open ones by deadline first, with the counts by outcome',
        querystring: z.strictObject({
          status: z.enum(DEFENCE_STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.object({ items: z.array(ListItem), stats: Stats }), ...ErrorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const [rows, stats] = await Promise.all([
        defences.list(actor, req.query.status, req.query.limit),
        defences.stats(actor),
      ]);
      return {
        items: rows.map((r) => ({ ...toDefenceView(r.defence), due: r.due, sourced: r.sourced })),
        stats,
      };
    },
  );

  app.get(
    '/defences/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          "A complaint against us with its deadline, the SKU's sourcing record and the counter-evidence checklist",
        params: IdParams,
        response: { 200: Detail, ...ErrorResponses },
      },
    },
    async (req) => {
      const d = await defences.get(actorOf(req), req.params.id);
      return {
        ...toDefenceView(d.defence),
        due: d.due,
        sourcing: d.sourcing ? toSourcingView(d.sourcing) : null,
        evidence: d.evidence.map(toEvidenceView),
        checklist: d.checklist,
      };
    },
  );

  app.patch(
    '/defences/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Correct what the notice said (type, SKU, deadline) or save the answer being written',
        params: IdParams,
        body: PatchBody,
        response: { 200: DefenceView, ...ErrorResponses },
      },
    },
    async (req) => toDefenceView(await defences.update(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/defences/:id/draft',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'The answer drafted from the sourcing record and the files on it (zh-CN or en); nothing is saved',
        params: IdParams,
        querystring: z.strictObject({ locale: Locale }),
        response: { 200: z.object({ locale: z.enum(['zh-CN', 'en']), text: z.string() }), ...ErrorResponses },
      },
    },
    async (req) => ({
      locale: req.query.locale,
      text: await defences.draft(actorOf(req), req.params.id, req.query.locale),
    }),
  );

  app.post(
    '/defences/:id/status',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'responded (with the answer submitted), then dismissed / upheld / withdrawn; 409 when illegal',
        params: IdParams,
        body: z.strictObject({
          to: z.enum(DEFENCE_STATUSES),
          response: Text(8000).optional(),
          note: Text(2000).optional(),
        }),
        response: { 200: DefenceView, ...ErrorResponses },
      },
    },
    async (req) => toDefenceView(await defences.move(actorOf(req), req.params.id, req.body)),
  );
};
