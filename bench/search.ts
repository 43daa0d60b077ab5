import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Actor } from '../src/auth/roles.js';
import { type Database, migrateDatabase, openPostgres } from '../src/db/client.js';
import { scopeTo } from '../src/db/tenant-scope.js';
import { bucketMatch, tenantWeekSpan } from '../src/search/bucket-repo.js';
import { bucketRuns } from '../src/search/buckets.js';
import { searchQuery } from '../src/search/search-repo.js';
import { createSearchService, DEFAULT_RANK_CAP } from '../src/search/search-service.js';
import { indexTerms, queryTerms } from '../src/search/terms.js';
import { systemClock } from '../src/shared/clock.js';
import { newId } from '../src/shared/ids.js';
import type { TicketFilter } from '../src/tickets/ticket-repo.js';
import { createTicketService } from '../src/tickets/ticket-service.js';
import { openBenchDatabase } from './_db.js';
import { percentile } from './_stats.js';

/**
 * Issue 6's search benchmark: N messages (default 1,000,000) on tickets of two tenants (70 / 30),
 * from the real reviews of ../shared/data/online_shopping_10_cats/dev.csv when present (a small
 * built-in sample otherwise), varied by joining reviews, appending order numbers and mixing in English
 * complaints. Text is segmented in JS (once per distinct review) and loaded with unnest batches; the
 * GIN index is built after the load, as a restore would. Then p50/p95 of the search service (SQL +
 * ticket rows + snippets) for 2-word Chinese queries, English queries, a status + severity filtered
 * query, and q on the inbox list.
 *
 *   npm run bench -- search [--messages N] [--runs R]
 *   BENCH_SEARCH_MESSAGES=N also sets the size.
 */

// BENCH_SEARCH_DATASET: the reviews CSV when the checkout does not sit beside ../shared (a worktree).
const DATASET =
  process.env.BENCH_SEARCH_DATASET ??
  fileURLToPath(new URL('../../shared/data/online_shopping_10_cats/dev.csv', import.meta.url));

const SAMPLE = [
  '手机屏幕摔碎了，快递包装太简单，要求退货',
  '物流太慢了，等了一个星期才到，客服也不回复',
  '质量很差，穿了一次就开线了，和图片不一样',
  '酒店服务态度很好，房间干净，早餐丰富',
  '水果很新鲜，包装完好，下次还会再买',
  '热水器安装师傅很专业，加热速度快',
  '电池续航太差，充满电半天就没电了，怀疑是翻新机',
  '洗发水味道好闻，但是容量比想象的小',
  '书的印刷质量不错，纸张很厚，送货速度快',
  '牛奶日期很新鲜，孩子很喜欢喝',
  '电脑开机就蓝屏，联系客服说要寄回检测，太麻烦了',
  '衣服尺码偏小，颜色和描述不符，申请七天无理由退货',
];

const ENGLISH = [
  'The screen arrived cracked and the box was crushed. Please refund.',
  'Delivery was very slow, two weeks late, and support never answered.',
  'Poor quality, the zipper broke after one day. I want a replacement.',
  'Great hotel, friendly staff and a clean room.',
  'The charger started smoking and smelled of burning plastic. This is dangerous!',
  'Wrong size sent, the color does not match the photos.',
];

const CHINESE_QUERIES = [
  '屏幕 碎',
  '物流 慢',
  '质量 差',
  '客服 态度',
  '包装 破损',
  '电池 续航',
  '酒店 服务',
  '水果 新鲜',
  '热水器 安装',
  '发货 速度',
  '味道 难闻',
  '价格 便宜',
];
const ENGLISH_QUERIES = ['screen cracked', 'refund', 'slow delivery', 'charger smoking'];
const FILTERED_QUERY = {
  q: '质量 差',
  statuses: ['new', 'acknowledged', 'investigating'] as const,
  severities: ['high', 'critical'] as const,
};

