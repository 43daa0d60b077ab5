import { beforeAll, describe, expect, test } from 'vitest';
import {
  csvManyRows,
  csvWideRow,
  xlsxManyCells,
  xlsxOneHugeCell,
  xlsxRawCells,
} from '../../imports/hostile-files.js';
import { parseCsv } from '../../imports/parse-table.js';
import { upload } from '../../imports/test-helpers.js';
import { underLoad } from '../../shared/load-slowdown.js';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

// Lowered caps so each hostile file is a few MB to build here; bench/security.ts runs the real sizes.
const LIMITS = { xlsxUncompressedBytes: 8 * 1024 * 1024, cells: 50_000, cellChars: 2_000 };

let t: TestApp;
let a: TestClient;
let aShop: string;

const newShop = async (client: TestClient) =>
  (
    await client.request('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖店',
      appKey: `k-${Math.random()}`,
      appSecret: 's',
    })
  ).json().id as string;

beforeAll(async () => {
  t = await createTestApp({ importLimits: LIMITS });
  a = await t.signup('Bombs');
  aShop = await newShop(a);
});

const send = (client: TestClient, shopId: string, name: string, bytes: Uint8Array) =>
  upload(t, client, { kind: 'reviews', shopId }, { name, bytes });

const runsOf = async (client: TestClient) => {
  const res = await client.request('GET', '/api/v1/imports');
  return { items: res.json().items as unknown[], bytes: res.body.length };
};

describe('hostile uploads are refused with their figures, nothing stored, the server unhurt', () => {
  test('an XLSX whose one cell inflates past the unpacked limit: 413, and the server heap does not grow with it', {
    timeout: underLoad(120_000),
  }, async () => {
    const bomb = await xlsxOneHugeCell(40 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const res = await send(a, aShop, 'bomb.xlsx', bomb);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.json().error.message).toContain('unpacks to more than 8 MiB');
    // The 40 MB were inflated (and dropped) in the reader's worker, never in this process.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(30 * 1024 * 1024);
    expect((await runsOf(a)).items).toHaveLength(0);
  });

  test('an XLSX of many tiny cells: 413 on the cell count before the workbook is parsed', {
    timeout: underLoad(120_000),
  }, async () => {
    const res = await send(a, aShop, 'cells.xlsx', await xlsxManyCells(2_000, 40));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.message).toContain('more than 50000 cells');
  });

  test('a CSV with a million columns on one line: 413, and the import history stays small', {
    timeout: underLoad(120_000),
  }, async () => {
    const res = await send(a, aShop, 'wide.csv', csvWideRow(1_000_000));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.message).toContain('a line holds more than');
    const runs = await runsOf(a);
    expect(runs.items).toHaveLength(0);
    expect(runs.bytes).toBeLessThan(1_000);
  });

  test('a CSV of 500 columns (each line short enough) is refused on the column count', {
    timeout: underLoad(120_000),
  }, async () => {
    const res = await send(a, aShop, 'cols.csv', csvWideRow(500));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.message).toContain('500 columns, at most 200');
  });

  test('one cell longer than the cell limit is refused', { timeout: underLoad(120_000) }, async () => {
    const bytes = Buffer.from(`评价日期,评价内容\n2024-11-11,"${'很'.repeat(2_500)}"\n`);
    const res = await send(a, aShop, 'long.csv', bytes);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.message).toContain('2500 characters, at most 2000');
  });

  test('a workbook cell with a character reference XML forbids (a lone surrogate) is a 422, not a 500', {
    timeout: underLoad(120_000),
  }, async () => {
    const bytes = await xlsxRawCells([
      ['评价日期', '评价内容'],
      ['2024-11-11', '坏&#55357;了'],
    ]);
    const res = await send(a, aShop, 'text.xlsx', bytes);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('UNPROCESSABLE');
  });

  test('text PostgreSQL cannot store is cleaned in parsed cells (a decoder that lets it through)', () => {
    const table = parseCsv('评价日期,评价内容\n2024-11-11,"坏\uD83D了\u0000"\n');
    expect(table.rows[0]!.cells[1]).toBe('坏\uFFFD了');
  });
});

describe('reading a file never stalls another tenant', () => {
  test("tenant B's requests and /healthz are answered while tenant A's upload is being read", {
    timeout: underLoad(180_000),
  }, async () => {
    const roomy = await createTestApp(); // the real limits: 600,000 cells are allowed
    const c = await roomy.signup('Reader');
    const other = await roomy.signup('Other');
    const shop = await newShop(c);
    const big = csvManyRows(20_000, 30); // legal, ~4 MB: real work for the reader
    let aDone = false;
    const aUpload = upload(roomy, c, { kind: 'reviews', shopId: shop }, { name: 'big.csv', bytes: big }).then(
      (res) => {
        aDone = true;
        return res;
      },
    );
    while (roomy.services.uploads.active() === 0 && !aDone) await new Promise((r) => setTimeout(r, 5));
    expect(aDone).toBe(false);

    const health = await roomy.app.inject({ method: 'GET', url: '/healthz' });
    const bTickets = await other.request('GET', '/api/v1/tickets');
    expect(health.statusCode).toBe(200);
    expect(bTickets.statusCode).toBe(200);
    expect(aDone).toBe(false); // answered while the file was still being read

    // The same tenant's second file waits for none: it is told to come back.
    const second = await upload(
      roomy,
      c,
      { kind: 'reviews', shopId: shop },
      { name: 'again.csv', bytes: Buffer.from('评价日期,评价内容\n2024-11-11,好\n') },
    );
    expect(second.statusCode, second.body).toBe(429);

    const res = await aUpload;
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().run.rowCount).toBe(20_000);
  });

  test('a file that takes longer than the time limit to read is stopped with 422', {
    timeout: underLoad(120_000),
  }, async () => {
    const slow = await createTestApp({ importLimits: { parseMs: 1 } });
    const owner = await slow.signup('Slow');
    const shop = (
      await owner.request('POST', '/api/v1/shops', {
        platform: 'douyin',
        name: '抖店',
        appKey: `k-${Math.random()}`,
        appSecret: 's',
      })
    ).json().id as string;
    const res = await upload(
      slow,
      owner,
      { kind: 'reviews', shopId: shop },
      { name: 'r.csv', bytes: csvManyRows(100) },
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toContain('took longer than');
  });
});
