// Recalls at scale: resolving a scope over 1,000,000 order lines of which 200,000 are in scope
// (batch B2024-11), freezing them into the campaign, and enqueuing 200,000 buyer notices through
// the outbox. Targets (issue 12): under 2 s and under 20 s on PostgreSQL; PGlite is reported too.
// The raw database limit beside each, measured in the same run: the same rows counted and copied
// with one bare statement, and as many outbox rows inserted from nothing (every outbox index).
// Order lines are generated set-wise in SQL (not through the API: a million API calls would
// measure the order import, not the recall). `npm run bench -- recalls [lines] [inScope]`.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { systemActor } from '../src/auth/roles.js';
import { type Database, migrateDatabase, openPostgres } from '../src/db/client.js';
import { scopeTo } from '../src/db/tenant-scope.js';
import { affectedTotals } from '../src/recalls/affected-repo.js';
import { systemClock } from '../src/shared/clock.js';
import { createSecretBox } from '../src/shared/secret-box.js';
import { openBenchDatabase } from './_db.js';

const TENANT_NAME = '闪电数码';
const PLATFORMS = ['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const;

const seconds = (ms: number) => Math.round(ms) / 1000;
class Rollback extends Error {}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

type Seeded = { tenantId: string; shops: string[]; seedMs: number };

/** A merchant with four shops, and the order lines, buyers and platform conversations of the bench. */
async function seed(database: Database, lines: number, inScope: number): Promise<Seeded> {
  const { app } = await buildApp(appOptions(database));
  try {
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        tenantName: TENANT_NAME,
        email: `bench-${Date.now()}@example.cn`,
        password: 'plum-blossom-tea-2718',
      },
    });
    const tenantId = signup.json().tenant.id as string;
    const cookie = String(signup.headers['set-cookie']).split(';')[0]!;
    const shops: string[] = [];
    for (const platform of PLATFORMS) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/shops',
        headers: { cookie },
        payload: { platform, name: `${platform} 旗舰店`, appKey: 'k', appSecret: 's' },
      });
      shops.push(res.json().id as string);
    }
    const customers = Math.max(1, Math.floor(lines / 4));
    const every = Math.round(lines / inScope);
    const [, seedMs] = await timed(async () => {
      const shopArray = `array[${shops.map((s) => `'${s}'::uuid`).join(',')}]`;
      await database.query(
        `insert into customers (tenant_id, id, shop_id, name, created_at, updated_at)
         select $1, gen_random_uuid(), (${shopArray})[1 + i % 4], '买家' || i, now(), now() from generate_series(1, $2) i`,
        [tenantId, customers],
      );
      await database.query(
        `create temp table bench_customers as select row_number() over () as n, id, shop_id from customers where tenant_id = $1`,
        [tenantId],
      );
      await database.query(
        `insert into orders (tenant_id, id, shop_id, customer_id, external_id, status, total_fen, paid_at, created_at)
         select $1, gen_random_uuid(), c.shop_id, c.id, 'BENCH' || i, 'delivered', 12900,
                timestamptz '2024-11-01' + (i % 60) * interval '1 day', now()
         from generate_series(1, $2) i join bench_customers c on c.n = 1 + i % $3`,
        [tenantId, lines, customers],
      );
      await database.query(
        `insert into order_items (tenant_id, id, order_id, name, quantity, unit_price_fen, paid_fen, batch, supplier)
         select $1, gen_random_uuid(), o.id, '充电宝 20000mAh', 1, 12900, 12900,
                case when row_number() over () % $2 = 0 then 'B2024-11' else 'B2024-' || (row_number() over () % 9 + 1) end,
                '深圳电芯厂'
         from orders o where o.tenant_id = $1`,
        [tenantId, every],
      );
      // Buyers' platform conversations on their orders (refunds on Taobao, service requests on
      // Douyin, chats on TikTok; Pinduoduo has no API to write to a buyer): where a notice can go.
      await database.query(
        `insert into channel_cases (tenant_id, shop_id, external_ref, order_ref, updated_at)
         select o.tenant_id, o.shop_id,
                case s.platform when 'taobao' then 'aftersale:' when 'douyin' then 'service:' else 'chat:' end || o.external_id,
                o.external_id, now()
         from orders o join shops s on s.tenant_id = o.tenant_id and s.id = o.shop_id
         where o.tenant_id = $1 and s.platform <> 'pinduoduo'`,
        [tenantId],
      );
      await database.query('analyze');
    });
    return { tenantId, shops, seedMs };
  } finally {
    await app.close();
  }
}

