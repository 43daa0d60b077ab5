import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { alertRoutes } from './analytics/alert-routes.js';
import { analyticsRoutes } from './analytics/analytics-routes.js';
import { demoHistoryRoutes } from './analytics/demo-history-routes.js';
import { createDemoHistory } from './analytics/demo-history-service.js';
import { analyticsExportRoutes } from './analytics/export-routes.js';
import { feedbackRoutes } from './analytics/feedback-routes.js';
import { reportRoutes } from './analytics/report-routes.js';
import { assistantRoutes } from './assistant/assistant-routes.js';
import { authRoutes } from './auth/auth-routes.js';
import { brandRoutes } from './brand/brand-routes.js';
import { careRoutes } from './care/care-routes.js';
import { parseDeliveryError } from './channels/delivery-error.js';
import { coachingRoutes } from './coaching/coaching-routes.js';
import { disputeRoutes } from './disputes/dispute-routes.js';
import { penaltyRoutes } from './disputes/penalty-routes.js';
import { reminderRoutes } from './disputes/reminder-routes.js';
import { evidenceRoutes } from './evidence/evidence-routes.js';
import { freezeCase } from './evidence/freeze.js';
import { installAccessControl } from './http/access.js';
import { serveConsole } from './http/console-files.js';
import { errorBody, frameworkErrors, installErrorHandling } from './http/errors.js';
import { lazyChildLogger, loggerOptions } from './http/logger.js';
import { installMetrics } from './http/metrics.js';
import { installOriginCheck, installSecurityHeaders } from './http/security-headers.js';
import { installTextHygiene } from './http/text-hygiene.js';
import { importRoutes } from './imports/import-routes.js';
import { createImportService } from './imports/import-service.js';
import { ingestRoutes } from './ingest/ingest-routes.js';
import { selfTestRoutes } from './ingest/self-test-routes.js';
import { webhookRoutes } from './ingest/webhook-routes.js';
import { kbPublicRoutes } from './kb/kb-public-routes.js';
import { kbRoutes } from './kb/kb-routes.js';
import { blocklistRoutes } from './playbooks/blocklist-routes.js';
import { offerRoutes } from './playbooks/offer-routes.js';
import { playbookRoutes } from './playbooks/playbook-routes.js';
import { taskRoutes } from './playbooks/task-routes.js';
import { templateRoutes } from './playbooks/template-routes.js';
import { privacyRoutes } from './privacy/privacy-routes.js';
import { listingRoutes } from './quality/listing-routes.js';
import { qualityRoutes } from './quality/quality-routes.js';
import { supplierRoutes } from './quality/supplier-routes.js';
import { publicRecallRoutes } from './recalls/public-routes.js';
import { recallRoutes } from './recalls/recall-routes.js';
import { recallWorkRoutes } from './recalls/recall-work-routes.js';
import { reconcileRoutes } from './reconcile/reconcile-routes.js';
import { replyCheckRoutes } from './replycheck/replycheck-routes.js';
import { searchRoutes } from './search/search-routes.js';
import { type AppDeps, createServices, type Services } from './services.js';
import { INSTALL_ROOT } from './shared/install-root.js';
import { authorisationRoutes } from './shops/authorisation-routes.js';
import { shopRoutes } from './shops/shop-routes.js';
import { slaReportRoutes } from './sla/sla-report-routes.js';
import { slaRoutes } from './sla/sla-routes.js';
import { bulkRoutes } from './tickets/bulk-routes.js';
import { catalogRoutes } from './tickets/catalog-routes.js';
import { ticketRoutes } from './tickets/ticket-routes.js';
import { triageRoutes } from './triage/triage-routes.js';

