import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { alertRoutes } from './analytics/alert-routes.js';
import { createAlertService } from './analytics/alert-service.js';
import { analyticsRoutes } from './analytics/analytics-routes.js';
import { createAnalyticsService } from './analytics/analytics-service.js';
import { demoHistoryRoutes } from './analytics/demo-history-routes.js';
import { createDemoHistory } from './analytics/demo-history-service.js';
import { analyticsExportRoutes } from './analytics/export-routes.js';
import { feedbackRoutes } from './analytics/feedback-routes.js';
import { reportRoutes } from './analytics/report-routes.js';
import { assistantRoutes } from './assistant/assistant-routes.js';
import { createAssistantService } from './assistant/assistant-service.js';
import { authRoutes } from './auth/auth-routes.js';
import { createAuthService } from './auth/auth-service.js';
import { brandRoutes } from './brand/brand-routes.js';
import { createBrandServices } from './brand/brand-services.js';
import { careRoutes } from './care/care-routes.js';
import { createCareService } from './care/care-service.js';
import { parseDeliveryError } from './channels/delivery-error.js';
import { coachingRoutes } from './coaching/coaching-routes.js';
import { createCoachingService } from './coaching/coaching-service.js';
import type { Database } from './db/client.js';
import { createBundleService } from './disputes/bundle-service.js';
import { disputeRoutes } from './disputes/dispute-routes.js';
import { createDisputeService } from './disputes/dispute-service.js';
import { createHealthService } from './disputes/health-service.js';
import { penaltyRoutes } from './disputes/penalty-routes.js';
import { createPenaltyService } from './disputes/penalty-service.js';
import { createSignalHandler } from './disputes/platform-signals.js';
import { reminderRoutes } from './disputes/reminder-routes.js';
import { createReminderService } from './disputes/reminder-service.js';
import { type BlobStore, createFsBlobStore } from './evidence/blob-store.js';
import { evidenceRoutes } from './evidence/evidence-routes.js';
import { createEvidenceService } from './evidence/evidence-service.js';
import { freezeCase } from './evidence/freeze.js';
import { registerTableSubjects } from './evidence/subject-repo.js';
import { createSubjectRegistry } from './evidence/subjects.js';
import { installAccessControl } from './http/access.js';
import { errorBody, frameworkErrors, installErrorHandling } from './http/errors.js';
import { loggerOptions } from './http/logger.js';
import { installMetrics } from './http/metrics.js';
import { createOutboundPolicy, type OutboundPolicy } from './http/outbound-policy.js';
import { installOriginCheck, installSecurityHeaders } from './http/security-headers.js';
import { installTextHygiene } from './http/text-hygiene.js';
import { importRoutes } from './imports/import-routes.js';
import { createImportService } from './imports/import-service.js';
import { IMPORT_LIMITS, type ImportLimits } from './imports/table-limits.js';
import { createUploadReader } from './imports/upload-reader.js';
import { ingestRoutes } from './ingest/ingest-routes.js';
import { createIngestService } from './ingest/ingest-service.js';
import type { IngestSettings } from './ingest/ingest-settings.js';
import { selfTestRoutes } from './ingest/self-test-routes.js';
import { webhookRoutes } from './ingest/webhook-routes.js';
import { kbPublicRoutes } from './kb/kb-public-routes.js';
import { kbRoutes } from './kb/kb-routes.js';
import { createKbService } from './kb/kb-service.js';
import { caseSteps } from './pipeline.js';
import { blocklistRoutes } from './playbooks/blocklist-routes.js';
import { createBlocklistService } from './playbooks/blocklist-service.js';
import { offerRoutes } from './playbooks/offer-routes.js';
import { createOfferService } from './playbooks/offer-service.js';
import { playbookRoutes } from './playbooks/playbook-routes.js';
import { createPlaybookService } from './playbooks/playbook-service.js';
import { taskRoutes } from './playbooks/task-routes.js';
import { createTaskService } from './playbooks/task-service.js';
import { templateRoutes } from './playbooks/template-routes.js';
import { createTemplateService } from './playbooks/template-service.js';
import { privacyRoutes } from './privacy/privacy-routes.js';
import { createPrivacyService } from './privacy/privacy-service.js';
import { listingRoutes } from './quality/listing-routes.js';
import { createListingService } from './quality/listing-service.js';
import { qualityRoutes } from './quality/quality-routes.js';
import { supplierRoutes } from './quality/supplier-routes.js';
import { createSupplierService } from './quality/supplier-service.js';
import { createDutyService } from './recalls/duty-service.js';
import { createInquiryService } from './recalls/inquiry-service.js';
import { createInvestigationService } from './recalls/investigation-service.js';
import { createNoticeService } from './recalls/notice-service.js';
import { createStatementPhotoService } from './recalls/photo-service.js';
import { createProgressService } from './recalls/progress-service.js';
import { publicRecallRoutes } from './recalls/public-routes.js';
import { recallRoutes } from './recalls/recall-routes.js';
import { createRecallService } from './recalls/recall-service.js';
import { recallWorkRoutes } from './recalls/recall-work-routes.js';
import { createRemedyService } from './recalls/remedy-service.js';
import { reconcileRoutes } from './reconcile/reconcile-routes.js';
import { createReconcileService, type ReconcileSettings } from './reconcile/reconcile-service.js';
import { replyCheckRoutes } from './replycheck/replycheck-routes.js';
import { createReplyCheckService } from './replycheck/replycheck-service.js';
import { searchRoutes } from './search/search-routes.js';
import { createSearchService } from './search/search-service.js';
import type { Clock } from './shared/clock.js';
import { INSTALL_ROOT } from './shared/install-root.js';
import type { SecretBox } from './shared/secret-box.js';
import { authorisationRoutes } from './shops/authorisation-routes.js';
import { createAuthorisationService } from './shops/authorisation-service.js';
import { shopRoutes } from './shops/shop-routes.js';
import { createShopService } from './shops/shop-service.js';
import { createSlaEngine } from './sla/sla-engine.js';
import { slaReportRoutes } from './sla/sla-report-routes.js';
import { slaRoutes } from './sla/sla-routes.js';
import { createSlaService } from './sla/sla-service.js';
import { createSweeper } from './sla/sweeper.js';
import { bulkRoutes } from './tickets/bulk-routes.js';
import { catalogRoutes } from './tickets/catalog-routes.js';
import { createCatalogService } from './tickets/catalog-service.js';
import { ticketNumberReserver } from './tickets/ticket-numbers.js';
import { ticketRoutes } from './tickets/ticket-routes.js';
import { createTicketService } from './tickets/ticket-service.js';
import { triageRoutes } from './triage/triage-routes.js';
import { createTriageService } from './triage/triage-service.js';

