import iconv from 'iconv-lite';
import { buildApp } from '../src/app.js';
import { decodeText } from '../src/imports/decode.js';
import { parseCsv } from '../src/imports/parse-table.js';
import { loadReviewTexts } from '../src/ingest/simulator/texts.js';
import { systemClock } from '../src/shared/clock.js';
import { createSecretBox } from '../src/shared/secret-box.js';
import { openBenchDatabase } from './_db.js';

const REVIEWS = Number(process.env.BENCH_IMPORT_REVIEWS ?? 5000);
const ORDER_LINES = Number(process.env.BENCH_IMPORT_ORDERS ?? 2000);

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csv = (rows: (string | number)[][]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;

/**
 * Imports through the real app (all ticket hooks on): a review export with 20% negative reviews
 * (each opens a case), the same file again (all duplicates), and an order export; plus GBK decoding
 * and CSV parsing alone. Rows per second of each.
 */
export default async function run() {
  const database = await openBenchDatabase('imports');
  const engine = database.engine;
  const { app } = await buildApp({
    database,
    clock: systemClock,
    secretBox: createSecretBox(Buffer.alloc(32, 1)),
    openSignup: true,
    secureCookies: false,
    sessionTtlHours: 24,
    webRoot: '/nonexistent',
  });
  const texts = loadReviewTexts();
  const pool = texts;
  const signup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { tenantName: 'bench', email: 'bench@example.cn', password: 'plum-blossom-tea-2718' },
  });
  const cookie = String(signup.headers['set-cookie']).split(';')[0]!;
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload: payload as never } : {}) });
  const shop = (
    await call('POST', '/api/v1/shops', { platform: 'douyin', name: 'bench', appKey: 'k', appSecret: 's' })
  ).json();

  const reviewRows: (string | number)[][] = [
    ['评价日期', '订单ID', '商品ID', '商品名称', '商品规格', '商品评价得分', '评价内容', '用户昵称'],
  ];
  for (let i = 0; i < REVIEWS; i++) {
    const negative = i % 5 === 0;
    reviewRows.push([
      `2024-11-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00`,
      `69${String(1e12 + i)}`,
      `36${String(1e9 + (i % 50))}`,
      `商品 ${i % 50}`,
      '默认',
      negative ? 1 + (i % 3) : 4 + (i % 2),
      negative ? pool.negative[i % pool.negative.length]! : pool.positive[i % pool.positive.length]!,
      `用***${i % 97}`,
    ]);
  }
  const reviewCsv = csv(reviewRows);

  const importOnce = async (kind: string, text: string) => {
    const t0 = performance.now();
    const up = await call('POST', '/api/v1/imports/base64', {
      kind,
      shopId: shop.id,
      fileName: `${kind}.csv`,
      contentBase64: Buffer.from(text).toString('base64'),
    });
    const t1 = performance.now();
    if (up.statusCode !== 201) throw new Error(up.body);
    const id = up.json().run.id;
    const res = await call('POST', `/api/v1/imports/${id}/run?waitMs=60000`, {
      mapping: up.json().suggestedMapping,
    });
    if (res.statusCode !== 200 && res.statusCode !== 202) throw new Error(res.body);
    let report = res.json();
    while (report.status === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      report = (await call('GET', `/api/v1/imports/${id}`)).json();
    }
    const t2 = performance.now();
    if (report.status !== 'completed') throw new Error(JSON.stringify(report));
    return { uploadMs: Math.round(t1 - t0), runMs: Math.round(t2 - t1), report };
  };

  console.log(`engine: ${engine}; importing ${REVIEWS} reviews (20% negative)…`);
  const first = await importOnce('reviews', reviewCsv);
  const again = await importOnce('reviews', reviewCsv);

  // Positive reviews only: storage without cases (the case hooks are what the first figure pays for).
  const positiveCsv = csv([
    reviewRows[0]!,
    ...reviewRows
      .slice(1)
      .map((r, i) => [
        r[0]!,
        `70${String(1e12 + i)}`,
        r[2]!,
        r[3]!,
        r[4]!,
        5,
        pool.positive[i % pool.positive.length]!,
        r[7]!,
      ]),
  ]);
  const positive = await importOnce('reviews', positiveCsv);

  const orderRows: (string | number)[][] = [
    [
      '订单编号',
      '商品ID',
      '商品名称',
      'SKU编码',
      '商品规格',
      '数量',
      '单价',
      '实付金额',
      '批次号',
      '供应商',
      '付款时间',
    ],
  ];
  for (let i = 0; i < ORDER_LINES; i++) {
    const order = Math.floor(i / 1.25);
    orderRows.push([
      `DY${1e10 + order}`,
      `36${1e9 + (i % 40)}`,
      `商品 ${i % 40}`,
      `SKU-${i % 40}-${i % 3}`,
      `规格 ${i % 3}`,
      1 + (i % 3),
      '59.90',
      '59.90',
      `B2024${i % 6}`,
      `供应商 ${i % 5}`,
      '2024-11-11 00:05:00',
    ]);
  }
  console.log(`importing ${ORDER_LINES} order lines…`);
  const orders = await importOnce('orders', csv(orderRows));

  // Decoding and parsing alone: the GBK review export, repeated to about 5 MB.
  const big = reviewCsv.repeat(Math.max(1, Math.ceil(5_000_000 / Buffer.byteLength(reviewCsv))));
  const gbk = iconv.encode(big, 'gbk');
  const d0 = performance.now();
  const decoded = decodeText(gbk);
  const table = parseCsv(decoded.text.split('\n').slice(0, 20_001).join('\n'));
  const d1 = performance.now();

  const perSecond = (rows: number, ms: number) => Math.round((rows * 1000) / Math.max(ms, 1));
  const figures = {
    engine,
    reviews: {
      rows: REVIEWS,
      negativeCases: first.report.imported && Math.round(REVIEWS / 5),
      uploadMs: first.uploadMs,
      runMs: first.runMs,
      rowsPerSecond: perSecond(REVIEWS, first.uploadMs + first.runMs),
      imported: first.report.imported,
      failed: first.report.failed,
    },
    reviewsPositiveOnly: {
      runMs: positive.runMs,
      rowsPerSecond: perSecond(REVIEWS, positive.uploadMs + positive.runMs),
      imported: positive.report.imported,
    },
    reviewsAgain: {
      runMs: again.runMs,
      rowsPerSecond: perSecond(REVIEWS, again.uploadMs + again.runMs),
      skippedDuplicate: again.report.skippedDuplicate,
      imported: again.report.imported,
    },
    orders: {
      lines: ORDER_LINES,
      uploadMs: orders.uploadMs,
      runMs: orders.runMs,
      linesPerSecond: perSecond(ORDER_LINES, orders.uploadMs + orders.runMs),
      imported: orders.report.imported,
      failed: orders.report.failed,
    },
    gbkDecodeAndParse: {
      megabytes: Math.round(gbk.byteLength / 1e5) / 10,
      encoding: decoded.encoding,
      parsedRows: table.rows.length,
      ms: Math.round(d1 - d0),
    },
  };
  console.log(JSON.stringify(figures, null, 2));
  await app.close();
  await database.close();
  return figures;
}
