import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { INSTALL_ROOT } from '../shared/install-root.js';
import { MIGRATIONS_FOLDER, migrateDatabase, openPglite, openPostgres, pgliteOf } from './client.js';

type Provided = { pgTemplate?: string; pgRunId?: string; pgliteTemplate?: string };
type Prepared = { provided: Provided; teardown: () => Promise<void> | void };

/**
 * Migrates one template database per run; each test file then gets an isolated copy of it
 * (a PGlite data-dir dump, or `CREATE DATABASE … TEMPLATE` on PostgreSQL), which is far faster
 * than migrating per file.
 */
export default async function setup(project: TestProject) {
  const prepared = await prepare();
  for (const [key, value] of Object.entries(prepared.provided)) {
    project.provide(key as keyof Provided, value as string);
  }
  return prepared.teardown;
}

async function prepare(): Promise<Prepared> {
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
    const teardown = async () => {
      const leftovers = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1 or datname = $2',
        [`aftercare_t_${runId}_%`, template],
      );
      for (const { datname } of leftovers.rows) {
        await admin.query(`drop database if exists ${datname} with (force)`);
      }
      await admin.end();
    };
    return { provided: { pgTemplate: template, pgRunId: runId }, teardown };
  }
  return { provided: { pgliteTemplate: await pgliteTemplateFile() }, teardown: () => {} };
}

/**
 * The migrated PGlite template (a data-dir dump), kept between runs and named by what makes it: the
 * migrations and the versions of PGlite and drizzle, so a changed migration names a new file (the
 * upgrade test keeps one of the first release's migrations the same way). The
 * browser tests start their servers from it too (`openPglite(dir, template)` then the server finds
 * every migration applied).
 */
export async function pgliteTemplateFile(migrationsFolder = MIGRATIONS_FOLDER): Promise<string> {
  const dir = join(INSTALL_ROOT, 'node_modules', '.cache', 'aftercare-test-template');
  const file = join(dir, `${templateKey(migrationsFolder)}.tar`);
  if (!existsSync(file)) {
    const database = await openPglite('memory://');
    await migrateDatabase(database, migrationsFolder);
    const dump = await pgliteOf(database).dumpDataDir('none');
    await database.close();
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file); // whole or absent, even with runs in parallel
  }
  return file;
}

function templateKey(migrationsFolder: string): string {
  const hash = createHash('sha256');
  for (const pkg of ['@electric-sql/pglite', 'drizzle-orm']) {
    hash.update(readFileSync(join(INSTALL_ROOT, 'node_modules', pkg, 'package.json')));
  }
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${path.slice(migrationsFolder.length)}\n`).update(readFileSync(path));
    }
  };
  walk(migrationsFolder);
  return hash.digest('hex').slice(0, 16);
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
