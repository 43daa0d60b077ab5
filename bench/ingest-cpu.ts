import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import type { Platform } from '../src/channels/channel.js';
import { type Database, migrateDatabase, openPglite, openPostgres, pgliteOf } from '../src/db/client.js';
import { systemClock } from '../src/shared/clock.js';
import { newId } from '../src/shared/ids.js';
import { createSecretBox } from '../src/shared/secret-box.js';
import { eventBody, prepare } from './ingest.js';

/**
 * The ingest path's cost in CPU per event, in one process: webhooks through app.inject (Fastify,
 * hooks, signature, the inbox insert), then the inbox worker draining them (webhook → case), then
 * a raw batched INSERT of the same rows. CPU time of this process and of the PostgreSQL backends of
 * its database (from /proc): on a machine shared by many, this says what the code costs better than
 * events per second can (they measure the machine's load). BENCH_CPU_PROFILE=<dir> writes a V8 CPU
 * profile of each phase there. BENCH_COUNT_STATEMENTS=1 counts the statements each phase sends, per
 * event, and prints the most frequent (the start of their text; on PGlite only those sent outside a
 * transaction).
 *
 *   npm run bench -- ingest-cpu [--events N] [--batch N]   (--batch: the inbox batch size, default the engine's)
 */
export default async function run(args: string[] = []) {
  const session = new Session();
  const profileDir = process.env.BENCH_CPU_PROFILE;
  if (profileDir) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  const figures: Record<string, unknown>[] = [];
  const statements = new Map<string, number>();
  if (process.env.BENCH_COUNT_STATEMENTS) {
    const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
      const q = a[0] as string | { text?: string };
      const text = (typeof q === 'string' ? q : (q?.text ?? '')).replace(/\s+/g, ' ').slice(0, 90);
      statements.set(text, (statements.get(text) ?? 0) + 1);
      return query.apply(this, a);
    } as never;
  }

  const eventsArg = args.indexOf('--events');
  const N = Number(eventsArg >= 0 ? args[eventsArg + 1] : 6000);
  const batchArg = args.indexOf('--batch');
  const inboxBatchSize = batchArg >= 0 ? Number(args[batchArg + 1]) : undefined;
  const url = process.env.DATABASE_URL;
  const dbName = `${process.env.BENCH_DB_PREFIX ?? 'aftercare_bench'}_ingest_cpu`;
  let database: Database;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    database = await openPostgres(u.toString(), 10);
  } else {
    database = await openPglite('memory://');
    if (process.env.BENCH_COUNT_STATEMENTS) {
      // PGlite: the statements outside transactions (the webhook inserts; a batch is one transaction).
      const lite = pgliteOf(database);
      const query = lite.query.bind(lite);
      lite.query = ((...a: Parameters<typeof query>) => {
        const text = String(a[0]).replace(/\s+/g, ' ').slice(0, 90);
        statements.set(text, (statements.get(text) ?? 0) + 1);
        return query(...a);
      }) as typeof lite.query;
    }
  }
  await migrateDatabase(database);
  const { app, services } = await buildApp({
    database,
    clock: systemClock,
    secretBox: createSecretBox(Buffer.alloc(32, 7)),
    openSignup: true,
    secureCookies: false,
    sessionTtlHours: 24,
    logLevel: 'silent',
    webRoot: '/nonexistent',
    ingest: { notify: !!url, inboxBatchSize },
  });
  const signup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { tenantName: 'cpu', email: `c${Date.now()}@example.cn`, password: 'plum-blossom-tea-2718' },
  });
  const cookie = String(signup.headers['set-cookie']).split(';')[0]!;
  const shops = [] as { id: string; platform: Platform; appKey: string; appSecret: string }[];
  for (const platform of ['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const) {
    const creds = { appKey: `b-${platform}`, appSecret: `bs-${platform}` };
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/shops',
      headers: { cookie },
      payload: { platform, name: platform, ...creds },
    });
    shops.push({ id: r.json().id, platform, ...creds });
  }
  const cpuOf = (pid: number) => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      return 0;
    }
  };
  async function dbCpu(): Promise<Map<number, number>> {
    if (!url) return new Map();
    const rows = await database.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1',
      [dbName],
    );
    return new Map(rows.map((r) => [r.pid, cpuOf(r.pid)]));
  }
  async function measure<T>(label: string, events: number, fn: () => Promise<T>) {
    const d0 = await dbCpu();
    statements.clear();
    if (profileDir) await session.post('Profiler.start');
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const out = await fn();
    if (profileDir) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(`${profileDir}/${label.split(' ')[0]}.cpuprofile`, JSON.stringify(profile));
    }
    const wall = performance.now() - w0;
    const c = process.cpuUsage(c0);
    const counted = [...statements].sort((x, y) => y[1] - x[1]);
    const d1 = await dbCpu();
    let db = 0;
    for (const [p, v] of d1) db += v - (d0.get(p) ?? 0);
    const r = {
      label,
      events,
      nodeUsPerEvent: Math.round((c.user + c.system) / events),
      dbUsPerEvent: Math.round((db * 1000) / events),
      wallPerSecond: Math.round(events / (wall / 1000)),
      load: loadavg()[0]!.toFixed(1),
      ...(counted.length
        ? { statementsPerEvent: Math.round((counted.reduce((t, [, n]) => t + n, 0) / events) * 100) / 100 }
        : {}),
    };
    console.log(JSON.stringify(r));
    for (const [text, n] of counted.slice(0, 25)) console.log(String(n).padStart(7), text);
    figures.push(r);
    return out;
  }
  async function inject(prepared: ReturnType<typeof prepare>, conc = 32) {
    let next = 0;
    let bad = 0;
    await Promise.all(
      Array.from({ length: conc }, async () => {
        while (next < prepared.length) {
          const p = prepared[next++]!;
          const r = await app.inject({ method: 'POST', url: p.path, headers: p.headers, payload: p.body });
          if (r.statusCode !== 200) bad++;
        }
      }),
    );
    if (bad) console.log('not 200:', bad);
  }
  async function drain() {
    let n = 0;
    for (;;) {
      const k = await services.ingest.runInboxBatch();
      if (!k) return n;
      n += k;
    }
  }
  // warm-up
  await inject(prepare(shops, 900, `w${Date.now().toString(36)}`));
  await drain();
  const run = `r${Date.now().toString(36)}`;
  const prepared = prepare(shops, N, run);
  await measure('accept (inject)', N, () => inject(prepared));
  await measure('process (runInboxBatch)', N, drain);
  const tenantId = (await database.query<{ tenant_id: string }>('select tenant_id from tenants limit 1'))[0]!
    .tenant_id;
  await measure('raw insert 500/statement', N, async () => {
    for (let offset = 0; offset < N; offset += 500) {
      const params: unknown[] = [tenantId, new Date().toISOString()];
      const values: string[] = [];
      for (let i = offset; i < Math.min(N, offset + 500); i++) {
        const shop = shops[Math.floor(i / 3) % shops.length]!;
        params.push(newId(), shop.id, shop.platform, `raw-${i}`, 'bench', eventBody(shop.platform, i, 'raw'));
        const n = params.length;
        values.push(`($1, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb, $2, $2)`);
      }
      await database.query(
        `insert into inbox_events (tenant_id, id, shop_id, platform, external_event_id, event_type, payload, received_at, next_attempt_at) values ${values.join(', ')} on conflict do nothing`,
        params,
      );
    }
  });
  await app.close();
  await database.close();
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  const [accept, processing, raw] = figures as { nodeUsPerEvent: number; dbUsPerEvent: number }[];
  const cost = (f: { nodeUsPerEvent: number; dbUsPerEvent: number }) => f.nodeUsPerEvent + f.dbUsPerEvent;
  return {
    engine: url ? 'postgres' : 'pglite',
    events: N,
    inboxBatchSize: inboxBatchSize ?? 'the engine default',
    phases: figures,
    acceptCostToRawCost: Math.round((cost(accept!) / cost(raw!)) * 10) / 10,
    processCostToRawCost: Math.round((cost(processing!) / cost(raw!)) * 10) / 10,
  };
}
