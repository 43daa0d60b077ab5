// A failed CI stage's summary, short enough for the tail of a log: the browser tests' failure blocks
// (`npm run e2e -- all` prints them after "== e2e failures"), vitest's failed tests with the first line
// of each error, or else the stage's last lines. Usage: node .ci/failure-summary.mjs <stage log>
import { readFileSync } from 'node:fs';

const MAX_LINES = 100;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

const text = readFileSync(process.argv[2], 'utf8').replace(ANSI, '').replace(/\r/g, '');
const lines = text.split('\n');
const out = [];

const e2eStart = lines.findLastIndex((l) => l.startsWith('== e2e failures'));
if (e2eStart >= 0) out.push(...lines.slice(e2eStart).filter((l) => l.trim() !== ''));

// vitest: " FAIL  |project| file > suite > test" in its failures section, the error on a later line
const failed = [];
for (let i = 0; i < lines.length; i++) {
  const m = /^\s*FAIL\s+(.*\S)\s*$/.exec(lines[i]);
  if (!m) continue;
  const error = lines.slice(i + 1, i + 6).find((l) => l.trim() !== '' && !/^\s*FAIL\s/.test(l));
  const entry = `  ✗ ${m[1]}${error ? `\n      ${error.trim().slice(0, 240)}` : ''}`;
  if (!failed.includes(entry)) failed.push(entry);
}
const unhandled = lines.filter((l) => /Unhandled (Error|Rejection)|Error: .*(timed out|Timeout)/i.test(l));
const counts = lines.filter((l) => /^\s*(Test Files|Tests|Errors)\s{2,}/.test(l)).map((l) => `  ${l.trim()}`);
if (failed.length || unhandled.length) {
  out.push(`vitest: ${failed.length} failed test(s)`, ...failed.slice(0, 25));
  if (failed.length > 25) out.push(`  … and ${failed.length - 25} more in the log above`);
  out.push(...[...new Set(unhandled)].slice(0, 5).map((l) => `  ${l.trim().slice(0, 240)}`), ...counts);
}

if (out.length === 0) {
  out.push('its last lines:', ...lines.filter((l) => l.trim() !== '').slice(-25));
}
console.log(out.slice(0, MAX_LINES).join('\n'));
if (out.length > MAX_LINES) console.log(`… ${out.length - MAX_LINES} more lines in the log above`);