const STATUSES = [
  'new',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'resolving',
  'closed',
  'closed',
  'closed',
];
const SEVERITIES = ['low', 'normal', 'normal', 'normal', 'high', 'critical'];
const KINDS = ['complaint', 'negative_review', 'inquiry', 'return_request'];
const CHANNELS = ['live_chat', 'platform_message', 'review', 'after_sales'];

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Deterministic pseudo-random numbers (mulberry32): the same corpus on every run and engine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadReviews(): { texts: string[]; source: string } {
  if (existsSync(DATASET)) {
    const rows = parse(readFileSync(DATASET), { columns: true, skip_empty_lines: true }) as {
      review?: string;
    }[];
    const texts = rows.map((r) => (r.review ?? '').trim()).filter((t) => t.length > 0);
    return { texts, source: `online_shopping_10_cats/dev.csv (${texts.length} reviews)` };
  }
  return { texts: SAMPLE, source: `built-in sample (${SAMPLE.length} reviews)` };
}

type Batch = {
  tickets: {
    id: string[];
    number: number[];
    kind: string[];
    channel: string[];
    status: string[];
    severity: string[];
    subject: string[];
    at: string[];
  };
  messages: { id: string[]; ticket: string[]; direction: string[]; body: string[]; at: string[] };
  docs: { id: string[]; ticket: string[]; subject: boolean[]; text: string[]; at: string[] };
};

const emptyBatch = (): Batch => ({
  tickets: { id: [], number: [], kind: [], channel: [], status: [], severity: [], subject: [], at: [] },
  messages: { id: [], ticket: [], direction: [], body: [], at: [] },
  docs: { id: [], ticket: [], subject: [], text: [], at: [] },
});

async function flush(database: Database, tenantId: string, b: Batch) {
  if (b.tickets.id.length) {
    await database.query(
      `insert into tickets (tenant_id, id, number, kind, channel, status, severity, subject, sla_due_at, created_at, updated_at)
       select $1::uuid, u.id, u.n, u.k, u.c, u.s, u.sev, u.subj,
              case when u.s = 'closed' then null else u.at + interval '2 days' end, u.at, u.at
       from unnest($2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
            as u(id, n, k, c, s, sev, subj, at)`,
      [
        tenantId,
        b.tickets.id,
        b.tickets.number,
        b.tickets.kind,
        b.tickets.channel,
        b.tickets.status,
        b.tickets.severity,
        b.tickets.subject,
        b.tickets.at,
      ],
    );
  }
  await database.query(
    `insert into messages (tenant_id, id, ticket_id, direction, channel, author_type, author_name, body, created_at)
     select $1::uuid, u.id, u.t, u.d, 'platform_message', case when u.d = 'inbound' then 'customer' else 'user' end,
            'bench', u.b, u.at
     from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) as u(id, t, d, b, at)`,
    [tenantId, b.messages.id, b.messages.ticket, b.messages.direction, b.messages.body, b.messages.at],
  );
  await database.query(
    `insert into search_docs (tenant_id, id, ticket_id, subject, tsv, at)
     select $1::uuid, u.id, u.t, u.s,
            case when u.s then setweight(to_tsvector('simple', u.x), 'A') else strip(to_tsvector('simple', u.x)) end, u.at
     from unnest($2::uuid[], $3::uuid[], $4::bool[], $5::text[], $6::timestamptz[]) as u(id, t, s, x, at)`,
    [tenantId, b.docs.id, b.docs.ticket, b.docs.subject, b.docs.text, b.docs.at],
  );
}

