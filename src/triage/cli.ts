/**
 * `npm run triage -- --csv FILE --text-column NAME [--lexicon FILE]`
 *
 * Classifies every row of a CSV (UTF-8, or GBK/GB18030 as back-office exports often are) and prints
 * one JSON object per line, in row order:
 *   {"language","sentiment","score","categories":[…],"severity","pii":[{"type","masked"}…]}
 * PII is reported masked only. `--explain` adds the explanation of each verdict. Exit codes:
 * 0 done, 2 bad arguments, 1 unreadable file or missing column.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { analyze, compileTenantLexicon } from './analyze.js';
import type { LexiconRule } from './lexicon.js';
import { CATEGORIES } from './taxonomy.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const USAGE = 'usage: npm run triage -- --csv FILE --text-column NAME [--explain] [--lexicon FILE.csv]';

export function parseArgs(argv: string[]) {
  const out: { csv?: string; column?: string; explain: boolean; lexicon?: string } = { explain: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(`${a} needs a value\n${USAGE}`, 2);
      return v;
    };
    if (a === '--csv') out.csv = value();
    else if (a === '--text-column') out.column = value();
    else if (a === '--lexicon') out.lexicon = value();
    else if (a === '--explain') out.explain = true;
    else if (a === '--help' || a === '-h') throw new CliError(USAGE, 0);
    else throw new CliError(`unknown argument ${a}\n${USAGE}`, 2);
  }
  if (!out.csv) throw new CliError(`--csv FILE is required\n${USAGE}`, 2);
  if (!out.column) throw new CliError(`--text-column NAME is required\n${USAGE}`, 2);
  return out as { csv: string; column: string; explain: boolean; lexicon?: string };
}

/** UTF-8 (with or without BOM) unless the bytes are not valid UTF-8, then GB18030. */
export function decode(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  if (!utf8.includes('\ufffd')) return utf8.replace(/^\ufeff/, '');
  return iconv.decode(bytes, 'gb18030');
}

function readCsv(path: string): Record<string, string>[] {
  if (!existsSync(path)) throw new CliError(`cannot read ${path}: no such file`, 1);
  if (statSync(path).isDirectory()) throw new CliError(`cannot read ${path}: it is a directory`, 1);
  try {
    return parse(decode(readFileSync(path)), {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
    }) as Record<string, string>[];
  } catch (error) {
    throw new CliError(`${path} is not a readable CSV: ${(error as Error).message}`, 1);
  }
}

function headerOf(path: string): string[] {
  const first = parse(decode(readFileSync(path)), {
    to_line: 1,
    bom: true,
    relax_column_count: true,
  }) as string[][];
  return (first[0] ?? []).map((h) => h.trim());
}

/** Lexicon CSV: columns term,category[,severity] — the same entries tenants add in the console. */
function readLexicon(path: string): LexiconRule[] {
  return readCsv(path).map((row, i) => {
    const category = row.category?.trim() || undefined;
    const severity = row.severity?.trim() || undefined;
    if (!row.term?.trim()) throw new CliError(`${path} line ${i + 2}: term is empty`, 1);
    if (category && !CATEGORIES.includes(category as never)) {
      throw new CliError(`${path} line ${i + 2}: unknown category ${category}`, 1);
    }
    if (severity && severity !== 'critical' && severity !== 'high') {
      throw new CliError(`${path} line ${i + 2}: severity must be critical or high`, 1);
    }
    return { term: row.term, category: category as never, severity: severity as never };
  });
}

export function run(argv: string[], write: (line: string) => void): number {
  const args = parseArgs(argv);
  const tenant = args.lexicon ? compileTenantLexicon(readLexicon(args.lexicon)) : undefined;
  const rows = readCsv(args.csv);
  const header = headerOf(args.csv);
  if (!header.includes(args.column)) {
    throw new CliError(
      `column "${args.column}" not found in ${args.csv}; its columns are: ${header.join(', ') || '(none)'}`,
      1,
    );
  }
  for (const row of rows) {
    const r = analyze(row[args.column] ?? '', { tenant });
    const line: Record<string, unknown> = {
      language: r.language,
      sentiment: r.sentiment,
      score: r.score,
      categories: r.categories,
      severity: r.severity,
      aspects: r.aspects.map((a) => `${a.aspect}:${a.polarity}`),
      pii: r.pii.map((p) => ({ type: p.type, masked: p.masked })),
    };
    if (args.explain) line.explanation = { ...r.explanation, aspects: r.aspects };
    write(JSON.stringify(line));
  }
  return rows.length;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    const out: string[] = [];
    const flush = () => {
      if (out.length) process.stdout.write(`${out.join('\n')}\n`);
      out.length = 0;
    };
    run(process.argv.slice(2), (line) => {
      out.push(line);
      if (out.length >= 1000) flush();
    });
    flush();
  } catch (error) {
    if (error instanceof CliError) {
      (error.exitCode === 0 ? process.stdout : process.stderr).write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    throw error;
  }
}
