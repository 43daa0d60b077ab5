import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres, pgliteOf } from './client.js';

/**
 * Migrates one template database per run; each test file then gets an isolated copy of it
 * (a PGlite data-dir dump, or `CREATE DATABASE … TEMPLATE` on PostgreSQL), which is far faster
 * than migrating per file.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    // One run id per `vitest run`, so concurrent runs never drop each other's databases.
    const runId = `${process.pid}_${Date.now().toString(36)}`;
    const template = `aftercare_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const templateDb = await openPostgres(withDatabase(url, template), 2);
    await migrateDatabase(templateDb);
    await templateDb.close();
    project.provide('pgTemplate', template);
    project.provide('pgRunId', runId);
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1 or datname = $2',
        [`aftercare_t_${runId}_%`, template],
      );
      for (const { datname } of leftovers.rows) {
        await admin.query(`drop database if exists ${datname} with (force)`);
      }
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-test-'));
  const database = await openPglite('memory://');
  await migrateDatabase(database);
  const dump = await pgliteOf(database).dumpDataDir('none');
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgRunId: string;
    pgliteTemplate: string;
  }
}
