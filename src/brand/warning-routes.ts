import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WARNING_CHANNELS, WARNING_OUTCOMES } from '../db/schema/brand.js';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { toWarningView, WarningView } from './defence-views.js';
import type { FilingPackageService } from './filing-package.js';
import type { WarningService } from './warning-service.js';

const Locale = z.enum(['zh-CN', 'en']).default('zh-CN');
const FollowUpDays = z.coerce.number().int().min(1).max(60);

const WarningItem = WarningView.extend({
  state: z.enum(['awaiting', 'follow_up_due', 'price_back', 'closed']),
  round: z.number().int(),
  listing: z
    .object({
      id: z.uuid(),
      url: z.string(),
      title: z.string(),
      sellerName: z.string(),
      priceFen: z.number().int().nullable(),
      sku: z.string().nullable(),
    })
    .nullable(),
});

/** Reseller price warnings and their follow-up; the IP filing package of a complaint. */
export const warningRoutes: FastifyPluginAsyncZod<{
  warnings: WarningService;
  filing: FilingPackageService;
}> = async (app, { warnings, filing }) => {
  app.get(
    '/listings/:id/warning-draft',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'The warning text for an authorised reseller below its minimum price (422 when there is nothing to warn)',
        params: IdParams,
        querystring: z.strictObject({ locale: Locale, followUpDays: FollowUpDays.default(3) }),
        response: { 200: z.object({ text: z.string() }), ...ErrorResponses },
      },
    },
    async (req) => ({
      text: await warnings.draft(actorOf(req), req.params.id, req.query.locale, req.query.followUpDays),
    }),
  );

  app.get(
    '/listings/:id/prices',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'The prices seen on a watched listing over time, and the warnings recorded about them',
        params: IdParams,
        response: {
          200: z.object({
            prices: z.array(
              z.object({
                priceFen: z.number().int(),
                referencePriceFen: z.number().int().nullable(),
                observedAt: z.date(),
              }),
            ),
            warnings: z.array(WarningView),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const h = await warnings.history(actorOf(req), req.params.id);
      return {
        prices: h.prices.map((p) => ({
          priceFen: p.priceFen,
          referencePriceFen: p.referencePriceFen,
          observedAt: p.observedAt,
        })),
        warnings: h.warnings.map(toWarningView),
      };
    },
  );

  app.post(
    '/listings/:id/warnings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'Record a warning the merchant sent to the reseller (Aftercare sends nothing), with its follow-up date',
        params: IdParams,
        body: z.strictObject({
          message: z.string().trim().max(4000).optional(),
          channel: z.enum(WARNING_CHANNELS).optional(),
          followUpDays: FollowUpDays.optional(),
          locale: z.enum(['zh-CN', 'en']).optional(),
        }),
        response: { 201: WarningView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toWarningView(await warnings.record(actorOf(req), req.params.id, req.body))),
  );

  app.get(
    '/warnings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Reseller warnings: open ones by follow-up date, with whether the price came back',
        querystring: z.strictObject({
          open: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.object({ items: z.array(WarningItem) }), ...ErrorResponses },
      },
    },
    async (req) => {
      const open = req.query.open === undefined ? undefined : req.query.open === 'true';
      const rows = await warnings.list(actorOf(req), open, req.query.limit);
      return {
        items: rows.map((r) => ({
          ...toWarningView(r.warning),
          state: r.state,
          round: r.round,
          listing: r.listing
            ? {
                id: r.listing.id,
                url: r.listing.url,
                title: r.listing.title,
                sellerName: r.listing.sellerName,
                priceFen: r.listing.priceFen,
                sku: r.listing.sku,
              }
            : null,
        })),
      };
    },
  );

  app.post(
    '/warnings/:id/outcome',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'Close a warning with what came of it; authorisation_revoked revokes the reseller authorisation',
        params: IdParams,
        body: z.strictObject({
          outcome: z.enum(WARNING_OUTCOMES),
          note: z.string().trim().max(2000).optional(),
        }),
        response: { 200: WarningView, ...ErrorResponses },
      },
    },
    async (req) => toWarningView(await warnings.resolve(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/complaints/:id/package',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          "The filing package (application/zip) for the platform's IP portal: certificate, screenshots, comparison, authorisation, manifest.json and SHA256SUMS",
        params: IdParams,
        querystring: z.strictObject({ locale: Locale }),
        response: { ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const pkg = await filing.build(actorOf(req), req.params.id, req.query.locale);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(pkg.fileName)}`)
        .header('x-package-sha256', pkg.sha256)
        .header('x-package-missing', pkg.missing.join(','))
        .header('cache-control', 'private, no-store')
        .send(pkg.bytes as never); // binary: fastify sends a Buffer as it is, unserialised
    },
  );
};
