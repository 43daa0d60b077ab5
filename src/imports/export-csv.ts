import type { ImportFailure } from '../db/schema/imports.js';

/**
 * A cell as it may safely reach a spreadsheet: text that a spreadsheet would run as a formula
 * (= + - @, or a tab/CR before one) gets a leading apostrophe, so it shows as the text it was.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const quote = (value: string) => {
  const safe = neutraliseCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The failed rows of a run, with line and reason first, as UTF-8 CSV with a BOM (Excel opens it right). */
export function failuresCsv(headers: string[], failures: ImportFailure[]): string {
  const lines = [['行号 line', '原因 reason', ...headers].map(quote).join(',')];
  for (const f of failures) {
    lines.push([String(f.line), f.reason, ...(f.cells ?? [])].map(quote).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
