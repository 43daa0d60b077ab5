import type { Database, Db } from '../db/client.js';
import type { OutboundPolicy } from '../http/outbound-policy.js';
import type { Clock } from '../shared/clock.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { createConnectionSelfTest } from './connection-self-test.js';
import { createEventAdmin } from './event-admin.js';
import { createInboxWorker } from './inbox-worker.js';
import { channelHealth } from './ingest-health.js';
import { type IngestSettings, resolveIngestSettings } from './ingest-settings.js';
import { createOutboxSender, type DeliveryOutcome, type OutboxSenderDeps } from './outbox-sender.js';
import type { SignalListener } from './processor.js';
import { createShopAccess } from './shop-access.js';
import { createWebhookIntake } from './webhook-intake.js';

export type IngestDeps = {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  /** The ticket service bound to a transaction, with the app's case pipeline. */
  ticketsOn: (db: Db) => TicketService;
  settings?: Partial<IngestSettings>;
  /** Every outbound send goes through it. */
  outbound: OutboundPolicy;
  /** The SLA clock's ear for delivered and failed replies (see the outbox sender). */
  afterReplyDelivery?: OutboxSenderDeps['afterReplyDelivery'];
  /** The disputes domain's ear for interventions and penalties announced by platform events. */
  onSignals?: SignalListener;
};

export type IngestService = ReturnType<typeof createIngestService>;

/**
 * The ingest domain as the app uses it, put together from its parts: webhook intake
 * (webhook-intake.ts), the inbox worker (inbox-worker.ts), the outbox sender (outbox-sender.ts),
 * event admin (event-admin.ts) and channel health (ingest-health.ts).
 */
export function createIngestService(deps: IngestDeps) {
  const { database, clock } = deps;
  const settings = resolveIngestSettings(database.engine, deps.settings);
  const shops = createShopAccess({ database, secretBox: deps.secretBox, cacheMs: settings.shopCacheMs });
  const intake = createWebhookIntake({ database, clock, shops, settings });
  const inbox = createInboxWorker({
    database,
    clock,
    ticketsOn: deps.ticketsOn,
    settings,
    onSignals: deps.onSignals,
  });
  const listeners = new Set<(o: DeliveryOutcome) => void>();
  const sender = createOutboxSender({
    database,
    clock,
    shops,
    settings,
    outbound: deps.outbound,
    ...(deps.afterReplyDelivery ? { afterReplyDelivery: deps.afterReplyDelivery } : {}),
    onOutcome: (o) => {
      for (const listen of listeners) listen(o);
    },
  });
  const admin = createEventAdmin({ db: database.db, clock });
  const selfTest = createConnectionSelfTest({ database, clock, shops, settings, outbound: deps.outbound });
  return {
    settings,
    shopAuth: shops.shopAuth,
    acceptWebhook: intake.acceptWebhook,
    storeEvents: intake.storeEvents,
    runInboxBatch: inbox.runInboxBatch,
    batchFallbacks: inbox.batchFallbacks,
    runOutboxBatch: sender.runOutboxBatch,
    selfTest,
    /** Listens to every delivery attempt's outcome (the app counts them and logs the failures). */
    onDelivery(listen: (o: DeliveryOutcome) => void) {
      listeners.add(listen);
      return () => listeners.delete(listen);
    },
    ...admin,
    health: (actor: Parameters<typeof channelHealth>[2]) => channelHealth(database, clock, actor),
  };
}
