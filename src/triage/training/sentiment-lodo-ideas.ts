/**
 * Leave-one-domain-out experiments beyond sentiment-lodo.ts's variants (MODEL.md): the tail clause
 * after the last 但/不过/可是 as extra features, feature-group ablations, and self-training on the
 * held-out domain's unlabelled dev texts (its labels are never used for training: only to score, on
 * the dev rows to choose, on the test rows to report).
 *
 *   npx tsx src/triage/training/sentiment-lodo-ideas.ts [--data DIR] [--variant NAME]...
 */
import { fileURLToPath } from 'node:url';
import { featureIds, fnv1a, HASH_BITS, mix, tokens } from '../features.js';
import { type Example, mulberry32, predict, SEED, shuffle, train } from '../train-sentiment.js';
import { dataDirFrom, readShopping } from './data.js';

const MASK = (1 << HASH_BITS) - 1;
const CONTRAST = new Set(['但', '但是', '不过', '可是']);
const TAIL_SALT = 0x7a11c1a5;

type Groups = { uni: number[]; wbi: number[]; cbi: number[]; tail: number[] };

function groups(review: string): Groups {
  const lower = review.toLowerCase();
  const words = tokens(lower, true);
  const ids = featureIds(lower, words);
  const n = words.length;
  const uni: number[] = [];
  const wbi: number[] = [];
  for (let i = 0; i < n; i++) {
    uni.push(ids[2 * i]!);
    wbi.push(ids[2 * i + 1]!);
  }
  if (n) wbi.push(ids[2 * n]!);
  const cbi = ids.slice(n ? 2 * n + 1 : 0);
  let last = -1;
  for (let i = 0; i < n; i++) if (CONTRAST.has(words[i]!)) last = i;
  const tail: number[] = [];
  if (last >= 0) for (let i = last + 1; i < n; i++) tail.push(mix(TAIL_SALT, fnv1a(words[i]!)) & MASK);
  return { uni, wbi, cbi, tail };
}

type Pick = (g: Groups) => number[];
const ALL: Pick = (g) => [...g.uni, ...g.wbi, ...g.cbi];

type SelfTrain = {
  confidence: number;
  weight: number;
  rounds: number;
  /**
   * `finetune`: continue from the nine-domain model on the pseudo-labelled texts alone (what a
   * per-tenant layer could do without the training set at hand); otherwise retrain on both.
   */
  finetune?: boolean;
};
type Idea = { name: string; pick: Pick; selfTrain?: SelfTrain };

/** Further epochs of the same AdaGrad, from a trained model's weights, on `examples` only. */
function finetune(base: { w: Float64Array; bias: number }, examples: Example[], epochs: number) {
  const w = Float64Array.from(base.w);
  const g2 = new Map<number, number>();
  let bias = base.bias;
  let biasG2 = 1e-8;
  const rand = mulberry32(SEED);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const ex of shuffle(examples, rand)) {
      let z = bias;
      for (const i of ex.x) z += w[i]!;
      const g = 1 / (1 + Math.exp(-z)) - ex.y;
      for (const i of ex.x) {
        const a = (g2.get(i) ?? 1e-8) + g * g;
        g2.set(i, a);
        w[i]! -= (0.05 * g) / Math.sqrt(a);
      }
      biasG2 += g * g;
      bias -= (0.05 * g) / Math.sqrt(biasG2);
    }
  }
  return { w, bias };
}