async function seed(database: Database, tenants: string[], total: number, reviews: string[]) {
  const random = rng(20_260_601);
  const termsCache = new Map<string, string[]>();
  const termsOf = (text: string) => {
    let terms = termsCache.get(text);
    if (!terms) {
      terms = indexTerms(text);
      termsCache.set(text, terms);
    }
    return terms;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const now = Date.now();
  let segmentMs = 0;
  let insertMs = 0;
  let written = 0;
  const numbers = new Map<string, number>();
  const batches = new Map<string, Batch>(tenants.map((t) => [t, emptyBatch()]));
  const BATCH = 5000;
  while (written < total) {
    const tenantId = random() < 0.7 ? tenants[0]! : tenants[1]!;
    const batch = batches.get(tenantId)!;
    const ticketId = newId();
    const number = (numbers.get(tenantId) ?? 0) + 1;
    numbers.set(tenantId, number);
    const created = now - Math.floor(random() * 365 * 86_400_000);
    const count = 1 + Math.floor(random() * 7); // 1–7 messages, 4 on average
    const start = performance.now();
    let subject = '';
    for (let m = 0; m < count && written < total; m++) {
      // Variation: an English complaint (3%), two reviews joined (25%), an order number (20%).
      const english = random() < 0.03;
      const parts = english ? [pick(ENGLISH)] : [pick(reviews)];
      if (!english && random() < 0.25) parts.push(pick(reviews));
      const order = random() < 0.2 ? `订单号 ${String(Math.floor(random() * 1e12)).padStart(12, '0')}` : '';
      const body = parts.join(' ') + (order ? ` ${order}` : '');
      if (m === 0) subject = parts[0]!.slice(0, 30);
      // Same terms as indexTerms(body): each part is segmented on its own (cached per review).
      const terms = new Set(parts.flatMap(termsOf));
      if (order) for (const t of termsOf(order.split(' ')[0]!)) terms.add(t);
      if (order) terms.add(order.split(' ')[1]!);
      const at = new Date(created + m * 3_600_000).toISOString();
      const id = newId();
      batch.messages.id.push(id);
      batch.messages.ticket.push(ticketId);
      batch.messages.direction.push(m % 2 === 0 ? 'inbound' : 'outbound');
      batch.messages.body.push(body);
      batch.messages.at.push(at);
      batch.docs.id.push(id);
      batch.docs.ticket.push(ticketId);
      batch.docs.subject.push(false);
      batch.docs.text.push([...terms].join(' '));
      batch.docs.at.push(at);
      written++;
    }
    const at = new Date(created).toISOString();
    batch.tickets.id.push(ticketId);
    batch.tickets.number.push(number);
    batch.tickets.kind.push(pick(KINDS));
    batch.tickets.channel.push(pick(CHANNELS));
    batch.tickets.status.push(pick(STATUSES));
    batch.tickets.severity.push(pick(SEVERITIES));
    batch.tickets.subject.push(subject);
    batch.tickets.at.push(at);
    batch.docs.id.push(ticketId);
    batch.docs.ticket.push(ticketId);
    batch.docs.subject.push(true);
    batch.docs.text.push(termsOf(subject).join(' '));
    batch.docs.at.push(at);
    segmentMs += performance.now() - start;
    if (batch.messages.id.length >= BATCH) {
      const t0 = performance.now();
      await flush(database, tenantId, batch);
      insertMs += performance.now() - t0;
      batches.set(tenantId, emptyBatch());
      if (Math.floor(written / 100_000) !== Math.floor((written - batch.messages.id.length) / 100_000)) {
        console.log(`  ${written} messages…`);
      }
    }
  }
  const t0 = performance.now();
  for (const [tenantId, batch] of batches)
    if (batch.messages.id.length) await flush(database, tenantId, batch);
  insertMs += performance.now() - t0;
  for (const [tenantId, n] of numbers) {
    await database.query("insert into tenant_counters (tenant_id, name, value) values ($1, 'ticket', $2)", [
      tenantId,
      n,
    ]);
  }
  return {
    numbers,
    tickets: [...numbers.values()].reduce((a, b) => a + b, 0),
    segmentMs,
    insertMs,
    distinctTexts: termsCache.size,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

const PREFIX = process.env.BENCH_DB_PREFIX ?? 'aftercare_bench';
// BENCH_SEARCH_DB: the kept database's name (one per size, or one grown from size to size).
const KEPT = process.env.BENCH_SEARCH_DB ?? `${PREFIX}_search_keep`;
// The seeded (copy 0) ticket count of each tenant, kept beside its ticket counter so --grow-to knows
// which tickets to copy and how many copies exist.
const BASE_COUNTER = 'bench_search_base';

/** --keep (PostgreSQL): a database that survives the run, so query changes can be measured without reseeding. */
async function openKeptDatabase(name = KEPT, template?: string): Promise<Database> {
  const url = process.env.DATABASE_URL!;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!found.rowCount) await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString(), 8);
  await migrateDatabase(database);
  return database;
}

/**
 * --open-days N: the kept corpus as a real inbox holds it — a copy of the kept database (made once, from
 * it as a template) in which every case opened more than N days before the newest is closed, but for
 * --stale-per-mille S of them (forgotten cases, a dispute that drags on), spread over the whole year.
 * In the kept corpus itself 5 of 8 cases stay open across the whole year.
 */
async function openRealisticDatabase(days: number, stalePerMille: number): Promise<Database> {
  // The template migrated first (its copy then has every migration), and closed: a template must be idle.
  await (await openKeptDatabase()).close();
  const name = `${KEPT}_open${days}d${stalePerMille ? `_stale${stalePerMille}` : ''}`;
  const database = await openKeptDatabase(name, KEPT);
  const done = await database.query("select 1 from tenant_counters where name = 'bench_search_open_days'");
  if (!done.length) {
    const started = performance.now();
    await database.query(
      `update tickets set status = 'closed', closed_at = created_at + make_interval(days => ${days})
        where status <> 'closed' and created_at < (select max(created_at) from tickets) - make_interval(days => ${days})
          and (hashtext(id::text) & 1023) >= ${Math.round((stalePerMille * 1024) / 1000)}`,
    );
    // As autovacuum leaves it (migration 0059 vacuums the words often): the closed cases' index entries gone.
    await database.query('vacuum analyze tickets');
    await database.query('vacuum analyze open_case_words');
    await database.query(
      "insert into tenant_counters (tenant_id, name, value) select tenant_id, 'bench_search_open_days', $1 from tenants",
      [days],
    );
    console.log(
      `closed the cases older than ${days} days in ${round((performance.now() - started) / 1000)} s`,
    );
  }
  return database;
}

/**
 * The open cases' words (open_case_words, migration 0059) afresh after a bulk load: the copies skip the
 * triggers that keep them. Built without its index, then the index once, as the migration does.
 */
async function rebuildOpenCaseWords(database: Database) {
  const started = performance.now();
  const [index] = await database.query<{ def: string }>(
    "select indexdef as def from pg_indexes where indexname = 'open_case_words_tsv'",
  );
  await database.query('drop index if exists open_case_words_tsv');
  await database.query('truncate open_case_words');
  await database.query(
    `insert into open_case_words (tenant_id, ticket_id, words)
     select d.tenant_id, d.ticket_id, array_to_tsvector(array_agg(distinct l))
       from search_docs d
       join tickets t on t.tenant_id = d.tenant_id and t.id = d.ticket_id and t.status <> 'closed'
       cross join lateral unnest(tsvector_to_array(d.tsv)) l
      group by d.tenant_id, d.ticket_id`,
  );
  if (index)
    await database.query(
      database.engine === 'postgres'
        ? `set maintenance_work_mem = '1GB'; ${index.def}; reset maintenance_work_mem`
        : index.def,
    );
  await database.query('vacuum analyze open_case_words');
  console.log(`open cases' words rebuilt in ${round((performance.now() - started) / 1000)} s`);
}

/** A copy's id: the original's time-ordered first half, a hash of (id, copy) as the rest. */
const copyId = (column: string, copy: number) =>
  `(substr(${column}::text, 1, 14) || substr(md5(${column}::text || ':${copy}')::uuid::text, 15))::uuid`;

/**
 * Grows the corpus set-wise, in SQL: copy k of every seeded ticket (number ≤ the seeded count of its
 * tenant) with its messages and search documents, new ids, numbers shifted by k × the seeded count.
 * The text (and so every match count) scales with the copies; no segmentation, no round trip per row.
 */
async function growByCopies(database: Database, base: Map<string, number>, from: number, to: number) {
  const values = [...base].map(([t, n]) => `('${t}'::uuid, ${n}::bigint)`).join(', ');
  const baseTickets = `join (values ${values}) b(tenant_id, n) on b.tenant_id = t.tenant_id and t.number <= b.n`;
  // The copies skip triggers (session_replication_role = replica): the insert trigger on tickets builds the
  // analytics facts (0019/0051) of every copied case, which search never reads, and the rows copied already
  // satisfy every foreign key. The seeded tickets keep their facts.
  const copy = (statement: string) =>
    database.query(`set session_replication_role = replica; ${statement}; reset session_replication_role`);
  for (let k = from; k < to; k++) {
    const started = performance.now();
    const step: number[] = [];
    const lap = () => step.push(round((performance.now() - started) / 1000));
    await copy(
      `insert into tickets (tenant_id, id, number, kind, channel, status, severity, subject, sla_due_at, created_at, updated_at)
       select t.tenant_id, ${copyId('t.id', k)}, t.number + ${k} * b.n, t.kind, t.channel, t.status, t.severity,
              t.subject, t.sla_due_at, t.created_at, t.updated_at
       from tickets t ${baseTickets}`,
    );
    lap();
    await copy(
      `insert into messages (tenant_id, id, ticket_id, direction, channel, author_type, author_name, body, created_at)
       select m.tenant_id, ${copyId('m.id', k)}, ${copyId('m.ticket_id', k)}, m.direction, m.channel, m.author_type,
              m.author_name, m.body, m.created_at
       from tickets t ${baseTickets} join messages m on m.tenant_id = t.tenant_id and m.ticket_id = t.id`,
    );
    lap();
    await copy(
      `insert into search_docs (tenant_id, id, ticket_id, subject, tsv, at)
       select d.tenant_id, ${copyId('d.id', k)}, ${copyId('d.ticket_id', k)}, d.subject, d.tsv, d.at
       from tickets t ${baseTickets} join search_docs d on d.tenant_id = t.tenant_id and d.ticket_id = t.id`,
    );
    console.log(
      `  copy ${k}: ${round((performance.now() - started) / 1000)} s (tickets done at ${step[0]} s, messages at ${step[1]} s)`,
    );
  }
  for (const [tenantId, n] of base) {
    await database.query("update tenant_counters set value = $2 where tenant_id = $1 and name = 'ticket'", [
      tenantId,
      n * to,
    ]);
  }
}

/** The GIN indexes of search_docs with their definitions (0056's search_docs_bucket_tsv; 0002's search_docs_tsv before it). */
async function searchIndexes(database: Database) {
  return database.query<{ name: string; def: string }>(
    "select indexname as name, indexdef as def from pg_indexes where tablename = 'search_docs' and indexdef like '%USING gin%' order by indexname",
  );
}

/** Drops the GIN indexes of search_docs before a bulk load (as a restore would) and returns them, for buildIndex. */
async function dropSearchIndexes(database: Database) {
  const indexes = await searchIndexes(database);
  for (const { name } of indexes) await database.query(`drop index ${name}`);
  return indexes;
}

/** Builds the given indexes again (seconds taken), then vacuums and analyses the loaded tables. */
async function buildIndex(database: Database, indexes: { def: string }[]): Promise<number> {
  const started = performance.now();
  for (const { def } of indexes) {
    await database.query(
      database.engine === 'postgres'
        ? `set maintenance_work_mem = '1GB'; ${def}; reset maintenance_work_mem`
        : def,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await database.query('vacuum analyze tickets');
  await database.query('vacuum analyze messages');
  await database.query('vacuum analyze search_docs');
  return seconds;
}

async function sizesOf(database: Database) {
  const [sizes] = await database.query<Record<string, string>>(
    `select pg_size_pretty(pg_relation_size('search_docs')) as docs,
            (select pg_size_pretty(sum(pg_relation_size(i.indexname::regclass))::bigint) from pg_indexes i
              where i.tablename = 'search_docs' and i.indexdef like '%USING gin%') as gin,
            pg_size_pretty(pg_relation_size('messages')) as messages,
            (select count(*) from search_docs)::int as doc_count,
            (select count(*) from messages)::int as message_count,
            (select count(*) from tickets)::int as ticket_count`,
  );
  return sizes!;
}

/** p50/p95 of every query group on the tenant with 70% of the data, and the plans of 质量 差. */
async function measure(
  database: Database,
  tenantId: string,
  runs: number,
  rankCap: number,
  only: 'inbox' | null = null,
) {
  const search = createSearchService({ db: database.db, rankCap });
  const tickets = createTicketService({ db: database.db, clock: systemClock });
  const actor: Actor = { tenantId, type: 'system', id: null, name: 'bench', role: 'admin' };

  const scope = scopeTo(database.db, tenantId);
  const span = await tenantWeekSpan(scope);
  const runsOfWeeks = span ? bucketRuns(span.newest, span.oldest) : [];
  const weeks = runsOfWeeks.flat();
  // The raw limit: a bare GIN lookup counting every matching document of the tenant, in all its weeks.
  const matchCount = async (q: string) => {
    const result = (await database.db.execute(
      sql`select count(*)::int as n from search_docs where ${bucketMatch(tenantId, weeks, queryTerms(q))}`,
    )) as unknown as { rows: { n: number }[] };
    return Number(result.rows[0]!.n);
  };

  const group = async (name: string, queries: string[], fn: (q: string) => Promise<unknown>) => {
    // --only inbox: the inbox's two groups alone (the others each count every match of 12 pairs, cold).
    if (only && !name.startsWith('q ')) return null;
    const perQuery: Record<string, unknown> = {};
    const samples: number[] = [];
    for (const q of queries) {
      for (let i = 0; i < 2; i++) await fn(q); // warm-up
      const own: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await fn(q);
        own.push(performance.now() - start);
      }
      samples.push(...own);
      own.sort((a, b) => a - b);
      // The raw limit in the same run: a bare GIN lookup counting every matching document.
      await matchCount(q);
      const rawStart = performance.now();
      const matchingDocs = await matchCount(q);
      perQuery[q] = {
        p50: round(percentile(own, 50)),
        p95: round(percentile(own, 95)),
        matchingDocs,
        bareGinCountMs: round(performance.now() - rawStart),
      };
    }
    samples.sort((a, b) => a - b);
    const summary = {
      samples: samples.length,
      p50: round(percentile(samples, 50)),
      p95: round(percentile(samples, 95)),
      max: round(samples.at(-1)!),
    };
    console.log(`${name}: p50 ${summary.p50} ms, p95 ${summary.p95} ms, max ${summary.max} ms`);
    return { ...summary, perQuery };
  };

  const chinese = await group('2-word Chinese queries', CHINESE_QUERIES, (q) =>
    search.search(actor, q, {}, 20, null),
  );
  const english = await group('English queries', ENGLISH_QUERIES, (q) =>
    search.search(actor, q, {}, 20, null),
  );
  const filtered = await group('filtered (status + severity)', [FILTERED_QUERY.q], (q) =>
    search.search(
      actor,
      q,
      { statuses: [...FILTERED_QUERY.statuses], severities: [...FILTERED_QUERY.severities] },
      20,
      null,
    ),
  );
  const inbox = await group('q on the inbox (open, due first)', CHINESE_QUERIES.slice(0, 6), (q) =>
    tickets.list(actor, { openOnly: true, text: queryTerms(q) }, 'due', 50, null),
  );

  // The inbox asks for its total with the first page (ticket-routes.ts): the same filter, counted.
  const inboxTotal = await group(
    'q total on the inbox (count of open cases)',
    CHINESE_QUERIES.slice(0, 6),
    (q) => tickets.count(actor, { openOnly: true, text: queryTerms(q) }),
  );

  const explain = async (q: string, filter: TicketFilter) => {
    const query = searchQuery(tenantId, queryTerms(q), filter, 20, null, rankCap, runsOfWeeks);
    const result = (await database.db.execute(sql`explain (analyze, buffers) ${query}`)) as unknown as {
      rows: Record<string, string>[];
    };
    return result.rows.map((r) => Object.values(r)[0]!);
  };
  const plans = only
    ? {}
    : {
        '质量 差': await explain('质量 差', {}),
        // A pair rarer than the cap: the fixed cost of a GIN scan (its tenant_id entry) shows there.
        '屏幕 碎': await explain('屏幕 碎', {}),
        '质量 差 (status + severity)': await explain('质量 差', {
          statuses: [...FILTERED_QUERY.statuses],
          severities: [...FILTERED_QUERY.severities],
        }),
      };
  const worstP95 = Math.max(
    ...[chinese, english, filtered, inbox, inboxTotal].flatMap((g) => (g ? [g.p95] : [])),
  );
  console.log(`worst group p95 ${worstP95} ms (load ${loadavg()[0]!.toFixed(1)})`);
  return { worstP95, chinese, english, filtered, inbox, inboxTotal, plans };
}

/**
 *   npm run bench -- search [--messages N] [--runs R] [--keep] [--cap C] [--as KEY]
 *   npm run bench -- search --grow-to N [--messages BASE]   (seed and grow the kept database only)
 *   npm run bench -- search --open-days N [--stale-per-mille S] [--as KEY]
 *     (the kept corpus with cases closed after N days, but S in 1,000 left open)
 *   … --only inbox   (the inbox's q and total alone)
 *   npm run bench -- search --curve 1000000,3000000,10000000   (PostgreSQL; each size a multiple of the first)
 */
export default async function run(args: string[] = []) {
  const growTo = argValue(args, '--grow-to');
  if (growTo) await seedOnly(Number(argValue(args, '--messages') ?? 1_000_000), Number(growTo));
  const curveArg = argValue(args, '--curve');
  const curve = curveArg ? curveArg.split(',').map(Number) : null;
  const total =
    curve?.[0] ?? Number(argValue(args, '--messages') ?? process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
  const runs = Number(argValue(args, '--runs') ?? 5);
  const keep = args.includes('--keep') || !!curve;
  const rankCap = Number(argValue(args, '--cap') ?? DEFAULT_RANK_CAP);
  if (curve && !process.env.DATABASE_URL) throw new Error('--curve needs DATABASE_URL (PostgreSQL)');
  if (curve?.some((n) => n % total !== 0))
    throw new Error('--curve: every size must be a multiple of the first');
  const openDays = argValue(args, '--open-days');
  if (openDays && !process.env.DATABASE_URL) throw new Error('--open-days needs DATABASE_URL (PostgreSQL)');
  const database = openDays
    ? await openRealisticDatabase(Number(openDays), Number(argValue(args, '--stale-per-mille') ?? 0))
    : keep && process.env.DATABASE_URL
      ? await openKeptDatabase()
      : await openBenchDatabase('search');
  const engine = database.engine;
  try {
    const { texts, source } = loadReviews();
    const existing = await database.query<{ tenant_id: string }>(
      'select tenant_id from tenants order by name limit 2',
    );
    const reuse = (keep || !!openDays) && !curve && existing.length === 2;
    if (curve && existing.length) throw new Error(`--curve needs a fresh database: drop ${KEPT} first`);
    const tenants = reuse ? existing.map((r) => r.tenant_id) : [newId(), newId()];
    let seeded = {
      tickets: 0,
      segmentMs: 0,
      insertMs: 0,
      distinctTexts: 0,
      numbers: new Map<string, number>(),
    };
    let loadSeconds = 0;
    let indexSeconds = 0;
    if (reuse) {
      console.log(`engine: ${engine}; reusing the kept database (${source})`);
    } else {
      console.log(`engine: ${engine}; ${total} messages from ${source}`);
      for (const [i, t] of tenants.entries()) {
        await database.query('insert into tenants (tenant_id, name) values ($1, $2)', [t, `bench ${i}`]);
      }
      // Bulk load without the GIN index, then build it once.
      const indexes = await dropSearchIndexes(database);
      const seedStart = performance.now();
      seeded = await seed(database, tenants, total, texts);
      await rebuildOpenCaseWords(database);
      loadSeconds = (performance.now() - seedStart) / 1000;
      indexSeconds = await buildIndex(database, indexes);
    }
    const sizes = await sizesOf(database);
    console.log(
      `seeded ${sizes.message_count} messages on ${sizes.ticket_count} tickets in ${round(loadSeconds)} s ` +
        `(segmentation ${round(seeded.segmentMs / 1000)} s for ${seeded.distinctTexts} distinct texts, inserts ${round(seeded.insertMs / 1000)} s); ` +
        `GIN build ${round(indexSeconds)} s; sizes ${JSON.stringify(sizes)}`,
    );
    const loadBefore = loadavg()[0]!;
    const only = argValue(args, '--only') === 'inbox' ? 'inbox' : null;
    const first = await measure(database, tenants[0]!, runs, rankCap, only);
    if ('质量 差' in first.plans) console.log(first.plans['质量 差']!.join('\n'));
    const common = { engine, rankCap, tenants: 2, corpus: source, runsPerQuery: runs };
    if (!curve) {
      return {
        ...common,
        // --as KEY: the entry of bench/results/search.json to write (postgres-10m…), so sizes sit side by side.
        engine: argValue(args, '--as') ?? engine,
        load: [round(loadBefore), round(loadavg()[0]!)],
        messages: Number(sizes.message_count),
        tickets: Number(sizes.ticket_count),
        searchDocs: Number(sizes.doc_count),
        seedSeconds: round(loadSeconds),
        segmentationSeconds: round(seeded.segmentMs / 1000),
        ginBuildSeconds: round(indexSeconds),
        sizes,
        ...first,
      };
    }
    const points = [
      {
        messages: total,
        seedSeconds: round(loadSeconds),
        ginBuildSeconds: round(indexSeconds),
        sizes,
        load: loadavg()[0],
        ...first,
      },
    ];
    let copies = 1;
    for (const size of curve.slice(1)) {
      const target = size / total;
      console.log(`growing to ${size} messages (${target} copies of the first ${total})`);
      const indexes = await dropSearchIndexes(database);
      const growStart = performance.now();
      await growByCopies(database, seeded.numbers, copies, target);
      copies = target;
      const growSeconds = round((performance.now() - growStart) / 1000);
      const gin = round(await buildIndex(database, indexes));
      await rebuildOpenCaseWords(database);
      const grownSizes = await sizesOf(database);
      console.log(`grown in ${growSeconds} s, GIN build ${gin} s; sizes ${JSON.stringify(grownSizes)}`);
      points.push({
        messages: size,
        seedSeconds: growSeconds,
        ginBuildSeconds: gin,
        sizes: grownSizes,
        load: loadavg()[0],
        ...(await measure(database, tenants[0]!, runs, rankCap)),
      });
    }
    const summary = points.map((p) => ({
      messages: p.messages,
      worstP95: p.worstP95,
      chineseP95: p.chinese?.p95,
      englishP95: p.english?.p95,
      filteredP95: p.filtered?.p95,
      inboxP95: p.inbox?.p95,
      inboxTotalP95: p.inboxTotal?.p95,
      load: round(p.load ?? 0),
    }));
    console.log(summary);
    return { ...common, engine: 'postgres-curve', summary, curve: points };
  } finally {
    await database.close();
  }
}

/**
 * --grow-to N (PostgreSQL, kept database): seed --messages (default 1,000,000) when the kept database
 * is empty, grow it by copies to N messages, build the index, then exit without measuring — run it
 * niced outside the bench lock, and measure later with --keep inside the lock.
 */
async function seedOnly(base: number, target: number): Promise<never> {
  if (!process.env.DATABASE_URL) throw new Error('--grow-to needs DATABASE_URL (PostgreSQL)');
  const database = await openKeptDatabase();
  const existing = await database.query<{ tenant_id: string; base: string | null; value: string }>(
    `select t.tenant_id, b.value as base, c.value
       from tenants t
       join tenant_counters c on c.tenant_id = t.tenant_id and c.name = 'ticket'
       left join tenant_counters b on b.tenant_id = t.tenant_id and b.name = '${BASE_COUNTER}'
      order by t.name limit 2`,
  );
  let numbers: Map<string, number>;
  if (existing.length === 2) {
    numbers = new Map(existing.map((r) => [r.tenant_id, Number(r.base ?? r.value)]));
  } else {
    const tenants = [newId(), newId()];
    for (const [i, t] of tenants.entries()) {
      await database.query('insert into tenants (tenant_id, name) values ($1, $2)', [t, `bench ${i}`]);
    }
    const indexes = await dropSearchIndexes(database);
    const started = performance.now();
    const { texts, source } = loadReviews();
    // The sample's few texts make every pair match a large share of the corpus (a checkout that is not
    // beside ../shared finds no data set): its figures say nothing about real text.
    if (texts === SAMPLE && !process.env.BENCH_SEARCH_SAMPLE)
      throw new Error(
        `no data set at ${DATASET} (set BENCH_SEARCH_DATASET, or BENCH_SEARCH_SAMPLE=1 to seed the sample)`,
      );
    console.log(`seeding from ${source}`);
    const seeded = await seed(database, tenants, base, texts);
    await rebuildOpenCaseWords(database);
    console.log(`seeded ${base} messages in ${round((performance.now() - started) / 1000)} s`);
    numbers = seeded.numbers;
    for (const [tenantId, n] of numbers) {
      await database.query('insert into tenant_counters (tenant_id, name, value) values ($1, $2, $3)', [
        tenantId,
        BASE_COUNTER,
        n,
      ]);
    }
    console.log(`GIN built in ${round(await buildIndex(database, indexes))} s`);
  }
  const [{ messages }] = (await database.query<{ messages: number }>(
    'select count(*)::int as messages from messages',
  )) as [{ messages: number }];
  const [first] = existing.length === 2 ? existing : [];
  const copies = first ? Number(first.value) / Number(first.base ?? first.value) : 1;
  const want = Math.round((target / messages) * copies);
  if (want > copies) {
    console.log(`growing ${messages} → about ${target} messages (copies ${copies} → ${want})`);
    const indexes = await dropSearchIndexes(database);
    await growByCopies(database, numbers, copies, want);
    console.log(`GIN built in ${round(await buildIndex(database, indexes))} s`);
    await rebuildOpenCaseWords(database);
  }
  console.log(JSON.stringify(await sizesOf(database)));
  await database.close();
  process.exit(0);
}
