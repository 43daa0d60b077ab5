// Starts the real server (tsx src/main.ts) for a browser test: a free port, a temporary DATA_DIR
// (PGlite) or — when DATABASE_URL is set — a fresh database created for the run and dropped after.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh database for the run: { dataDir } for PGlite, or a new database on DATABASE_URL's server. */
export async function prepareDatabase(label: string): Promise<{
  dataDir: string;
  databaseUrl: string | undefined;
  cleanup: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), `aftercare-${label}-`));
  const base = process.env.DATABASE_URL;
  if (!base)
    return {
      dataDir,
      databaseUrl: undefined,
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
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

export async function startServer(db: {
  dataDir: string;
  databaseUrl: string | undefined;
}): Promise<TestServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: db.dataDir,
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.databaseUrl ?? '',
  };
  const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child: ChildProcess = spawn(process.execPath, [tsx, join(REPO, 'src', 'main.ts')], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    dataDir: db.dataDir,
    databaseUrl: db.databaseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
