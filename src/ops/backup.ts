import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Database, migrateDatabase, openPglite, openPostgres, pgliteOf } from '../db/client.js';
import { blobKey } from '../evidence/blob-store.js';
import { createSecretBox } from '../shared/secret-box.js';
import {
  BACKUP_FORMAT,
  BackupManifest,
  type RestoreObservation,
  restoreProblems,
} from './backup-manifest.js';
import {
  countTables,
  emptyPostgresSchemas,
  lastMigrationHash,
  sealedSamples,
  storedBlobs,
  userTableCount,
  withExportedSnapshot,
} from './backup-repo.js';

/** The install being backed up or restored into, as the server's own configuration names it. */
export type Install = { dataDir: string; databaseUrl?: string | undefined; secret?: string | undefined };

export class BackupError extends Error {}

const KEY_FILE = 'secret.key';

function sealingKey(install: Install): Buffer | null {
  if (install.secret) return createHash('sha256').update(install.secret, 'utf8').digest();
  const file = join(install.dataDir, KEY_FILE);
  return existsSync(file) ? Buffer.from(readFileSync(file, 'utf8').trim(), 'base64') : null;
}

export const fingerprint = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => reject(new BackupError(`${command}: ${error.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

async function copyBlobs(from: string, to: string): Promise<{ files: number; bytes: number }> {
  if (!existsSync(from)) return { files: 0, bytes: 0 };
  await cp(from, to, { recursive: true, filter: (path) => path !== join(from, 'tmp') });
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(to, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

/**
 * Writes a backup folder: the database (a PGlite data-dir dump, or pg_dump of one snapshot while
 * the server runs), the evidence files, the sealing key file when the key is not in the
 * environment, and manifest.json last, so a folder without a manifest is an unfinished backup.
 */
export async function createBackup(
  install: Install,
  outDir: string,
  now = new Date(),
): Promise<BackupManifest> {
  const key = sealingKey(install);
  if (!key) throw new BackupError(`no sealing key: set AFTERCARE_SECRET or keep ${KEY_FILE} in DATA_DIR`);
  if (existsSync(outDir) && (await readdir(outDir)).length > 0) {
    throw new BackupError(`${outDir} is not empty`);
  }
  await mkdir(outDir, { recursive: true });
  let part: Pick<BackupManifest, 'engine' | 'databaseFile' | 'counts' | 'lastMigration'>;
  if (install.databaseUrl) {
    const url = install.databaseUrl;
    part = await withExportedSnapshot(url, async (snapshot, counts, lastMigration) => {
      await run('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--snapshot=${snapshot}`,
        '--file',
        join(outDir, 'database.pgdump'),
        url,
      ]);
      return { engine: 'postgres' as const, databaseFile: 'database.pgdump' as const, counts, lastMigration };
    });
  } else {
    const database = await openPglite(install.dataDir);
    try {
      const counts = await countTables(database);
      const lastMigration = await lastMigrationHash(database);
      const dump = await pgliteOf(database).dumpDataDir('gzip');
      await writeFile(join(outDir, 'database.tar.gz'), Buffer.from(await dump.arrayBuffer()));
      part = { engine: 'pglite', databaseFile: 'database.tar.gz', counts, lastMigration };
    } finally {
      await database.close();
    }
  }
  const blobs = await copyBlobs(join(install.dataDir, 'blobs'), join(outDir, 'blobs'));
  const keyFileIncluded = !install.secret;
  if (keyFileIncluded) {
    await copyFile(join(install.dataDir, KEY_FILE), join(outDir, KEY_FILE));
    await chmod(join(outDir, KEY_FILE), 0o600);
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: now.toISOString(),
    ...part,
    blobs,
    keyFingerprint: fingerprint(key),
    keyFileIncluded,
  };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new BackupError(`${file} is missing: not a finished backup`);
  const parsed = BackupManifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new BackupError(`${file} is not a manifest this release reads`);
  return parsed.data;
}

/**
 * Restores a backup folder into an empty install (or, with force, over one), upgrades it with this
 * release's migrations, then checks it: every counted row, every evidence file by its SHA-256 and a
 * sample of sealed values with the key. Returns the manifest and the problems found (none is good).
 */
