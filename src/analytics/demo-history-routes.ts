import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses } from '../http/schemas.js';
import type { DemoHistory } from './demo-history-service.js';

export const HistoryProgressView = z.object({
  state: z.enum(['running', 'done', 'failed']),
  days: z.number().int(),
  acts: z.number().int(),
  done: z.number().int(),
  orders: z.number().int(),
  cases: z.number().int(),
  closed: z.number().int(),
  offers: z.number().int(),
  error: z.string().optional(),
});

/** The demo's past: started by `npm run demo`, only for tenants whose every shop is simulated. */
export const demoHistoryRoutes: FastifyPluginAsyncZod<{ history: DemoHistory }> = async (
  app,
  { history },
) => {
  app.post(
    '/demo/history',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['demo'],
        summary:
          'Give a demo tenant (every shop simulated) a believable past: orders, cases, replies, offers, closings and feedback over N days, written through the services with a clock set to each act’s time. Runs in the background; poll GET.',
        body: z
          .strictObject({
            days: z.number().int().min(7).max(120).default(90),
            ordersPerDay: z.number().int().min(1).max(40).default(6),
            seed: z.number().int().min(0).max(1_000_000).optional(),
          })
          .default({ days: 90, ordersPerDay: 6 }),
        response: { 202: HistoryProgressView, ...ErrorResponses },
      },
    },
    async (req, reply) => reply.status(202).send(await history.start(actorOf(req), req.body)),
  );

  app.get(
    '/demo/history',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['demo'],
        summary: 'How far the demo history is (null when none was started in this process)',
        response: { 200: z.object({ progress: HistoryProgressView.nullable() }), ...ErrorResponses },
      },
    },
    async (req) => ({ progress: history.progress(actorOf(req).tenantId) }),
  );
};
