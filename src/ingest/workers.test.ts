import { expect, test } from 'vitest';
import type { IngestService } from './ingest-service.js';
import { ingestSignals } from './signals.js';
import { startWorkers } from './workers.js';

// The inbox batch follows the arrivals (PGlite: short transactions while acknowledgements wait on them).
test('the inbox batch is the arriving size while webhooks arrive, the quiet size once they stop', async () => {
  const sizes: (number | undefined)[] = [];
  let waiting: (() => void) | undefined;
  const ingest = {
    async runInboxBatch(size?: number) {
      sizes.push(size);
      waiting?.();
      return 0;
    },
    runOutboxBatch: async () => 0,
  } as unknown as IngestService;
  const next = () => new Promise<void>((resolve) => (waiting = resolve));
  const first = next();
  const workers = startWorkers(ingest, {
    inboxPollMs: 60_000,
    outboxPollMs: 60_000,
    inboxConcurrency: 1,
    outboxConcurrency: 0,
    inboxQuietBatchSize: 200,
    inboxArrivingBatchSize: 10,
  });
  try {
    await first; // nothing has arrived yet
    const arriving = next();
    ingestSignals.emit('inbox');
    await arriving;
    expect(sizes).toEqual([200, 10]);
  } finally {
    await workers.stop();
  }
});
