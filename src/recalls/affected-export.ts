import { neutraliseCell } from '../imports/export-csv.js';
import type { AffectedOrder } from './affected-repo.js';

export const EXPORT_HEADERS = [
  '订单号 order',
  '店铺 shop',
  '平台 platform',
  '买家 buyer',
  '商品 items',
  '批次 batches',
  '件数 units',
  '实付(元) paid (CNY)',
  '付款时间 paid at',
  '签收时间 delivered at',
];

const local = (d: Date | null) =>
  d
    ? new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(d)
    : '';

export function exportRow(o: AffectedOrder): string[] {
  return [
    o.externalId,
    o.shopName,
    o.platform,
    o.customerName ?? '',
    o.items.join(' / '),
    o.batches.join(' / '),
    String(o.units),
    (o.paidFen / 100).toFixed(2),
    local(o.paidAt),
    local(o.deliveredAt),
  ];
}

const quote = (value: string) => {
  const safe = neutraliseCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** UTF-8 CSV with a BOM (Excel opens it right); cells that would run as formulas are neutralised. */
export function affectedCsv(rows: AffectedOrder[]): string {
  const lines = [EXPORT_HEADERS.map(quote).join(',')];
  for (const o of rows) lines.push(exportRow(o).map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function affectedXlsx(rows: AffectedOrder[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('召回订单');
  sheet.addRow(EXPORT_HEADERS);
  for (const o of rows) sheet.addRow(exportRow(o).map(neutraliseCell));
  return Buffer.from(await book.xlsx.writeBuffer());
}
