import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { signedPush } from '../channels/push.js';
import { openPglite } from '../db/client.js';
import { withDatabase } from '../db/test-global-setup.js';
import { loadSlowdown } from '../shared/load-slowdown.js';
import { freePort } from '../shared/spawn-server.js';

/**
 * Faults: the real server (tsx src/main.ts) takes a stream of signed webhooks and is killed with
 * SIGKILL in the middle; after a restart, every event that got a 200 is processed exactly once.
 */
const repo = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'aftercare-fault-'));
let databaseUrl: string | undefined;
let dbName: string | undefined;
let server: ChildProcess | null = null;
let base = '';

const T0 = Date.now();
const mark = (what: string) => process.env.FAULT_TRACE && console.log(`${what} at ${Date.now() - T0} ms`);

async function start(): Promise<void> {
  mark('starting');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repo,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      AFTERCARE_OPEN_SIGNUP: 'true',
      AFTERCARE_SECRET: 'fault-test-secret-0123456789',
      AFTERCARE_INGEST_POLL_MS: '100',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // 30 s on a quiet machine, longer under load (a start compiles the server with tsx).
  const deadline = Date.now() + 30_000 * loadSlowdown(16);
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return void mark('started');
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

async function stop(signal: NodeJS.Signals) {
  const child = server;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
  server = null;
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (url) {
    dbName = `aftercare_fault_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${dbName} template ${inject('pgTemplate')}`);
    await admin.end();
    databaseUrl = withDatabase(url, dbName);
  } else {
    // Start from the migrated test template: the server skips initdb and migrations.
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    await (await openPglite(dataDir, template)).close();
  }
}, 30_000 * loadSlowdown(8));

afterAll(async () => {
  await stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  if (dbName && process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
});

const CASES = 30;
const events = Array.from({ length: CASES * 3 }, (_, i) => {
  const kase = i % CASES;
  const step = Math.floor(i / CASES);
  const tag = ['200', '201', '203'][step]!;
  const id = `${9_100_000_000_000_000_000n + BigInt(kase)}`;
  return {
    msgId: `fault-${i}`,
    caseRef: `aftersale:${id}`,
    body: JSON.stringify([
      {
        tag,
        msg_id: `fault-${i}`,
        data: `{"aftersale_id":${id},"aftersale_type":0,"p_id":6920000000000000001,"refund_amount":${1000 + kase},"update_time":${1764000000 + step * 600}}`,
      },
    ]),
  };
});

// Three minutes on a quiet machine, longer under load.
describe('faults', { timeout: 180_000 * loadSlowdown(8) }, () => {
  test('SIGKILL mid-stream: every acknowledged event is processed exactly once after the restart', async () => {
    await start();
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenantName: '故障测试',
        email: `fault-${Date.now()}@example.cn`,
        password: 'plum-blossom-tea-2718',
      }),
    });
    expect(signup.status).toBe(201);
    const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
    const api = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        ...init,
        headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) },
      });
      return { status: res.status, body: await res.json() };
    };
    const creds = { appKey: 'fault-key', appSecret: 'fault-secret' };
    const shop = await api('/shops', {
      method: 'POST',
      body: JSON.stringify({ platform: 'douyin', name: '抖店', ...creds }),
    });
    expect(shop.status).toBe(201);
    const shopId = shop.body.id as string;

    const acked = new Set<string>();
    const send = async (e: (typeof events)[number]) => {
      const signed = signedPush('douyin', creds, e.body);
      try {
        const res = await fetch(`${base}/hooks/douyin/${shopId}`, {
          method: 'POST',
          headers: signed.headers,
          body: signed.body,
        });
        if (res.status === 200) acked.add(e.msgId);
        await res.arrayBuffer();
      } catch {
        // the server died under this request: not acknowledged, the platform will deliver it again
      }
    };

    // Stream with 6 in flight; kill the server hard after 40 % of the events.
    let next = 0;
    let killed = false;
    const killAt = Math.floor(events.length * 0.4);
    const lane = async () => {
      while (next < events.length && !killed) {
        const e = events[next++]!;
        if (next >= killAt && !killed) {
          killed = true;
          await stop('SIGKILL');
          return;
        }
        await send(e);
      }
    };
    await Promise.all(Array.from({ length: 6 }, lane));
    mark('killed');
    const ackedBeforeKill = acked.size;
    expect(ackedBeforeKill).toBeGreaterThan(0);

    await start();
    // The platform delivers again what was not acknowledged, and a few acknowledged ones twice.
    for (const e of events) if (!acked.has(e.msgId) || Number(e.msgId.slice(6)) % 7 === 0) await send(e);
    mark('resent');
    expect(acked.size).toBe(events.length);

    let pending = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 600 && pending > 0; i++) {
      const health = await api('/ingest/health');
      const h = health.body.items.find((x: { shopId: string }) => x.shopId === shopId);
      pending = h.pending;
      if (pending > 0) await new Promise((r) => setTimeout(r, 150));
    }
    mark('drained');
    expect(pending).toBe(0);

    const rows: { externalEventId: string; status: string; ticketId: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(`/ingest/events?shopId=${shopId}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      rows.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(rows).toHaveLength(events.length);
    expect(new Set(rows.map((r) => r.externalEventId)).size).toBe(events.length);
    expect(rows.every((r) => r.status === 'processed')).toBe(true);

    const tickets = (await api(`/tickets?shopId=${shopId}&limit=200`)).body.items as {
      id: string;
      externalRef: string;
    }[];
    expect(tickets).toHaveLength(CASES);
    expect(new Set(tickets.map((t) => t.externalRef)).size).toBe(CASES);
    for (const t of tickets.slice(0, 10)) {
      const thread = (await api(`/tickets/${t.id}/messages`)).body.items as { externalId: string | null }[];
      const fromEvents = thread.filter((m) => m.externalId?.startsWith('fault-')).map((m) => m.externalId);
      expect(fromEvents).toHaveLength(2);
      expect(new Set(fromEvents).size).toBe(2);
    }
    await stop('SIGTERM');
  });
});
