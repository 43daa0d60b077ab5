import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleLite } from 'drizzle-orm/pglite';
import { migrate as migrateLite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { INSTALL_ROOT } from '../shared/install-root.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  engine: Engine;
  /** Runs raw SQL with $1… parameters on either engine; rows come back as plain objects. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * PostgreSQL: a second small pool for single auto-commit statements made while a main-pool
   * connection is held in a transaction (ticket-number blocks). Never used for a transaction, so
   * it cannot run dry the way the main pool can when every connection waits for one more.
   */
  side?: Db;
  close(): Promise<void>;
};

export const MIGRATIONS_FOLDER = join(INSTALL_ROOT, 'drizzle');
export const PGLITE_EXTENSIONS = { pg_trgm, btree_gin };

// int8 (count(*), sums) as a JS number on both engines; ids stay below 2^53 (fen amounts, counters).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type OpenOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  migrate?: boolean;
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : await openPglite(options.dataDir);
  if (options.migrate !== false) await migrateDatabase(database);
  return database;
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  const db = drizzlePg(pool) as unknown as Db;
  const sidePool = new pg.Pool({ connectionString: url, max: 2 });
  sidePool.on('error', () => {});
  return {
    db,
    engine: 'postgres',
    query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    side: drizzlePg(sidePool) as unknown as Db,
    close: async () => {
      await pool.end();
      await sidePool.end();
    },
    ...{ url },
  };
}

/** Opens PGlite in dataDir ('memory://' for tests), holding a lock file: PGlite has no lock of its own. */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  let pgDir = dataDir;
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = takeLock(join(dataDir, 'aftercare.lock'));
    pgDir = join(dataDir, 'pglite');
    mkdirSync(pgDir, { recursive: true });
  }
  try {
    const lite = await PGlite.create({
      dataDir: inMemory ? undefined : pgDir,
      extensions: PGLITE_EXTENSIONS,
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    const db = drizzleLite(lite) as unknown as Db;
    return {
      db,
      engine: 'pglite',
      query: async (text, params) => (await lite.query(text, params)).rows as never[],
      close: async () => {
        await lite.close();
        releaseLock();
      },
      ...{ lite },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

export function pgliteOf(database: Database): PGlite {
  const lite = (database as Database & { lite?: PGlite }).lite;
  if (!lite) throw new Error('not a PGlite database');
  return lite;
}

export async function migrateDatabase(
  database: Database,
  migrationsFolder = MIGRATIONS_FOLDER,
): Promise<void> {
  if (database.engine === 'pglite') {
    await migrateLite(database.db as never, { migrationsFolder });
    return;
  }
  // Several API or worker nodes may start together: one migrates, the others wait. The lock is held
  // by an open transaction on a connection of its own: a session lock taken and released through the
  // pool (or PgBouncer in transaction mode) may be released on another server connection than it was
  // taken on, and stay held.
  const url = (database as Database & { url?: string }).url;
  if (!url) throw new Error('a PostgreSQL database opened without its address');
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(72707369)');
    await migratePg(database.db as never, { migrationsFolder });
  } finally {
    await holder.query('commit').catch(() => {});
    await holder.end();
  }
}

function takeLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `the data directory is in use by process ${holder}: PGlite allows one process at a time ` +
            '(stop it, or set DATABASE_URL to use PostgreSQL for several processes)',
        );
      }
      rmSync(path, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
