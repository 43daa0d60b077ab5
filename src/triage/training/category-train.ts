import { type EvidenceMode, MIN_FEATURES } from '../category-model.js';
import { charBigram, fnv1a } from '../features.js';
import { mulberry32 } from '../train-sentiment.js';

/**
 * One-vs-rest logistic regression over sparse binary features (all categories trained in one pass
 * per example: the weights of one feature for every category sit together), AdaGrad with L2, and
 * the threshold choices made by cross-validation inside whatever data it is given. Pure: no I/O.
 */
/**
 * `x`: the text's features (value 1/√n); `e`: evidence features (value 1); `y`: the gold labels;
 * `lex`: whether the lexicon alone fires for each category.
 */
export type Example = { x: Int32Array; e: Int32Array; y: Uint8Array; lex: Uint8Array };
export type TrainOptions = {
  bits: number;
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
  /** Function words (FUNCTION_WORDS) get no weight: never evidence for a category. */
  freezeFunctionWords?: boolean;
  /** The floors the inner CV chooses from (category-eval.ts; FLOORS when not given). */
  floors?: readonly number[];
  /** How far below the best inner-CV mean F1 a higher floor may be and still be chosen. */
  floorTolerance?: number;
  /**
   * NBSVM-style scaling (Wang & Manning 2012): each text feature's value for category c is
   * multiplied by its log-count ratio r = log((p_f + α)/|p + α| ÷ (q_f + α)/|q + α|) over the
   * training texts with and without c; `nb` is α (off when absent). The file stores w·r: the runtime
   * is unchanged.
   */
  nb?: number;
  /** Positive examples of category c weigh (negatives/positives)^posWeight (off when absent). */
  posWeight?: number;
  /** The weights averaged over the last `average` epochs (off when absent). */
  average?: number;
  /** Which lexicon evidence the model reads (category-model.ts; `category` when absent). */
  evidence?: EvidenceMode;
  /** A second stage over the first stage's probabilities (trainStack; off when absent). */
  stack?: boolean;
};
export type Trained = { bits: number; k: number; w: Float32Array; bias: Float64Array };

// 2^16 buckets: the same CV figures as 2^18 (measured), and a quarter of the memory the runtime
// reads at random for every text (the model's lookups were half of triage's time).
// Function words get no weight, and the floor is the highest whose inner-CV macro-F1 is within 0.005
// of the best (MODEL.md: the same outer CV, and the plain slow-delivery review stays logistics_delay).
// A second stage over the first stage's probabilities (label co-occurrence): +0.003 to +0.008 outer-CV
// macro-F1 on three fold seeds (MODEL.md).
export const DEFAULTS: TrainOptions = {
  bits: 16,
  epochs: 12,
  rate: 0.2,
  l2: 1e-5,
  seed: 16_16,
  freezeFunctionWords: true,
  floorTolerance: 0.005,
  stack: true,
};

/**
 * Words that say nothing about what went wrong: a plain slow-delivery review (物流太慢了，一个星期还没到)
 * was tagged 运输破损 and 回复慢 on evidence like 还 / 了 / 一个 by a model trained with them. Their
 * unigram ids (and a two-character word's character bigram) are never updated in training, so their
 * weight is 0 in the file and at runtime. Negations (不, 没) and degree words (太, 很) are kept:
 * they change what a text says.
 */
export const FUNCTION_WORDS = [
  '的',
  '了',
  '还',
  '也',
  '都',
  '就',
  '又',
  '再',
  '在',
  '是',
  '着',
  '过',
  '地',
  '得',
  '吧',
  '啊',
  '呢',
  '吗',
  '呀',
  '哦',
  '嗯',
  '么',
  '啦',
  '我',
  '你',
  '他',
  '她',
  '它',
  '我们',
  '你们',
  '他们',
  '自己',
  '这',
  '那',
  '这个',
  '那个',
  '个',
  '一',
  '一个',
  '一些',
  '一下',
  '些',
  '和',
  '与',
  '及',
  '把',
  '给',
  '让',
  '被',
  '对',
  '说',
  '的话',
];

