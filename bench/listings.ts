/**
 * Listing checks: `npm run bench -- listings [--reviews FILE] [--db-rows N]`.
 * - 100,000 generated listings checked on one core (this process, pure rules: terms, claims, title
 *   facts, images, reference price against a price history, qualifications) — target under 10 s;
 * - the false-positive rate of the absolute-term check on 5,000 ordinary review sentences drawn with a
 *   fixed seed from the review corpus's test split (FILE, or LISTINGS_BENCH_REVIEWS; the default is the
 *   shared data folder beside the repository). The texts are read, never copied into the repository;
 * - listings imported through the database (versions, findings, tasks) on PGlite, or PostgreSQL when
 *   DATABASE_URL is set: rows per second.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { scopeTo } from '../src/db/tenant-scope.js';
import { checkListing, type ListingInput } from '../src/quality/listing-check.js';
import { importListingRecords, type ListingRecord } from '../src/quality/listing-import.js';
import { DEFAULT_SETTINGS, type Platform } from '../src/quality/quality-settings.js';
import { TermMatcher } from '../src/quality/term-matcher.js';
import { newId } from '../src/shared/ids.js';
import { openBenchDatabase } from './_db.js';

const LISTINGS = 100_000;
const SENTENCES = 5_000;
const DEFAULT_REVIEWS = fileURLToPath(
  new URL('../../shared/data/online_shopping_10_cats/test.csv', import.meta.url),
);

/** Deterministic pseudo-random numbers (mulberry32), so every run checks the same listings. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  '纯棉T恤',
  '连衣裙',
  '牛仔裤',
  '足金手镯',
  '陶瓷马克杯',
  '保温杯',
  '蓝牙耳机',
  '洗发水',
  '面膜',
  '坚果礼盒',
  '翡翠吊坠',
  '羊毛衫',
  '运动鞋',
  '收纳箱',
  '草本茶',
];
const WORDS = [
  '2025新款',
  '宽松',
  '修身',
  '百搭',
  '韩版',
  '大容量',
  '加厚',
  '简约',
  '夏季',
  '送礼',
  '正品',
  '包邮',
  '透气',
  '高腰',
  '复古',
  '家用',
  '便携',
];
const RISKY = ['全网最低价', '国家级', '销量第一', '秒杀', '降血压', '唯一', '最好的', '第一次用就爱上'];
const PLATFORMS: Platform[] = ['douyin', 'taobao', 'pinduoduo', 'tiktok'];

function generateListings(n: number): ListingInput[] {
  const r = rng(17);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: ListingInput[] = [];
  for (let i = 0; i < n; i++) {
    const noun = pick(NOUNS);
    const words = [pick(WORDS), pick(WORDS), noun, pick(WORDS)];
    if (r() < 0.15) words.splice(1, 0, pick(RISKY));
    const price = Math.round(1_000 + r() * 300_000);
    out.push({
      platform: pick(PLATFORMS),
      title: words.join(' '),
      description:
        `${noun}，${pick(WORDS)}${pick(WORDS)}，做工精细，${r() < 0.05 ? pick(RISKY) : '品质保证'}，七天无理由退货。`.repeat(
          2,
        ),
      category: noun.includes('金')
        ? '黄金饰品'
        : noun.includes('T恤') || noun.includes('裙')
          ? '女装'
          : '家居日用',
      brand: r() < 0.5 ? '优品' : null,
      material: noun.includes('纯棉') ? (r() < 0.2 ? '棉65% 涤纶35%' : '棉100%') : null,
      priceFen: price,
      referencePriceFen: r() < 0.3 ? Math.round(price * 1.3) : null,
      images: [
        { width: 800, height: 800 },
        { width: 500 + Math.floor(r() * 400), height: 800 },
      ],
    });
  }
  return out;
}

function checkThroughput() {
  const listings = generateListings(LISTINGS);
  const now = new Date('2025-06-10T00:00:00Z');
  const history = [3, 5, 9].map((d) => ({
    priceFen: 10_000 + d,
    at: new Date(now.getTime() - d * 86_400_000),
  }));
  const documents = [{ kind: 'business_licence' as const, expiresOn: null }];
  const started = performance.now();
  let findings = 0;
  let flagged = 0;
  for (const l of listings) {
    const f = checkListing(l, { now, settings: DEFAULT_SETTINGS, charged: history, documents });
    findings += f.length;
    if (f.length) flagged++;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    listings: LISTINGS,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(LISTINGS / seconds),
    findings,
    listingsWithFindings: flagged,
    targetSeconds: 10,
    met: seconds < 10,
  };
}

/** Ordinary sentences: reviews split at sentence ends, 4–80 characters, drawn with a fixed seed. */
function sampleSentences(file: string): string[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as { review: string }[];
  const all = rows.flatMap((row) =>
    (row.review ?? '')
      .split(/[。！？!?；;\n]+/)
      .map((s) => s.trim())
      .filter((s) => s.length >= 4 && s.length <= 80),
  );
  const r = rng(2025);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, SENTENCES);
}

