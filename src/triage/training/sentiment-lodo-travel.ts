/**
 * Over 400 lines: one experiment's record — every variant MODEL.md reports, beside the one protocol
 * that scored them, so that each figure there can be reproduced; none of it runs in the product.
 *
 * "Sentiment that travels", round two (MODEL.md): leave-one-domain-out experiments on top of the
 * per-tenant delta (sentiment-lodo-delta.ts) — base models trained differently on the nine domains
 * (averaged AdaGrad, more epochs, negation-scope features) and delta variants (more rounds, a
 * threshold schedule, agreement of the word view and the character view of the base, soft weights,
 * a larger bound, averaged delta weights, character trigrams the delta alone weighs). Same protocol:
 * the held-out domain's dev texts are the tenant's unlabelled texts; its dev labels choose, its test
 * rows are reported only.
 *
 * The features of the 62,773 reviews are cached (--cache, in the temp directory by default; texts'
 * hashed ids only). What it found is in MODEL.md; the winner (rounds that go on from the last
 * delta) is in sentiment-delta.ts and was chosen by sentiment-lodo-delta.ts's grid.
 *
 *   nice -n 10 npx tsx src/triage/training/sentiment-lodo-travel.ts [--data DIR] [--cache FILE]
 *     [--base NAME]... [--delta NAME]... [--domain CAT]... [--out FILE]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { charBigram, distinctIds, featureIds, fnv1a, HASH_BITS, mix, tokens } from '../features.js';
import { mulberry32, SEED, shuffle } from '../train-sentiment.js';
import { dataDirFrom, readShopping } from './data.js';

const BASE_SIZE = 1 << HASH_BITS;
const MASK = BASE_SIZE - 1;
const NEG_SALT = 0x3c6ef372;
const TRI_SALT = 0x1b873593;
const NEGATORS = new Set([
  '不',
  '没',
  '没有',
  '别',
  '无',
  '未',
  '不是',
  '不会',
  '不能',
  '不要',
  '不太',
  '不够',
]);
const PUNCT = /^[\p{P}\p{S}\s]+$/u;

type Row = {
  cat: string;
  split: 'dev' | 'test';
  y: 0 | 1;
  /** The shipped features, distinct, word features first. */
  ids: Uint32Array;
  /** How many of ids come from the words (the rest are character bigrams). */
  nWord: number;
  /** Words in a negation's scope (after 不/没/别… until punctuation), own hashes in the base space. */
  neg: Uint32Array;
  /** Character trigrams, hashed above the base space (the delta alone weighs them). */
  tri: Uint32Array;
};

function toRow(cat: string, split: 'dev' | 'test', review: string, y: 0 | 1): Row {
  const lower = review.toLowerCase();
  const words = tokens(lower, true);
  const raw = featureIds(lower, words);
  const ids = distinctIds(raw);
  const wordPart = new Set(raw.slice(0, words.length ? 2 * words.length + 1 : 0));
  let nWord = 0;
  while (nWord < ids.length && wordPart.has(ids[nWord]!)) nWord++;
  const neg = new Set<number>();
  let inScope = 0;
  for (const w of words) {
    if (PUNCT.test(w)) inScope = 0;
    else if (NEGATORS.has(w)) inScope = 3;
    else if (inScope > 0) {
      neg.add(mix(NEG_SALT, fnv1a(w)) & MASK);
      inScope--;
    }
  }
  const tri = new Set<number>();
  const s = lower.length > 4000 ? lower.slice(0, 4000) : lower;
  for (let i = 2; i < s.length; i++) {
    const a = s.charCodeAt(i - 2);
    const b = s.charCodeAt(i - 1);
    const c = s.charCodeAt(i);
    if (a > 32 && b > 32 && c > 32) tri.add(BASE_SIZE + (mix(TRI_SALT ^ charBigram(a, b), c) & MASK));
  }
  return {
    cat,
    split,
    y,
    ids: Uint32Array.from(ids),
    nWord,
    neg: Uint32Array.from(neg),
    tri: Uint32Array.from(tri),
  };
}

