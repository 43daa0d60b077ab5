// The dashboards at scale: every query the analytics page makes, on a merchant history of
// 1,000,000 cases and 5,000,000 order lines (PostgreSQL; target under 300 ms each) or 100,000
// cases and 500,000 lines (PGlite, reported). The history is written into the real tables, so the
// analytics triggers fold it as they fold live writes; the seeding time includes them.
// Beside the dashboards, the raw database limit in the same run: the fact rows of the range read
// and counted, and one percentile over them, with nothing of ours around them.
// `npm run bench -- analytics [cases] [lines]`; with ANALYTICS_BENCH_KEEP=1 on PostgreSQL the seeded
// database is kept (aftercare_bench_analytics_<cases>) and reused by the next run of that size;
// ANALYTICS_BENCH_SEED_ONLY=1 beside it seeds and stops (the big seed can run when the machine is quiet).
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { systemActor } from '../src/auth/roles.js';
import { type Database, migrateDatabase, openPostgres } from '../src/db/client.js';
import { systemClock } from '../src/shared/clock.js';
import { createSecretBox } from '../src/shared/secret-box.js';
import { type History, seedHistory } from './_analytics-data.js';
import { openBenchDatabase } from './_db.js';

const ms = (v: number) => Math.round(v * 10) / 10;

type Kept = { tenantId: string; history: History; agents: string[]; seedSeconds: number };

