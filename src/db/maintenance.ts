import { startIntervalWorker } from '../shared/interval-worker.js';
import type { Database } from './client.js';

/** Every six hours, the first ten minutes after start. */
export const MAINTENANCE_MS = 6 * 60 * 60 * 1000;

/**
 * PGlite has no autovacuum: without this, an embedded install keeps every dead row its updates leave
 * and plans every query without statistics (a batch update picked an index over the primary key).
 * PostgreSQL's own autovacuum does this job there, so nothing starts on it. One `VACUUM (ANALYZE)`
 * holds PGlite's single connection while it runs (about 0.15 s for 40,000 updated rows), hence rare.
 */
export function startPgliteMaintenance(
  database: Database,
  {
    intervalMs = MAINTENANCE_MS,
    firstAfterMs = Math.min(intervalMs, 10 * 60 * 1000),
    onDone = (_ms: number) => {},
    onError = (_e: unknown) => {},
  }: {
    intervalMs?: number;
    firstAfterMs?: number;
    onDone?: (ms: number) => void;
    onError?: (error: unknown) => void;
  } = {},
): (() => Promise<void>) | null {
  if (database.engine !== 'pglite') return null;
  return startIntervalWorker(
    async () => {
      const started = Date.now();
      // PGlite's one backend flushes its table counters at most once a second: an update's dead
      // rows still pending would land after the vacuum zeroed them and show as 2,000 dead forever.
      await database.query('select pg_stat_force_next_flush()');
      await database.query('vacuum (analyze)');
      onDone(Date.now() - started);
    },
    { intervalMs, firstAfterMs, onError },
  );
}
