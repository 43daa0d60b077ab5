import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from './client.js';
import { startPgliteMaintenance } from './maintenance.js';
import { createTestDatabase } from './test-db.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

test('PGlite, which has no autovacuum, is vacuumed and analysed; PostgreSQL is left to its own', async () => {
  const done: number[] = [];
  const start = () =>
    startPgliteMaintenance(database, { intervalMs: 60_000, firstAfterMs: 1, onDone: (ms) => done.push(ms) });
  if (database.engine !== 'pglite') {
    expect(start()).toBeNull();
    return;
  }
  await database.query('create table maintained (id int primary key, v int)');
  await database.query('insert into maintained select g, 0 from generate_series(1, 2000) g');
  await database.query('update maintained set v = 1');
  const stop = start();
  await expect.poll(() => done.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await stop!();
  // A second later the backend flushes what it still held: counted before the vacuum, not after.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await database.query('select 1');
  const [stats] = await database.query<{ dead: number; analysed: Date | null; vacuumed: Date | null }>(
    `select n_dead_tup::int as dead, last_analyze as analysed, last_vacuum as vacuumed
       from pg_stat_user_tables where relname = 'maintained'`,
  );
  expect(stats).toMatchObject({ dead: 0, analysed: expect.any(Date), vacuumed: expect.any(Date) });
});
