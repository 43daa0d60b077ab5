import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from './privacy-rules.js';
import type { PrivacyService } from './privacy-service.js';

const Settings = z.object({
  retentionDays: z.number().int().min(RETENTION_DAYS_MIN).max(RETENTION_DAYS_MAX).nullable(),
});
const Summary = z.object({
  messagesMasked: z.number().int(),
  /** Absent on erasures recorded before raw platform events were masked too. */
  platformEventsMasked: z.number().int().optional(),
  keptForDisputes: z.number().int(),
});

const AccessEntry = z.object({
  at: z.iso.datetime(),
  action: z.enum(['contact_revealed', 'personal_data_exported', 'personal_data_erased']),
  actorName: z.string(),
  actorEmail: z.string().nullable(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
});
const ErasureView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
  reason: z.enum(['retention', 'request']),
  actorName: z.string(),
  summary: Summary,
  at: z.iso.datetime(),
});

/** PIPL: the retention rule, a buyer's copy of their data, erasure on request, and who looked. */
export const privacyRoutes: FastifyPluginAsyncZod<{ privacy: PrivacyService }> = async (app, { privacy }) => {
  app.get(
    '/privacy/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['privacy'],
        summary: 'The retention period for buyers’ personal data',
        response: { 200: Settings, ...ErrorResponses },
      },
    },
    async (req) => privacy.settings(actorOf(req)),
  );

  app.put(
    '/privacy/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['privacy'],
        summary: 'Set the retention period (days after the last case closed; null keeps the data)',
        body: Settings.strict(),
        response: { 200: Settings, ...ErrorResponses },
      },
    },
    async (req) => privacy.saveSettings(actorOf(req), req.body.retentionDays),
  );

  app.post(
    '/privacy/retention/run',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['privacy'],
        summary: 'Apply the retention rule now (it also runs every hour)',
        response: { 200: z.object({ erased: z.number().int() }), ...ErrorResponses },
      },
    },
    async (req) => privacy.runRetention(actorOf(req)),
  );

  app.get(
    '/privacy/customers/:id/export',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['privacy'],
        summary: 'Everything held about one buyer, contact details opened (audited)',
        params: IdParams,
        response: { 200: z.record(z.string(), z.unknown()), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const data = await privacy.exportCustomer(actorOf(req), req.params.id);
      void reply.header('content-disposition', `attachment; filename="buyer-${req.params.id}.json"`);
      return data;
    },
  );

  app.post(
    '/privacy/customers/:id/erase',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['privacy'],
        summary: 'Erase one buyer’s personal data on request (threads of open disputes are kept)',
        params: IdParams,
        response: { 200: Summary, ...ErrorResponses },
      },
    },
    async (req) => privacy.eraseOnRequest(actorOf(req), req.params.id),
  );

  app.get(
    '/privacy/access-log',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['privacy'],
        summary: 'Who revealed, exported or erased which buyer’s personal data',
        querystring: z.object({
          from: z.iso.datetime().optional(),
          to: z.iso.datetime().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.object({ items: z.array(AccessEntry) }), ...ErrorResponses },
      },
    },
    async (req) => {
      const to = req.query.to ? new Date(req.query.to) : undefined;
      const from = req.query.from ? new Date(req.query.from) : undefined;
      const rows = await privacy.accessLog(actorOf(req), from, to, req.query.limit);
      return {
        items: rows.map((r) => ({
          ...r,
          at: r.at.toISOString(),
          action: r.action as z.infer<typeof AccessEntry>['action'],
        })),
      };
    },
  );

  app.get(
    '/privacy/erasures',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['privacy'],
        summary: 'The latest erasures, by the retention rule or on request',
        response: { 200: z.object({ items: z.array(ErasureView) }), ...ErrorResponses },
      },
    },
    async (req) => ({
      items: (await privacy.recentErasures(actorOf(req), 100)).map((e) => ({
        id: e.id,
        customerId: e.customerId,
        customerName: e.customerName,
        reason: e.reason,
        actorName: e.actorName,
        summary: Summary.parse(e.summary),
        at: e.at.toISOString(),
      })),
    }),
  );
};