const appOptions = (database: Database) => ({
  database,
  clock: systemClock,
  secretBox: createSecretBox(Buffer.alloc(32, 7)),
  openSignup: true,
  secureCookies: false,
  sessionTtlHours: 24,
  logLevel: 'silent' as const,
  webRoot: '/nonexistent',
});

/**
 * With --keep-seed on PostgreSQL the seeded database is kept (recalls_bench_seed_<lines>_<inScope>)
 * and each run measures a copy of it (CREATE DATABASE … TEMPLATE), migrated to the current schema:
 * the seed takes minutes, the copy seconds. Drop the seed database when done.
 */
async function openSeeded(
  lines: number,
  inScope: number,
  keepSeed: boolean,
): Promise<{ database: Database; seeded: Seeded; cloneMs: number | null }> {
  const url = process.env.DATABASE_URL;
  if (!keepSeed || !url) {
    const database = await openBenchDatabase('recalls');
    return { database, seeded: await seed(database, lines, inScope), cloneMs: null };
  }
  const seedName = `recalls_bench_seed_${lines}_${inScope}`;
  const benchName = 'aftercare_bench_recalls';
  const withDb = (name: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [seedName]);
    let seedMs: number | null = null;
    if (exists.rowCount === 0) {
      await admin.query(`create database ${seedName}`);
      const seedDb = await openPostgres(withDb(seedName), 8);
      try {
        await migrateDatabase(seedDb);
        seedMs = (await seed(seedDb, lines, inScope)).seedMs;
      } finally {
        await seedDb.close();
      }
    }
    await admin.query(`drop database if exists ${benchName} with (force)`);
    const [, cloneMs] = await timed(() => admin.query(`create database ${benchName} template ${seedName}`));
    const opened = await openPostgres(withDb(benchName), 8);
    await migrateDatabase(opened);
    const [tenant] = await opened.query<{ id: string }>(
      'select tenant_id as id from tenants where name = $1',
      [TENANT_NAME],
    );
    const shopRows = await opened.query<{ id: string; platform: string }>(
      'select id, platform from shops where tenant_id = $1',
      [tenant!.id],
    );
    const shops = PLATFORMS.map((p) => shopRows.find((r) => r.platform === p)!.id);
    const database: Database = {
      ...opened,
      close: async () => {
        await opened.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${benchName} with (force)`);
        await cleanup.end();
      },
    };
    return { database, seeded: { tenantId: tenant!.id, shops, seedMs: seedMs ?? 0 }, cloneMs };
  } finally {
    await admin.end();
  }
}

export default async function run(args: string[]): Promise<Record<string, unknown>> {
  const keepSeed = args.includes('--keep-seed');
  const numbers = args.filter((a) => !a.startsWith('--'));
  const lines = Number(numbers[0] ?? 1_000_000);
  const inScope = Number(numbers[1] ?? 200_000);
  const { database, seeded, cloneMs } = await openSeeded(lines, inScope, keepSeed);
  const engine = database.engine;
  console.log(
    `recalls bench on ${engine}: ${lines.toLocaleString()} order lines, ${inScope.toLocaleString()} in scope`,
  );
  const { tenantId, shops, seedMs } = seeded;
  console.log(
    cloneMs === null
      ? `  seeded in ${seconds(seedMs)} s`
      : `  copied the kept seed in ${seconds(cloneMs)} s${seedMs ? ` (seeded in ${seconds(seedMs)} s)` : ''}`,
  );
  // A merchant's million order lines were written over months and autovacuum has visited them (hint
  // bits, visibility map); a bulk seed, or a copy whose statistics start empty, has not yet.
  const [, vacuumMs] = await timed(() => database.query('vacuum analyze'));
  console.log(`  vacuumed in ${seconds(vacuumMs)} s`);
  const { app, services } = await buildApp(appOptions(database));
  try {
    const actor = systemActor(tenantId, 'bench');
    const scope = scopeTo(database.db, tenantId);
    const { recalls, notices } = services.recalls;
    const recall = await recalls.create(actor, {
      title: '充电宝 B2024-11 批次召回',
      hazard: '部分电芯在充电时可能过热，存在起火风险。',
      scope: { batches: ['B2024-11'] },
    });
    await recalls.saveStatement(actor, recall.id, 'zh-CN', '召回公告');

    // Resolving the scope: the live totals over every order line, then the freeze into the campaign
    // (announcement: totals, the insert…select of every line in scope, stop-sale and platform tasks).
    const [live, countMs] = await timed(() => affectedTotals(scope, { kind: 'live', scope: recall.scope }));
    const [, announceMs] = await timed(() => recalls.changeStatus(actor, recall.id, 'announced'));
    const [frozen] = await timed(() => affectedTotals(scope, { kind: 'frozen', recallId: recall.id }));
    const [rawCount, rawCountMs] = await timed(() =>
      database.query<{ n: number }>(
        `select count(*)::int as n from order_items where tenant_id = $1 and batch = 'B2024-11'`,
        [tenantId],
      ),
    );
    const [, rawCopyMs] = await timed(() =>
      database.query(
        `create temp table bench_copy as select oi.id, oi.order_id, o.shop_id, o.customer_id, oi.quantity, oi.paid_fen
         from order_items oi join orders o on o.tenant_id = oi.tenant_id and o.id = oi.order_id
         where oi.tenant_id = $1 and oi.batch = 'B2024-11'`,
        [tenantId],
      ),
    );
    // The floor for the freeze: the same rows (one per order here) inserted with one bare statement
    // into logged tables shaped like recall_orders, without an index and with its primary key,
    // each in a transaction rolled back.
    await database.query('create table bench_raw_plain (like recall_orders)');
    await database.query('create table bench_raw_keyed (like recall_orders including all)');
    const rawInsert = (table: string) =>
      timed(() =>
        database.db
          .transaction(async (tx) => {
            await tx.execute(sql.raw(`set local jit = off`));
            await tx.execute(sql`
              insert into ${sql.raw(table)} (tenant_id, recall_id, order_id, order_ref, shop_id, customer_id, units, paid_fen, item_ids)
              select oi.tenant_id, ${recall.id}, oi.order_id, o.external_id, o.shop_id, o.customer_id, oi.quantity, oi.paid_fen, array[oi.id]
              from order_items oi join orders o on o.tenant_id = oi.tenant_id and o.id = oi.order_id
              where oi.tenant_id = ${tenantId} and oi.batch = 'B2024-11'`);
            throw new Rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof Rollback)) throw e;
          }),
      );
    const [, rawInsertPlainMs] = await rawInsert('bench_raw_plain');
    const [, rawInsertKeyedMs] = await rawInsert('bench_raw_keyed');
    console.log(
      `  scope: ${live.orders.toLocaleString()} orders in ${seconds(countMs)} s (count), announced (freeze) in ${seconds(announceMs)} s` +
        ` · raw: count ${seconds(rawCountMs)} s, copy to a temp table ${seconds(rawCopyMs)} s,` +
        ` insert ${seconds(rawInsertPlainMs)} s (no index), ${seconds(rawInsertKeyedMs)} s (primary key)`,
    );

    // Enqueuing the notices: one per affected order, one outbox row each, set-wise.
    const [sent, noticeMs] = await timed(() =>
      notices.sendWave(actor, recall.id, 'first', 'https://shop.example.cn'),
    );
    const wave = sent!;
    const [outboxRows] = await timed(() =>
      database.query<{ n: number }>(
        `select count(*)::int as n from outbox where tenant_id = $1 and kind = 'notice'`,
        [tenantId],
      ),
    );
    const [, rawOutboxMs] = await timed(() =>
      database.query(
        `create temp table bench_outbox as select gen_random_uuid() as id, n.order_id, jsonb_build_object('content', 'x') as payload
         from recall_notices n where n.tenant_id = $1 and n.recall_id = $2`,
        [tenantId, recall.id],
      ),
    );
    // The floor for the enqueue: the same number of outbox rows (same payload size, every index of
    // the outbox) inserted from nothing, in a transaction rolled back.
    const sample = await database.query<{ payload: unknown }>(
      `select payload from outbox where tenant_id = $1 and kind = 'notice' limit 1`,
      [tenantId],
    );
    const [, rawOutboxInsertMs] = await timed(() =>
      database.db
        .transaction(async (tx) => {
          await tx.execute(sql`
            insert into outbox (tenant_id, id, kind, shop_id, platform, payload, dedupe_key, created_at, next_attempt_at, updated_at)
            select ${tenantId}, gen_random_uuid(), 'notice', ${shops[0]!}, 'douyin', ${JSON.stringify(sample[0]?.payload ?? {})}::jsonb,
                   'raw:' || i, now(), now(), now()
            from generate_series(1, ${wave.queued}) i`);
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        }),
    );
    // The floor for the notice rows themselves: as many rows, shaped and keyed like recall_notices,
    // inserted with one bare statement (the enqueue writes these and the outbox rows).
    await database.query('create table bench_raw_notices (like recall_notices including all)');
    const [, rawNoticeRowsMs] = await timed(() =>
      database.db
        .transaction(async (tx) => {
          await tx.execute(sql`
            insert into bench_raw_notices (tenant_id, recall_id, wave, order_id, shop_id, customer_id, outbox_id, case_ref, unsendable, created_at)
            select tenant_id, recall_id, 'raw', order_id, shop_id, customer_id, outbox_id, case_ref, unsendable, created_at
            from recall_notices where tenant_id = ${tenantId} and recall_id = ${recall.id}`);
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        }),
    );
    // A repeated send changes nothing.
    const again = await notices
      .sendWave(actor, recall.id, 'first', 'https://shop.example.cn')
      .catch((e: Error) => e.message);
    console.log(
      `  notices: ${(wave.queued + wave.unsendable).toLocaleString()} in ${seconds(noticeMs)} s: ${wave.queued.toLocaleString()} queued (outbox rows ${outboxRows[0]!.n.toLocaleString()}), ${wave.unsendable.toLocaleString()} by hand (Pinduoduo)` +
        ` · raw: copy ${seconds(rawOutboxMs)} s, outbox insert ${seconds(rawOutboxInsertMs)} s, notice rows insert ${seconds(rawNoticeRowsMs)} s · again: ${String(again).slice(0, 60)}`,
    );
    const [, progressMs] = await timed(() => services.recalls.progress.progress(actor, recall.id));
    const [, affectedPageMs] = await timed(() => recalls.affected(actor, recall.id, null, 50));
    console.log(`  progress view ${seconds(progressMs)} s, first affected page ${seconds(affectedPageMs)} s`);
    return {
      engine,
      machine: '2 cores shared with other engineers: figures are noisy',
      orderLines: lines,
      inScopeLines: rawCount[0]!.n,
      affectedOrders: frozen.orders,
      scopeCountSeconds: seconds(countMs),
      scopeFreezeSeconds: seconds(announceMs),
      scopeTargetSeconds: 2,
      rawCountSeconds: seconds(rawCountMs),
      rawCopySeconds: seconds(rawCopyMs),
      rawInsertPlainSeconds: seconds(rawInsertPlainMs),
      rawInsertKeyedSeconds: seconds(rawInsertKeyedMs),
      vacuumSeconds: seconds(vacuumMs),
      loadAverage: loadavg().map((n) => Math.round(n * 10) / 10),
      noticesQueued: wave.queued,
      noticesByHand: wave.unsendable,
      outboxNoticeRows: outboxRows[0]!.n,
      noticesSeconds: seconds(noticeMs),
      noticesTargetSeconds: 20,
      rawNoticeCopySeconds: seconds(rawOutboxMs),
      rawOutboxInsertSeconds: seconds(rawOutboxInsertMs),
      rawNoticeRowsInsertSeconds: seconds(rawNoticeRowsMs),
      progressSeconds: seconds(progressMs),
      affectedPageSeconds: seconds(affectedPageMs),
      seedSeconds: cloneMs === null || seedMs ? seconds(seedMs) : null,
      seedCopySeconds: cloneMs === null ? null : seconds(cloneMs),
    };
  } finally {
    await app.close();
    await database.close();
  }
}
