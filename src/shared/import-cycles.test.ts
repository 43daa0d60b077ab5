import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

/**
 * No two source modules import each other, directly or round a loop: a cycle means two files that
 * can only be understood together. Test files are left out; type imports count (they tie the files
 * as much for a reader).
 */
const src = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm;

function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const base = resolve(dirname(file), spec!.replace(/\.js$/, ''));
    const target = [`${base}.ts`, `${base}.tsx`].find((f) => existsSync(f));
    if (target) out.push(target);
  }
  return out;
}

/** Strongly connected components of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

test('no import cycles between source modules', () => {
  const files = sourceFiles(src);
  expect(files.length).toBeGreaterThan(50);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const found = cycles(graph).map((c) => c.map((f) => relative(src, f)).sort());
  expect(found).toEqual([]);
});
