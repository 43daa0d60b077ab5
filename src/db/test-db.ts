import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, migrateDatabase, openPglite, openPostgres } from './client.js';
import { pgliteTemplateFile, withDatabase } from './test-global-setup.js';

/**
 * An isolated, migrated database for one test file on the engine under test: PGlite in memory,
 * or a fresh PostgreSQL database when DATABASE_URL is set. Close it in afterAll.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `aftercare_t_${inject('pgRunId')}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    } finally {
      await admin.end();
    }
    const database = await openPostgres(withDatabase(url, name), 4);
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openPglite('memory://', template);
}

/**
 * A database migrated only as far as `migrationsFolder` (an older release's migrations), on the engine
 * under test, for upgrade tests. On PGlite it is a copy of a kept dump of that migrated state (made by
 * the same migrator on the first run, named by the folder's content), on PostgreSQL a new database
 * migrated to it. Close it in afterAll.
 */
export async function createTestDatabaseAt(migrationsFolder: string): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const template = new Blob([readFileSync(await pgliteTemplateFile(migrationsFolder))]);
    return openPglite('memory://', template);
  }
  const name = `aftercare_t_${inject('pgRunId')}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const database = await openPostgres(withDatabase(url, name), 4);
  await migrateDatabase(database, migrationsFolder);
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
