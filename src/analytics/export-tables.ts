import { neutraliseCell } from '../imports/export-csv.js';

/** A dashboard table as it leaves the console: bilingual headers, plain cells. */
export type ExportTable = { name: string; headers: string[]; rows: (string | number | null)[][] };

export const PLATFORM_NAMES: Record<string, string> = {
  pinduoduo: '拼多多 Pinduoduo',
  douyin: '抖店 Douyin',
  tiktok: 'TikTok Shop',
  taobao: '淘宝/天猫 Taobao',
  manual: '自有渠道 Own channels',
};

export const yuan = (fen: number) => Math.round(fen) / 100;
export const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
export const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);
export const hours = (ms: number | null) => (ms === null ? null : Math.round(ms / 360_000) / 10);

const cellText = (v: string | number | null) =>
  v === null ? '' : typeof v === 'number' ? String(v) : neutraliseCell(v);

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * UTF-8 CSV with a BOM (Excel opens it right). Text a spreadsheet would run as a formula (= + - @,
 * tab, CR) is neutralised with a leading apostrophe, as in every export of this desk.
 */
export function tableCsv(table: ExportTable): string {
  const lines = [table.headers.map((h) => quote(neutraliseCell(h))).join(',')];
  for (const row of table.rows) lines.push(row.map((v) => quote(cellText(v))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same table as an .xlsx sheet: numbers stay numbers, text is neutralised as in the CSV. */
export async function tableXlsx(table: ExportTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.name.slice(0, 31));
  sheet.addRow(table.headers);
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (typeof v === 'string' ? neutraliseCell(v) : v)));
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(10, (table.headers[i]?.length ?? 10) + 2));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
