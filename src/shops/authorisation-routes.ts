import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { AuthorisationService } from './authorisation-service.js';
import { PLATFORMS } from './shop-platform.js';
import { AuthorisationView } from './shop-routes.js';

const CallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
});

/** Shop authorisation through the platform's consent page (OAuth code flow) and token renewal. */
export const authorisationRoutes: FastifyPluginAsyncZod<{ authorisation: AuthorisationService }> = async (
  app,
  { authorisation },
) => {
  app.post(
    '/shops/:id/authorise',
    {
      config: { access: 'admin', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['shops'],
        summary:
          'Start authorising a shop: the platform’s consent page to send the merchant to, and the callback address it returns to',
        params: IdParams,
        response: {
          200: z.object({
            url: z.string(),
            redirectUri: z.string(),
            redirectRegistered: z.boolean(),
            expiresAt: z.date(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => authorisation.start(actorOf(req), req.params.id, `${req.protocol}://${req.host}`),
  );

  app.post(
    '/shops/:id/authorise/refresh',
    {
      config: { access: 'admin', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['shops'],
        summary: 'Renew the shop’s access token now with its refresh token',
        params: IdParams,
        response: { 200: AuthorisationView, ...ErrorResponses },
      },
    },
    async (req) => authorisation.refreshNow(actorOf(req), req.params.id),
  );

  app.get(
    '/shops/authorise/callback/:platform',
    {
      // The platform's redirect: the state (single use, 10 minutes) and the logged-in user are checked.
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        hide: true,
        params: z.strictObject({ platform: z.enum(PLATFORMS) }),
        querystring: CallbackQuery,
      },
    },
    async (req, reply) => {
      const result = await authorisation.callback(req.actor, req.params.platform, req.query);
      const q = new URLSearchParams({ authorise: result.outcome });
      if (result.shopId) q.set('shop', result.shopId);
      if (result.reason) q.set('reason', result.reason);
      return reply.redirect(`/settings/shops?${q}`, 303);
    },
  );
};