export const IDEAS: Idea[] = [
  { name: 'shipped', pick: ALL },
  { name: 'tail', pick: (g) => [...ALL(g), ...g.tail] },
  { name: 'words+char-bigrams', pick: (g) => [...g.uni, ...g.cbi] },
  { name: 'words+word-bigrams', pick: (g) => [...g.uni, ...g.wbi] },
  { name: 'char-bigrams', pick: (g) => g.cbi },
  { name: 'self-train-0.4', pick: ALL, selfTrain: { confidence: 0.4, weight: 1, rounds: 1 } },
  { name: 'self-train-0.3', pick: ALL, selfTrain: { confidence: 0.3, weight: 1, rounds: 1 } },
  { name: 'self-train-0.3x2', pick: ALL, selfTrain: { confidence: 0.3, weight: 1, rounds: 2 } },
  {
    name: 'self-train-0.3-finetune',
    pick: ALL,
    selfTrain: { confidence: 0.3, weight: 1, rounds: 1, finetune: true },
  },
  { name: 'self-train-0.2', pick: ALL, selfTrain: { confidence: 0.2, weight: 1, rounds: 1 } },
  {
    name: 'tail+self-train-0.3',
    pick: (g) => [...ALL(g), ...g.tail],
    selfTrain: { confidence: 0.3, weight: 1, rounds: 1 },
  },
];

type Row = { cat: string; y: number; g: Groups };
const round = (x: number) => Math.round(x * 10_000) / 10_000;

function run(dev: Row[], test: Row[], idea: Idea) {
  const ex = (r: Row): Example => ({ x: Uint32Array.from(new Set(idea.pick(r.g))), y: r.y });
  const devEx = dev.map(ex);
  const testEx = test.map(ex);
  const domains = [...new Set(dev.map((r) => r.cat))].sort();
  const table: Record<string, { dev: number; test: number; pseudo?: number; pseudoRight?: number }> = {};
  for (const d of domains) {
    const fit = devEx.filter((_, i) => dev[i]!.cat !== d);
    const heldDev = devEx.filter((_, i) => dev[i]!.cat === d);
    const heldTest = testEx.filter((_, i) => test[i]!.cat === d);
    let m = train(fit, SEED);
    let pseudo = 0;
    let pseudoRight = 0;
    for (let r = 0; r < (idea.selfTrain?.rounds ?? 0); r++) {
      const s = idea.selfTrain!;
      const extra: Example[] = [];
      pseudoRight = 0;
      for (const e of heldDev) {
        const p = predict(m, e.x);
        if (Math.abs(p - 0.5) < s.confidence) continue;
        const y = p >= 0.5 ? 1 : 0;
        if (y === e.y) pseudoRight++; // counted for the report only, never used
        extra.push({ x: e.x, y, weight: s.weight });
      }
      pseudo = extra.length;
      m = s.finetune ? finetune(m, extra, 1) : train([...fit, ...extra], SEED);
    }
    const acc = (rows: Example[]) =>
      rows.filter((e) => (predict(m, e.x) >= 0.5 ? 1 : 0) === e.y).length / Math.max(1, rows.length);
    table[d] = {
      dev: round(acc(heldDev)),
      test: round(acc(heldTest)),
      ...(idea.selfTrain ? { pseudo, pseudoRight: round(pseudoRight / Math.max(1, pseudo)) } : {}),
    };
  }
  const v = Object.values(table);
  const mean = (k: 'dev' | 'test') => round(v.reduce((s, x) => s + x[k], 0) / v.length);
  const min = (k: 'dev' | 'test') => Math.min(...v.map((x) => x[k]));
  return {
    idea: idea.name,
    devMean: mean('dev'),
    devMin: min('dev'),
    testMean: mean('test'),
    testMin: min('test'),
    table,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const names = argv.flatMap((a, i) => (argv[i - 1] === '--variant' ? [a] : []));
  const dir = dataDirFrom(argv);
  const rows = (split: 'dev' | 'test') =>
    readShopping(dir, split).map((r) => ({ cat: r.cat, y: r.label, g: groups(r.review) }));
  const t0 = Date.now();
  const dev = rows('dev');
  const test = rows('test');
  console.log(`prepared in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  for (const idea of IDEAS.filter((x) => !names.length || names.includes(x.name))) {
    const t1 = Date.now();
    console.log(JSON.stringify(run(dev, test, idea)), `${((Date.now() - t1) / 1000).toFixed(0)} s`);
  }
}
