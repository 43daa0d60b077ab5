import type { Platform } from '../channels/channel.js';
import type { Engine } from '../db/client.js';

export type IngestSettings = {
  /** Events claimed and processed per transaction (default 200 on PostgreSQL, 60 on PGlite). */
  inboxBatchSize: number;
  inboxMaxAttempts: number;
  outboxBatchSize: number;
  outboxMaxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  sendTimeoutMs: number;
  /** How long a claimed outbox row stays invisible to other senders (longer than sendTimeoutMs). */
  leaseMs: number;
  /** Platform API base URLs (a shop's settings.apiBaseUrl wins). */
  apiBaseUrls: Partial<Record<Platform, string>>;
  /** NOTIFY the workers of other processes on PostgreSQL after each webhook insert. */
  notify: boolean;
  /** How long the webhook path reuses a shop's row (credentials, enabled): a change shows after at most this. */
  shopCacheMs: number;
};

export const DEFAULT_INGEST_SETTINGS: IngestSettings = {
  inboxBatchSize: 200,
  inboxMaxAttempts: 6,
  outboxBatchSize: 10,
  outboxMaxAttempts: 6,
  backoffBaseMs: 2000,
  backoffMaxMs: 5 * 60_000,
  sendTimeoutMs: 10_000,
  leaseMs: 60_000,
  apiBaseUrls: {},
  notify: true,
  shopCacheMs: 2000,
};

/** The defaults, the engine's batch size, then whatever the caller set (undefined leaves the default). */
export function resolveIngestSettings(engine: Engine, given: Partial<IngestSettings> = {}): IngestSettings {
  return {
    ...DEFAULT_INGEST_SETTINGS,
    // PGlite is one connection: a long batch transaction holds every webhook behind it. 60 rather than
    // 20 (bench ingest, PGlite, load 12–16, two runs each): processing 58–71 → 134–150 events/s and
    // 35–38 % less CPU per event; ack p99 at an offered 500/s (which neither serves: 200–274/s)
    // 166–212 → 263–277 ms, at half the max rate 633–636 → 377–573 ms. AFTERCARE_INGEST_BATCH sets it.
    inboxBatchSize: engine === 'pglite' ? 60 : DEFAULT_INGEST_SETTINGS.inboxBatchSize,
    ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
  };
}
