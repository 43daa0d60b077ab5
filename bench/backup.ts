import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, migrateDatabase, openPglite, openPostgres } from '../src/db/client.js';
import { createBackup, restoreBackup } from '../src/ops/backup.js';
import { indexTerms } from '../src/search/terms.js';
import { newId } from '../src/shared/ids.js';

/**
 * Issue 18's backup figure: `npm run backup` / `npm run restore` (src/ops/backup.ts, the same
 * functions the CLI calls) on an install of N cases (default 1,000,000), each with two messages and
 * their search documents, seeded set-wise in SQL. PostgreSQL: pg_dump of one snapshot, then
 * pg_restore into an empty database, migrations and the full check. PGlite: the data-dir dump and
 * its load. The install holds no evidence files (their copy is a plain file copy, timed elsewhere).
 *
 *   npm run bench -- backup [--cases N]
 */

const SECRET = 'bench-backup-secret-0123456789';
const PREFIX = process.env.BENCH_DB_PREFIX ?? 'aftercare_bench';

const TEXTS = [
  '手机屏幕摔碎了，快递包装太简单，要求退货',
  '物流太慢了，等了一个星期才到，客服也不回复',
  '质量很差，穿了一次就开线了，和图片不一样',
  '电池续航太差，充满电半天就没电了，怀疑是翻新机',
  '衣服尺码偏小，颜色和描述不符，申请七天无理由退货',
  'The screen arrived cracked and the box was crushed. Please refund.',
];

const round = (n: number) => Math.round(n * 10) / 10;

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const urlOf = (name: string) => {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  return u.toString();
};

/** N cases of one tenant, two messages each (buyer, agent) and their search documents, in chunks of SQL. */
async function seed(database: Database, cases: number) {
  const tenantId = newId();
  await database.query('insert into tenants (tenant_id, name) values ($1, $2)', [tenantId, 'bench backup']);
  const texts = TEXTS;
  const terms = TEXTS.map((t) => indexTerms(t).join(' '));
  const chunk = 50_000;
  for (let from = 0; from < cases; from += chunk) {
    const to = Math.min(cases, from + chunk);
    await database.query(
      `insert into tickets (tenant_id, id, number, kind, channel, status, severity, subject, created_at, updated_at)
       select $1::uuid, gen_random_uuid(), n, (array['complaint','return_request','inquiry','negative_review'])[1 + n % 4],
              'after_sales', (array['new','investigating','closed','closed'])[1 + n % 4], 'normal',
              left(($4::text[])[1 + n % 6], 30), now() - (n % 365) * interval '1 day', now()
       from generate_series($2::int + 1, $3::int) n`,
      [tenantId, from, to, texts],
    );
    await database.query(
      `insert into messages (tenant_id, id, ticket_id, direction, channel, author_type, author_name, body, created_at)
       select t.tenant_id, gen_random_uuid(), t.id, d.direction, 'platform_message', d.author, 'bench',
              ($4::text[])[1 + (t.number + d.k) % 6], t.created_at + d.k * interval '1 hour'
       from tickets t
       cross join (values (0, 'inbound', 'customer'), (1, 'outbound', 'user')) d(k, direction, author)
       where t.tenant_id = $1 and t.number > $2 and t.number <= $3`,
      [tenantId, from, to, texts],
    );
    await database.query(
      `insert into search_docs (tenant_id, id, ticket_id, subject, tsv, at)
       select m.tenant_id, m.id, m.ticket_id, false, strip(to_tsvector('simple', ($4::text[])[1 + (t.number + k) % 6])), m.created_at
       from tickets t join lateral (
         select m.*, row_number() over (order by m.created_at) - 1 as k from messages m
         where m.tenant_id = t.tenant_id and m.ticket_id = t.id) m on true
       where t.tenant_id = $1 and t.number > $2 and t.number <= $3
       union all
       select t.tenant_id, t.id, t.id, true, setweight(to_tsvector('simple', ($4::text[])[1 + t.number % 6]), 'A'), t.created_at
       from tickets t where t.tenant_id = $1 and t.number > $2 and t.number <= $3`,
      [tenantId, from, to, terms],
    );
    if ((to / chunk) % 4 === 0) console.log(`  ${to} cases…`);
  }
  await database.query("insert into tenant_counters (tenant_id, name, value) values ($1, 'ticket', $2)", [
    tenantId,
    cases,
  ]);
}

function sizeOf(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

export default async function run(args: string[] = []) {
  const cases = Number(argValue(args, '--cases') ?? process.env.BENCH_BACKUP_CASES ?? 1_000_000);
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const work = mkdtempSync(join(tmpdir(), `${PREFIX}-backup-`));
  const source = { dataDir: join(work, 'source'), secret: SECRET } as {
    dataDir: string;
    secret: string;
    databaseUrl?: string;
  };
  const target = { dataDir: join(work, 'target'), secret: SECRET } as typeof source;
  const names = { source: `${PREFIX}_backup_source`, target: `${PREFIX}_backup_target` };
  try {
    if (engine === 'postgres') {
      await admin(async (c) => {
        for (const n of Object.values(names)) {
          await c.query(`drop database if exists ${n} with (force)`);
          await c.query(`create database ${n}`);
        }
      });
      source.databaseUrl = urlOf(names.source);
      target.databaseUrl = urlOf(names.target);
    }
    console.log(`backup benchmark on ${engine}: ${cases} cases`);
    const database = source.databaseUrl
      ? await openPostgres(source.databaseUrl, 2)
      : await openPglite(source.dataDir);
    const seedStart = performance.now();
    try {
      await migrateDatabase(database);
      await seed(database, cases);
      if (engine === 'postgres') await database.query('vacuum analyze');
    } finally {
      await database.close();
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    console.log(`seeded in ${round(seedSeconds)} s`);

    const out = join(work, 'backup');
    const backupStart = performance.now();
    const manifest = await createBackup(source, out);
    const backupSeconds = (performance.now() - backupStart) / 1000;
    const backupBytes = sizeOf(out);
    console.log(
      `backup: ${round(backupSeconds)} s, ${Math.round(backupBytes / 1e6)} MB, counts ${JSON.stringify(manifest.counts)}`,
    );

    const restoreStart = performance.now();
    const { problems } = await restoreBackup(target, out);
    const restoreSeconds = (performance.now() - restoreStart) / 1000;
    console.log(
      `restore (with migrations and the full check): ${round(restoreSeconds)} s, problems ${problems.length}`,
    );
    return {
      engine,
      cases,
      messages: manifest.counts.messages,
      seedSeconds: round(seedSeconds),
      backupSeconds: round(backupSeconds),
      backupMegabytes: Math.round(backupBytes / 1e6),
      restoreSeconds: round(restoreSeconds),
      restoreProblems: problems,
      loadAverageAtEnd: loadavg().map((l) => round(l)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (engine === 'postgres') {
      await admin(async (c) => {
        for (const n of Object.values(names)) await c.query(`drop database if exists ${n} with (force)`);
      });
    }
  }
}
