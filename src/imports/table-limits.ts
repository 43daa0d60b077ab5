import { AppError } from '../shared/app-error.js';

/**
 * What one upload may hold. Platform exports have a few dozen columns and cells far below Excel's
 * own cap; anything past these is refused before it is stored, so a run row stays small and
 * `GET /imports` stays cheap however the file was built.
 */
export const IMPORT_LIMITS = {
  /** Bytes of the file as uploaded (413 before anything is read). */
  fileBytes: 10 * 1024 * 1024,
  /** Data rows in one import: more is a job for several files (or the API). */
  rows: 20_000,
  /** Columns of the header row. */
  columns: 200,
  /** Characters in one cell: Excel's own limit. */
  cellChars: 32_767,
  /** Characters in one line of a CSV (all its cells). */
  rowChars: 256 * 1024,
  /** Characters a header keeps: a mapping names headers of at most this length. */
  headerChars: 200,
  /** Cells of the whole table (rows × columns actually filled). */
  cells: 1_500_000,
  /** XLSX: bytes after decompressing every part of the workbook. */
  xlsxUncompressedBytes: 160 * 1024 * 1024,
  /** XLSX: parts (files) inside the workbook's zip. */
  xlsxEntries: 2_000,
  /** How long reading one file may take before it is given up (ms). */
  parseMs: 60_000,
  /** Heap of the worker that reads one file (MiB): a file that needs more is refused. */
  workerHeapMb: 768,
} as const;

export type ImportLimits = { [K in keyof typeof IMPORT_LIMITS]: number };

export const tooLarge = (what: string) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `the file is too large to import: ${what}; split it or remove what is not needed`,
  );

/** Counts of a parsed table checked against the limits; the first one exceeded is the answer. */
export function tableProblem(
  counts: { rows: number; columns: number; cells: number; longestCell: number },
  limits: ImportLimits = IMPORT_LIMITS,
): AppError | null {
  if (counts.columns > limits.columns) {
    return tooLarge(`it has ${counts.columns} columns, at most ${limits.columns} are read`);
  }
  if (counts.longestCell > limits.cellChars) {
    return tooLarge(`a cell holds ${counts.longestCell} characters, at most ${limits.cellChars} are read`);
  }
  if (counts.rows > limits.rows) {
    return tooLarge(`it has ${counts.rows} data rows; at most ${limits.rows} are taken in one import`);
  }
  if (counts.cells > limits.cells) {
    return tooLarge(`it has ${counts.cells} cells, at most ${limits.cells} are read`);
  }
  return null;
}
