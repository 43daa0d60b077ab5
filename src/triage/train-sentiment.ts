/**
 * Trains the sentiment model shipped in src/triage/model/sentiment.json.
 *
 *   npm run triage:train            (or: npx tsx src/triage/train-sentiment.ts)
 *
 * Data: ../shared/data/online_shopping_10_cats/dev.csv relative to the repo root — ONLY the dev split
 * (never test.csv, never complaints_labeled, whose texts come from the test split).
 * Model: logistic regression over hashed jieba unigrams + bigrams and character bigrams (features.ts, 2^19 buckets,
 * binary presence), trained by AdaGrad SGD with L2, EPOCHS passes over a shuffled order.
 * Reproducible: the shuffle uses mulberry32(SEED); the 10% hold-out that picks the neutral band is
 * drawn with the same generator; the final model is trained on all of dev.csv with the same seed.
 * Weights are quantized to int8 (one scale) and stored base64 in JSON (~700 KB).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { featureIds, HASH_BITS, tokens } from './features.js';

export const SEED = 20240611;
const EPOCHS = 3;
const LEARNING_RATE = 0.05;
const L2 = 1e-6;
const NEUTRAL_BAND = 0.1;

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEV = `${REPO}../shared/data/online_shopping_10_cats/dev.csv`;
const OUT = fileURLToPath(new URL('./model/sentiment.json', import.meta.url));

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates over a copy, driven by `rand` (mulberry32): the same seed, the same order. */
export function shuffle<T>(items: T[], rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export type Example = { x: Uint32Array; y: number; weight?: number };
export type SentimentTrainOptions = { epochs: number; rate: number; l2: number };
export const SENTIMENT_DEFAULTS: SentimentTrainOptions = { epochs: EPOCHS, rate: LEARNING_RATE, l2: L2 };

/** `weight` scales an example's step (domain-balanced training gives each domain the same total). */
export function train(examples: Example[], seed: number, o: SentimentTrainOptions = SENTIMENT_DEFAULTS) {
  const size = 1 << HASH_BITS;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const rand = mulberry32(seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const ex of shuffle(examples, rand)) {
      let z = bias;
      for (const i of ex.x) z += w[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ex.y) * (ex.weight ?? 1);
      for (const i of ex.x) {
        const grad = g + o.l2 * w[i]!;
        g2[i]! += grad * grad;
        w[i]! -= (o.rate * grad) / Math.sqrt(g2[i]!);
      }
      biasG2 += g * g;
      bias -= (o.rate * g) / Math.sqrt(biasG2);
    }
  }
  return { w, bias };
}

export const predict = (m: { w: Float64Array; bias: number }, x: Uint32Array) => {
  let z = m.bias;
  for (const i of x) z += m.w[i]!;
  return 1 / (1 + Math.exp(-z));
};

export function toExample(review: string, label: number): Example {
  return { x: Uint32Array.from(new Set(featureIds(review.toLowerCase(), tokens(review)))), y: label };
}

function main() {
  const rows = parse(readFileSync(DEV), { columns: true, skip_empty_lines: true }) as {
    label: string;
    review: string;
  }[];
  const examples = rows.map((r) => toExample(r.review ?? '', Number(r.label)));
  const rand = mulberry32(SEED);
  const order = shuffle(
    examples.map((_, i) => i),
    rand,
  );
  const cut = Math.floor(order.length * 0.9);
  const fit = order.slice(0, cut).map((i) => examples[i]!);
  const held = order.slice(cut).map((i) => examples[i]!);
  const probe = train(fit, SEED);
  const heldP = held.map((e) => ({ p: predict(probe, e.x), y: e.y }));
  const heldAcc = heldP.filter((e) => (e.p >= 0.5 ? 1 : 0) === e.y).length / heldP.length;
  // Neutral band: P(positive) within ±NEUTRAL_BAND of 0.5 is "neutral" — on the hold-out the texts in
  // that band are right barely more often than a coin flip (printed below).
  const band = NEUTRAL_BAND;
  for (const b of [0.05, 0.1, 0.15, 0.2]) {
    const inside = heldP.filter((e) => Math.abs(e.p - 0.5) < b);
    const acc = inside.filter((e) => (e.p >= 0.5 ? 1 : 0) === e.y).length / Math.max(1, inside.length);
    console.log(`band ±${b}: ${inside.length} texts inside, ${(acc * 100).toFixed(1)}% right`);
  }
  console.log(`hold-out accuracy ${(heldAcc * 100).toFixed(2)}% on ${held.length}; neutral band ±${band}`);

  const model = train(examples, SEED);
  let max = 0;
  for (const v of model.w) max = Math.max(max, Math.abs(v));
  const scale = max / 127;
  const q = new Int8Array(model.w.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.w[i]! / scale);
  const json = {
    format: 'aftercare-sentiment-lr-v1',
    hashBits: HASH_BITS,
    bias: model.bias,
    scale,
    neutralBand: band,
    trainedOn: 'online_shopping_10_cats/dev.csv',
    examples: examples.length,
    seed: SEED,
    epochs: EPOCHS,
    holdOutAccuracy: Number(heldAcc.toFixed(4)),
    weights: Buffer.from(q.buffer).toString('base64'),
  };
  writeFileSync(OUT, `${JSON.stringify(json)}\n`);
  console.log(`wrote ${OUT} (${(JSON.stringify(json).length / 1024).toFixed(0)} KiB)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
