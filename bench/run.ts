import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench -- <name>`: runs bench/<name>.ts, whose default export prints its figures and
 * returns them; they are written to bench/results/<name>.json (one entry per engine when it names one).
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));

const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (one of: ${available.join(', ')})`);
  process.exit(2);
}

const module = (await import(`./${name}.ts`)) as {
  default: (args: string[]) => Promise<Record<string, unknown>>;
};
const started = Date.now();
const figures = await module.default(process.argv.slice(3));
const result = {
  bench: name,
  at: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 100) / 10,
  node: process.version,
  ...figures,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
// A bench that names its engine keeps one entry per engine, so PGlite and PostgreSQL sit side by side.
const file = new URL(`./results/${name}.json`, import.meta.url);
const engine = typeof figures.engine === 'string' ? figures.engine : undefined;
const previous =
  engine && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
const output = engine ? { ...previous, bench: name, [engine]: result } : result;
writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
console.log(`\nwritten to bench/results/${name}.json`);
process.exit(0);
