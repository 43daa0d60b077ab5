import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { upload } from '../imports/test-helpers.js';
import { readImages, readSkuCodes } from './import-listings.js';

let t: TestApp;
let a: TestClient;
let shopId: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  shopId = (
    await a.request('POST', '/api/v1/shops', {
      platform: 'taobao',
      name: '淘宝店',
      appKey: 'k',
      appSecret: 's',
    })
  ).json().id;
});

async function importCsv(text: string | Buffer, name = 'listings.csv') {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const up = await upload(t, a, { kind: 'listings', shopId }, { name, bytes });
  if (up.statusCode !== 201) return { up, run: null };
  const preview = up.json();
  const run = await a.request('POST', `/api/v1/imports/${preview.run.id}/run`, {
    mapping: preview.suggestedMapping,
  });
  return { up, run };
}

const HEADER = '商品ID,商品标题,类目,品牌,材质,售价(元),划线价(元),主图,SKU编码';

test('a platform product list is imported with its columns recognised, yuan with commas and sizes read', async () => {
  const csv = [
    HEADER,
    'G-1,全网最低价 国家级品质 足金手镯,黄金饰品,周大福,足金,"2,999.00","3,999.00",https://img.example.cn/g1.jpg 800x800,G-1-A',
    'T-1,纯棉短袖T恤 宽松 优衣库,男装,优衣库,棉65% 涤纶35%,79.00,,https://img.example.cn/t1.jpg,TS-1;TS-2',
    `X-1,${'长'.repeat(300)},男装,,,10.00,,,`,
    'X-2,正常马克杯,杯具,,,12.5元,,500x500,',
  ].join('\n');
  const { run } = await importCsv(csv);
  expect(run!.statusCode).toBe(200);
  const report = run!.json();
  expect(report).toMatchObject({ imported: 3, failed: 1 });
  expect(report.failures[0]).toMatchObject({ line: 4, reason: expect.stringMatching(/longer than 200/) });

  const items = (await a.request('GET', `/api/v1/listings?shopId=${shopId}&limit=10`)).json().items;
  const gold = items.find((l: { externalId: string }) => l.externalId === 'G-1');
  expect(gold.content).toMatchObject({
    priceFen: 299900,
    referencePriceFen: 399900,
    images: [{ width: 800, height: 800 }],
    skuCodes: ['G-1-A'],
  });
  // Three ways, and the brand given (周大福) is not in the title.
  expect(new Set(gold.findings.map((f: { rule: string }) => f.rule))).toEqual(
    new Set(['absolute_term', 'qualification_missing', 'fictitious_discount', 'title_fact_missing']),
  );
  const shirt = items.find((l: { externalId: string }) => l.externalId === 'T-1');
  expect(shirt.content.skuCodes).toEqual(['TS-1', 'TS-2']);
  expect(shirt.findings.map((f: { rule: string }) => f.rule)).toEqual([
    'material_contradiction',
    'image_size_unknown',
  ]);
});

test('an XLSX list imports the same way', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商品');
  ws.addRow(HEADER.split(','));
  ws.addRow(['X-9', '陶瓷马克杯', '杯具', '', '', 25, '', '800x800', 'MUG-1']);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const { run } = await importCsv(bytes, 'list.xlsx');
  expect(run!.json()).toMatchObject({ imported: 1, failed: 0 });
});

test('a file that mixes UTF-8 and GBK lines is refused whole, naming the UTF-8 lines', async () => {
  const bytes = Buffer.concat([
    iconv.encode(`${HEADER}\nM-1,纯棉衬衫,男装,,,1,,,\n`, 'gbk'),
    Buffer.from('M-2,真丝围巾,配饰,,,1,,,\n', 'utf8'),
  ]);
  const { up } = await importCsv(bytes);
  expect(up.statusCode).toBe(422);
  expect(up.json().error.message).toMatch(/mixes encodings: line 3 are UTF-8|mixes encodings: line 3/);
  expect((await a.request('GET', '/api/v1/listings?q=M-1')).json().items).toEqual([]);
});

test.each([
  [
    'https://a.cn/1.jpg 800x800; 750×1000',
    [
      { url: 'https://a.cn/1.jpg', width: 800, height: 800 },
      { url: null, width: 750, height: 1000 },
    ],
    0,
  ],
  ['https://a.cn/1.jpg', [{ url: 'https://a.cn/1.jpg', width: null, height: null }], 1],
  ['', [], 0],
])('images cell %j', (cell, images, warnings) => {
  const read = readImages(cell);
  expect(read.images).toEqual(images);
  expect(read.warnings).toHaveLength(warnings);
});

test('SKU codes are split on commas, semicolons and spaces, once each', () => {
  expect(readSkuCodes('A-1, A-2；A-1 A-3')).toEqual(['A-1', 'A-2', 'A-3']);
});