/** 1 for every id (masked to `bits`) that belongs to a function word. */
export function functionWordIds(bits: number): Uint8Array {
  const mask = (1 << bits) - 1;
  const out = new Uint8Array(1 << bits);
  for (const w of FUNCTION_WORDS) {
    out[fnv1a(w) & mask] = 1;
    if (w.length === 2) out[charBigram(w.charCodeAt(0), w.charCodeAt(1)) & mask] = 1;
  }
  return out;
}

export function order(n: number, rand: () => number): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

export function train(examples: Example[], k: number, o: TrainOptions = DEFAULTS): Trained {
  const size = 1 << o.bits;
  const w = new Float32Array(size * k);
  const g2 = new Float32Array(size * k);
  // The bias starts at the log-odds of each category's base rate; otherwise the features present in
  // almost every text (punctuation, the sentiment) learn the offset, and short texts, which have few
  // of them, come out far too probable.
  const bias = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const pos = examples.reduce((s, e) => s + e.y[c]!, 0);
    const rate = (pos + 0.5) / (examples.length + 1);
    bias[c] = Math.log(rate / (1 - rate));
  }
  const biasG2 = new Float64Array(k).fill(1);
  const rand = mulberry32(o.seed);
  const z = new Float64Array(k);
  const frozen = o.freezeFunctionWords ? functionWordIds(o.bits) : undefined;
  const r = o.nb === undefined ? undefined : logCountRatios(examples, k, o.bits, o.nb);
  const cw = new Float64Array(k).fill(1);
  if (o.posWeight)
    for (let c = 0; c < k; c++) {
      const pos = examples.reduce((s, e) => s + e.y[c]!, 0);
      cw[c] = ((examples.length - pos + 1) / (pos + 1)) ** o.posWeight;
    }
  const avgFrom = o.average ? o.epochs - o.average : o.epochs;
  const wSum = o.average ? new Float64Array(size * k) : undefined;
  const bSum = new Float64Array(k);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const i of order(examples.length, rand)) {
      const { x, e, y } = examples[i]!;
      // Text features scaled by 1/√n (long and short texts weigh alike); evidence features at 1.
      const v = 1 / Math.sqrt(Math.max(MIN_FEATURES, x.length));
      for (let c = 0; c < k; c++) z[c] = bias[c]!;
      for (let f = 0; f < x.length; f++) {
        const base = x[f]! * k;
        if (r) for (let c = 0; c < k; c++) z[c]! += w[base + c]! * r[base + c]! * v;
        else for (let c = 0; c < k; c++) z[c]! += w[base + c]! * v;
      }
      for (let f = 0; f < e.length; f++) {
        const base = e[f]! * k;
        for (let c = 0; c < k; c++) z[c]! += w[base + c]!;
      }
      for (let c = 0; c < k; c++) {
        const g = (1 / (1 + Math.exp(-z[c]!)) - y[c]!) * (y[c] ? cw[c]! : 1);
        z[c] = g;
        biasG2[c]! += g * g;
        bias[c]! -= (o.rate * g) / Math.sqrt(biasG2[c]!);
      }
      update(x, v, frozen, r);
      update(e, 1, undefined, undefined);
      function update(
        ids: Int32Array,
        value: number,
        skip: Uint8Array | undefined,
        scale: Float32Array | undefined,
      ) {
        for (let f = 0; f < ids.length; f++) {
          if (skip?.[ids[f]!]) continue;
          const base = ids[f]! * k;
          for (let c = 0; c < k; c++) {
            const j = base + c;
            const g = z[c]! * value * (scale ? scale[j]! : 1) + o.l2 * w[j]!;
            if (g === 0) continue;
            g2[j]! += g * g;
            w[j]! -= (o.rate * g) / Math.sqrt(g2[j]! + 1e-8);
          }
        }
      }
    }
    if (wSum && epoch >= avgFrom) {
      for (let j = 0; j < w.length; j++) wSum[j]! += w[j]!;
      for (let c = 0; c < k; c++) bSum[c]! += bias[c]!;
    }
  }
  if (wSum) {
    for (let j = 0; j < w.length; j++) w[j] = wSum[j]! / o.average!;
    for (let c = 0; c < k; c++) bias[c] = bSum[c]! / o.average!;
  }
  // The file and the runtime read one weight per feature and category: w·r.
  if (r) for (let j = 0; j < w.length; j++) w[j] = w[j]! * r[j]!;
  return { bits: o.bits, k, w, bias };
}

