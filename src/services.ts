import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlertService } from './analytics/alert-service.js';
import { createAnalyticsService } from './analytics/analytics-service.js';
import { createAssistantService } from './assistant/assistant-service.js';
import { createAuthService } from './auth/auth-service.js';
import { createBrandServices } from './brand/brand-services.js';
import { createCareService } from './care/care-service.js';
import { createCoachingService } from './coaching/coaching-service.js';
import type { Database } from './db/client.js';
import { createBundleService } from './disputes/bundle-service.js';
import { createDisputeService } from './disputes/dispute-service.js';
import { createHealthService } from './disputes/health-service.js';
import { createPenaltyService } from './disputes/penalty-service.js';
import { createSignalHandler } from './disputes/platform-signals.js';
import { createReminderService } from './disputes/reminder-service.js';
import { type BlobStore, createFsBlobStore } from './evidence/blob-store.js';
import { createEvidenceService } from './evidence/evidence-service.js';
import { registerTableSubjects } from './evidence/subject-repo.js';
import { createSubjectRegistry } from './evidence/subjects.js';
import { createOutboundPolicy, type OutboundPolicy } from './http/outbound-policy.js';
import { IMPORT_LIMITS, type ImportLimits } from './imports/table-limits.js';
import { createUploadReader } from './imports/upload-reader.js';
import { createIngestService } from './ingest/ingest-service.js';
import type { IngestSettings } from './ingest/ingest-settings.js';
import { createKbService } from './kb/kb-service.js';
import { caseSteps } from './pipeline.js';
import { createBlocklistService } from './playbooks/blocklist-service.js';
import { createOfferService } from './playbooks/offer-service.js';
import { createPlaybookService } from './playbooks/playbook-service.js';
import { createTaskService } from './playbooks/task-service.js';
import { createTemplateService } from './playbooks/template-service.js';
import { createPrivacyService } from './privacy/privacy-service.js';
import { createListingService } from './quality/listing-service.js';
import { createSupplierService } from './quality/supplier-service.js';
import { createDutyService } from './recalls/duty-service.js';
import { createInquiryService } from './recalls/inquiry-service.js';
import { createInvestigationService } from './recalls/investigation-service.js';
import { createNoticeService } from './recalls/notice-service.js';
import { createStatementPhotoService } from './recalls/photo-service.js';
import { createProgressService } from './recalls/progress-service.js';
import { createRecallService } from './recalls/recall-service.js';
import { createRemedyService } from './recalls/remedy-service.js';
import { createReconcileService, type ReconcileSettings } from './reconcile/reconcile-service.js';
import { createReplyCheckService } from './replycheck/replycheck-service.js';
import { createSearchService } from './search/search-service.js';
import type { Clock } from './shared/clock.js';
import type { SecretBox } from './shared/secret-box.js';
import { createAuthorisationService } from './shops/authorisation-service.js';
import { createShopService } from './shops/shop-service.js';
import { createSlaEngine } from './sla/sla-engine.js';
import { createSlaService } from './sla/sla-service.js';
import { createSweeper } from './sla/sweeper.js';
import { createCatalogService } from './tickets/catalog-service.js';
import { ticketNumberReserver } from './tickets/ticket-numbers.js';
import { createTicketService } from './tickets/ticket-service.js';
import { createTriageService } from './triage/triage-service.js';

// Every service of the installation, wired once: the API (app.ts) and the demo's history (which builds
// a second set with its own clock) both start from here.
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