export async function restoreBackup(
  install: Install,
  fromDir: string,
  options: { force?: boolean; quick?: boolean } = {},
): Promise<{ manifest: BackupManifest; problems: string[] }> {
  const manifest = await readManifest(fromDir);
  if (install.secret) {
    const key = sealingKey(install)!;
    if (fingerprint(key) !== manifest.keyFingerprint) {
      throw new BackupError('AFTERCARE_SECRET is not the key this backup was sealed with');
    }
  } else if (!manifest.keyFileIncluded) {
    throw new BackupError('this backup was made with AFTERCARE_SECRET: set the same value to restore it');
  }
  if ((manifest.engine === 'postgres') !== Boolean(install.databaseUrl)) {
    throw new BackupError(
      manifest.engine === 'postgres'
        ? 'a PostgreSQL backup: set DATABASE_URL to the (empty) database to restore into'
        : 'an embedded-database backup: unset DATABASE_URL to restore it',
    );
  }

  if (install.databaseUrl) {
    const database = await openPostgres(install.databaseUrl, 2);
    try {
      if ((await userTableCount(database)) > 0) {
        if (!options.force) throw new BackupError('the database is not empty (use --force to replace it)');
        await emptyPostgresSchemas(database);
      }
    } finally {
      await database.close();
    }
    await run('pg_restore', [
      '--no-owner',
      '--exit-on-error',
      '--dbname',
      install.databaseUrl,
      join(fromDir, manifest.databaseFile),
    ]);
  } else {
    const pgDir = join(install.dataDir, 'pglite');
    if (existsSync(pgDir) && (await readdir(pgDir)).length > 0) {
      if (!options.force) throw new BackupError(`${pgDir} holds a database (use --force to replace it)`);
      await rm(pgDir, { recursive: true, force: true });
    }
    const dump = new Blob([await readFile(join(fromDir, manifest.databaseFile))]);
    const database = await openPglite(install.dataDir, dump);
    await database.close();
  }

  const blobsFrom = join(fromDir, 'blobs');
  if (existsSync(blobsFrom)) await cp(blobsFrom, join(install.dataDir, 'blobs'), { recursive: true });
  if (manifest.keyFileIncluded && !install.secret) {
    const target = join(install.dataDir, KEY_FILE);
    const theirs = await readFile(join(fromDir, KEY_FILE), 'utf8');
    if (existsSync(target) && (await readFile(target, 'utf8')).trim() !== theirs.trim() && !options.force) {
      throw new BackupError(`${target} holds another key (use --force to replace it)`);
    }
    await writeFile(target, theirs, { mode: 0o600 });
  }

  const database = install.databaseUrl
    ? await openPostgres(install.databaseUrl, 2)
    : await openPglite(install.dataDir);
  try {
    await migrateDatabase(database);
    const seen = await observe(database, install, options.quick ?? false);
    return { manifest, problems: restoreProblems(manifest, seen) };
  } finally {
    await database.close();
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function observe(database: Database, install: Install, quick: boolean): Promise<RestoreObservation> {
  const key = sealingKey(install);
  if (!key) throw new BackupError('no sealing key after restore');
  let missingBlobs = 0;
  let corruptBlobs = 0;
  const root = join(install.dataDir, 'blobs');
  for await (const blob of storedBlobs(database)) {
    const path = join(root, blobKey(blob.tenantId, blob.sha256));
    if (!existsSync(path)) missingBlobs++;
    else if (!quick && (await sha256Of(path)) !== blob.sha256) corruptBlobs++;
  }
  const box = createSecretBox(key);
  const sealed = await sealedSamples(database);
  let sealedUnreadable = 0;
  for (const value of sealed) {
    try {
      box.open(value);
    } catch {
      sealedUnreadable++;
    }
  }
  return {
    counts: await countTables(database),
    missingBlobs,
    corruptBlobs,
    keyFingerprint: fingerprint(key),
    sealedChecked: sealed.length,
    sealedUnreadable,
  };
}