export type AppDeps = {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  openSignup: boolean;
  secureCookies: boolean;
  sessionTtlHours: number;
  logLevel?: string;
  defaultMetrics?: boolean;
  /** Folder of the built console; served at / when present. */
  webRoot?: string | undefined;
  /** Inbox/outbox worker settings (batch sizes, attempts, back-off, platform API base URLs). */
  ingest?: Partial<IngestSettings> | undefined;
  /** The reconciler's schedule and limits (defaults in reconcile-service.ts). */
  reconcile?: Partial<ReconcileSettings> | undefined;
  /** Where evidence files live (DATA_DIR/blobs or S3); a fresh temporary folder when left out (tests). */
  blobs?: BlobStore | undefined;
  /** Addresses/CIDRs of reverse proxies whose X-Forwarded-* headers are believed (default: none). */
  trustedProxies?: readonly string[] | undefined;
  /** Every server-side request to a URL goes through it (default: public https only, no allow-list). */
  outbound?: OutboundPolicy | undefined;
  /** /metrics needs `Authorization: Bearer <token>` when set; otherwise it answers loopback clients only. */
  metricsToken?: string | undefined;
  /** Origins besides the server's own whose pages may post with the session cookie. */
  allowedOrigins?: readonly string[] | undefined;
  /** The address platforms reach this server at (AFTERCARE_PUBLIC_URL): shops' webhook addresses start with it. */
  publicUrl?: string | undefined;
  /** Caps on uploaded imports (file, rows, columns, cells, unpacked size, time, memory); tests lower them. */
  importLimits?: Partial<ImportLimits> | undefined;
};

export const DEFAULT_WEB_ROOT = join(INSTALL_ROOT, 'dist', 'web');
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export type Services = ReturnType<typeof createServices>;

