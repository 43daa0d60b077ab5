import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { AlertService } from './alert-service.js';

export const AlertView = z.object({
  id: z.string(),
  skuId: z.string(),
  sku: z.string(),
  batch: z.string(),
  signal: z.enum(['safety', 'quality']),
  status: z.enum(['open', 'dismissed', 'recall_opened']),
  windowFrom: z.string(),
  windowTo: z.string(),
  observed: z.number().int(),
  expected: z.number(),
  pValue: z.number(),
  evidence: z.record(z.string(), z.unknown()),
  recallId: z.string().nullable(),
  decidedByName: z.string().nullable(),
  raisedAt: z.date(),
});

const toView = (a: z.infer<typeof AlertView> & Record<string, unknown>): z.infer<typeof AlertView> => ({
  id: a.id,
  skuId: a.skuId,
  sku: a.sku,
  batch: a.batch,
  signal: a.signal,
  status: a.status,
  windowFrom: a.windowFrom,
  windowTo: a.windowTo,
  observed: a.observed,
  expected: a.expected,
  pValue: a.pValue,
  evidence: a.evidence,
  recallId: a.recallId,
  decidedByName: a.decidedByName,
  raisedAt: a.raisedAt,
});

/** Early warning: "possible recall" alerts from the spike test, dismissed or turned into a draft recall. */
export const alertRoutes: FastifyPluginAsyncZod<{ alerts: AlertService }> = async (app, { alerts }) => {
  app.get(
    '/analytics/alerts',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['analytics'],
        summary: 'Runs the spike test on the last week and lists the alerts, open first',
        querystring: z.strictObject({}),
        response: { 200: z.object({ items: z.array(AlertView) }), ...ErrorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await alerts.detectSpikes(actor);
      return { items: (await alerts.list(actor)).map(toView) };
    },
  );
  app.post(
    '/analytics/alerts/:id/dismiss',
    {
      config: { access: 'supervisor' },
      schema: { tags: ['analytics'], params: IdParams, response: { 200: AlertView, ...ErrorResponses } },
    },
    async (req) => toView(await alerts.dismiss(actorOf(req), req.params.id)),
  );
  app.post(
    '/analytics/alerts/:id/recall',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['analytics'],
        summary: 'Opens a draft recall campaign for the alert’s SKU and batch, with its evidence',
        params: IdParams,
        body: z
          .strictObject({ locale: z.enum(['zh-CN', 'en']).default('zh-CN') })
          .default({ locale: 'zh-CN' }),
        response: { 201: z.object({ recallId: z.string() }), ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await alerts.openRecall(actorOf(req), req.params.id, req.body.locale)),
  );
};
