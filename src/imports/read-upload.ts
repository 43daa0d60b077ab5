import { AppError } from '../shared/app-error.js';
import { decodeText, type TextEncoding } from './decode.js';
import { detectFormat, type FileFormat, parseCsv, parseXlsx, type Table } from './parse-table.js';
import type { ImportLimits } from './table-limits.js';

export type ReadRequest = {
  fileName: string;
  bytes: Uint8Array;
  encoding: TextEncoding;
  limits: ImportLimits;
};

export type ReadResult = { format: FileFormat; encoding: string; table: Table };

/** What crosses back from the worker when reading fails: an AppError's code and message, nothing else. */
export type ReadFailure = { code: AppError['code']; message: string };

/** Bytes of an upload to a bounded table: the format by content, the text decoded, the rows parsed. */
export async function readUpload({ fileName, bytes, encoding, limits }: ReadRequest): Promise<ReadResult> {
  if (bytes.byteLength > limits.fileBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${limits.fileBytes / 1024 / 1024} MiB`);
  }
  if (bytes.byteLength === 0) throw new AppError('UNPROCESSABLE', 'the file is empty');
  const format = detectFormat(fileName, bytes);
  if (format === 'xlsx') return { format, encoding: 'binary', table: await parseXlsx(bytes, limits) };
  const decoded = decodeText(bytes, encoding);
  return {
    format,
    encoding: decoded.bom ? `${decoded.encoding} (BOM)` : decoded.encoding,
    table: parseCsv(decoded.text, limits),
  };
}

export function toReadFailure(error: unknown): ReadFailure {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return {
    code: 'UNPROCESSABLE',
    message: 'the file cannot be read: export it again as CSV (UTF-8) or XLSX',
  };
}
