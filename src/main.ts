import { startSummaryWorker } from './analytics/summary-worker.js';
import { buildApp } from './app.js';
import { startCareWorker } from './care/care-service.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { startPgliteMaintenance } from './db/maintenance.js';
import { startReminderWorker } from './disputes/reminder-service.js';
import { blobStoreFromConfig } from './evidence/blob-store-config.js';
import { createOutboundPolicy } from './http/outbound-policy.js';
import { createLeaderLock } from './ingest/leader-lock.js';
import { startPddMessageService } from './ingest/pdd-message-service.js';
import { startWorkers } from './ingest/workers.js';
import { startBlocklistExpiry } from './playbooks/blocklist-expiry.js';
import { startRetentionWorker } from './privacy/retention-worker.js';
import { maskOldSubjects } from './privacy/subject-masking-job.js';
import { startRecallWorker } from './recalls/recall-worker.js';
import { startReconcileWorker } from './reconcile/reconcile-worker.js';
import { systemClock } from './shared/clock.js';
import { lowerWorkerPriority } from './shared/process-priority.js';
import { createSecretBox, resolveSecretKey } from './shared/secret-box.js';
import { startTokenRefresher } from './shops/token-refresher.js';
import { startSlaWorker } from './sla/sweeper.js';
import { analyze } from './triage/analyze.js';

/**
 * PGlite, webhooks arriving: events per worker transaction. SQL, HTTP and the workers share one
 * thread there, and an acknowledgement waits for the transaction under way (bench ingest: 60 a batch
 * gave an ack p99 of 211 ms at 500/s; on a quiet machine, two runs each, 10 gave 60 and 65 ms, 5 gave
 * 54 and 49, 3 gave 50 and 47, the drain the same at ~800/s).
 */
const PGLITE_ARRIVING_BATCH = 5;