export function createServices(deps: AppDeps) {
  const db = deps.database.db;
  // Without one given: public https/wss only, no allow-list.
  const outbound = deps.outbound ?? createOutboundPolicy();
  const auth = createAuthService({
    db,
    clock: deps.clock,
    sessionTtlHours: deps.sessionTtlHours,
    openSignup: deps.openSignup,
  });
  const shops = createShopService({ db, clock: deps.clock, secretBox: deps.secretBox, outbound });
  const authorisation = createAuthorisationService({
    db,
    clock: deps.clock,
    secretBox: deps.secretBox,
    outbound,
    apiBaseUrls: deps.ingest?.apiBaseUrls ?? {},
  });
  const slaEngine = createSlaEngine({ clock: deps.clock });
  const triage = createTriageService({ db, clock: deps.clock });
  const steps = caseSteps({ clock: deps.clock, triage, slaEngine });
  // PostgreSQL: numbers reserved outside the case's transaction (see ticket-numbers.ts).
  const reserveNumbers = ticketNumberReserver(deps.database);
  const tickets = createTicketService({
    db,
    clock: deps.clock,
    secretBox: deps.secretBox,
    steps,
    reserveNumbers,
  });
  const catalog = createCatalogService({ db, clock: deps.clock, secretBox: deps.secretBox });
  const sla = createSlaService({ db, clock: deps.clock, engine: slaEngine, tickets });
  const sweeper = createSweeper({ db, clock: deps.clock, tickets });
  const search = createSearchService({ db });
  const privacy = createPrivacyService({
    db,
    clock: deps.clock,
    secretBox: deps.secretBox,
    reindex: (tenantId) => search.indexMissing(tenantId),
  });
  const uploads = createUploadReader({ limits: { ...IMPORT_LIMITS, ...deps.importLimits } });
  const ingest = createIngestService({
    database: deps.database,
    clock: deps.clock,
    secretBox: deps.secretBox,
    ticketsOn: (tx) =>
      createTicketService({ db: tx, clock: deps.clock, secretBox: deps.secretBox, steps, reserveNumbers }),
    settings: deps.ingest,
    outbound,
    // A reply counts for the SLA clock when the buyer has it, not when it was queued.
    afterReplyDelivery: (scope, list) => slaEngine.recordDeliveries(scope, list),
    // Interventions open disputes and violation notices record penalties, with their case.
    onSignals: createSignalHandler({ clock: deps.clock }),
  });
  // Pulls what webhooks missed through the platforms' list APIs into the same inbox.
  const reconcile = createReconcileService({
    database: deps.database,
    clock: deps.clock,
    outbound,
    shopAuth: ingest.shopAuth,
    storeEvents: ingest.storeEvents,
    renewToken: authorisation.renewNow,
    settings: { apiBaseUrls: deps.ingest?.apiBaseUrls ?? {}, ...deps.reconcile },
  });
  const playbooks = {
    templates: createTemplateService({ db, clock: deps.clock }),
    playbooks: createPlaybookService({ db, clock: deps.clock }),
    offers: createOfferService({ db, clock: deps.clock, tickets }),
    tasks: createTaskService({ db, clock: deps.clock }),
    blocklist: createBlocklistService({ db, clock: deps.clock, tickets }),
  };
  // Evidence can be attached to anything registered here: the domains' tables (evidence/subject-repo.ts);
  // a domain adds its own subject type with one line there.
  const evidenceSubjects = createSubjectRegistry();
  registerTableSubjects(evidenceSubjects);
  const blobs = deps.blobs ?? createFsBlobStore(mkdtempSync(join(tmpdir(), 'aftercare-blobs-')));
  const evidence = createEvidenceService({
    db,
    clock: deps.clock,
    store: blobs,
    subjects: evidenceSubjects,
  });
  const quality = {
    listings: createListingService({ db, clock: deps.clock }),
    suppliers: createSupplierService({ db, clock: deps.clock }),
  };
  const recallService = createRecallService({ db, clock: deps.clock });
  const recalls = {
    recalls: recallService,
    notices: createNoticeService({ db, clock: deps.clock, tickets, recalls: recallService }),
    remedies: createRemedyService({
      db,
      clock: deps.clock,
      tickets,
      offers: playbooks.offers,
      recalls: recallService,
    }),
    inquiries: createInquiryService({ db, clock: deps.clock, tickets, recalls: recallService }),
    investigation: createInvestigationService({ db, clock: deps.clock, recalls: recallService }),
    progress: createProgressService({ db, clock: deps.clock, recalls: recallService }),
    duties: createDutyService({ db, clock: deps.clock, recalls: recallService }),
    // Identification photos come from the evidence vault; the public page reads their shareable copies.
    photos: createStatementPhotoService({ db, clock: deps.clock, recalls: recallService, evidence, blobs }),
  };
  const disputes = createDisputeService({ db, clock: deps.clock, tickets, catalog, evidence });
  // Evidence on an open dispute (or its case or order) cannot be deleted.
  evidence.addHold(disputes.hold);
  const bundles = createBundleService({ disputes, evidence });
  const penalties = createPenaltyService({ db, clock: deps.clock, evidence });
  const reminders = createReminderService({ db, clock: deps.clock });
  const health = createHealthService({ db, clock: deps.clock });
  const analytics = createAnalyticsService({ db, clock: deps.clock });
  const replyChecks = createReplyCheckService({ db });
  const kb = createKbService({ db, clock: deps.clock });
  const assistant = createAssistantService({ db, clock: deps.clock });
  const care = createCareService({ db, clock: deps.clock, tickets });
  const coaching = createCoachingService({ db, clock: deps.clock, tickets });
  const analyticsAlerts = createAlertService({ db, clock: deps.clock, recalls: recallService });
  const brand = createBrandServices({ db, clock: deps.clock, evidence, tickets });
  return {
    auth,
    shops,
    authorisation,
    tickets,
    catalog,
    search,
    privacy,
    uploads,
    sla,
    sweeper,
    ingest,
    reconcile,
    triage,
    playbooks,
    evidence,
    quality,
    recalls,
    disputes,
    bundles,
    penalties,
    reminders,
    health,
    analytics,
    replyChecks,
    kb,
    assistant,
    care,
    coaching,
    analyticsAlerts,
    brand,
  };
}

/** The Fastify instance with every route; never listens (tests use app.inject, main.ts listens). */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const app = Fastify({
    logger: loggerOptions(deps.logLevel ?? 'silent'),
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
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
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
