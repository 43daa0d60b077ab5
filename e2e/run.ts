// `npm run e2e` runs the console browser test; `npm run e2e -- <name>` runs e2e/<name>.e2e.ts;
// `npm run e2e -- all` runs every browser test except the inbox-10k measurement, one after another.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closeChromium } from './_browser.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.ts'))
  .map((f) => f.replace(/\.e2e\.ts$/, ''));
const MEASUREMENTS = ['inbox-10k'];
// Browser tests that run by name only until they pass.
const NOT_YET_PASSING: string[] = [];

const name = process.argv[2] ?? 'console';
const names =
  name === 'all'
    ? available.filter((n) => !MEASUREMENTS.includes(n) && !NOT_YET_PASSING.includes(n))
    : [name];
if (names.some((n) => !available.includes(n))) {
  console.error(`usage: npm run e2e [-- <name>|all]   (one of: ${available.join(', ')})`);
  process.exit(2);
}

const results: { name: string; ok: boolean }[] = [];
for (const n of names) {
  const module = (await import(`./${n}.e2e.ts`)) as { default: () => Promise<boolean> };
  const ok = await module.default().catch((error: unknown) => {
    console.error(error);
    return false;
  });
  results.push({ name: n, ok });
}
await closeChromium();
if (names.length > 1) {
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  console.log(
    `e2e all: ${results.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''}`,
  );
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
