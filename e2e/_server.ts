// Starts the real server (tsx src/main.ts) for a browser test: a free port, a temporary DATA_DIR
// (PGlite) or — when DATABASE_URL is set — a fresh database created for the run and dropped after.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { APIRequestContext } from 'playwright-core';
import { openPglite } from '../src/db/client.js';
import { pgliteTemplateFile } from '../src/db/test-global-setup.js';
import { startServer as spawnServer } from '../src/shared/spawn-server.js';
import { currentFlow } from './_flow.js';

export { freePort } from '../src/shared/spawn-server.js';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

export type TestServer = {
  url: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** What the server printed so far (LOG_LEVEL=warn: warnings and errors). */
  output: () => string;
  stop: () => Promise<void>;
};

/** Builds dist/web when missing or older than src/web (the same check `npm start` does). */
export function ensureConsoleBuilt(): void {
  const result = spawnSync(process.execPath, [join(REPO, 'scripts', 'ensure-web.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('console build failed');
}

/** Where `compileServer` puts the browser tests' server (gitignored, under dist/). */
const COMPILED = join(REPO, 'dist', 'e2e-server', 'main.js');

/**
 * Compiles the server once for a run of several flows (`npm run e2e -- all`): their servers then
 * start from plain JavaScript instead of compiling the sources through tsx at each start. The lanes
 * (child processes) inherit E2E_SERVER_JS.
 */
export function compileServer(): void {
  const result = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--e2e'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('compiling the server failed');
  process.env.E2E_SERVER_JS = COMPILED;
}

let migrated: Promise<string> | undefined;

/**
 * A PGlite data dir made from the migrated test template once per process (and removed at its exit):
 * each flow's data dir is a copy of it (a file copy: ~0.1 s of CPU instead of ~1.5 s to load the
 * template into a new PGlite).
 */
function migratedDataDir(): Promise<string> {
  migrated ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-e2e-template-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const template = new Blob([readFileSync(await pgliteTemplateFile())]);
    await (await openPglite(dir, template)).close();
    return dir;
  })();
  return migrated;
}

/**
 * A fresh database for the run: { dataDir } for PGlite, or a new database on DATABASE_URL's server.
 * On PGlite the data dir starts as a copy of the migrated test template, so the server's start finds
 * every migration applied instead of running them all again for each browser test.
 */
export async function prepareDatabase(label: string): Promise<{
  dataDir: string;
  databaseUrl: string | undefined;
  cleanup: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), `aftercare-${label}-`));
  const base = process.env.DATABASE_URL;
  if (!base) {
    cpSync(await migratedDataDir(), dataDir, { recursive: true });
    return {
      dataDir,
      databaseUrl: undefined,
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `aftercare_e2e_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    cleanup: async () => {
      const drop = new pg.Client({ connectionString: base });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startServer(
  db: { dataDir: string; databaseUrl: string | undefined },
  env: Record<string, string> = {},
): Promise<TestServer> {
  const server = await spawnServer(
    { ...env, DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '' },
    undefined,
    process.env.E2E_SERVER_JS || undefined,
  );
  // run.ts reads the server's CPU and, when the flow fails, its last warnings
  const record = { output: server.output, cpuSeconds: 0 };
  currentFlow.getStore()?.servers.push(record);
  return {
    url: server.url,
    dataDir: db.dataDir,
    databaseUrl: db.databaseUrl,
    output: server.output,
    stop: async () => {
      record.cpuSeconds = server.cpuSeconds();
      await server.stop();
    },
  };
}

/**
 * Signs up a merchant through the API: its session cookie and a JSON POST that throws on failure.
 * `label` names the e-mail address (ASCII) and, unless `tenantName` is given, the merchant.
 */
export async function signUpByApi(url: string, label: string, tenantName = label) {
  const res = await fetch(`${url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantName,
      email: `${label}-${Date.now()}@example.cn`,
      password: 'plum-blossom-tea-2718',
    }),
  });
  if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const post = async <T = { id: string }>(path: string, body: unknown): Promise<T> => {
    const r = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { cookie, post };
}

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON call to `${base}/api/v1${path}` with the request context's cookies; throws with the status and body when it fails. */
export async function apiCall<T = Record<string, unknown>>(
  request: APIRequestContext,
  base: string,
  method: ApiMethod,
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await request.fetch(`${base}/api/v1${path}`, {
    method,
    ...(data === undefined ? {} : { data }),
  });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Polls `check` every half second until it holds; throws after `ms` with what `seen` last reports. */
export async function until(what: string, check: () => Promise<boolean>, ms = 30_000, seen = () => '') {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting: ${what} (last seen: ${seen()})`);
}
