import type { Database, Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import { errorReason } from '../shared/error-reason.js';
import { groupBy } from '../shared/group-by.js';
import { findShops, type ShopRow } from '../shops/shop-repo.js';
import { reserveTicketNumbers } from '../tickets/ticket-repo.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { backoffMs } from './backoff.js';
import { processInboxBatch } from './batch-processor.js';
import { claimInboxEvents, type InboxMark, type InboxRow, markInboxEvents } from './ingest-repo.js';
import type { IngestSettings } from './ingest-settings.js';
import { type Outcome, processInboxEvent, type SignalListener } from './processor.js';

type Result = Outcome | { error: unknown };

export type InboxWorker = ReturnType<typeof createInboxWorker>;

/** Turns stored events into cases: claims a batch, processes it, marks each event with its outcome. */
export function createInboxWorker(deps: {
  database: Database;
  clock: Clock;
  /** The ticket service bound to a transaction, with the app's case pipeline. */
  ticketsOn: (db: Db) => TicketService;
  settings: Pick<IngestSettings, 'inboxBatchSize' | 'inboxMaxAttempts' | 'backoffBaseMs' | 'backoffMaxMs'>;
  /** Hears events that announce an intervention or a penalty (the disputes domain), in the same transaction. */
  onSignals?: SignalListener | undefined;
}) {
  const { database, clock, settings } = deps;
  const side = database.side;
  let batchFallbacks = 0;

  /**
   * Claims up to a batch of due events and processes them set-wise in a savepoint; if that fails,
   * processes them again one by one, each in its own savepoint, so one bad event only fails
   * itself (retry with back-off, then the dead-letter list). All marks commit together.
   */
  /** `size`: this batch's size when not the configured one (PGlite drains a backlog in larger ones). */
  async function runInboxBatch(size = settings.inboxBatchSize): Promise<number> {
    const now = clock.now();
    return database.db.transaction(async (tx) => {
      const rows = await claimInboxEvents(tx as unknown as Db, now, size);
      if (!rows.length) return 0;
      // The batch's shops, one read per tenant (a shop is found only in the tenant of its events).
      const shopRows = new Map<string, ShopRow>();
      for (const [tenantId, list] of groupBy(rows, (r) => r.tenantId)) {
        const ids = [...new Set(list.map((r) => r.shopId))];
        for (const shop of await findShops(scopeTo(tx as unknown as Db, tenantId), ids)) {
          shopRows.set(shop.id, shop);
        }
      }
      const results = new Map<string, Result>();
      const items: { row: InboxRow; shop: ShopRow }[] = [];
      for (const row of rows) {
        const shop = shopRows.get(row.shopId);
        if (shop) items.push({ row, shop });
        else results.set(row.id, { error: new Error(`shop ${row.shopId} no longer exists`) });
      }
      let batched: Awaited<ReturnType<typeof processInboxBatch>> | null = null;
      if (items.length > 1) {
        try {
          batched = await tx.transaction((sp) =>
            processInboxBatch(sp as unknown as Db, deps.ticketsOn(sp as unknown as Db), items, {
              onSignals: deps.onSignals,
              // PGlite has one connection, taken by this transaction: numbers come from inside it.
              ...(side
                ? {
                    reserveNumbers: (tenantId, count) => reserveTicketNumbers(scopeTo(side, tenantId), count),
                  }
                : {}),
            }),
          );
        } catch {
          batchFallbacks++;
          batched = null; // rolled back: every event gets its own try below
        }
      }
      for (const { row, shop } of items) {
        const done = batched?.get(row.id);
        if (done) {
          results.set(row.id, done);
          continue;
        }
        try {
          results.set(
            row.id,
            await tx.transaction((sp) =>
              processInboxEvent(
                sp as unknown as Db,
                deps.ticketsOn(sp as unknown as Db),
                row,
                shop,
                deps.onSignals,
              ),
            ),
          );
        } catch (error) {
          results.set(row.id, { error });
        }
      }
      await markInboxEvents(tx as unknown as Db, marksFor(rows, results, now, clock.now()));
      return rows.length;
    });
  }

  /** Each claimed row's outcome, or its failure (retry with back-off, or dead). */
  function marksFor(rows: InboxRow[], results: Map<string, Result>, claimedAt: Date, processedAt: Date) {
    return rows.map((row): InboxMark => {
      const result = results.get(row.id);
      const attempts = row.attempts + 1;
      let set: Partial<InboxRow>;
      if (result && !('error' in result)) {
        set = {
          status: result.status,
          outcome: result.outcome,
          kind: result.kind,
          ticketId: result.ticketId,
          processedAt,
          lastError: null,
          attempts,
        };
      } else {
        const reason = errorReason(result?.error ?? new Error('not processed'));
        set =
          attempts >= settings.inboxMaxAttempts
            ? { attempts, lastError: reason, status: 'dead', processedAt }
            : {
                attempts,
                lastError: reason,
                nextAttemptAt: new Date(
                  claimedAt.getTime() + backoffMs(attempts, settings.backoffBaseMs, settings.backoffMaxMs),
                ),
              };
      }
      return { tenantId: row.tenantId, id: row.id, set };
    });
  }

  return {
    runInboxBatch,
    /** How many batches failed set-wise and were processed one event at a time (since start). */
    batchFallbacks: () => batchFallbacks,
  };
}