/** The kept database of this size: opened (and migrated) as it is, with what an earlier run seeded. */
async function openKept(url: string, cases: number): Promise<{ database: Database; kept: Kept | null }> {
  const name = `aftercare_bench_analytics_${cases}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  // Memory for the bulk load's sorts and joins, and for building its indexes afterwards.
  await admin.query(`alter database ${name} set work_mem = '128MB'`);
  await admin.query(`alter database ${name} set maintenance_work_mem = '512MB'`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString(), 8);
  await migrateDatabase(database);
  await database.query('create table if not exists bench_kept (seeded jsonb not null)');
  const row = (await database.query<{ seeded: Kept }>('select seeded from bench_kept limit 1'))[0];
  return { database, kept: row?.seeded ?? null };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return ms(times.sort((a, b) => a - b)[1]!);
}

export default async function run(args: string[]): Promise<Record<string, unknown>> {
  const onPostgres = Boolean(process.env.DATABASE_URL);
  const cases = Number(args[0] ?? (onPostgres ? 1_000_000 : 100_000));
  const lines = Number(args[1] ?? cases * 5);
  const keep = onPostgres && process.env.ANALYTICS_BENCH_KEEP === '1';
  const opened = keep
    ? await openKept(process.env.DATABASE_URL!, cases)
    : { database: await openBenchDatabase('analytics'), kept: null };
  const database = opened.database;
  const engine = database.engine;
  console.log(
    `analytics bench on ${engine}: ${cases.toLocaleString()} cases, ${lines.toLocaleString()} order lines`,
  );
  const end = new Date('2026-11-30T12:00:00Z');
  const clock = { now: () => end };
  const { app, services } = await buildApp({
    database,
    clock: systemClock,
    secretBox: createSecretBox(Buffer.alloc(32, 7)),
    openSignup: true,
    secureCookies: false,
    sessionTtlHours: 24,
    logLevel: 'silent',
    webRoot: '/nonexistent',
  });
  try {
    let tenantId: string;
    let history: History;
    let seedSeconds: number;
    if (opened.kept) {
      ({ tenantId, history, seedSeconds } = opened.kept);
      console.log(`kept database: seeded earlier in ${seedSeconds} s`);
    } else {
      const signup = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: {
          tenantName: '闪电家居',
          email: `bench-${Date.now()}@example.cn`,
          password: 'plum-blossom-tea-2718',
        },
      });
      tenantId = signup.json().tenant.id as string;
      const agents = (
        await database.query<{ id: string }>(
          `insert into users (tenant_id, id, email, name, role, password_hash, created_at, updated_at)
           select $1, gen_random_uuid(), 'agent' || i || '@example.cn', '客服' || i, 'agent', 'x', now(), now()
           from generate_series(1, 12) i returning id`,
          [tenantId],
        )
      ).map((r) => r.id);
      const seedStart = performance.now();
      history = await seedHistory(database, { tenantId, cases, lines, days: 365, end, agents, bulk: true });
      seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
      console.log(`seeded in ${seedSeconds} s`);
      if (keep) {
        const seeded: Kept = { tenantId, history, agents, seedSeconds };
        await database.query('insert into bench_kept (seeded) values ($1)', [JSON.stringify(seeded)]);
      }
    }
    // ANALYTICS_BENCH_SEED_ONLY=1 (with ANALYTICS_BENCH_KEEP=1): seed the kept database now, measure later.
    if (keep && process.env.ANALYTICS_BENCH_SEED_ONLY === '1')
      return { engine: 'seed-only', cases, seedSeconds };
    // The summaries of every marked day (all of them after a seed or a migration), as the worker would.
    const { createAnalyticsService } = await import('../src/analytics/analytics-service.js');
    const analytics = createAnalyticsService({ db: database.db, clock });
    const refreshStart = performance.now();
    const refreshed = await analytics.refreshSummaries(tenantId);
    const summarySeconds = Math.round((performance.now() - refreshStart) / 100) / 10;
    console.log(`summaries of ${refreshed.days} days built in ${summarySeconds} s`);
    // The running clocks are read by an index-only scan: it needs the facts' visibility map set (as
    // autovacuum keeps it on a live database).
    await database.query('vacuum analyze analytics_case_facts');
    await database.query('analyze');
    const counts = (
      await database.query<{ facts: string; line_rows: string; lines: string }>(
        `select (select count(*) from analytics_case_facts where tenant_id = $1) as facts,
                (select count(*) from analytics_order_lines_daily where tenant_id = $1) as line_rows,
                (select sum(lines) from analytics_order_lines_daily where tenant_id = $1) as lines`,
        [tenantId],
      )
    )[0]!;
    console.log(`facts ${counts.facts}, line rollup rows ${counts.line_rows} (${counts.lines} lines)`);

    // The service reads the clock for "now" (open cases, overdue SLAs): pin it to the history's end.
    const actor = systemActor(tenantId);
    const douyin = history.shops.find((s) => s.platform === 'douyin')!;
    const ranges = {
      '28 days': { from: '2026-11-03', to: '2026-11-30' },
      '90 days': { from: '2026-09-01', to: '2026-11-30' },
    };
    const queries: [
      string,
      (f: { from: string; to: string; shopId?: string; platform?: 'douyin' }) => Promise<unknown>,
    ][] = [
      ['quality by sku', (f) => analytics.quality(actor, 'sku', f)],
      ['quality by batch', (f) => analytics.quality(actor, 'batch', f)],
      ['quality by supplier', (f) => analytics.quality(actor, 'supplier', f)],
      ['quality by shop', (f) => analytics.quality(actor, 'shop', f)],
      ['quality by platform', (f) => analytics.quality(actor, 'platform', f)],
      ['quality trend', (f) => analytics.qualityTrend(actor, f, null)],
      [
        'quality trend of a batch',
        (f) =>
          analytics.qualityTrend(actor, f, {
            group: 'batch',
            key: `${history.problem.skuId}|${history.problem.batch}`,
          }),
      ],
      ['root causes', (f) => analytics.causes(actor, f, null)],
      [
        'cases of a SKU',
        (f) => analytics.cases(actor, f, { group: 'sku', key: history.problem.skuId }, 'all', null, 20),
      ],
      ['money by month', (f) => analytics.money(actor, 'month', f)],
      ['money by category', (f) => analytics.money(actor, 'category', f)],
      ['money by sku', (f) => analytics.money(actor, 'sku', f)],
      ['money by supplier', (f) => analytics.money(actor, 'supplier', f)],
      ['money by platform', (f) => analytics.money(actor, 'platform', f)],
      ['service by platform', (f) => analytics.service(actor, 'platform', f)],
      ['service by shop', (f) => analytics.service(actor, 'shop', f)],
      ['service by agent', (f) => analytics.service(actor, 'agent', f)],
      ['service trend by platform', (f) => analytics.serviceTrend(actor, 'platform', f)],
      ['backlog by agent', () => analytics.backlog(actor, 'agent', {})],
      ['reviews turned positive', (f) => analytics.reviews(actor, 'platform', f)],
    ];
    const figures: Record<string, Record<string, number>> = {};
    let worst = 0;
    for (const [rangeName, range] of Object.entries(ranges)) {
      for (const filter of [{}, { platform: 'douyin' as const }, { shopId: douyin.id }]) {
        const label = `${rangeName}${'platform' in filter ? ', douyin' : 'shopId' in filter ? ', one shop' : ''}`;
        figures[label] = {};
        for (const [name, query] of queries) {
          const f = { ...range, ...filter };
          await query(f); // warm
          const times: number[] = [];
          for (let i = 0; i < 3; i++) {
            const start = performance.now();
            await query(f);
            times.push(performance.now() - start);
          }
          const median = times.sort((a, b) => a - b)[1]!;
          figures[label]![name] = ms(median);
          worst = Math.max(worst, median);
        }
        console.log(label, figures[label]);
      }
    }
    // The raw database limit: what reading the range's fact rows costs with nothing of ours around it.
    const raw: Record<string, Record<string, number>> = {};
    for (const [rangeName, range] of Object.entries(ranges)) {
      const params = [tenantId, range.from, range.to];
      const where = 'tenant_id = $1 and day between $2::date and $3::date';
      const factRows = Number(
        (
          await database.query<{ n: string }>(
            `select count(*) as n from analytics_case_facts where ${where}`,
            params,
          )
        )[0]!.n,
      );
      raw[rangeName] = {
        factRows,
        'count the fact rows': await timed(() =>
          database.query(`select count(*) from analytics_case_facts where ${where}`, params),
        ),
        'sum a column of every fact row': await timed(() =>
          database.query(
            `select count(*), sum(extract(epoch from first_responded_at - created_at)) from analytics_case_facts where ${where}`,
            params,
          ),
        ),
        'one percentile per platform': await timed(() =>
          database.query(
            `select platform, percentile_cont(0.5) within group (order by first_responded_at - created_at)
             from analytics_case_facts where ${where} group by 1`,
            params,
          ),
        ),
        'count the tickets (base table)': await timed(() =>
          database.query(
            `select count(*) from tickets where tenant_id = $1
               and created_at >= $2::date and created_at < $3::date + 1`,
            params,
          ),
        ),
      };
      console.log(`raw ${rangeName}`, raw[rangeName]);
    }
    const spikeStart = performance.now();
    const { createAlertService } = await import('../src/analytics/alert-service.js');
    const alertService = createAlertService({ db: database.db, clock, recalls: services.recalls.recalls });
    const alerts = await alertService.detectSpikes(actor);
    const problemRaised = alerts.includes(`${history.problem.skuId}|${history.problem.batch}`);
    const spikeMs = performance.now() - spikeStart;
    return {
      // One entry per engine and size in bench/results/analytics.json.
      engine: `${engine}-${cases}`,
      cases,
      lines,
      seedSeconds,
      summarySeconds,
      summaryDays: refreshed.days,
      factRows: Number(counts.facts),
      lineRollupRows: Number(counts.line_rows),
      medianMsPerQuery: figures,
      rawLimitMs: raw,
      worstMedianMs: ms(worst),
      underTarget: worst < 300,
      spikeDetectionMs: ms(spikeMs),
      alertsRaised: alerts.length,
      problemBatchRaised: problemRaised,
    };
  } finally {
    await app.close();
    await database.close();
  }
}
