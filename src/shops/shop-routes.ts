import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DELIVERY_CATEGORIES } from '../channels/delivery-error.js';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { isValidTimeZone } from '../shared/timezone.js';
import { PLATFORMS } from './shop-platform.js';
import type { ShopService } from './shop-service.js';
import { ShopSettingsInput, ShopSettingsPatch, ShopSettingsView } from './shop-settings.js';
import { webhookAddress } from './webhook-address.js';

const TimeZone = z
  .string()
  .max(64)
  .refine(isValidTimeZone, 'unknown time zone (use an IANA name such as Asia/Shanghai)');
const Credential = z.string().trim().min(1).max(200);

export const AuthorisationView = z.object({
  state: z.enum(['authorised', 'expiring', 'expired', 'refresh_failed', 'manual', 'none']),
  via: z.enum(['oauth', 'manual']).nullable(),
  authorisedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  canRefresh: z.boolean(),
  error: z.object({ category: z.enum(DELIVERY_CATEGORIES), message: z.string(), at: z.date() }).nullable(),
});

const ShopView = z.object({
  id: z.uuid(),
  platform: z.enum(PLATFORMS),
  name: z.string(),
  externalShopId: z.string().nullable(),
  appKey: z.string().nullable(),
  hasAppSecret: z.boolean(),
  hasAccessToken: z.boolean(),
  timezone: z.string(),
  enabled: z.boolean(),
  settings: ShopSettingsView,
  authorisation: AuthorisationView,
  webhook: z.object({ url: z.string(), https: z.boolean(), configured: z.boolean() }),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const shopRoutes: FastifyPluginAsyncZod<{
  shops: ShopService;
  publicUrl?: string | undefined;
}> = async (app, { shops, publicUrl }) => {
  const withWebhook = <S extends { id: string; platform: string }>(req: FastifyRequest, shop: S) => ({
    ...shop,
    webhook: webhookAddress(
      { configured: publicUrl, requestOrigin: `${req.protocol}://${req.host}` },
      shop.platform,
      shop.id,
    ),
  });
  app.get(
    '/shops',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['shops'],
        summary: 'The merchant’s shops',
        response: { 200: z.object({ items: z.array(ShopView) }) },
      },
    },
    async (req) => ({ items: (await shops.list(actorOf(req))).map((s) => withWebhook(req, s)) }),
  );

  app.get(
    '/shops/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['shops'],
        summary: 'One shop',
        params: IdParams,
        response: { 200: ShopView, ...ErrorResponses },
      },
    },
    async (req) => withWebhook(req, await shops.get(actorOf(req), req.params.id)),
  );

  app.post(
    '/shops',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['shops'],
        summary:
          'Add a shop; the app secret and the access token (settings.accessToken) are stored encrypted and never returned',
        body: z.strictObject({
          platform: z.enum(PLATFORMS),
          name: z.string().trim().min(1).max(100),
          externalShopId: z.string().trim().min(1).max(100).optional(),
          appKey: Credential.optional(),
          appSecret: Credential.optional(),
          timezone: TimeZone.optional(),
          settings: ShopSettingsInput.optional(),
        }),
        response: { 201: ShopView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withWebhook(req, await shops.create(actorOf(req), req.body))),
  );

  app.patch(
    '/shops/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['shops'],
        summary:
          'Rename, re-key, move time zone, enable or disable a shop, change its adapter settings (merged key by key; null removes a key)',
        params: IdParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(100).optional(),
          externalShopId: z.string().trim().min(1).max(100).optional(),
          appKey: Credential.optional(),
          appSecret: Credential.optional(),
          timezone: TimeZone.optional(),
          enabled: z.boolean().optional(),
          settings: ShopSettingsPatch.optional(),
        }),
        response: { 200: ShopView, ...ErrorResponses },
      },
    },
    async (req) => withWebhook(req, await shops.update(actorOf(req), req.params.id, req.body)),
  );
};
