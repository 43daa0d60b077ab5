import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decodeText } from './decode.js';
import { neutraliseCell } from './export-csv.js';
import { missingColumns, suggestMapping } from './fields.js';
import { parseCsv } from './parse-table.js';
import { readBool, readDateTime, readId, readMoneyFen, readScore } from './values.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? r.value : r.reason);

describe('cell values', () => {
  test.each([
    ['5', 5],
    ['1', 1],
    ['3.0', 3],
    ['4星', 4],
    ['0', 'score 0 is out of range (1–5)'],
    ['6', 'score 6 is out of range (1–5)'],
    ['-1', 'score -1 is out of range (1–5)'],
    ['=5', 'a formula is not a value (cells are read as text, never calculated)'],
    ['4.5', 'score "4.5" is not a whole number'],
  ])('score %s reads as %s', (raw, expected) => {
    expect(value(readScore(raw))).toBe(expected);
  });

  test.each([
    ['12.50', 12_50],
    ['¥1,299.00', 1_299_00],
    ['0.1', 10],
    ['19.99元', 19_99],
    ['12.345', '"12.345" is not an amount in yuan (like 12.50)'],
    ['-3', 'amount -3 is negative'],
    ['=A1*2', 'a formula is not a value (cells are read as text, never calculated)'],
  ])('amount %s reads as %s fen', (raw, expected) => {
    expect(value(readMoneyFen(raw))).toBe(expected);
  });

  test.each([
    ['\t6921345678901234567', '6921345678901234567'],
    ["'6921345678901234567", '6921345678901234567'],
    ['DY-2024_001', 'DY-2024_001'],
    [
      '6.92135E+18',
      '"6.92135E+18" is a number in scientific notation: the id lost digits (format the column as text)',
    ],
    ['=1', 'a formula is not a value (cells are read as text, never calculated)'],
  ])('id %j reads as %s', (raw, expected) => {
    expect(value(readId(raw))).toBe(expected);
  });

  test.each([
    ['2024-11-11 10:30:00', '2024-11-11T02:30:00.000Z'],
    ['2024/11/11 10:30', '2024-11-11T02:30:00.000Z'],
    ['2024-11-11', '2024-11-10T16:00:00.000Z'],
    ['2024年11月11日 10:30', '2024-11-11T02:30:00.000Z'],
    ['2024-11-11T10:30:00Z', '2024-11-11T10:30:00.000Z'],
    ['1731292200', '2024-11-11T02:30:00.000Z'],
  ])('date %s in Asia/Shanghai is %s UTC', (raw, expected) => {
    const r = readDateTime(raw, 'Asia/Shanghai');
    expect(r.ok && r.value.toISOString()).toBe(expected);
  });

  test('yes/no in Chinese and English', () => {
    expect([readBool('是'), readBool('否'), readBool('Yes'), readBool('0')].map(value)).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(readBool('也许').ok).toBe(false);
  });

  test.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+86 138', "'+86 138"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['好评', '好评'],
  ])('export cell %j is written as %j', (raw, expected) => {
    expect(neutraliseCell(raw)).toBe(expected);
  });
});

describe('column mapping', () => {
  test('Douyin review headers map to every field they name', () => {
    const headers = [
      '评价日期',
      '订单ID',
      '商品ID',
      '商品名称',
      '商品规格',
      '商品评价得分',
      '评价内容',
      '门店ID',
      '门店名称',
    ];
    const mapping = suggestMapping('reviews', headers);
    expect(mapping).toEqual({
      reviewedAt: '评价日期',
      orderId: '订单ID',
      productId: '商品ID',
      productName: '商品名称',
      skuSpec: '商品规格',
      score: '商品评价得分',
      content: '评价内容',
      storeId: '门店ID',
      storeName: '门店名称',
    });
    expect(missingColumns('reviews', mapping, headers)).toEqual([]);
  });

  test('English headers, units in brackets and odd spacing still match', () => {
    const mapping = suggestMapping('orders', [
      'Order ID',
      'Product Name',
      'Qty',
      'Unit Price (CNY)',
      'Batch No',
    ]);
    expect(mapping).toEqual({
      orderId: 'Order ID',
      productName: 'Product Name',
      quantity: 'Qty',
      unitPrice: 'Unit Price (CNY)',
      batch: 'Batch No',
    });
  });

  test('required fields without a column are listed', () => {
    expect(missingColumns('after_sales', {}, ['x'])).toEqual(['afterSaleId']);
    expect(missingColumns('reviews', { score: '星' }, ['评分'])).toContain('score');
  });
});

describe('decoding and parsing', () => {
  test.each([
    ['utf-8', Buffer.from('评价,内容\n好,很好\n')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('评价,内容\n好,很好\n')])],
    ['GBK', iconv.encode('评价,内容\n好,很好\n', 'gbk')],
    ['GB18030', iconv.encode('评价,内容\n好,很好𠮷\n', 'gb18030')],
    [
      'UTF-16LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('评价,内容\n好,很好\n', 'utf-16le')]),
    ],
  ])('%s decodes to the same text', (_name, bytes) => {
    const { text } = decodeText(bytes);
    expect(text.replace('𠮷', '')).toBe('评价,内容\n好,很好\n');
  });

  test('tab- and semicolon-separated exports are split right', () => {
    expect(parseCsv('a\tb\n1\t2\n').rows[0]!.cells).toEqual(['1', '2']);
    expect(parseCsv('a;b\n1;2\n').rows[0]!.cells).toEqual(['1', '2']);
  });

  test('rows keep the line they start on; blank lines and repeated headers are handled', () => {
    const table = parseCsv('a,a,\n\n1,"x\ny",3\n4,5,6\n');
    expect(table.headers).toEqual(['a', 'a (2)', '#3']);
    expect(table.rows.map((r) => r.line)).toEqual([3, 5]);
  });

  test('an unterminated quote is reported with its line', () => {
    expect(() => parseCsv('a,b\n1,"oops\n')).toThrow(/cannot be read/);
  });
});
