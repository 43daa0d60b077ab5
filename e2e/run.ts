// `npm run e2e` runs the console browser test; `npm run e2e -- <name>` runs e2e/<name>.e2e.ts;
// `npm run e2e -- all` runs every browser test except the inbox-10k measurement, one after another.
import { readdirSync, readFileSync } from 'node:fs';
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

/** CPU seconds of this process and of the children it has waited for (servers, the demo), from /proc. */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // fields after the command's closing parenthesis: cutime and cstime are the 14th and 15th, in ticks
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // not Linux: this process only
  }
  return (own.user + own.system) / 1e6 + children;
}

const results: { name: string; ok: boolean; wall: number; cpu: number }[] = [];
for (const n of names) {
  const started = Date.now();
  const cpu = cpuSeconds();
  const module = (await import(`./${n}.e2e.ts`)) as { default: () => Promise<boolean> };
  const ok = await module.default().catch((error: unknown) => {
    console.error(error);
    return false;
  });
  results.push({ name: n, ok, wall: (Date.now() - started) / 1000, cpu: cpuSeconds() - cpu });
}
await closeChromium();
if (names.length > 1) {
  // Where the stage's time goes (chromium's own CPU is not in these: it runs until the end).
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(16)} wall ${r.wall.toFixed(0).padStart(4)} s  cpu ${r.cpu.toFixed(0).padStart(4)} s`,
    );
  }
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  console.log(
    `e2e all: ${results.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''}`,
  );
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
