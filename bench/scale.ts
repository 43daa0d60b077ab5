import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Platform } from '../src/channels/channel.js';
import { signedPush } from '../src/channels/push.js';
import { withDatabase } from '../src/db/test-global-setup.js';
import { type Cluster, startCluster } from '../src/ops/scale-cluster.js';
import { eventBody, rawInsertRate } from './ingest.js';

/**
 * Issue 18 §7's scale-out benchmark, on PostgreSQL: the same signed webhooks (4 platforms mixed,
 * after-sale flows of three events) into
 *  1. one process doing everything (AFTERCARE_ROLE=all),
 *  2. two API processes (the load split between them, as a load balancer would) and two worker processes,
 *  3. with BENCH_PGBOUNCER_URL: the same 2 + 2 with their pools through PgBouncer (transaction mode),
 * each on a fresh database: accepted/s under full load, then processed/s (webhook → case) from the
 * inbox's own timestamps; and the raw limit — a batched INSERT of the same inbox rows — in the same run.
 * BENCH_PORT_BASE (default 5550) and the next ports are used.
 */
const LOAD_SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 10);
const DRAIN_SECONDS = Number(process.env.BENCH_SCALE_DRAIN_SECONDS ?? 60);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 5550);
const PLATFORMS: Platform[] = ['douyin', 'pinduoduo', 'tiktok', 'taobao'];
type Shop = { id: string; platform: Platform; appKey: string; appSecret: string };
type Layout = { label: string; single: boolean; pooler?: string };

type Prepared = { path: string; headers: Record<string, string>; body: string };

function prepare(shops: Shop[], from: number, count: number, run: string): Prepared[] {
  const out: Prepared[] = [];
  for (let i = from; i < from + count; i++) {
    const shop = shops[Math.floor(i / 3) % shops.length]!;
    const signed = signedPush(shop.platform, shop, eventBody(shop.platform, i, run));
    out.push({ path: `/hooks/${shop.platform}/${shop.id}`, headers: signed.headers, body: signed.body });
  }
  return out;
}

function load(base: string, prepared: Prepared[], seconds: number, connections: number) {
  let next = 0;
  return autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const p = prepared[next++ % prepared.length]!;
          return { ...req, method: 'POST', path: p.path, headers: p.headers, body: p.body };
        },
      },
    ],
  });
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function setUp(cluster: Cluster): Promise<{ shops: Shop[] }> {
  const base = cluster.apis[0]!.url;
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantName: 'bench',
      email: `bench-${Date.now()}@example.cn`,
      password: 'plum-blossom-tea-2718',
    }),
  });
  const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
  const shops: Shop[] = [];
  for (const platform of PLATFORMS) {
    const creds = { appKey: `bench-${platform}`, appSecret: `bench-secret-${platform}` };
    const res = await fetch(`${base}/api/v1/shops`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ platform, name: `bench ${platform}`, ...creds }),
    });
    shops.push({ id: ((await res.json()) as { id: string }).id, platform, ...creds });
  }
  return { shops };
}

