import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BRAND_PLATFORMS, COMPLAINT_STATUSES, COMPLAINT_TYPES } from '../db/schema/brand.js';
import { EvidenceView, toEvidenceView } from '../evidence/evidence-routes.js';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorResponses, IdParams, PageQuery, page } from '../http/schemas.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { AccountView, ComplaintView, RateView, toAccountView, toComplaintView } from './brand-views.js';
import type { ComplaintService } from './complaint-service.js';

const Text = (max: number) => z.string().trim().max(max);
type Cursor = { v: string | null; id: string };
const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Cursor).id === 'string' &&
  UUID_PATTERN.test((v as Cursor).id) &&
  ((v as Cursor).v === null ||
    (typeof (v as Cursor).v === 'string' && !Number.isNaN(Date.parse((v as Cursor).v!))));

const AccountStats = AccountView.extend({
  filed: z.number().int(),
  decided: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  successRate: z.number().nullable(),
  weakHeld: z.number().int(),
  rateIfWeakFiled: z.number().nullable(),
  byType: z.array(RateView),
  byMonth: z.array(RateView),
});

const ComplaintDetail = ComplaintView.extend({
  listing: z.object({ id: z.uuid(), url: z.string(), title: z.string(), sellerName: z.string() }).nullable(),
  evidence: z.array(EvidenceView),
  checklist: z.object({
    items: z.array(z.object({ kind: z.string(), have: z.number().int() })),
    missing: z.array(z.string()),
    complete: z.boolean(),
  }),
  events: z.array(
    z.object({
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      note: z.string(),
      at: z.date(),
      actorName: z.string(),
    }),
  ),
  portal: z.string(),
  due: z.enum(['upcoming', 'due_soon', 'overdue']).nullable(),
});

export const complaintRoutes: FastifyPluginAsyncZod<{ complaints: ComplaintService }> = async (
  app,
  { complaints },
) => {
  app.post(
    '/accounts',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['brand'],
        summary: "Add a complaint account (the merchant's account on a platform's IP-protection portal)",
        body: z.strictObject({ platform: z.enum(BRAND_PLATFORMS), name: Text(100).min(1) }),
        response: { 201: AccountView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toAccountView(await complaints.createAccount(actorOf(req), req.body))),
  );

  app.get(
    '/accounts',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'Complaint accounts with successRate (succeeded / decided), filed, succeeded, by type and month; weakHeld and rateIfWeakFiled say what the pre-check saved',
        response: { 200: z.object({ items: z.array(AccountStats) }), ...ErrorResponses },
      },
    },
    async (req) => ({
      items: (await complaints.accounts(actorOf(req))).map(({ account, key: _key, ...rest }) => ({
        ...toAccountView(account),
        ...rest,
      })),
    }),
  );

  app.post(
    '/complaints',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'Draft a complaint on a watched listing; refused (422 PRECHECK_FAILED) with the reasons when the pre-check fails or the estimate is weak (acceptWeak overrides only the latter)',
        body: z.strictObject({
          listingId: z.uuid(),
          accountId: z.uuid(),
          type: z.enum(COMPLAINT_TYPES).optional(),
          rightId: z.uuid().optional(),
          statement: Text(5000).optional(),
          acceptWeak: z.boolean().optional(),
        }),
        response: { 201: ComplaintView, ...ErrorResponses, 422: ErrorResponses[400] },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toComplaintView(await complaints.draft(actorOf(req), req.body))),
  );

  app.get(
    '/complaints',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'The complaints board, nearest deadline first',
        querystring: z.strictObject({
          ...PageQuery,
          status: z.enum(COMPLAINT_STATUSES).optional(),
          accountId: z.uuid().optional(),
          listingId: z.uuid().optional(),
        }),
        response: { 200: page(ComplaintView), ...ErrorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await complaints.list(
        actorOf(req),
        { status: q.status ? [q.status] : undefined, accountId: q.accountId, listingId: q.listingId },
        decodeCursor(q.cursor, isCursor),
        q.limit + 1,
      );
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return {
        items: items.map(toComplaintView),
        nextCursor:
          rows.length > q.limit && last
            ? encodeCursor({ v: last.nextDueAt?.toISOString() ?? null, id: last.id })
            : null,
      };
    },
  );

  app.get(
    '/complaints/stats',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Success rates overall, by type, platform and month',
        response: {
          200: z.object({
            overall: RateView.nullable(),
            byType: z.array(RateView),
            byPlatform: z.array(RateView),
            byMonth: z.array(RateView),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => complaints.stats(actorOf(req)),
  );

  app.get(
    '/complaints/:id',
    {
      config: { access: 'agent' },
      schema: { tags: ['brand'], params: IdParams, response: { 200: ComplaintDetail, ...ErrorResponses } },
    },
    async (req) => {
      const d = await complaints.get(actorOf(req), req.params.id);
      return {
        ...toComplaintView(d.complaint),
        listing: d.listing
          ? { id: d.listing.id, url: d.listing.url, title: d.listing.title, sellerName: d.listing.sellerName }
          : null,
        evidence: d.evidence.map(toEvidenceView),
        checklist: d.checklist,
        events: d.events,
        portal: d.portal,
        due: d.due,
      };
    },
  );

  app.post(
    '/complaints/:id/status',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'Record a status change (submitted, supplement_requested, accepted, rejected, counter_noticed, taken_down, reinstated, withdrawn); 409 when not possible from the current status',
        params: IdParams,
        body: z.strictObject({
          to: z.enum(COMPLAINT_STATUSES),
          note: Text(2000).optional(),
          dueAt: z.coerce.date().optional(),
          externalRef: Text(100).optional(),
        }),
        response: { 200: ComplaintView, ...ErrorResponses, 422: ErrorResponses[400] },
      },
    },
    async (req) => toComplaintView(await complaints.move(actorOf(req), req.params.id, req.body)),
  );
};