async function main() {
  const config = loadConfig();
  const refused = lowerWorkerPriority(config.role, config.workerNice);
  // Triage's dictionaries and models load on first use (~0.5 s): before the first webhook waits on them.
  analyze('预热：物流太慢，质量很差 warm-up');
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  const outbound = createOutboundPolicy({
    allow: config.outboundAllow,
    onlyAllowed: config.outboundOnlyAllowed,
  });
  const { app, services } = await buildApp({
    database,
    clock: systemClock,
    secretBox: createSecretBox(resolveSecretKey(config.secret, config.dataDir)),
    openSignup: config.openSignup,
    secureCookies: config.secureCookies,
    sessionTtlHours: config.sessionTtlHours,
    logLevel: config.logLevel,
    defaultMetrics: true,
    blobs: blobStoreFromConfig(config.blobStore, config.dataDir),
    trustedProxies: config.trustedProxies,
    outbound,
    metricsToken: config.metricsToken,
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    ingest: {
      inboxBatchSize: config.ingest.batchSize,
      inboxMaxAttempts: config.ingest.maxAttempts,
      outboxMaxAttempts: config.ingest.maxAttempts,
      apiBaseUrls: config.ingest.apiBaseUrls,
      // With separate API and worker processes the API nudges the workers through NOTIFY.
      notify: config.role === 'api',
    },
  });

  const pace = config.periodicMs ? { intervalMs: config.periodicMs } : undefined;

  // PGlite is one process: the workers always run here. On PostgreSQL AFTERCARE_ROLE splits them.
  const runWorkers = config.role !== 'api' || database.engine === 'pglite';
  const workers = runWorkers
    ? startWorkers(services.ingest, {
        inboxPollMs: config.ingest.inboxPollMs,
        outboxPollMs: config.ingest.outboxPollMs,
        // PostgreSQL: two loops, so one batch's SQL overlaps the other's work in Node (ticket numbers
        // are reserved outside the batch transaction). PGlite runs SQL on this thread: one loop.
        inboxConcurrency: config.ingest.inboxWorkers ?? (database.engine === 'postgres' ? 2 : 1),
        // PGlite shares one thread between SQL, HTTP and workers: half of it for acknowledgements
        // while webhooks arrive.
        inboxDutyCycle: database.engine === 'pglite' ? 0.5 : 1,
        // PGlite, no webhook for a second: 200 events a batch rather than 60 (bench ingest, load ~7:
        // drain 403 → 523/s; the first webhook of the next burst waits for that batch, ~0.4 s).
        ...(database.engine === 'pglite'
          ? {
              inboxQuietBatchSize: Math.max(200, config.ingest.batchSize ?? 0),
              inboxArrivingBatchSize: config.ingest.arrivingBatchSize ?? PGLITE_ARRIVING_BATCH,
            }
          : {}),
        outboxConcurrency: config.ingest.outboxWorkers,
        listenUrl:
          database.engine === 'postgres' && config.role === 'worker' ? config.databaseDirectUrl : undefined,
        onError: (queue, error) => app.log.error({ err: error, queue }, 'ingest worker error'),
      })
    : null;

  // The Pinduoduo message service: long-lived WebSocket clients, one per tenant and app key of the
  // shops that ask for it. On PostgreSQL one worker process holds them (an advisory lock), and
  // another takes over when it dies.
  const pddLeader =
    database.engine === 'postgres' && config.databaseDirectUrl
      ? createLeaderLock(config.databaseDirectUrl, 'aftercare:pdd-message-service')
      : null;
  const pddMessages =
    runWorkers && config.ingest.pddMessageService
      ? startPddMessageService(
          { db: database.db, ingest: services.ingest },
          {
            baseUrl: config.ingest.pddMessageUrl,
            outbound,
            log: app.log,
            ...(pace ? { scanMs: pace.intervalMs } : {}),
            ...(pddLeader ? { leader: () => pddLeader.isLeader() } : {}),
          },
        )
      : null;

  // The SLA sweeper (warnings, breaches, escalation, surges): SKIP LOCKED lets several workers run.
  const stopSla =
    config.role !== 'api' || database.engine === 'pglite'
      ? startSlaWorker(services.sweeper, {
          // The sweep follows the one pace; surge detection keeps its own five minutes.
          ...(pace ? { intervalMs: pace.intervalMs } : {}),
          onError: (error) => app.log.error({ err: error }, 'sla sweeper error'),
        })
      : null;

  // Automatic answers to recall inquiries (campaigns that turned them on) and scheduled reminder waves.
  const stopRecalls =
    config.role !== 'api' || database.engine === 'pglite'
      ? startRecallWorker(services.recalls, {
          ...(pace ? { intervalMs: pace.intervalMs, remindersEveryMs: pace.intervalMs } : {}),
          onError: (error) => app.log.error({ err: error }, 'recall worker error'),
          onReminders: (sent) => app.log.info({ sent }, 'recall reminder waves sent on schedule'),
        })
      : null;

  // Reminders before disputes' and penalties' deadlines (each raised once, whatever the worker count).
  const stopDeadlineReminders =
    config.role !== 'api' || database.engine === 'pglite'
      ? startReminderWorker(services.reminders, {
          ...pace,
          onError: (error) => app.log.error({ err: error }, 'deadline reminder worker error'),
        })
      : null;

  // The reconciler: pulls what webhooks missed, per shop on its schedule (claims keep workers apart).
  const stopReconcile =
    config.role !== 'api' || database.engine === 'pglite'
      ? startReconcileWorker(services.reconcile, {
          ...(pace ? { tickMs: pace.intervalMs } : {}),
          onError: (error) => app.log.error({ err: error }, 'reconcile worker error'),
          onFound: (found) => app.log.info({ found }, 'reconciler brought in events the webhooks missed'),
        })
      : null;

  // Buyers' personal data masked once its tenant's retention period has passed (PIPL).
  const stopRetention =
    config.role !== 'api' || database.engine === 'pglite'
      ? startRetentionWorker(services.privacy, {
          ...pace,
          onError: (error) => app.log.error({ err: error }, 'retention worker error'),
        })
      : null;

  // Care after delivery: delivered orders get their usage tips (or join the hold-out group).
  const stopCare =
    config.role !== 'api' || database.engine === 'pglite'
      ? startCareWorker(services.care, {
          ...pace,
          onError: (error) => app.log.error({ err: error }, 'care worker error'),
        })
      : null;

  // Blocklist entries that ran out: closed, and their tag taken off the buyer's open cases.
  const stopBlocklistExpiry =
    config.role !== 'api' || database.engine === 'pglite'
      ? startBlocklistExpiry(services.playbooks.blocklist, {
          ...pace,
          onError: (error) => app.log.error({ err: error }, 'blocklist expiry error'),
        })
      : null;

  // The dashboards' summaries: the days writes marked are folded in (readers never wait for it).
  const stopSummaries =
    config.role !== 'api' || database.engine === 'pglite'
      ? startSummaryWorker(services.analytics, {
          ...pace,
          onError: (error) => app.log.error({ err: error }, 'analytics summary worker error'),
        })
      : null;

  // Case subjects stored before subjects were masked (issue 10): masked once per tenant, in the background.
  const backfill = runWorkers
    ? maskOldSubjects({ db: database.db, tickets: services.tickets })
        .then((r) => {
          if (r.subjects || r.auditEntries) app.log.info(r, 'old case subjects masked');
        })
        .catch((error) => app.log.error({ err: error }, 'masking old case subjects failed'))
    : null;

  // Shops' platform tokens renewed before they expire; a failure is shown on the shop and channel health.
  const stopRefresher =
    config.role !== 'api' || database.engine === 'pglite'
      ? startTokenRefresher(services.authorisation, {
          intervalMs: config.tokenRefreshMs,
          aheadMs: config.tokenRefreshAheadMs,
          onError: (error) => app.log.error({ err: error }, 'token refresher error'),
        })
      : null;

  // PGlite has no autovacuum: dead rows and table statistics are looked after here (src/db/maintenance.ts).
  const stopMaintenance = startPgliteMaintenance(database, {
    onDone: (ms) => app.log.info({ ms }, 'embedded database vacuumed and analysed'),
    onError: (error) => app.log.error({ err: error }, 'embedded database maintenance error'),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await stopSla?.();
    await stopRecalls?.();
    await stopDeadlineReminders?.();
    await stopRetention?.();
    await stopReconcile?.();
    await stopCare?.();
    await stopBlocklistExpiry?.();
    await stopSummaries?.();
    await backfill;
    await stopRefresher?.();
    await stopMaintenance?.();
    await workers?.stop();
    await pddMessages?.stop();
    await pddLeader?.release();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { engine: database.engine, dataDir: database.engine === 'pglite' ? config.dataDir : undefined },
    `Aftercare is serving on http://${config.host}:${config.port}`,
  );
  if (refused)
    app.log.warn({ niceness: config.workerNice, reason: refused }, 'worker priority left as it was');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
