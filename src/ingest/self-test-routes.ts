import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DELIVERY_CATEGORIES } from '../channels/delivery-error.js';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { IngestService } from './ingest-service.js';

const Check = z.enum(['ok', 'failed', 'missing', 'unknown']);
const Scope = z.enum(['credentials', 'after_sales', 'chat']);

const SelfTestView = z.object({
  shopId: z.string(),
  platform: z.string(),
  ranAt: z.date(),
  ok: z.boolean(),
  keys: Check,
  token: Check,
  signing: Check,
  permissions: z.array(
    z.object({ scope: Scope, call: z.string(), state: z.enum(['granted', 'missing', 'unknown']) }),
  ),
  /** Each failure's category (the console says what to do from it) and the platform's words. */
  problems: z.array(
    z.object({ scope: Scope, call: z.string(), category: z.enum(DELIVERY_CATEGORIES), detail: z.string() }),
  ),
});

/** The connection self-test of a shop: harmless platform reads with its credentials, judged. */
export const selfTestRoutes: FastifyPluginAsyncZod<{ ingest: Pick<IngestService, 'selfTest'> }> = async (
  app,
  { ingest },
) => {
  app.post(
    '/shops/:id/self-test',
    {
      config: { access: 'supervisor', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['shops'],
        summary:
          'Run the connection self-test: a harmless read per permission with the shop’s keys and token; says whether the keys, the token and the signing work and which permissions are missing',
        params: IdParams,
        response: { 200: SelfTestView, ...ErrorResponses },
      },
    },
    async (req) => ingest.selfTest(actorOf(req), req.params.id),
  );
};