export const DEFAULT_WEB_ROOT = join(INSTALL_ROOT, 'dist', 'web');
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The Fastify instance with every route; never listens (tests use app.inject, main.ts listens). */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const app = Fastify({
    logger: loggerOptions(deps.logLevel ?? 'silent'),
    childLoggerFactory: lazyChildLogger,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    // X-Forwarded-For is believed only from configured proxies: anyone else could pick their own
    // address and walk around the login throttle (and the security log would record the lie).
    trustProxy: deps.trustedProxies?.length ? [...deps.trustedProxies] : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const services = createServices(deps);
  installErrorHandling(app);
  installTextHygiene(app);
  await installSecurityHeaders(app);
  installOriginCheck(app, { allowedOrigins: deps.allowedOrigins ?? [] });
  await app.register(fastifyCookie);
  // Only routes that opt in (login, sign-up) are limited: guessing passwords must be slow.
  await app.register(fastifyRateLimit, { global: false });
  installAccessControl(app, services.auth);
  const metrics = installMetrics(app, {
    defaultMetrics: deps.defaultMetrics ?? false,
    token: deps.metricsToken,
  });
  services.authorisation.onRefreshFailure((f) =>
    app.log.warn(
      { tenant: f.tenantId, shop: f.shopId, category: f.category, reason: f.message },
      'shop token renewal failed',
    ),
  );
  // Every delivery attempt is counted; one that did not go out is logged with its reason.
  services.ingest.onDelivery((o) => {
    const category = o.reason ? (parseDeliveryError(o.reason)?.category ?? 'unknown') : '';
    metrics.deliveries.inc({ platform: o.platform, kind: o.kind, outcome: o.outcome, category });
    if (o.outcome !== 'sent') {
      app.log.warn(
        {
          tenant: o.tenantId,
          shop: o.shopId,
          platform: o.platform,
          kind: o.kind,
          outbox: o.outboxId,
          ticket: o.ticketId,
          attempts: o.attempts,
          reason: o.reason,
        },
        o.outcome === 'failed' ? 'outbound delivery failed' : 'outbound delivery will be retried',
      );
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Aftercare API',
        description: 'After-sales and complaint desk (售后工作台). Errors are {"error":{"code","message"}}.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ac_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => {
    await deps.database.query('select 1');
    return { status: 'ok', engine: deps.database.engine };
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await api.register(authRoutes, { auth: services.auth, secureCookies: deps.secureCookies });
      await api.register(shopRoutes, { shops: services.shops, publicUrl: deps.publicUrl });
      await api.register(authorisationRoutes, { authorisation: services.authorisation });
      await api.register(ticketRoutes, { tickets: services.tickets });
      await api.register(bulkRoutes, { tickets: services.tickets });
      await api.register(catalogRoutes, { catalog: services.catalog });
      await api.register(slaRoutes, { sla: services.sla });
      await api.register(slaReportRoutes, { db: deps.database.db, clock: deps.clock });
      await api.register(importRoutes, {
        imports: createImportService({
          db: deps.database.db,
          clock: deps.clock,
          tickets: services.tickets,
          catalog: services.catalog,
          reader: services.uploads,
        }),
      });
      await api.register(searchRoutes, { search: services.search });
      await api.register(templateRoutes, { templates: services.playbooks.templates });
      await api.register(playbookRoutes, { playbooks: services.playbooks.playbooks });
      await api.register(offerRoutes, { offers: services.playbooks.offers });
      await api.register(taskRoutes, { tasks: services.playbooks.tasks });
      await api.register(blocklistRoutes, { blocklist: services.playbooks.blocklist });
      await api.register(triageRoutes, { triage: services.triage, tickets: services.tickets });
      await api.register(ingestRoutes, { ingest: services.ingest });
      await api.register(selfTestRoutes, { ingest: services.ingest });
      await api.register(reconcileRoutes, { reconcile: services.reconcile });
      await api.register(evidenceRoutes, {
        evidence: services.evidence,
        freeze: (actor, ticketId, locale) =>
          freezeCase(
            { tickets: services.tickets, evidence: services.evidence, clock: deps.clock },
            actor,
            ticketId,
            locale,
          ),
      });
      await api.register(disputeRoutes, { disputes: services.disputes, bundles: services.bundles });
      await api.register(penaltyRoutes, { penalties: services.penalties, health: services.health });
      await api.register(reminderRoutes, { reminders: services.reminders });
      await api.register(brandRoutes, { brand: services.brand });
      await api.register(recallRoutes, { recalls: services.recalls.recalls });
      await api.register(recallWorkRoutes, services.recalls);
      await api.register(listingRoutes, { listings: services.quality.listings });
      await api.register(qualityRoutes, { listings: services.quality.listings });
      await api.register(supplierRoutes, services.quality);
      await api.register(analyticsRoutes, { analytics: services.analytics, clock: deps.clock });
      await api.register(analyticsExportRoutes, { analytics: services.analytics, clock: deps.clock });
      await api.register(privacyRoutes, { privacy: services.privacy });
      await api.register(replyCheckRoutes, { replyChecks: services.replyChecks });
      await api.register(kbRoutes, { kb: services.kb });
      await api.register(assistantRoutes, { assistant: services.assistant });
      await api.register(careRoutes, { care: services.care });
      await api.register(coachingRoutes, { coaching: services.coaching });
      await api.register(alertRoutes, { alerts: services.analyticsAlerts });
      await api.register(feedbackRoutes, { db: deps.database.db, clock: deps.clock });
      // The demo's past runs through a second set of services whose clock is set to each act's time.
      await api.register(demoHistoryRoutes, {
        history: createDemoHistory({
          db: deps.database.db,
          clock: deps.clock,
          servicesAt: (clock) => createServices({ ...deps, clock }),
        }),
      });
      await api.register(reportRoutes, {
        analytics: services.analytics,
        alerts: services.analyticsAlerts,
        clock: deps.clock,
      });
    },
    { prefix: '/api/v1' },
  );
  await app.register(webhookRoutes, { ingest: services.ingest });
  await app.register(publicRecallRoutes, { db: deps.database.db, photos: services.recalls.photos });
  await app.register(kbPublicRoutes, { kb: services.kb });

  const webRoot = deps.webRoot ?? DEFAULT_WEB_ROOT;
  const hasConsole = existsSync(webRoot);
  if (hasConsole) {
    await serveConsole(app, webRoot);
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/hooks/');
    if (!isApi && request.method === 'GET' && hasConsole) {
      // The console routes on the client: every other page loads its shell.
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });

  return { app, services };
}