async function measure(adminUrl: string, layout: Layout, portBase: number) {
  const dbName = `scale_bench_${layout.label.toLowerCase()}`;
  await withAdmin(adminUrl, async (a) => {
    await a.query(`drop database if exists ${dbName} with (force)`);
    await a.query(`create database ${dbName}`);
  });
  const direct = withDatabase(adminUrl, dbName);
  const cluster = await startCluster({
    apis: 2,
    workers: 2,
    single: layout.single,
    portBase,
    env: {
      DATABASE_URL: layout.pooler ? withDatabase(layout.pooler, dbName) : direct,
      DATABASE_DIRECT_URL: direct,
      AFTERCARE_OPEN_SIGNUP: 'true',
      AFTERCARE_SECRET: 'bench-scale-secret-0123456789',
      AFTERCARE_INGEST_POLL_MS: '200',
      AFTERCARE_PDD_MESSAGE_SERVICE: 'false',
      // 4 processes × (6 + 2 side + LISTEN) stay well inside a shared server's max_connections.
      DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '6',
      LOG_LEVEL: 'error',
    },
  });
  const db = new pg.Pool({ connectionString: direct, max: 2 });
  try {
    const { shops } = await setUp(cluster);
    const run = `${layout.label.slice(0, 1)}${Date.now().toString(36)}`;
    const perApi = 60_000;
    const loads = cluster.apis.map((api, i) =>
      load(api.url, prepare(shops, i * perApi, perApi, run), LOAD_SECONDS, 32 / cluster.apis.length),
    );
    const loadStart = Date.now();
    const results = await Promise.all(loads);
    const loadSeconds = (Date.now() - loadStart) / 1000;
    const accepted = results.reduce((s, r) => s + r['2xx'], 0);
    const notAccepted = results.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0);
    const p99 = Math.max(...results.map((r) => r.latency.p99));
    const counts = async () =>
      (
        await db.query<{ pending: number; processed: number; first: Date | null; last: Date | null }>(
          `select count(*) filter (where status = 'pending')::int as pending,
                  count(*) filter (where status <> 'pending')::int as processed,
                  min(received_at) as first, max(processed_at) as last
           from inbox_events`,
        )
      ).rows[0]!;
    const drainStart = Date.now();
    const atEnd = await counts();
    let now = atEnd;
    while (now.pending > 0 && Date.now() - drainStart < DRAIN_SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 500));
      now = await counts();
    }
    const span = now.first && now.last ? (now.last.getTime() - now.first.getTime()) / 1000 : 1;
    const [tickets] = (await db.query<{ n: number }>('select count(*)::int as n from tickets')).rows;
    const [twice] = (
      await db.query<{ n: number }>(
        `select count(*)::int as n from (select shop_id, external_ref from channel_cases
         group by 1, 2 having count(distinct ticket_id) > 1) x`,
      )
    ).rows;
    const figures = {
      processes: layout.single ? '1 (all)' : '2 api + 2 worker',
      throughPgBouncer: Boolean(layout.pooler),
      acceptedPerSecond: Math.round(accepted / loadSeconds),
      ackP99Ms: p99,
      notAccepted,
      processedPerSecond: Math.round(now.processed / span),
      drainOnlyPerSecond: Math.round(
        (atEnd.pending - now.pending) / Math.max(0.5, (Date.now() - drainStart) / 1000),
      ),
      leftPending: now.pending,
      cases: tickets!.n,
      afterSalesWithTwoCases: twice!.n,
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
    console.log(layout.label, figures);
    // The raw limit: the same inbox rows, batched, straight into this database (the servers stopped).
    await cluster.stop();
    const [tenant] = (await db.query<{ tenant_id: string }>('select tenant_id from tenants limit 1')).rows;
    const raw = await rawInsertRate(
      (text, params) => db.query(text, params),
      shops,
      tenant!.tenant_id,
      20_000,
    );
    console.log(layout.label, `raw batched insert ${Math.round(raw)} rows/s`);
    return { ...figures, rawBatchedInsertRowsPerSecond: Math.round(raw) };
  } finally {
    await db.end();
    await cluster.stop();
    await withAdmin(adminUrl, (a) => a.query(`drop database if exists ${dbName} with (force)`));
  }
}

export default async function run(): Promise<Record<string, unknown>> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const why = 'scale-out needs PostgreSQL (PGlite is one process): set DATABASE_URL';
    console.log(why);
    return { engine: 'pglite', skipped: why };
  }
  const layouts: Layout[] = [
    { label: 'one', single: true },
    { label: 'twoPlusTwo', single: false },
    ...(process.env.BENCH_PGBOUNCER_URL
      ? [{ label: 'twoPlusTwoPgBouncer', single: false, pooler: process.env.BENCH_PGBOUNCER_URL }]
      : []),
  ];
  const out: Record<string, unknown> = {};
  for (const [i, layout] of layouts.entries())
    out[layout.label] = await measure(adminUrl, layout, PORT_BASE + i * 5);
  const one = out.one as { acceptedPerSecond: number; processedPerSecond: number };
  const two = out.twoPlusTwo as { acceptedPerSecond: number; processedPerSecond: number };
  const figures = {
    engine: 'postgres',
    loadSeconds: LOAD_SECONDS,
    ...out,
    acceptedRatio: Math.round((two.acceptedPerSecond / one.acceptedPerSecond) * 100) / 100,
    processedRatio: Math.round((two.processedPerSecond / one.processedPerSecond) * 100) / 100,
    machine: 'shared, 2 cores: the 2 + 2 processes and the load generator compete for them',
  };
  console.log(figures);
  return figures;
}