// ---------------------------------------------------------------- base models

type BaseVariant = {
  name: string;
  epochs: number;
  rate: number;
  average: false | 'all' | 'last';
  neg: boolean;
};

const BASES: BaseVariant[] = [
  { name: 'shipped', epochs: 3, rate: 0.05, average: false, neg: false },
  { name: 'avg', epochs: 3, rate: 0.05, average: 'all', neg: false },
  { name: 'avg-last', epochs: 3, rate: 0.05, average: 'last', neg: false },
  { name: 'avg-e5', epochs: 5, rate: 0.05, average: 'all', neg: false },
  { name: 'avg-r0.1', epochs: 3, rate: 0.1, average: 'all', neg: false },
  { name: 'e5', epochs: 5, rate: 0.05, average: false, neg: false },
  { name: 'neg', epochs: 3, rate: 0.05, average: false, neg: true },
  { name: 'avg-neg', epochs: 3, rate: 0.05, average: 'all', neg: true },
];

const baseIds = (r: Row, v: { neg: boolean }) => (v.neg && r.neg.length ? concat(r.ids, r.neg) : r.ids);

function concat(a: Uint32Array, b: Uint32Array) {
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** AdaGrad logistic regression as train-sentiment.ts trains it, optionally with averaged weights. */
function trainBase(examples: { x: Uint32Array; y: number }[], v: BaseVariant) {
  const w = new Float64Array(BASE_SIZE);
  const u = new Float64Array(v.average ? BASE_SIZE : 0);
  const g2 = new Float64Array(BASE_SIZE).fill(1e-8);
  let bias = 0;
  let biasU = 0;
  let biasG2 = 1e-8;
  let c = 1;
  const rand = mulberry32(SEED);
  for (let epoch = 0; epoch < v.epochs; epoch++) {
    const averaging = v.average === 'all' || (v.average === 'last' && epoch === v.epochs - 1);
    if (v.average === 'last' && epoch === v.epochs - 1) c = 1;
    for (const ex of shuffle(examples, rand)) {
      let z = bias;
      for (const i of ex.x) z += w[i]!;
      const g = 1 / (1 + Math.exp(-z)) - ex.y;
      for (const i of ex.x) {
        const grad = g + 1e-6 * w[i]!;
        g2[i]! += grad * grad;
        const d = (v.rate * grad) / Math.sqrt(g2[i]!);
        w[i]! -= d;
        if (averaging) u[i]! -= c * d;
      }
      biasG2 += g * g;
      const db = (v.rate * g) / Math.sqrt(biasG2);
      bias -= db;
      if (averaging) {
        biasU -= c * db;
        c++;
      }
    }
  }
  if (v.average) {
    for (let i = 0; i < BASE_SIZE; i++) w[i] = w[i]! - u[i]! / c;
    bias -= biasU / c;
  }
  return { w, bias };
}

/** int8 with one scale, like the shipped file. */
function quantise(m: { w: Float64Array; bias: number }) {
  let max = 0;
  for (const v of m.w) max = Math.max(max, Math.abs(v));
  const scale = max / 127;
  const w = new Float64Array(m.w.length);
  for (let i = 0; i < w.length; i++) w[i] = Math.round(m.w[i]! / scale) * scale;
  return { w, bias: m.bias };
}

// ---------------------------------------------------------------- delta variants

type DeltaVariant = {
  name: string;
  /** Confidence per round (its length is the number of rounds). */
  conf: number[];
  epochs: number;
  rate: number;
  balanced: boolean;
  /** Pseudo-label only when the word view and the character view of the logit agree in sign. */
  agree?: boolean;
  /** Weight each pseudo-label by (2|p − 0.5|)^soft. */
  soft?: number;
  maxEntries: number;
  average?: boolean;
  /** Character trigrams as delta-only features. */
  tri?: boolean;
  /** Each round continues from the last delta instead of starting again from the base. */
  chain?: boolean;
  /** Train this many deltas on different shuffles and average them (one table at runtime). */
  bag?: number;
  /** L2 on the delta's weights, per step on the active ones. */
  l2?: number;
  /** The shuffles' seed (SEED unless set): how much of a difference is the order's luck. */
  seed?: number;
  /** Learn from at most this many of the held-out domain's dev texts (a random draw), as a tenant's delta reads its latest 5,000. */
  cap?: number;
};

const D = (name: string, o: Partial<DeltaVariant>): DeltaVariant => ({
  name,
  conf: [0.35, 0.35],
  epochs: 1,
  rate: 0.05,
  balanced: true,
  maxEntries: 1 << 16,
  ...o,
});

const DELTAS: DeltaVariant[] = [
  D('none', { conf: [] }),
  D('shipped', {}),
  D('r3', { conf: [0.35, 0.35, 0.35] }),
  D('r4', { conf: [0.35, 0.35, 0.35, 0.35] }),
  D('r3-down', { conf: [0.4, 0.35, 0.3] }),
  D('r3-up', { conf: [0.3, 0.35, 0.4] }),
  D('r4-down', { conf: [0.45, 0.4, 0.35, 0.3] }),
  D('c0.3', { conf: [0.3, 0.3] }),
  D('c0.4', { conf: [0.4, 0.4] }),
  D('agree', { agree: true }),
  D('agree-c0.3', { agree: true, conf: [0.3, 0.3] }),
  D('agree-r3', { agree: true, conf: [0.35, 0.35, 0.35] }),
  D('soft1-c0.2', { soft: 1, conf: [0.2, 0.2] }),
  D('soft2-c0.1', { soft: 2, conf: [0.1, 0.1] }),
  D('soft1-c0.3', { soft: 1, conf: [0.3, 0.3] }),
  D('bound17', { maxEntries: 1 << 17 }),
  D('bound18', { maxEntries: 1 << 18 }),
  D('avg', { average: true }),
  D('avg-e2', { average: true, epochs: 2 }),
  D('rate0.1', { rate: 0.1 }),
  D('rate0.03', { rate: 0.03 }),
  D('tri', { tri: true }),
  D('chain-r3', { chain: true, conf: [0.35, 0.35, 0.35] }),
  D('bag3', { bag: 3 }),
  D('bag3-r3', { bag: 3, conf: [0.35, 0.35, 0.35] }),
  D('bag5-e2', { bag: 5, epochs: 2 }),
  D('l2-e3', { l2: 1e-3, epochs: 3 }),
  D('chain-r4', { chain: true, conf: [0.35, 0.35, 0.35, 0.35] }),
  D('chain-r5', { chain: true, conf: [0.35, 0.35, 0.35, 0.35, 0.35] }),
  D('chain-r3-c0.3', { chain: true, conf: [0.3, 0.3, 0.3] }),
  D('chain-r3-c0.4', { chain: true, conf: [0.4, 0.4, 0.4] }),
  D('chain-r3-down', { chain: true, conf: [0.4, 0.35, 0.3] }),
  D('chain-r3-up', { chain: true, conf: [0.3, 0.35, 0.4] }),
  D('chain-r3-bag3', { chain: true, bag: 3, conf: [0.35, 0.35, 0.35] }),
  D('chain-r3-avg', { chain: true, average: true, conf: [0.35, 0.35, 0.35] }),
  D('chain-r5', { chain: true, conf: [0.35, 0.35, 0.35, 0.35, 0.35] }),
  ...[1, 2, 3].flatMap((k) => [
    D(`shipped-seed${k}`, { seed: SEED + 1000 * k }),
    D(`chain-r5-seed${k}`, { chain: true, conf: [0.35, 0.35, 0.35, 0.35, 0.35], seed: SEED + 1000 * k }),
  ]),
  D('chain-r5-bag3', { chain: true, bag: 3, conf: [0.35, 0.35, 0.35, 0.35, 0.35] }),
  D('chain-r5-bag3-seed3', { chain: true, bag: 3, conf: [0.35, 0.35, 0.35, 0.35, 0.35], seed: SEED + 3000 }),
  D('bag3-seed3', { bag: 3, seed: SEED + 3000 }),
  D('shipped-cap5000', { cap: 5000 }),
  D('chain-r5-cap5000', { chain: true, conf: [0.35, 0.35, 0.35, 0.35, 0.35], cap: 5000 }),
];

type Base = { w: Float64Array; bias: number };
type Text = { x: Uint32Array; nWord: number };

function z(base: Base, delta: Map<number, number>, db: number, x: Uint32Array, from = 0, to = x.length) {
  let s = 0;
  for (let i = from; i < to; i++) {
    const id = x[i]!;
    s += (id < BASE_SIZE ? base.w[id]! : 0) + (delta.get(id) ?? 0);
  }
  return s + db;
}

function trainDelta(base: Base, texts: Text[], v: DeltaVariant) {
  let delta = new Map<number, number>();
  let db = 0;
  let pseudo = 0;
  for (const conf of v.conf) {
    const ex: { x: Uint32Array; y: number; weight: number }[] = [];
    let pos = 0;
    for (const t of texts) {
      const zz = base.bias + z(base, delta, db, t.x);
      const p = 1 / (1 + Math.exp(-zz));
      if (Math.abs(p - 0.5) < conf) continue;
      const y = p >= 0.5 ? 1 : 0;
      if (v.agree) {
        // The two views: the words' part and the character bigrams' part of the logit (bias shared).
        const zw = z(base, delta, 0, t.x, 0, t.nWord);
        const zc = zz - zw;
        if (
          (zw + base.bias / 2 + db / 2 >= 0 ? 1 : 0) !== y ||
          (zc - base.bias / 2 - db / 2 >= 0 ? 1 : 0) !== y
        )
          continue;
      }
      ex.push({ x: t.x, y, weight: v.soft ? (2 * Math.abs(p - 0.5)) ** v.soft : 1 });
      pos += y;
    }
    pseudo = ex.length;
    if (v.balanced && pos > 0 && pos < ex.length) {
      let sp = 0;
      let sn = 0;
      for (const e of ex)
        if (e.y) sp += e.weight;
        else sn += e.weight;
      const total = sp + sn;
      for (const e of ex) e.weight *= e.y ? total / (2 * sp) : total / (2 * sn);
    }
    const one = (seed: number) => {
      const start = v.chain ? delta : new Map<number, number>();
      const d = new Map<number, number>(start);
      const u = new Map<number, number>();
      const g2 = new Map<number, number>();
      let b = v.chain ? db : 0;
      let bu = 0;
      let bg2 = 1e-8;
      let c = 1;
      const rand = mulberry32(seed);
      for (let e = 0; e < v.epochs; e++)
        for (const x of shuffle(ex, rand)) {
          const p = 1 / (1 + Math.exp(-(base.bias + z(base, d, b, x.x))));
          const g = (p - x.y) * x.weight;
          if (g === 0) continue;
          for (const id of x.x) {
            const grad = g + (v.l2 ?? 0) * (d.get(id) ?? 0);
            const a = (g2.get(id) ?? 1e-8) + grad * grad;
            g2.set(id, a);
            const step = (v.rate * grad) / Math.sqrt(a);
            d.set(id, (d.get(id) ?? 0) - step);
            if (v.average) u.set(id, (u.get(id) ?? 0) - c * step);
          }
          bg2 += g * g;
          const sb = (v.rate * g) / Math.sqrt(bg2);
          b -= sb;
          if (v.average) {
            bu -= c * sb;
            c++;
          }
        }
      if (v.average) {
        for (const [id, val] of u) d.set(id, d.get(id)! - val / c);
        b -= bu / c;
      }
      return { d, b };
    };
    const runs = Array.from({ length: v.bag ?? 1 }, (_, k) => one((v.seed ?? SEED) + k));
    const d = new Map<number, number>();
    let b = 0;
    for (const r of runs) {
      for (const [id, val] of r.d) d.set(id, (d.get(id) ?? 0) + val / runs.length);
      b += r.b / runs.length;
    }
    delta = d;
    db = b;
  }
  if (delta.size > v.maxEntries)
    delta = new Map([...delta].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, v.maxEntries));
  return { delta, db, pseudo };
}