function falsePositives(file: string) {
  const sentences = sampleSentences(file);
  const matcher = new TermMatcher();
  const terms = new Map<string, number>();
  const containsCommonWord = { 最近: 0, 第一次: 0 };
  let fired = 0;
  for (const s of sentences) {
    if (s.includes('最近')) containsCommonWord.最近++;
    if (s.includes('第一次')) containsCommonWord.第一次++;
    const hits = matcher.search(s).filter((h) => h.rule === 'absolute_term');
    if (!hits.length) continue;
    fired++;
    for (const h of hits) {
      const text = s.slice(h.start, h.end);
      terms.set(text, (terms.get(text) ?? 0) + 1);
    }
  }
  return {
    sentences: sentences.length,
    sentencesContaining: containsCommonWord,
    fired,
    ratePct: Math.round((fired / sentences.length) * 10_000) / 100,
    targetPct: 1,
    met: fired / sentences.length < 0.01,
    firedOn: Object.fromEntries([...terms].sort((a, b) => b[1] - a[1]).slice(0, 15)),
  };
}

async function databaseImport(rows: number) {
  const database = await openBenchDatabase('listings');
  try {
    const tenantId = newId();
    const shopId = newId();
    await database.query('insert into tenants (tenant_id, name) values ($1, $2)', [tenantId, 'bench']);
    await database.query(
      `insert into shops (tenant_id, id, platform, name) values ($1, $2, 'douyin', 'bench')`,
      [tenantId, shopId],
    );
    const scope = scopeTo(database.db, tenantId);
    const records = generateListings(rows).map((l, i) => ({
      row: i + 1,
      record: { ...l, externalId: `B-${i}`, skuCodes: [`SKU-${i}`], images: l.images ?? [] } as ListingRecord,
      warnings: [],
    }));
    const target = {
      shop: { id: shopId, platform: 'douyin' },
      settings: DEFAULT_SETTINGS,
      source: 'import' as const,
    };
    const first = performance.now();
    await importListingRecords(scope, { ...target, now: new Date() }, records);
    const firstSeconds = (performance.now() - first) / 1000;
    // The same file again: nothing changed, every listing checked again.
    const again = performance.now();
    await importListingRecords(scope, { ...target, now: new Date() }, records);
    const againSeconds = (performance.now() - again) / 1000;
    return {
      engine: database.engine,
      rows,
      firstImportPerSecond: Math.round(rows / firstSeconds),
      reimportPerSecond: Math.round(rows / againSeconds),
    };
  } finally {
    await database.close();
  }
}

export default async function run(args: string[]) {
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const reviews = flag('--reviews') ?? process.env.LISTINGS_BENCH_REVIEWS ?? DEFAULT_REVIEWS;
  const dbRows = Number(flag('--db-rows') ?? 20_000);
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (shared)`,
  );

  const check = checkThroughput();
  console.log(`checked ${check.listings} listings in ${check.seconds} s (${check.perSecond}/s, one core)`);

  let fp: ReturnType<typeof falsePositives> | { skipped: string } = {
    skipped: `no review file at ${reviews}`,
  };
  if (existsSync(reviews)) {
    fp = falsePositives(reviews);
    console.log(
      `absolute-term check fired on ${fp.fired} of ${fp.sentences} review sentences (${fp.ratePct}%)`,
    );
    console.log(`  fired on: ${JSON.stringify(fp.firedOn)}`);
  } else {
    console.log(fp.skipped);
  }

  const db = await databaseImport(dbRows);
  console.log(
    `${db.engine}: imported ${db.rows} listings at ${db.firstImportPerSecond}/s, re-imported at ${db.reimportPerSecond}/s`,
  );
  return {
    engine: db.engine,
    machine: { cores: cpus().length, load: loadavg()[0] },
    check,
    falsePositives: fp,
    database: db,
  };
}
