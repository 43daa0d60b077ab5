import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixture, upload } from './test-helpers.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopId: string;
let bShopId: string;

const newShop = async (client: TestClient, platform = 'douyin', name = '抖店旗舰店') =>
  (
    await client.request('POST', '/api/v1/shops', {
      platform,
      name,
      appKey: `k-${Math.random()}`,
      appSecret: 's',
    })
  ).json().id as string;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  shopId = await newShop(a);
  bShopId = await newShop(b);
});

/** Upload then run with the suggested mapping; answers the preview and the report. */
async function importFile(
  client: TestClient,
  kind: string,
  name: string,
  bytes: Uint8Array,
  opts: { shop?: string; mapping?: Record<string, string>; saveMapping?: boolean } = {},
) {
  const up = await upload(t, client, { kind, shopId: opts.shop ?? shopId }, { name, bytes });
  expect(up.statusCode, up.body).toBe(201);
  const preview = up.json();
  const run = await client.request('POST', `/api/v1/imports/${preview.run.id}/run`, {
    mapping: opts.mapping ?? preview.suggestedMapping,
    ...(opts.saveMapping ? { saveMapping: true } : {}),
  });
  expect(run.statusCode, run.body).toBe(200);
  return { preview, report: run.json() };
}

const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');
const REVIEW_HEADER = '评价日期,订单ID,商品ID,商品名称,商品规格,商品评价得分,评价内容';

const ticketsOf = async (client: TestClient, kind: string) =>
  (await client.request('GET', `/api/v1/tickets?kind=${kind}&limit=200`)).json().items as {
    id: string;
    subject: string;
    kind: string;
    channel: string;
    orderId: string | null;
  }[];

