// `npm run e2e` runs the console browser test; `npm run e2e -- inbox-10k` runs the 10,000-ticket inbox check.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.ts'))
  .map((f) => f.replace(/\.e2e\.ts$/, ''));
const name = process.argv[2] ?? 'console';
if (!available.includes(name)) {
  console.error(`usage: npm run e2e [-- <name>]   (one of: ${available.join(', ')})`);
  process.exit(2);
}
const module = (await import(`./${name}.e2e.ts`)) as { default: () => Promise<boolean> };
const ok = await module.default().catch((error: unknown) => {
  console.error(error);
  return false;
});
process.exit(ok ? 0 : 1);
