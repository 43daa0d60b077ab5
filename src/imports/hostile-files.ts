import { PassThrough, Readable } from 'node:stream';
import yazl from 'yazl';

/**
 * Files built to hurt an importer, for the security tests and bench/security.ts: a workbook whose
 * one cell inflates to `cellChars` characters, one with `cells` tiny cells, a CSV with one very wide
 * row. Each is generated as a stream, so building a 400 MB bomb costs no 400 MB here.
 */

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '</Relationships>';
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

function* chunked(parts: () => Generator<string>, size = 1 << 20): Generator<Buffer> {
  let pending = '';
  for (const part of parts()) {
    pending += part;
    if (pending.length >= size) {
      yield Buffer.from(pending);
      pending = '';
    }
  }
  if (pending) yield Buffer.from(pending);
}

function workbook(sheet: () => Generator<string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(ROOT_RELS), '_rels/.rels');
  zip.addBuffer(Buffer.from(WORKBOOK), 'xl/workbook.xml');
  zip.addBuffer(Buffer.from(WORKBOOK_RELS), 'xl/_rels/workbook.xml.rels');
  zip.addReadStream(Readable.from(chunked(sheet)), 'xl/worksheets/sheet1.xml', { compress: true });
  zip.end();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    out.on('end', () => resolve(Buffer.concat(chunks)));
    out.on('error', reject);
  });
}

/** A header row and one data row whose comment cell holds `cellChars` letters. */
export const xlsxOneHugeCell = (cellChars: number) =>
  workbook(function* () {
    yield SHEET_HEAD;
    yield '<row r="1"><c r="A1" t="inlineStr"><is><t>评价内容</t></is></c></row>';
    yield '<row r="2"><c r="A2" t="inlineStr"><is><t>';
    for (let left = cellChars; left > 0; left -= 65_536) yield 'A'.repeat(Math.min(left, 65_536));
    yield '</t></is></c></row>';
    yield SHEET_TAIL;
  });

/** A sheet of inline-string cells given as raw XML text (entities and character references as written). */
export const xlsxRawCells = (rows: string[][]) =>
  workbook(function* () {
    yield SHEET_HEAD;
    for (const [r, cells] of rows.entries()) {
      yield `<row r="${r + 1}">${cells.map((c) => `<c t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
    }
    yield SHEET_TAIL;
  });

/** `rows` rows of `columns` one-digit cells. */
export const xlsxManyCells = (rows: number, columns: number) =>
  workbook(function* () {
    yield SHEET_HEAD;
    for (let r = 1; r <= rows; r++) {
      let row = `<row r="${r}">`;
      for (let c = 0; c < columns; c++) row += '<c t="n"><v>1</v></c>';
      yield `${row}</row>`;
    }
    yield SHEET_TAIL;
  });

/** A CSV whose header row has `columns` columns, then one data row. */
export const csvWideRow = (columns: number) =>
  Buffer.from(`${Array.from({ length: columns }, (_, i) => `c${i}`).join(',')}\n1\n`);

/** A plain, legal CSV of `rows` review rows: real work for the reader, nothing hostile. */
export function csvManyRows(rows: number, columns = 30): Buffer {
  const header = ['评价日期', '订单ID', '商品评价得分', '评价内容'];
  for (let i = header.length; i < columns; i++) header.push(`列${i}`);
  const lines = [header.join(',')];
  const filler = Array.from({ length: columns - 4 }, (_, i) => `值${i}`).join(',');
  for (let r = 0; r < rows; r++) {
    lines.push(
      `2024-11-0${(r % 9) + 1} 10:00:00,ORD${100000 + r},${(r % 5) + 1},"质量不错，物流很快 ${r}",${filler}`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}
