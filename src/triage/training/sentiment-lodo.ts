/**
 * Leave-one-domain-out sentiment: for each of the ten product categories of online_shopping_10_cats,
 * train on the dev rows of the other nine and score the held-out domain — on its dev rows (to
 * choose between variants) and on its test rows (reported only, never used to choose).
 *
 *   npx tsx src/triage/training/sentiment-lodo.ts [--data DIR] [--variant NAME]...
 */
import { fileURLToPath } from 'node:url';
import {
  type Example,
  predict,
  SEED,
  SENTIMENT_DEFAULTS,
  type SentimentTrainOptions,
  toExample,
  train,
} from '../train-sentiment.js';
import { dataDirFrom, readShopping } from './data.js';

export type Variant = { name: string; balanced: boolean; options: SentimentTrainOptions };

export const VARIANTS: Variant[] = [
  { name: 'shipped', balanced: false, options: SENTIMENT_DEFAULTS },
  { name: 'balanced', balanced: true, options: SENTIMENT_DEFAULTS },
  { name: 'balanced-l2', balanced: true, options: { ...SENTIMENT_DEFAULTS, l2: 1e-5 } },
];

type Row = { cat: string; example: Example };

/** Each domain's examples weighted so that every domain adds up to the same total. */
export function balance(rows: Row[]): Example[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.cat, (count.get(r.cat) ?? 0) + 1);
  const mean = rows.length / count.size;
  return rows.map((r) => ({ ...r.example, weight: mean / count.get(r.cat)! }));
}

const accuracy = (m: ReturnType<typeof train>, rows: Row[]) =>
  rows.filter((r) => (predict(m, r.example.x) >= 0.5 ? 1 : 0) === r.example.y).length /
  Math.max(1, rows.length);

export function lodo(dev: Row[], test: Row[], variant: Variant) {
  const domains = [...new Set(dev.map((r) => r.cat))].sort();
  const table: Record<string, { devAccuracy: number; testAccuracy: number; testTexts: number }> = {};
  for (const d of domains) {
    const fit = dev.filter((r) => r.cat !== d);
    const m = train(variant.balanced ? balance(fit) : fit.map((r) => r.example), SEED, variant.options);
    const testRows = test.filter((r) => r.cat === d);
    table[d] = {
      devAccuracy: round(
        accuracy(
          m,
          dev.filter((r) => r.cat === d),
        ),
      ),
      testAccuracy: round(accuracy(m, testRows)),
      testTexts: testRows.length,
    };
  }
  const values = Object.values(table);
  const mean = (k: 'devAccuracy' | 'testAccuracy') =>
    round(values.reduce((s, v) => s + v[k], 0) / values.length);
  const min = (k: 'devAccuracy' | 'testAccuracy') => Math.min(...values.map((v) => v[k]));
  return {
    variant: variant.name,
    devMean: mean('devAccuracy'),
    devMin: min('devAccuracy'),
    testMean: mean('testAccuracy'),
    testMin: min('testAccuracy'),
    table,
  };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function loadRows(dir: string) {
  const toRows = (split: 'dev' | 'test') =>
    readShopping(dir, split).map((r) => ({ cat: r.cat, example: toExample(r.review, r.label) }));
  return { dev: toRows('dev'), test: toRows('test') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const names = argv.flatMap((a, i) => (argv[i - 1] === '--variant' ? [a] : []));
  const { dev, test } = loadRows(dataDirFrom(argv));
  for (const v of VARIANTS.filter((x) => !names.length || names.includes(x.name))) {
    const t0 = Date.now();
    const r = lodo(dev, test, v);
    console.log(JSON.stringify(r), `${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}
