import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { StoredRow } from '../db/schema/imports.js';
import { cleanText } from '../http/text-hygiene.js';
import { AppError } from '../shared/app-error.js';
import { IMPORT_LIMITS, type ImportLimits, tableProblem, tooLarge } from './table-limits.js';
import { precheckXlsx } from './xlsx-precheck.js';

export type Table = { headers: string[]; rows: StoredRow[] };

const DELIMITERS = [',', '\t', ';'] as const;

/** The delimiter that splits the first line most often (outside quotes): comma, tab or semicolon. */
function guessDelimiter(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Header names become keys of a mapping: trimmed, never empty, never repeated, never longer than a mapping holds. */
function uniqueHeaders(raw: string[], maxChars: number): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const name =
      h
        .replace(/^\uFEFF/, '')
        .trim()
        .slice(0, maxChars - 8) || `#${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * Checks the table against the limits (columns, cell length, rows, cells) and keeps only text
 * PostgreSQL can store: NULs dropped, lone surrogates replaced.
 */
function finish(records: StoredRow[], limits: ImportLimits): Table {
  const first = records.findIndex((r) => !isBlank(r.cells));
  if (first < 0) throw new AppError('UNPROCESSABLE', 'the file is empty: it has no header row and no data');
  const rows = records.slice(first + 1).filter((r) => !isBlank(r.cells));
  const counts = { rows: rows.length, columns: 0, cells: 0, longestCell: 0 };
  for (const record of records) {
    counts.columns = Math.max(counts.columns, record.cells.length);
    counts.cells += record.cells.length;
    for (const cell of record.cells) counts.longestCell = Math.max(counts.longestCell, cell.length);
  }
  const problem = tableProblem(counts, limits);
  if (problem) throw problem;
  for (const record of records) {
    for (let i = 0; i < record.cells.length; i++) record.cells[i] = cleanText(record.cells[i]!);
  }
  return { headers: uniqueHeaders(records[first]!.cells, limits.headerChars), rows };
}

/** CSV (or TSV) text to a header row and data rows, each with the line it starts on. */
export function parseCsv(text: string, limits: ImportLimits = IMPORT_LIMITS): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      // A row past the limit (a million columns on one line) stops the parse where it is.
      max_record_size: limits.rowChars,
      // Past twice the limit's rows (blank and header lines on top) nothing more is read.
      to: 2 * limits.rows + 2,
    }) as never;
  } catch (error) {
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw tooLarge(`a line holds more than ${limits.rowChars} characters`);
    }
    const line = (error as { lines?: number }).lines;
    throw new AppError(
      'UNPROCESSABLE',
      `the CSV cannot be read${line ? ` at line ${line}` : ''}: ${(error as Error).message.replace(/^Invalid /, 'invalid ')}`,
    );
  }
  if (records.length > 2 * limits.rows + 1) {
    throw tooLarge(
      `it has more than ${2 * limits.rows} rows; at most ${limits.rows} are taken in one import`,
    );
  }
  return finish(
    records.map(({ record, info }) => {
      // csv-parse counts the line a record ends on; quoted cells may span lines.
      const inner = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - inner, cells: record };
    }),
    limits,
  );
}

type CellValue = ExcelJS.CellValue;

/** A spreadsheet cell as text. Formulas stay text ("=…"): never evaluated, never their cached result. */
function cellText(value: CellValue): { text: string; note?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return {
        text: String(value),
        note: 'a long number stored as a number in Excel lost its last digits: format the column as text and export again',
      };
    }
    return { text: String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) {
    // Excel dates carry no zone: exceljs reads the wall-clock time as UTC; keep that wall clock.
    return {
      text: value
        .toISOString()
        .replace('T', ' ')
        .replace(/(\.000)?Z$/, ''),
    };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return { text: `=${formula}` };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) return { text: String(value.text ?? value.hyperlink) };
  if ('error' in value) return { text: String(value.error) };
  return { text: String(value) };
}

/**
 * The first worksheet of an XLSX workbook; row numbers are the sheet's own. The zip is measured
 * first (see precheckXlsx): exceljs holds the whole workbook, so only one that fits is handed to it.
 */
export async function parseXlsx(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): Promise<Table> {
  await precheckXlsx(bytes, limits);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    throw new AppError(
      'UNPROCESSABLE',
      'the file is not a readable XLSX workbook: save it again as .xlsx or CSV',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('UNPROCESSABLE', 'the file is empty: the workbook has no sheet');
  const records: StoredRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = (row.values as CellValue[]).slice(1); // exceljs rows are 1-based
    const cells: string[] = [];
    const notes: Record<number, string> = {};
    values.forEach((v, i) => {
      const { text, note } = cellText(v);
      cells[i] = text;
      if (note) notes[i] = note;
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    records.push({ line: rowNumber, cells, ...(Object.keys(notes).length ? { notes } : {}) });
  });
  return finish(records, limits);
}

export type FileFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** The format by content first (a renamed file is still what it is), then by name. */
export function detectFormat(fileName: string, bytes: Uint8Array): FileFormat {
  const starts = (magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(ZIP_MAGIC)) return 'xlsx';
  if (starts(OLE_MAGIC) || /\.xls$/i.test(fileName)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'old Excel .xls files are not read: save the sheet as .xlsx or CSV (UTF-8) and upload that',
    );
  }
  if (/\.xlsx$/i.test(fileName)) {
    throw new AppError('UNPROCESSABLE', 'the file is named .xlsx but is not an XLSX workbook');
  }
  return 'csv';
}