/**
 * Per text feature and category, the NB log-count ratio over the binary features of the texts with
 * and without the category (α-smoothed; sums over the features seen at least once).
 */
export function logCountRatios(examples: Example[], k: number, bits: number, alpha: number): Float32Array {
  const size = 1 << bits;
  const pos = new Float64Array(size * k);
  const neg = new Float64Array(size * k);
  const seen = new Uint8Array(size);
  for (const { x, y } of examples)
    for (let f = 0; f < x.length; f++) {
      const base = x[f]! * k;
      seen[x[f]!] = 1;
      for (let c = 0; c < k; c++) (y[c] ? pos : neg)[base + c]! += 1;
    }
  const pTotal = new Float64Array(k);
  const nTotal = new Float64Array(k);
  for (let id = 0; id < size; id++) {
    if (!seen[id]) continue;
    for (let c = 0; c < k; c++) {
      pTotal[c]! += pos[id * k + c]! + alpha;
      nTotal[c]! += neg[id * k + c]! + alpha;
    }
  }
  const r = new Float32Array(size * k);
  for (let id = 0; id < size; id++) {
    if (!seen[id]) continue;
    for (let c = 0; c < k; c++) {
      const j = id * k + c;
      r[j] = Math.log((pos[j]! + alpha) / pTotal[c]! / ((neg[j]! + alpha) / nTotal[c]!));
    }
  }
  return r;
}

export function predict(m: Trained, { x, e }: Example): Float64Array {
  const v = 1 / Math.sqrt(Math.max(MIN_FEATURES, x.length));
  const z = Float64Array.from(m.bias);
  for (let f = 0; f < x.length; f++) {
    const base = x[f]! * m.k;
    for (let c = 0; c < m.k; c++) z[c]! += m.w[base + c]! * v;
  }
  for (let f = 0; f < e.length; f++) {
    const base = e[f]! * m.k;
    for (let c = 0; c < m.k; c++) z[c]! += m.w[base + c]!;
  }
  for (let c = 0; c < m.k; c++) z[c] = 1 / (1 + Math.exp(-z[c]!));
  return z;
}

/** Fold of each example: a seeded shuffle dealt round-robin into `folds` parts. */
export function foldsOf(n: number, folds: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  const o = order(n, mulberry32(seed));
  for (let i = 0; i < n; i++) out[o[i]!] = i % folds;
  return out;
}

/** Out-of-fold probabilities: each example scored by a model that did not see it. */
export function outOfFold(examples: Example[], k: number, folds: number, o: TrainOptions): Float64Array[] {
  const fold = foldsOf(examples.length, folds, o.seed + 1);
  const out = new Array<Float64Array>(examples.length);
  for (let f = 0; f < folds; f++) {
    const m = train(
      examples.filter((_, i) => fold[i] !== f),
      k,
      o,
    );
    for (let i = 0; i < examples.length; i++) if (fold[i] === f) out[i] = predict(m, examples[i]!);
  }
  return out;
}

const GRID = Array.from({ length: 37 }, (_, i) => 0.05 + i * 0.025);