describe('review imports', () => {
  test('a Douyin review export is previewed with its columns mapped and negative reviews become cases', async () => {
    const c = await t.signup('Reviews');
    const shop = await newShop(c);
    const up = await upload(
      t,
      c,
      { kind: 'reviews', shopId: shop },
      { name: '评价导出.csv', bytes: fixture('douyin-reviews.csv') },
    );
    expect(up.statusCode, up.body).toBe(201);
    const preview = up.json();
    expect(preview.run).toMatchObject({
      encoding: 'utf-8 (BOM)',
      format: 'csv',
      rowCount: 4,
      status: 'previewed',
    });
    expect(preview.run.headers.slice(0, 7)).toEqual(REVIEW_HEADER.split(','));
    expect(preview.sampleRows[0].line).toBe(2);
    expect(preview.suggestedMapping).toMatchObject({
      reviewedAt: '评价日期',
      orderId: '订单ID',
      productId: '商品ID',
      productName: '商品名称',
      skuSpec: '商品规格',
      score: '商品评价得分',
      content: '评价内容',
      nickname: '用户昵称',
      level: '评价等级',
      followUpContent: '追评内容',
      merchantReplied: '商家是否回复',
    });

    const run = await c.request('POST', `/api/v1/imports/${preview.run.id}/run`, {
      mapping: preview.suggestedMapping,
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ status: 'completed', imported: 4, skippedDuplicate: 0, failed: 0 });

    const cases = await ticketsOf(c, 'negative_review');
    expect(cases).toHaveLength(2); // the 1-star and the 3-star review
    const oneStar = cases.find((x) => x.subject.startsWith('1星'))!;
    expect(oneStar.channel).toBe('review');
    const thread = (await c.request('GET', `/api/v1/tickets/${oneStar.id}/messages`)).json().items;
    expect(thread[0]).toMatchObject({
      direction: 'inbound',
      body: '收到杯子盖子是裂的，漏水严重，客服也不回消息！',
    });

    const stored = (await c.request('GET', `/api/v1/reviews?shopId=${shop}`)).json().items;
    expect(stored).toHaveLength(4);
    const threeStar = stored.find((r: { score: number }) => r.score === 3);
    expect(threeStar).toMatchObject({ negative: true, orderExternalId: '6921345678901234569' });
    expect(threeStar.content).toBe('充一次电只能用两次，和描述的"续航一周"差太多了');
    expect(stored.filter((r: { ticketId: string | null }) => r.ticketId)).toHaveLength(2);
  });

  test('importing the same export again creates no duplicates', async () => {
    const c = await t.signup('Again');
    const shop = await newShop(c);
    await importFile(c, 'reviews', 'r.csv', fixture('douyin-reviews.csv'), { shop });
    const { report } = await importFile(c, 'reviews', 'r.csv', fixture('douyin-reviews.csv'), { shop });
    expect(report).toMatchObject({ imported: 0, skippedDuplicate: 4, failed: 0 });
    expect(await ticketsOf(c, 'negative_review')).toHaveLength(2);
    expect((await c.request('GET', '/api/v1/reviews')).json().items).toHaveLength(4);
  });

  test('a GBK export is detected and decoded', async () => {
    const text = `${REVIEW_HEADER}\n2024-11-11 10:00:00,1001,2001,电热水壶,1.8L,2,烧水有一股塑料味，不敢用\n`;
    const gbk = iconv.encode(text, 'gbk');
    const up = await upload(t, a, { kind: 'reviews', shopId }, { name: 'gbk.csv', bytes: gbk });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().run.encoding).toBe('gb18030');
    expect(up.json().run.headers).toEqual(REVIEW_HEADER.split(','));
    expect(up.json().sampleRows[0].cells[6]).toBe('烧水有一股塑料味，不敢用');
    const run = await a.request('POST', `/api/v1/imports/${up.json().run.id}/run`, {
      mapping: up.json().suggestedMapping,
    });
    expect(run.json()).toMatchObject({ imported: 1, failed: 0 });
  });

  test('a GBK file declared as UTF-8 is refused with the encoding it looks like', async () => {
    const gbk = iconv.encode(`${REVIEW_HEADER}\n2024-11-11,1,2,水杯,大,1,质量太差了，杯子漏水\n`, 'gbk');
    const res = await upload(
      t,
      a,
      { kind: 'reviews', shopId, encoding: 'utf-8' },
      { name: 'x.csv', bytes: gbk },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/not valid utf-8.*gb18030/);
  });

  test('a binary file is not taken as text', async () => {
    const bytes = Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]);
    const res = await upload(t, a, { kind: 'reviews', shopId }, { name: 'photo.csv', bytes });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('UNPROCESSABLE');
  });

  test('a missing required column stops the import before any row is written', async () => {
    const c = await t.signup('Missing');
    const shop = await newShop(c);
    const bytes = csv(['评价日期,订单ID,商品名称,评价内容', '2024-11-11,1,水杯,太差了']);
    const up = await upload(t, c, { kind: 'reviews', shopId: shop }, { name: 'm.csv', bytes });
    const preview = up.json();
    expect(preview.suggestedMapping.score).toBeUndefined();
    const res = await c.request('POST', `/api/v1/imports/${preview.run.id}/run`, {
      mapping: preview.suggestedMapping,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'MAPPING_INCOMPLETE' });
    expect(res.json().error.message).toContain('productId');
    expect(res.json().error.message).toContain('score');
    expect((await c.request('GET', `/api/v1/imports/${preview.run.id}`)).json()).toMatchObject({
      status: 'previewed',
      imported: 0,
    });
    expect((await c.request('GET', '/api/v1/reviews')).json().items).toHaveLength(0);
  });

  test('a mapping that names a column the file lacks is refused', async () => {
    const up = await upload(
      t,
      a,
      { kind: 'reviews', shopId },
      { name: 'r.csv', bytes: fixture('douyin-reviews.csv') },
    );
    const res = await a.request('POST', `/api/v1/imports/${up.json().run.id}/run`, {
      mapping: { ...up.json().suggestedMapping, score: '星星' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('星星');
  });

  test('every bad row is reported with its line and reason, and the good rows are imported', async () => {
    const c = await t.signup('Bad rows');
    const shop = await newShop(c);
    const bytes = csv([
      REVIEW_HEADER,
      '2024-11-11 10:00:00,1001,2001,水杯,蓝,5,很好',
      '2024-11-11 10:00:00,1002,2001,水杯,蓝,7,分数超出范围',
      '2024-11-11 10:00:00,1003,2001,水杯,蓝,很好,分数不是数字',
      '明天,1004,2001,水杯,蓝,4,日期不对',
      '2024-11-11 10:00:00,,2001,水杯,蓝,4,没有订单号',
      '"2024-11-12 10:00:00",1006,2001,水杯,蓝,2,"多行的评价',
      '第二行"',
      '2024-11-12 11:00:00,1007,2001,水杯,蓝,1,杯子是坏的',
    ]);
    const { report } = await importFile(c, 'reviews', 'bad.csv', bytes, { shop });
    expect(report).toMatchObject({ imported: 3, skippedDuplicate: 0, failed: 4 });
    expect(report.failures.map((f: { line: number }) => f.line)).toEqual([3, 4, 5, 6]);
    expect(report.failures[0].reason).toContain('score 7 is out of range (1–5)');
    expect(report.failures[0].problems).toEqual([
      { column: '商品评价得分', code: 'score_range', params: { value: 7 } },
    ]);
    expect(report.failures[1].reason).toContain('is not a whole number');
    expect(report.failures[2].reason).toMatch(/评价日期: "明天" is not a date/);
    expect(report.failures[3]).toMatchObject({ column: '订单ID', reason: '订单ID: empty' });
    // The multi-line review starts on line 7; the next record is on line 9.
    const cases = await ticketsOf(c, 'negative_review');
    expect(cases).toHaveLength(2);
  });

  test('negative reviews open their cases together; one case that cannot be opened fails only its own row', async () => {
    const c = await t.signup('Case fails');
    const shop = await newShop(c);
    await t.database.query(`create or replace function import_test_fail() returns trigger language plpgsql as $$
      begin
        if new.subject like '%坏掉的杯子%' then raise exception 'simulated case failure'; end if;
        return new;
      end $$`);
    await t.database.query(
      'create trigger import_test_fail before insert on tickets for each row execute function import_test_fail()',
    );
    try {
      const bytes = csv([
        REVIEW_HEADER,
        '2024-11-12 10:00:00,3001,2001,水杯,蓝,1,漏水',
        '2024-11-12 10:00:00,3002,2002,坏掉的杯子,蓝,2,裂了',
        '2024-11-12 10:00:00,3003,2001,水杯,蓝,2,盖子松',
        '2024-11-12 10:00:00,3004,2001,水杯,蓝,5,很好',
      ]);
      const { report } = await importFile(c, 'reviews', 'fail.csv', bytes, { shop });
      expect(report).toMatchObject({ imported: 3, failed: 1 });
      expect(report.failures[0]).toMatchObject({ line: 3 });
      expect(report.failures[0].reason).toContain('its case could not be opened');
      expect(report.failures[0].reason).toContain('simulated case failure');
      expect((await ticketsOf(c, 'negative_review')).map((x) => x.subject).sort()).toEqual([
        '1星评价 · 水杯',
        '2星评价 · 水杯',
      ]);
    } finally {
      await t.database.query('drop trigger import_test_fail on tickets');
    }
  });

  test('formulas in cells are stored as text, refused as numbers and neutralised in the export', async () => {
    const c = await t.signup('Formulas');
    const shop = await newShop(c);
    const bytes = csv([
      REVIEW_HEADER,
      '2024-11-11 10:00:00,2001,3001,水杯,蓝,1,"=HYPERLINK(""http://evil.example"",""点我"")"',
      '2024-11-11 10:00:00,2002,3001,水杯,蓝,=1+1,@SUM(A1:A9)',
      '2024-11-11 10:00:00,2003,3001,水杯,蓝,+5,-2+3',
    ]);
    const { preview, report } = await importFile(c, 'reviews', 'f.csv', bytes, { shop });
    expect(report).toMatchObject({ imported: 1, failed: 2 });
    expect(report.failures[0].reason).toContain('a formula is not a value');
    const [review] = (await c.request('GET', '/api/v1/reviews')).json().items;
    expect(review.content).toBe('=HYPERLINK("http://evil.example","点我")');

    const exported = await c.request('GET', `/api/v1/imports/${preview.run.id}/failures.csv`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    const text = exported.body.replace(/^\uFEFF/, '');
    expect(text).toContain(",'=1+1,'@SUM(A1:A9)");
    expect(text).toContain(",'+5,'-2+3");
    expect(text.split('\r\n')[0]).toContain('行号 line');
  });

  test('an XLSX export is read from its first sheet, formulas as text and never calculated', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('评价');
    sheet.addRow(REVIEW_HEADER.split(','));
    sheet.addRow([new Date(Date.UTC(2024, 10, 11, 10, 30)), '3001', '4001', '台灯', '白', 2, '灯罩碎了']);
    sheet.addRow(['2024-11-12', '3002', '4001', '台灯', '白', { formula: '2+3', result: 5 }, '好']);
    sheet.addRow(['2024-11-13', Number('6921345678901234567'), '4001', '台灯', '白', 4, '不错']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const up = await upload(t, a, { kind: 'reviews', shopId }, { name: '评价.xlsx', bytes });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().run).toMatchObject({ format: 'xlsx', rowCount: 3 });
    expect(up.json().sampleRows[0].cells[0]).toBe('2024-11-11 10:30:00');
    expect(up.json().sampleRows[1].cells[5]).toBe('=2+3');
    const run = (
      await a.request('POST', `/api/v1/imports/${up.json().run.id}/run`, {
        mapping: up.json().suggestedMapping,
      })
    ).json();
    expect(run).toMatchObject({ imported: 1, failed: 2 });
    expect(run.failures[0]).toMatchObject({ line: 3, column: '商品评价得分' });
    expect(run.failures[1]).toMatchObject({ line: 4, column: '订单ID' });
    expect(run.failures[1].reason).toContain('lost its last digits');
  });

  test('an empty file, a header-only file and an old .xls are each answered clearly', async () => {
    const empty = await upload(t, a, { kind: 'reviews', shopId }, { name: 'e.csv', bytes: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.message).toContain('empty');
    const blank = await upload(
      t,
      a,
      { kind: 'reviews', shopId },
      { name: 'e.csv', bytes: Buffer.from('\n\n \n') },
    );
    expect(blank.statusCode).toBe(422);
    const headerOnly = await importFile(a, 'reviews', 'h.csv', csv([REVIEW_HEADER]));
    expect(headerOnly.report).toMatchObject({ status: 'completed', imported: 0, failed: 0 });
    const xls = await upload(
      t,
      a,
      { kind: 'reviews', shopId },
      { name: 'old.xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]) },
    );
    expect(xls.statusCode).toBe(415);
  });

  test('a file over the size limit is refused with 413, by multipart and by base64', async () => {
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);
    const res = await upload(t, a, { kind: 'reviews', shopId }, { name: 'huge.csv', bytes: huge });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const b64 = await a.request('POST', '/api/v1/imports/base64', {
      kind: 'reviews',
      shopId,
      fileName: 'huge.csv',
      contentBase64: huge.toString('base64'),
    });
    expect(b64.statusCode).toBe(413);
  });

  test('a file with more rows than one import takes is refused with 413 before anything is stored', async () => {
    const lines = [REVIEW_HEADER];
    for (let i = 0; i <= 20_000; i++) lines.push(`2024-11-11,${i},1,杯,蓝,5,好`);
    const res = await upload(t, a, { kind: 'reviews', shopId }, { name: 'many.csv', bytes: csv(lines) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('20001 data rows');
  });

  test('a JSON upload with base64 content works like the multipart one', async () => {
    const res = await a.request('POST', '/api/v1/imports/base64', {
      kind: 'reviews',
      shopId,
      fileName: 'r.csv',
      contentBase64: fixture('douyin-reviews.csv').toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().run.rowCount).toBe(4);
  });

  test('a saved mapping is offered for the next file of the same platform and kind', async () => {
    const c = await t.signup('Saved');
    const shop = await newShop(c);
    const bytes = csv(['日期,单号,货号,星,文字', '2024-11-11,5001,6001,1,坏的']);
    const up = (await upload(t, c, { kind: 'reviews', shopId: shop }, { name: 's.csv', bytes })).json();
    const mapping = { reviewedAt: '日期', orderId: '单号', productId: '货号', score: '星', content: '文字' };
    const run = await c.request('POST', `/api/v1/imports/${up.run.id}/run`, { mapping, saveMapping: true });
    expect(run.json()).toMatchObject({ imported: 1 });
    const next = (await upload(t, c, { kind: 'reviews', shopId: shop }, { name: 's2.csv', bytes })).json();
    expect(next.mappingFromSaved).toBe(true);
    expect(next.suggestedMapping).toEqual(mapping);
    const saved = (await c.request('GET', '/api/v1/import-mappings')).json().items;
    expect(saved).toEqual([expect.objectContaining({ platform: 'douyin', kind: 'reviews', mapping })]);
    const put = await c.request('PUT', '/api/v1/import-mappings/douyin/reviews', { mapping: { bogus: 'x' } });
    expect(put.statusCode).toBe(400);
  });

  test('a run that takes longer than the caller waits answers 202 and finishes in the background', async () => {
    const c = await t.signup('Background');
    const shop = await newShop(c);
    const up = (
      await upload(
        t,
        c,
        { kind: 'reviews', shopId: shop },
        { name: 'r.csv', bytes: fixture('douyin-reviews.csv') },
      )
    ).json();
    const started = await c.request('POST', `/api/v1/imports/${up.run.id}/run?waitMs=0`, {
      mapping: up.suggestedMapping,
    });
    expect([200, 202]).toContain(started.statusCode);
    let report = started.json();
    for (let i = 0; i < 200 && report.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      report = (await c.request('GET', `/api/v1/imports/${up.run.id}`)).json();
    }
    expect(report).toMatchObject({ status: 'completed', imported: 4 });
    const again = await c.request('POST', `/api/v1/imports/${up.run.id}/run`, {
      mapping: up.suggestedMapping,
    });
    expect(again.statusCode).toBe(409);
  });

  test('an upload cannot be imported twice', async () => {
    const { preview } = await importFile(a, 'reviews', 'r.csv', fixture('douyin-reviews.csv'));
    const again = await a.request('POST', `/api/v1/imports/${preview.run.id}/run`, {
      mapping: preview.suggestedMapping,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('order and after-sales imports', () => {
  test('orders with SKU, batch and supplier create products, SKUs, orders and items once', async () => {
    const c = await t.signup('Orders');
    const shop = await newShop(c);
    const { preview, report } = await importFile(c, 'orders', 'orders.csv', fixture('orders.csv'), { shop });
    expect(preview.suggestedMapping).toMatchObject({
      orderId: '订单编号',
      unitPrice: '单价(元)',
      paidAmount: '实付金额(元)',
      batch: '批次号',
      supplier: '供应商',
      skuCode: 'SKU编码',
      trackingNo: '运单号',
    });
    expect(report).toMatchObject({ imported: 3, skippedDuplicate: 0, failed: 0 });
    const orders = (await c.request('GET', '/api/v1/orders')).json().items;
    expect(orders).toHaveLength(2);
    const first = orders.find((o: { externalId: string }) => o.externalId === 'DY20241111001');
    const detail = (await c.request('GET', `/api/v1/orders/${first.id}`)).json();
    expect(detail).toMatchObject({ totalFen: 228_80, carrier: '中通快递', trackingNo: '73501234567890' });
    expect(detail.items[0]).toMatchObject({
      quantity: 2,
      unitPriceFen: 59_90,
      paidFen: 109_80,
      batch: 'B20241001',
      supplier: '永康杯业有限公司',
    });
    const products = (await c.request('GET', '/api/v1/products')).json().items;
    expect(products).toHaveLength(2);
    const cup = products.find((p: { externalId: string }) => p.externalId === '3601234567890123');
    expect(cup.skus.map((s: { code: string }) => s.code).sort()).toEqual(['BWB-500-BLUE', 'BWB-500-PINK']);

    const again = await importFile(c, 'orders', 'orders.csv', fixture('orders.csv'), { shop });
    expect(again.report).toMatchObject({ imported: 0, skippedDuplicate: 3, failed: 0 });
    expect((await c.request('GET', '/api/v1/orders')).json().items).toHaveLength(2);
    expect((await c.request('GET', '/api/v1/products')).json().items).toHaveLength(2);
  });

  test('order rows with a bad price or quantity are reported by line', async () => {
    const bytes = csv([
      '订单号,商品名称,数量,单价',
      'X1,水杯,1,12.5',
      'X2,水杯,0,12.5',
      'X3,水杯,1,-3',
      'X4,水杯,1,12.345',
    ]);
    const { report } = await importFile(a, 'orders', 'o.csv', bytes);
    expect(report).toMatchObject({ imported: 1, failed: 3 });
    expect(report.failures.map((f: { line: number }) => f.line)).toEqual([3, 4, 5]);
    expect(report.failures[1].reason).toContain('negative');
  });

  test('after-sales records become return_request cases keyed by after-sale id, linked to their order', async () => {
    const c = await t.signup('After-sales');
    const shop = await newShop(c);
    await importFile(c, 'orders', 'orders.csv', fixture('orders.csv'), { shop });
    const { report } = await importFile(c, 'after_sales', '售后.csv', fixture('after-sales.csv'), { shop });
    expect(report).toMatchObject({ imported: 2, skippedDuplicate: 0, failed: 0 });
    const cases = await ticketsOf(c, 'return_request');
    expect(cases).toHaveLength(2);
    const quality = cases.find((x) => x.subject.includes('AS7001001'))!;
    expect(quality).toMatchObject({ channel: 'after_sales' });
    expect(quality.orderId).not.toBeNull();
    const thread = (await c.request('GET', `/api/v1/tickets/${quality.id}/messages`)).json().items;
    expect(thread[0].body).toContain('杯盖裂开漏水');
    expect(thread[0].body).toContain('¥59.90');

    // Later webhooks of the same after-sale find the imported case under the key they lock.
    const linked = await t.database.query<{ external_ref: string; ticket_id: string }>(
      'select external_ref, ticket_id from channel_cases where tenant_id = $1 and shop_id = $2 order by external_ref',
      [c.tenantId, shop],
    );
    expect(linked.map((r) => r.external_ref)).toEqual(['aftersale:AS7001001', 'aftersale:AS7001002']);
    expect(linked[0]!.ticket_id).toBe(quality.id);

    const again = await importFile(c, 'after_sales', '售后.csv', fixture('after-sales.csv'), { shop });
    expect(again.report).toMatchObject({ imported: 0, skippedDuplicate: 2 });
    expect(await ticketsOf(c, 'return_request')).toHaveLength(2);
  });

  test('a Tmall after-sales file names the refund phase: it is kept for the refund calls, like a push’s', async () => {
    const c = await t.signup('Refund phase');
    const shop = await newShop(c);
    const csv = [
      '退款编号,订单编号,退款原因,退款金额,退款阶段',
      'TM1,T1,质量问题,10.00,售后',
      'TM2,T2,不想要了,10.00,售中',
      'TM3,T3,发错货,10.00,',
    ].join('\n');
    const { report } = await importFile(c, 'after_sales', '退款.csv', new TextEncoder().encode(csv), {
      shop,
    });
    expect(report).toMatchObject({ imported: 3, failed: 0 });
    const rows = await t.database.query<{ external_ref: string; refund_phase: string | null }>(
      'select external_ref, refund_phase from channel_cases where tenant_id = $1 and shop_id = $2 order by external_ref',
      [c.tenantId, shop],
    );
    expect(rows.map((r) => [r.external_ref, r.refund_phase])).toEqual([
      ['aftersale:TM1', 'aftersale'],
      ['aftersale:TM2', 'onsale'],
      ['aftersale:TM3', null],
    ]);
  });

  test('an after-sale whose case a webhook opened already is skipped as a duplicate', async () => {
    const c = await t.signup('Webhook first');
    const shop = await newShop(c);
    const opened = (
      await c.request('POST', '/api/v1/tickets', {
        kind: 'return_request',
        channel: 'after_sales',
        subject: '【抖店】售后单 AS7001001',
        shopId: shop,
        externalRef: 'aftersale:AS7001001',
      })
    ).json();
    await t.database.query(
      'insert into channel_cases (tenant_id, shop_id, external_ref, ticket_id) values ($1, $2, $3, $4)',
      [c.tenantId, shop, 'aftersale:AS7001001', opened.id],
    );
    const { report } = await importFile(c, 'after_sales', '售后.csv', fixture('after-sales.csv'), { shop });
    expect(report).toMatchObject({ imported: 1, skippedDuplicate: 1 });
    expect(await ticketsOf(c, 'return_request')).toHaveLength(2);
  });
});

describe('import history and access', () => {
  test('the history lists runs newest first, page by page', async () => {
    const c = await t.signup('History');
    const shop = await newShop(c);
    for (let i = 0; i < 3; i++) {
      await upload(
        t,
        c,
        { kind: 'reviews', shopId: shop },
        { name: `f${i}.csv`, bytes: csv([REVIEW_HEADER]) },
      );
    }
    const first = (await c.request('GET', '/api/v1/imports?limit=2')).json();
    expect(first.items.map((r: { fileName: string }) => r.fileName)).toEqual(['f2.csv', 'f1.csv']);
    const second = (await c.request('GET', `/api/v1/imports?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((r: { fileName: string }) => r.fileName)).toEqual(['f0.csv']);
    expect(second.nextCursor).toBeNull();
    expect((await c.request('GET', '/api/v1/imports?cursor=nonsense')).statusCode).toBe(400);
  });

  test('an agent cannot import; bad upload fields are 400', async () => {
    const agent = await a.addUser('agent');
    const res = await upload(
      t,
      agent,
      { kind: 'reviews', shopId },
      { name: 'r.csv', bytes: fixture('douyin-reviews.csv') },
    );
    expect(res.statusCode).toBe(403);
    expect((await agent.request('GET', '/api/v1/imports')).statusCode).toBe(403);
    const bad = await upload(t, a, { kind: 'invoices', shopId }, { name: 'r.csv', bytes: csv(['a']) });
    expect(bad.statusCode).toBe(400);
    const json = await a.request('POST', '/api/v1/imports', { kind: 'reviews' });
    expect(json.statusCode).toBe(415);
  });

  test("tenant B can neither see nor run nor read tenant A's imports, mappings and reviews", async () => {
    const { preview } = await importFile(a, 'reviews', 'r.csv', fixture('douyin-reviews.csv'), {
      saveMapping: true,
    });
    const pending = (
      await upload(t, a, { kind: 'reviews', shopId }, { name: 'p.csv', bytes: fixture('douyin-reviews.csv') })
    ).json();
    const id = preview.run.id;

    expect((await b.request('GET', `/api/v1/imports/${id}`)).statusCode).toBe(404);
    expect((await b.request('GET', `/api/v1/imports/${pending.run.id}/preview`)).statusCode).toBe(404);
    expect((await b.request('GET', `/api/v1/imports/${id}/failures.csv`)).statusCode).toBe(404);
    const run = await b.request('POST', `/api/v1/imports/${pending.run.id}/run`, {
      mapping: pending.suggestedMapping,
    });
    expect(run.statusCode).toBe(404);
    expect((await a.request('GET', `/api/v1/imports/${pending.run.id}`)).json().status).toBe('previewed');
    expect((await b.request('GET', '/api/v1/imports')).json().items).toEqual([]);
    expect((await b.request('GET', '/api/v1/import-mappings')).json().items).toEqual([]);
    expect((await b.request('GET', '/api/v1/reviews')).json().items).toEqual([]);
    expect((await b.request('GET', `/api/v1/reviews?shopId=${shopId}`)).json().items).toEqual([]);
    // B's saved mapping is B's alone.
    const put = await b.request('PUT', '/api/v1/import-mappings/douyin/reviews', {
      mapping: { score: '星' },
    });
    expect(put.statusCode).toBe(200);
    const aMappings = (await a.request('GET', '/api/v1/import-mappings')).json().items;
    expect(aMappings.find((m: { kind: string }) => m.kind === 'reviews').mapping.score).toBe('商品评价得分');
    // Uploading into another tenant's shop is as if the shop did not exist.
    const intoA = await upload(
      t,
      b,
      { kind: 'reviews', shopId },
      { name: 'r.csv', bytes: fixture('douyin-reviews.csv') },
    );
    expect(intoA.statusCode).toBe(404);
    expect(intoA.json().error.code).toBe('SHOP_NOT_FOUND');
    const b64 = await b.request('POST', '/api/v1/imports/base64', {
      kind: 'reviews',
      shopId,
      fileName: 'r.csv',
      contentBase64: fixture('douyin-reviews.csv').toString('base64'),
    });
    expect(b64.statusCode).toBe(404);
    // B's own import into B's shop is untouched by A's data: the same reviews are new for B.
    const own = await importFile(b, 'reviews', 'r.csv', fixture('douyin-reviews.csv'), { shop: bShopId });
    expect(own.report).toMatchObject({ imported: 4, skippedDuplicate: 0 });
    expect(own.preview.mappingFromSaved).toBe(false);
  });
});
