import { z } from 'zod';
import type { PddMessageStatus } from '../channels/pinduoduo/message-client.js';
import type { Db } from '../db/client.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { groupBy } from '../shared/group-by.js';
import { readConnectionStatus, writeConnectionStatus } from './ingest-repo.js';

/**
 * One shop's view of its connection. The counters are the connection's: when `sharedWith` > 0 they
 * include the other shops' messages.
 */
export type PddMessageShopStatus = PddMessageStatus & {
  tenantId: string;
  url: string | null;
  /** Other shops on the same connection (same app key and secret). */
  sharedWith: number;
};

/** What the channel health page shows of a shop's connection (no URL, no counters of other shops). */
export const PddMessageHealth = z.object({
  connected: z.boolean(),
  lastFrameAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  reconnects: z.number().int(),
  nextRetryAt: z.string().nullable(),
  sharedWith: z.number().int(),
});
export type PddMessageHealth = z.infer<typeof PddMessageHealth>;

export function pddMessageHealth(s: PddMessageShopStatus | null): PddMessageHealth | null {
  if (!s) return null;
  const { connected, lastFrameAt, lastError, lastErrorAt, reconnects, nextRetryAt, sharedWith } = s;
  return { connected, lastFrameAt, lastError, lastErrorAt, reconnects, nextRetryAt, sharedWith };
}

export const PDD_MESSAGE_KIND = 'pdd_message_service';

/** A stored state older than this is shown as unknown: no worker is reporting the connection. */
export const STATUS_STALE_MS = 30_000;

/** Writes each shop's connection state under its own tenant (the service holds every tenant's connections). */
export async function savePddMessageStatus(
  db: Db,
  statuses: PddMessageShopStatus[],
  now: Date,
  override: Partial<PddMessageHealth> = {},
) {
  for (const [tenantId, list] of groupBy(statuses, (s) => s.tenantId)) {
    await writeConnectionStatus(
      db,
      tenantId,
      PDD_MESSAGE_KIND,
      list.map((s) => ({ shopId: s.shopId, status: { ...pddMessageHealth(s), ...override } })),
      now,
    );
  }
}

/**
 * The connection state of each shop of a tenant, as the worker last wrote it; a report older than
 * STATUS_STALE_MS says the connection is not known to be up.
 */
export async function readPddMessageStatus(
  scope: TenantScope,
  now: Date,
): Promise<Map<string, PddMessageHealth>> {
  const rows = await readConnectionStatus(scope, PDD_MESSAGE_KIND);
  const out = new Map<string, PddMessageHealth>();
  for (const row of rows) {
    const parsed = PddMessageHealth.safeParse(row.status);
    if (!parsed.success) continue;
    const stale = now.getTime() - row.reportedAt.getTime() > STATUS_STALE_MS;
    out.set(
      row.shopId,
      stale && parsed.data.connected
        ? {
            ...parsed.data,
            connected: false,
            lastError: `no worker has reported this connection since ${row.reportedAt.toISOString()}`,
          }
        : parsed.data,
    );
  }
  return out;
}