/** How the model and the lexicon combine for one category (chosen per category by CV). */
export const MODES = ['model', 'or', 'and'] as const;
export type Mode = (typeof MODES)[number];

/**
 * `floor`: the least probability the model alone needs when the category's lexicon does not fire
 * (the threshold t applies when it does): a low threshold chosen by F1 let words like 还 / 了 carry
 * a category nobody wrote about.
 */
export const decide = (mode: Mode, p: number, t: number, lex: boolean, floor = 0) =>
  mode === 'and' ? lex && p >= t : lex ? mode === 'or' || p >= t : p >= Math.max(t, floor);

/** The floors tried (one for all categories), chosen by the inner CV's macro-F1. */
export const FLOORS = [0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];

/** Per category: the mode and threshold with the best F1 over the given (out-of-fold) probabilities. */
export function bestF1Thresholds(probs: Float64Array[], examples: Example[], k: number, floor = 0) {
  const thresholds: number[] = [];
  const modes: Mode[] = [];
  const f1s: number[] = [];
  for (let c = 0; c < k; c++) {
    let best = { t: 0.5, mode: 'model' as Mode, f1: -1 };
    for (const mode of MODES) {
      for (const t of GRID) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (let i = 0; i < examples.length; i++) {
          const got = decide(mode, probs[i]![c]!, t, examples[i]!.lex[c] === 1, floor);
          const want = examples[i]!.y[c] === 1;
          if (got && want) tp++;
          else if (got) fp++;
          else if (want) fn++;
        }
        const f1 = (2 * tp) / Math.max(1, 2 * tp + fp + fn);
        if (f1 > best.f1 + 1e-9) best = { t, mode, f1 };
      }
    }
    thresholds.push(best.t);
    modes.push(best.mode);
    f1s.push(best.f1);
  }
  return { thresholds, modes, f1s };
}

/**
 * The highest floor (of `floors`) whose per-category best thresholds give a mean F1, over the
 * categories other than `skip` (safety, which the detector decides), within `tolerance` of the best
 * floor's: among choices the inner CV cannot tell apart, the one that lets the model alone tag a
 * text at the least probability is not preferred.
 */
export function bestFloor(
  probs: Float64Array[],
  examples: Example[],
  k: number,
  skip: number,
  floors: readonly number[] = FLOORS,
  tolerance = 0,
) {
  let best: ReturnType<typeof bestF1Thresholds> & { floor: number; mean: number } = {
    thresholds: [],
    modes: [],
    f1s: [],
    floor: 0,
    mean: -1,
  };
  const tried = floors.map((floor) => {
    const r = bestF1Thresholds(probs, examples, k, floor);
    return { ...r, floor, mean: r.f1s.reduce((s, f, c) => (c === skip ? s : s + f), 0) / (k - 1) };
  });
  const top = Math.max(...tried.map((r) => r.mean));
  for (const r of tried) if (r.mean >= top - tolerance - 1e-9 && r.floor >= best.floor) best = r;
  return best;
}

/**
 * The highest threshold at which (lexicon OR probability ≥ t) still reaches `recall` on the positives,
 * but not below `floor`; `byLexicon[i]` says the lexicon already caught example i.
 */
export function recallThreshold(
  probs: number[],
  positive: boolean[],
  byLexicon: boolean[],
  recall: number,
  floor: number,
): number {
  const missed = probs.filter((_, i) => positive[i] && !byLexicon[i]).sort((a, b) => b - a);
  const total = positive.filter(Boolean).length;
  const caughtByLexicon = positive.filter((p, i) => p && byLexicon[i]).length;
  const need = Math.ceil(recall * total) - caughtByLexicon;
  if (need <= 0) return 1;
  const t = missed[Math.min(need, missed.length) - 1] ?? 0;
  // Below the floor the model only adds false alarms unless it still finds some missed case there.
  if (t < floor && !missed.some((p) => p >= floor)) return 1;
  return Math.max(floor, t - 1e-6);
}
