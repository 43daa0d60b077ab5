import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { BatchView, SourcingView, toBatchView, toSourcingView } from './defence-views.js';
import type { SourcingService } from './sourcing-service.js';

const Text = (max: number) => z.string().trim().max(max);
const When = z.coerce.date();

const Fields = {
  productName: Text(200).optional(),
  supplierName: Text(200).min(1),
  supplierId: z.uuid().nullable().optional(),
  chain: z.array(z.uuid()).max(10).optional(),
  samplingIntervalDays: z.number().int().min(1).max(3650).optional(),
  lastSampledAt: When.nullable().optional(),
  notes: Text(2000).optional(),
};

const Unsourced = z.object({ sku: z.string(), name: z.string(), units: z.number().int() });

/** Sourcing records: /brand/sourcing. */
export const sourcingRoutes: FastifyPluginAsyncZod<{ sourcing: SourcingService }> = async (
  app,
  { sourcing },
) => {
  app.post(
    '/sourcing',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['brand'],
        summary:
          "A SKU's sourcing record: supplier and the authorisation chain (received authorisations, rights holder first)",
        body: z.strictObject({ sku: Text(100).min(1), ...Fields }),
        response: { 201: SourcingView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toSourcingView(await sourcing.create(actorOf(req), req.body))),
  );

  app.get(
    '/sourcing',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Sourcing records with their gaps, and the SKUs sold in the last 90 days without one',
        response: {
          200: z.object({ items: z.array(SourcingView), unsourced: z.array(Unsourced) }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const [rows, unsourced] = await Promise.all([sourcing.list(actor), sourcing.unsourced(actor)]);
      return { items: rows.map(toSourcingView), unsourced };
    },
  );

  app.get(
    '/sourcing/:id',
    {
      config: { access: 'agent' },
      schema: { tags: ['brand'], params: IdParams, response: { 200: SourcingView, ...ErrorResponses } },
    },
    async (req) => toSourcingView(await sourcing.get(actorOf(req), req.params.id)),
  );

  app.patch(
    '/sourcing/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['brand'],
        params: IdParams,
        body: z.strictObject({ ...Fields, supplierName: Fields.supplierName.optional() }),
        response: { 200: SourcingView, ...ErrorResponses },
      },
    },
    async (req) => toSourcingView(await sourcing.update(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/sourcing/:id/batches',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'A batch as it came in: supplier, date, invoice and inspection report numbers (files go to the evidence vault)',
        params: IdParams,
        body: z.strictObject({
          batchNo: Text(100).min(1),
          supplierName: Text(200).optional(),
          quantity: z.number().int().min(1).max(1e9).nullable().optional(),
          receivedAt: When,
          invoiceNo: Text(100).nullable().optional(),
          inspectionReportNo: Text(100).nullable().optional(),
          notes: Text(2000).optional(),
        }),
        response: { 201: BatchView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toBatchView(await sourcing.addBatch(actorOf(req), req.params.id, req.body))),
  );
};