// ---------------------------------------------------------------- run

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function load(dir: string, cache: string): Row[] {
  if (existsSync(cache)) return deserialize(readFileSync(cache)) as Row[];
  const t0 = Date.now();
  const rows = [
    ...readShopping(dir, 'dev').map((r) => toRow(r.cat, 'dev', r.review, r.label)),
    ...readShopping(dir, 'test').map((r) => toRow(r.cat, 'test', r.review, r.label)),
  ];
  writeFileSync(cache, serialize(rows));
  console.error(`prepared in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (k: string) => argv.flatMap((a, i) => (argv[i - 1] === k ? [a] : []));
  const rows = load(dataDirFrom(argv), opt('--cache')[0] ?? join(tmpdir(), 'sentiment-lodo-travel.v8'));
  const bases = BASES.filter((b) => !opt('--base').length || opt('--base').includes(b.name));
  const deltas = DELTAS.filter((d) => !opt('--delta').length || opt('--delta').includes(d.name));
  const domainsOnly = opt('--domain');
  const domains = [...new Set(rows.map((r) => r.cat))]
    .sort()
    .filter((d) => !domainsOnly.length || domainsOnly.includes(d));
  const out: Record<string, Record<string, { dev: number; test: number; pseudo: number }>> = {};
  const report = (last: boolean) => {
    const summary = summarise(out);
    if (opt('--out')[0]) writeFileSync(opt('--out')[0]!, JSON.stringify({ summary, table: out }, null, 1));
    if (last) for (const s of summary.sort((a, b) => b.devMean - a.devMean)) console.log(JSON.stringify(s));
  };
  for (const bv of bases) {
    for (const d of domains) {
      const t0 = Date.now();
      const fit = rows
        .filter((r) => r.split === 'dev' && r.cat !== d)
        .map((r) => ({ x: baseIds(r, bv), y: r.y }));
      const base = quantise(trainBase(fit, bv));
      const held = rows.filter((r) => r.cat === d);
      const tBase = Date.now() - t0;
      for (const dv of deltas) {
        const texts = (r: Row): Text => ({
          x: dv.tri ? concat(baseIds(r, bv), r.tri) : baseIds(r, bv),
          nWord: r.nWord,
        });
        const heldT = held.map((r) => ({ r, t: texts(r) }));
        const unlabelled = heldT.filter((h) => h.r.split === 'dev').map((h) => h.t);
        const { delta, db, pseudo } = trainDelta(
          base,
          dv.cap ? shuffle(unlabelled, mulberry32(SEED)).slice(0, dv.cap) : unlabelled,
          dv,
        );
        const acc = (split: 'dev' | 'test') => {
          let n = 0;
          let right = 0;
          for (const h of heldT) {
            if (h.r.split !== split) continue;
            n++;
            if ((base.bias + z(base, delta, db, h.t.x) >= 0 ? 1 : 0) === h.r.y) right++;
          }
          return round(right / Math.max(1, n));
        };
        const key = `${bv.name}/${dv.name}`;
        out[key] ??= {};
        out[key]![d] = { dev: acc('dev'), test: acc('test'), pseudo };
      }
      console.error(
        bv.name,
        d,
        `base ${(tBase / 1000).toFixed(0)} s, all ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
    report(false);
  }
  report(true);
}

function summarise(out: Record<string, Record<string, { dev: number; test: number; pseudo: number }>>) {
  return Object.entries(out).map(([k, t]) => {
    const v = Object.values(t);
    const mean = (s: 'dev' | 'test') => round(v.reduce((a, x) => a + x[s], 0) / v.length);
    const min = (s: 'dev' | 'test') => Math.min(...v.map((x) => x[s]));
    return {
      variant: k,
      devMean: mean('dev'),
      devMin: min('dev'),
      testMean: mean('test'),
      testMin: min('test'),
    };
  });
}
