import pg from 'pg';
import { createArrivalWatch } from './arrivals.js';
import type { IngestService } from './ingest-service.js';
import { INBOX_CHANNEL, ingestSignals, OUTBOX_CHANNEL, type Queue } from './signals.js';

export type WorkerOptions = {
  /** Poll when idle (ms): the safety net behind the wake-ups. */
  inboxPollMs: number;
  outboxPollMs: number;
  /** Concurrent loops per queue in this process. */
  inboxConcurrency: number;
  outboxConcurrency: number;
  /**
   * Share of the time the inbox loop may be busy (0–1] while webhooks arrive in this process (one
   * within the last second). PGlite runs SQL on the main thread, so a busy worker would starve the
   * webhook path; at 0.5 it rests as long as it worked after each batch. Once they stop it drains at
   * full speed.
   */
  inboxDutyCycle?: number;
  /**
   * The inbox batch when no webhook arrives: on PGlite a batch's fixed cost (its statements) is
   * large, and a long transaction only delays acknowledgements nobody is waiting for.
   */
  inboxQuietBatchSize?: number;
  /**
   * The inbox batch while webhooks arrive: on PGlite an acknowledgement waits for the batch's whole
   * transaction, so its length is the acknowledgements' worst latency.
   */
  inboxArrivingBatchSize?: number;
  /** PostgreSQL: LISTEN here so webhooks accepted by other processes wake this one. */
  listenUrl?: string | undefined;
  onError?: (queue: Queue, error: unknown) => void;
};

export type Workers = { stop(): Promise<void> };

/**
 * Runs the inbox workers and the outbox sender until stop(): each loop drains its queue in
 * batches, then sleeps until a wake-up (webhook insert, enqueue, NOTIFY) or the poll interval.
 */
export function startWorkers(ingest: IngestService, options: WorkerOptions): Workers {
  let stopping = false;
  const sleepers = new Set<() => void>();
  const waiting: Record<Queue, Set<() => void>> = { inbox: new Set(), outbox: new Set() };
  const dirty: Record<Queue, boolean> = { inbox: true, outbox: true };

  const onWake = (queue: Queue) => () => {
    dirty[queue] = true;
    for (const resolve of waiting[queue]) resolve();
  };
  const wakeInbox = onWake('inbox');
  const wakeOutbox = onWake('outbox');
  const arrivals = createArrivalWatch(1000);
  // This process's own webhooks (and pulls) signal here; a NOTIFY from another process does not.
  const stored = () => {
    arrivals.arrived();
    wakeInbox();
  };
  ingestSignals.on('inbox', stored);
  ingestSignals.on('outbox', wakeOutbox);

  let listener: pg.Client | null = null;
  if (options.listenUrl) {
    const client = new pg.Client({ connectionString: options.listenUrl });
    listener = client;
    client.on('notification', (n) => (n.channel === INBOX_CHANNEL ? wakeInbox() : wakeOutbox()));
    client.on('error', (error) => options.onError?.('inbox', error));
    client
      .connect()
      .then(() => client.query(`listen ${INBOX_CHANNEL}; listen ${OUTBOX_CHANNEL}`))
      .catch((error) => options.onError?.('inbox', error));
  }

  // A stop() that came during a batch: no sleep after it (stop waits for the loops).
  function idle(queue: Queue, ms: number): Promise<void> {
    if (stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting[queue].delete(done);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiting[queue].add(done);
      sleepers.add(done);
    });
  }

  function rest(ms: number): Promise<void> {
    if (stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  }

  async function loop(queue: Queue, pollMs: number, run: () => Promise<number>, dutyCycle = 1) {
    let failures = 0;
    while (!stopping) {
      try {
        dirty[queue] = false;
        const started = performance.now();
        const n = await run();
        failures = 0;
        if (n > 0) {
          if (dutyCycle < 1 && arrivals.arriving())
            await rest(((performance.now() - started) * (1 - dutyCycle)) / dutyCycle);
          continue;
        }
        if (dirty[queue]) continue;
        await idle(queue, pollMs);
      } catch (error) {
        options.onError?.(queue, error);
        failures++;
        await idle(queue, Math.min(30_000, pollMs * 2 ** Math.min(failures, 6)));
      }
    }
  }

  const loops: Promise<void>[] = [];
  for (let i = 0; i < options.inboxConcurrency; i++) {
    const { inboxQuietBatchSize: quiet, inboxArrivingBatchSize: arriving } = options;
    const batch = () => ingest.runInboxBatch((arrivals.arriving() ? arriving : quiet) ?? undefined);
    loops.push(loop('inbox', options.inboxPollMs, batch, options.inboxDutyCycle ?? 1));
  }
  for (let i = 0; i < options.outboxConcurrency; i++) {
    loops.push(loop('outbox', options.outboxPollMs, () => ingest.runOutboxBatch()));
  }

  return {
    async stop() {
      stopping = true;
      ingestSignals.off('inbox', stored);
      ingestSignals.off('outbox', wakeOutbox);
      for (const s of [...sleepers]) s();
      await Promise.all(loops);
      await listener?.end().catch(() => {});
    },
  };
}
