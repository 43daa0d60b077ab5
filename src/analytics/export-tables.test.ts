import ExcelJS from 'exceljs';
import { expect, test } from 'vitest';
import { tableCsv, tableXlsx } from './export-tables.js';

const table = {
  name: '质量 quality',
  headers: ['SKU', '投诉 complaints'],
  rows: [
    ['=HYPERLINK("http://evil")', 3],
    ['+1 水壶, "白"', null],
    ['@SUM(A1)', 0],
  ],
};

test('a CSV export neutralises cells a spreadsheet would run as formulas', () => {
  const csv = tableCsv(table);
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",3`);
  expect(csv).toContain(`"'+1 水壶, ""白""",`);
  expect(csv).toContain(`'@SUM(A1),0`);
});

test('an XLSX export keeps numbers as numbers and formulas as text', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await tableXlsx(table)) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getCell('A2').value).toBe(`'=HYPERLINK("http://evil")`);
  expect(sheet.getCell('B2').value).toBe(3);
  expect(sheet.getCell('A1').value).toBe('SKU');
});
