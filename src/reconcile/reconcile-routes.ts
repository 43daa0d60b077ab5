import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses } from '../http/schemas.js';
import type { ReconcileService } from './reconcile-service.js';
import { ReconcileShopView } from './reconcile-views.js';

const ShopParams = z.strictObject({ shopId: z.uuid() });

export const reconcileRoutes: FastifyPluginAsyncZod<{ reconcile: ReconcileService }> = async (
  app,
  { reconcile },
) => {
  app.get(
    '/reconcile/shops',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ingest'],
        summary: 'Reconciliation per shop: last run, events found that webhooks missed, lag, failures',
        response: { 200: z.object({ items: z.array(ReconcileShopView) }), ...ErrorResponses },
      },
    },
    async (request) => ({ items: await reconcile.status(actorOf(request)) }),
  );

  app.post(
    '/reconcile/shops/:shopId/run',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['ingest'],
        summary: 'Reconcile a shop now (立即对账): the next free worker pulls it',
        params: ShopParams,
        response: { 202: ReconcileShopView, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const state = await reconcile.request(actorOf(request), request.params.shopId);
      return reply.status(202).send(state);
    },
  );
};
