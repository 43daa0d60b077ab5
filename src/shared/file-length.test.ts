import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

/**
 * No source file over 400 lines without the reason at its top: a long file is usually two jobs, and
 * when it is not (one language's strings of a page, one table of platform facts) the reader should be
 * told so before scrolling. The reason is a comment line in the first 15 lines that starts with
 * "Over 400 lines:" and says why. Test files are left out: a table test is as long as its table.
 */
const src = fileURLToPath(new URL('../', import.meta.url));
const LIMIT = 400;
const REASON = /^\s*(?:\/\/|\*|\/\*\*?)\s*Over 400 lines: \S.{10,}/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|e2e)\.tsx?$/.test(name) ? [path] : [];
  });
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

test('every source file over 400 lines says at its top why it is long', () => {
  const unexplained = sourceFiles(src).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const lines = lineCount(text);
    if (lines <= LIMIT) return [];
    const top = text.split('\n').slice(0, 15);
    return top.some((line) => REASON.test(line)) ? [] : [`${relative(src, file)} (${lines} lines)`];
  });
  expect(unexplained).toEqual([]);
});

test('the reason pattern takes a stated reason and nothing less', () => {
  expect(REASON.test('// Over 400 lines: one language’s strings of the recalls pages.')).toBe(true);
  expect(REASON.test(' * Over 400 lines: the four platforms’ event fixtures, one per kind.')).toBe(true);
  expect(REASON.test('// Over 400 lines:')).toBe(false);
  expect(REASON.test('// over 400 lines because')).toBe(false);
  expect(REASON.test('const x = 1; // Over 400 lines: a reason')).toBe(false);
});
