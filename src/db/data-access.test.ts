import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The data-access rule (ARCHITECTURE.md): queries live in `*-repo.ts` files (and `src/db/`). No
 * other source file imports `drizzle-orm`, or a table from `src/db/schema/` as a value (a type
 * import, or a constant such as a status list, is fine). A new domain follows the rule by putting its
 * queries in `<domain>-repo.ts`; this test names the file and the import that break it.
 */
const src = fileURLToPath(new URL('../', import.meta.url));

/** Files that do not follow the rule yet, each with what is left to do (the list only shrinks). */
const NOT_YET_MOVED: Record<string, string> = {};

const isTestCode = (file: string) =>
  /\.test\.tsx?$/.test(file) || /(^|\/)(testing|test-[\w-]+|[\w-]+-fixtures)\.tsx?$/.test(file);
const underRule = (file: string) =>
  !file.startsWith('db/') && !file.endsWith('-repo.ts') && !isTestCode(file);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [relative(src, path)] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:([\w*\s{},]*?)\s+from\s+)?'([^']+)'/gm;

/** Every table name exported by the schema modules. */
const schemaDir = new URL('./schema/', import.meta.url);
const tableNames = new Set(
  (
    await Promise.all(
      readdirSync(schemaDir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => import(new URL(f, schemaDir).href) as Promise<Record<string, unknown>>),
    )
  ).flatMap((m) =>
    Object.entries(m)
      .filter(([, v]) => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v)
      .map(([name]) => name),
  ),
);

/** What a file imports against the rule: drizzle itself, or tables as values. */
function breaches(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  const found: string[] = [];
  for (const [, typeOnly, names = '', from = ''] of text.matchAll(IMPORT)) {
    if (from === 'drizzle-orm' || from.startsWith('drizzle-orm/')) found.push(`imports ${from}`);
    if (typeOnly || !/\/db\/schema\//.test(from)) continue;
    const values = names
      .replace(/[{}]/g, '')
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '))
      .map((n) => n.split(/\s+as\s+/)[0]!.trim());
    for (const name of values) if (tableNames.has(name)) found.push(`imports the table ${name} from ${from}`);
  }
  return found;
}

const files = sourceFiles(src).filter(underRule);

describe('the data-access rule: queries only in *-repo.ts', () => {
  test('there are source files and tables to check', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(tableNames.has('tickets')).toBe(true);
  });

  test('no file outside src/db and the repos imports drizzle-orm or a table', () => {
    const offenders = files
      .filter((f) => !(f in NOT_YET_MOVED))
      .flatMap((f) => breaches(f).map((b) => `${f} ${b}: move the query into a *-repo.ts`));
    expect(offenders).toEqual([]);
  });

  test.each(Object.keys(NOT_YET_MOVED))('%s is still listed only while it still holds queries', (file) => {
    expect(breaches(file).length, `${file} follows the rule now: take it off NOT_YET_MOVED`).toBeGreaterThan(
      0,
    );
  });
});
