import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INSPECTION_KINDS, SUPPLIER_STATUSES } from '../db/schema/suppliers.js';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { ListingService } from './listing-service.js';
import { Day, DocumentFields, DocumentView, toDocumentView } from './listing-views.js';
import { STANDARD_CODE } from './scorecard.js';
import type { SupplierService } from './supplier-service.js';
import {
  AuditView,
  InspectionView,
  ScorecardView,
  SupplierView,
  toAuditView,
  toInspectionView,
  toSupplierView,
} from './supplier-views.js';

const Name = z.string().trim().min(1, 'the name is empty').max(100);
const Contact = z.strictObject({
  name: z.string().trim().min(1).max(50),
  role: z.string().trim().max(50).optional(),
  phone: z.string().trim().max(30).optional(),
  email: z.email().max(254).optional(),
  wechat: z.string().trim().max(50).optional(),
});
const SupplierBody = z.strictObject({
  name: Name,
  contacts: z.array(Contact).max(20).optional(),
  address: z.string().trim().max(300).optional(),
  note: z.string().trim().max(2000).optional(),
});

export const supplierRoutes: FastifyPluginAsyncZod<{
  suppliers: SupplierService;
  listings: ListingService;
}> = async (app, { suppliers, listings }) => {
  app.get(
    '/suppliers',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['suppliers'],
        summary: 'Suppliers with their scorecard (units sold, defect complaints, rate, verdict)',
        querystring: z.strictObject({ q: z.string().trim().max(100).optional() }),
        response: { 200: z.object({ items: z.array(SupplierView.extend({ scorecard: ScorecardView })) }) },
      },
    },
    async (req) => ({
      items: (await suppliers.list(actorOf(req), req.query.q)).map((s) => ({
        ...toSupplierView(s.supplier),
        scorecard: s.scorecard,
      })),
    }),
  );

  app.post(
    '/suppliers',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['suppliers'],
        summary: 'Add a supplier (names are unique per merchant)',
        body: SupplierBody,
        response: { 201: SupplierView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toSupplierView(await suppliers.create(actorOf(req), req.body))),
  );

  app.get(
    '/suppliers/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['suppliers'],
        summary:
          'One supplier: contacts, names merged into it, qualifications, audits, inspections and scorecard',
        params: IdParams,
        response: {
          200: SupplierView.extend({
            aliases: z.array(z.string()),
            audits: z.array(AuditView),
            inspections: z.array(InspectionView),
            qualifications: z.array(DocumentView),
            scorecard: ScorecardView,
            claims: z.array(
              z.object({
                claim: z.string().nullable(),
                listingId: z.uuid(),
                title: z.string(),
                complaints: z.number().int(),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const d = await suppliers.get(actorOf(req), req.params.id);
      return {
        ...toSupplierView(d.supplier),
        aliases: d.aliases.map((a) => a.name),
        audits: d.audits.map(toAuditView),
        inspections: d.inspections.map(toInspectionView),
        qualifications: d.documents.map(toDocumentView),
        scorecard: d.scorecard,
        claims: d.claims.map((c) => ({
          claim: c.claim,
          listingId: c.listingId,
          title: c.title,
          complaints: c.count,
        })),
      };
    },
  );

  app.patch(
    '/suppliers/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['suppliers'],
        summary: 'Change a supplier’s name, contacts, address, note or status',
        params: IdParams,
        body: SupplierBody.partial().extend({ status: z.enum(SUPPLIER_STATUSES).optional() }),
        response: { 200: SupplierView, ...ErrorResponses },
      },
    },
    async (req) => toSupplierView(await suppliers.update(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/suppliers/:id/merge',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['suppliers'],
        summary:
          'Merge this supplier into another: its products, SKUs and order lines move over (their text stays); refused if any would be left behind',
        params: IdParams,
        body: z.strictObject({ intoId: z.uuid() }),
        response: {
          200: z.object({
            into: SupplierView,
            moved: z.object({ products: z.number(), skus: z.number(), orderLines: z.number() }),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const r = await suppliers.merge(actorOf(req), req.params.id, req.body.intoId);
      return { into: toSupplierView(r.into), moved: r.moved };
    },
  );

  app.delete(
    '/suppliers/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['suppliers'],
        summary: 'Delete a supplier nothing refers to (one with order lines is merged instead)',
        params: IdParams,
        response: { 200: SupplierView, ...ErrorResponses },
      },
    },
    async (req) => toSupplierView(await suppliers.remove(actorOf(req), req.params.id)),
  );

  app.post(
    '/suppliers/:id/audits',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['suppliers'],
        summary:
          'Record an on-site factory audit (checklist, findings, score 0–100); photos go to the evidence vault (subject supplier_audit)',
        params: IdParams,
        body: z.strictObject({
          visitedOn: Day,
          auditor: z.string().trim().min(1).max(100),
          checklist: z
            .array(
              z.strictObject({
                item: z.string().trim().min(1).max(200),
                passed: z.boolean().nullable(),
                note: z.string().trim().max(500).optional(),
              }),
            )
            .max(100),
          findings: z.string().trim().max(5000).optional(),
          score: z.number().int().min(0).max(100),
        }),
        response: { 201: AuditView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toAuditView(await suppliers.addAudit(actorOf(req), req.params.id, req.body))),
  );

  app.post(
    '/suppliers/:id/inspections',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['suppliers'],
        summary:
          'Record a batch inspection report (the national or industry standard it was tested against, e.g. GB 18401-2010) or a sampling test',
        params: IdParams,
        body: z
          .strictObject({
            kind: z.enum(INSPECTION_KINDS),
            skuCode: z.string().trim().max(100).optional(),
            batch: z.string().trim().max(100).optional(),
            standardCode: z
              .string()
              .trim()
              .regex(
                STANDARD_CODE,
                'standardCode is not a standard code like GB 18401-2010 or GB/T 2912.1-2009',
              )
              .optional(),
            institution: z.string().trim().max(200).optional(),
            reportNo: z.string().trim().max(100).optional(),
            testedOn: Day,
            result: z.enum(['pass', 'fail']),
            sampleSize: z.number().int().min(1).max(1_000_000).optional(),
            defectsFound: z.number().int().min(0).max(1_000_000).optional(),
            note: z.string().trim().max(2000).optional(),
          })
          .refine((b) => b.kind !== 'batch_report' || (b.standardCode && b.institution), {
            message: 'a batch inspection report names the standard it was tested against and the institution',
          })
          .refine(
            (b) =>
              b.defectsFound === undefined || b.sampleSize === undefined || b.defectsFound <= b.sampleSize,
            {
              message: 'defectsFound is more than sampleSize',
            },
          ),
        response: { 201: InspectionView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(toInspectionView(await suppliers.addInspection(actorOf(req), req.params.id, req.body))),
  );

  app.post(
    '/suppliers/:id/qualifications',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['suppliers'],
        summary: 'Record a supplier’s qualification (business or production licence…) with its expiry',
        params: IdParams,
        body: z.strictObject(DocumentFields),
        response: { 201: DocumentView, ...ErrorResponses },
      },
    },
    async (req, reply) => {
      await suppliers.mustSupplier(actorOf(req), req.params.id);
      const doc = await listings.addDocument(actorOf(req), {
        holderType: 'supplier',
        holderId: req.params.id,
        ...req.body,
      });
      return reply.status(201).send(toDocumentView(doc));
    },
  );
};
