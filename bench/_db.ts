import pg from 'pg';
import { type Database, migrateDatabase, openPglite, openPostgres } from '../src/db/client.js';

/** A fresh, migrated database for a benchmark: PGlite in memory, or a new database on DATABASE_URL's server. */
export async function openBenchDatabase(name: string): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openPglite('memory://');
    await migrateDatabase(database);
    return database;
  }
  const dbName = `aftercare_bench_${name}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${dbName}`;
  const database = await openPostgres(target.toString(), 8);
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${dbName} with (force)`);
      await cleanup.end();
    },
  };
}
