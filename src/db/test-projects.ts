import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Sorts the test files for vitest.config.ts into those that never reach a database (`unit`: pure rules,
 * fitness tests) and the rest (`db`). A file is `db` when anything it imports, directly or through other
 * modules, opens a database (imports PGlite or pg), reads DATABASE_URL, or starts a process (which
 * inherits DATABASE_URL). `unit` files are the same on both engines, so CI runs them once; the `db`
 * project is the one to run again on PostgreSQL. A `unit` file that opens a test database anyway fails
 * loudly: only the `db` project gets the migrated template from the global setup.
 */
const ENGINE_MARK = /@electric-sql\/pglite|from 'pg'|DATABASE_URL|node:child_process/;
const IMPORT =
  /(?:import|export)\s[^'";]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|import\s+['"](\.[^'"]+)['"]/g;
const TEST_FILE = /\.test\.tsx?$/;

export type TestSplit = { unit: string[]; db: string[] };

export function splitTestFiles(root: string, folders: string[]): TestSplit {
  const files = new Map<string, { marked: boolean; imports: string[] }>();
  const read = (file: string) => {
    let known = files.get(file);
    if (!known) {
      const text = readFileSync(file, 'utf8');
      known = { marked: ENGINE_MARK.test(text), imports: importsOf(file, text) };
      files.set(file, known);
    }
    return known;
  };
  const touchesEngine = (test: string): boolean => {
    const seen = new Set<string>([test]);
    const queue = [test];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      const { marked, imports } = read(file);
      if (marked) return true;
      for (const next of imports) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  };
  const split: TestSplit = { unit: [], db: [] };
  for (const folder of folders) {
    for (const file of testFiles(join(root, folder))) {
      split[touchesEngine(file) ? 'db' : 'unit'].push(relative(root, file));
    }
  }
  return split;
}

function testFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) testFiles(path, out);
    else if (TEST_FILE.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/** Relative imports resolved to files (`./x.js` is `./x.ts` or `./x.tsx` in the sources). */
function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (!spec) continue;
    const base = resolve(dirname(file), spec);
    const stem = base.replace(/\.(m?js|jsx)$/, '');
    const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(base, 'index.ts')];
    const hit = candidates.find((candidate) => /\.(m?[jt]sx?)$/.test(candidate) && existsSync(candidate));
    if (hit) found.push(hit);
  }
  return found;
}
