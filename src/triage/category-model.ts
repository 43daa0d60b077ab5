import { existsSync, readFileSync } from 'node:fs';
import { fnv1a, insertTop } from './features.js';
import type { Prepared } from './prepare.js';
import { CATEGORIES, type Category, LANGUAGES, type Language, type Sentiment } from './taxonomy.js';

/**
 * The learned multi-label category model (train-categories.ts, MODEL.md): one logistic regression
 * per category over the hashed words, word bigrams and character bigrams of the text plus what the
 * lexicons found (a category's terms, weak cues, escalation and safety terms, the sentiment) as
 * features of their own — so the model learns how far to trust each lexicon category. Each category
 * has its own threshold, chosen by cross-validation inside the training data.
 */
export const CATEGORY_MODEL_FORMAT = 'aftercare-categories-lr-v1';

export type CategoryModelFile = {
  format: typeof CATEGORY_MODEL_FORMAT;
  hashBits: number;
  categories: Category[];
  bias: number[];
  /** Per category: int8 weight × scale = the real weight. */
  scale: number[];
  thresholds: number[];
  /** Per category: the model alone, the model OR the lexicon, or both (chosen by CV). */
  modes: ('model' | 'or' | 'and')[];
  /**
   * The least probability the model alone needs for a category its lexicon did not find (chosen by
   * CV; absent in older files: 0).
   */
  floor?: number;
  /** Probability above which the safety detector fires on the model alone (chosen for recall). */
  safetyThreshold: number;
  /**
   * Which lexicon evidence the model reads (EvidenceMode; absent in older files: `category`).
   */
  evidence?: EvidenceMode;
  /**
   * The second stage (training/category-stack.ts trainStack), absent when there is none: per
   * category [bias, weight of its own first-stage logit, weights of every category's probability].
   */
  stack?: number[][];
  /** Sorted feature ids, delta-encoded as LEB128 varints, base64. */
  ids: string;
  /** int8 weights, id-major (all categories of one id together), base64. */
  weights: string;
  trainedOn: Record<string, number | string>;
};

export type CategoryModel = {
  bits: number;
  k: number;
  categories: Category[];
  bias: Float64Array;
  scale: Float64Array;
  thresholds: Float64Array;
  modes: CategoryModelFile['modes'];
  floor: number;
  safetyThreshold: number;
  evidence: EvidenceMode;
  stack: number[][] | undefined;
  /** Index of safety_hazard, which the second stage leaves to the first. */
  safetyIndex: number;
  /** Dense id-major int8 weights: w[id * k + category]. */
  w: Int8Array;
};

/**
 * Text features weigh 1/√n, n at least this: a three-character text must not lean on one or two
 * words as hard as a sentence leans on all of its own.
 */
export const MIN_FEATURES = 16;

/** Evidence features get names hashed into the same space as the text's features. */
const evidenceIds = new Map<number, Map<string, number>>();
const evidenceId = (name: string, mask: number) => {
  let ids = evidenceIds.get(mask);
  if (!ids) {
    ids = new Map();
    evidenceIds.set(mask, ids);
  }
  let id = ids.get(name);
  if (id === undefined) {
    id = fnv1a(`\u0001${name}`) & mask;
    ids.set(name, id);
  }
  return id;
};

// The names built once, not per text.
const LEX_NAME = new Map(CATEGORIES.map((c) => [c, `lex:${c}`]));
const LEX_WEAK_NAME = new Map(CATEGORIES.map((c) => [c, `lexw:${c}`]));
const SENTIMENT_NAME: Record<Sentiment, string> = {
  negative: 'sent:negative',
  neutral: 'sent:neutral',
  positive: 'sent:positive',
};
const LANGUAGE_NAME = Object.fromEntries(LANGUAGES.map((l) => [l, `lang:${l}`])) as Record<Language, string>;

export type ModelInput = { text: number[]; evidence: number[] };

/**
 * `category`: one feature per lexicon category that fires (or only weakly); `cue`: one per lexicon
 * term found (built-in terms only: a tenant's terms were never trained on) and per term found negated
 * (没有破损), instead; `both`: the two together.
 */
export type EvidenceMode = 'category' | 'cue' | 'both';

/** The evidence features of a prepared text (ids masked to the model's bits). */
export function evidenceFeatures(p: Prepared, bits: number, mode: EvidenceMode = 'category'): number[] {
  const mask = (1 << bits) - 1;
  const evidence: number[] = [];
  const add = (name: string) => {
    evidence.push(evidenceId(name, mask));
  };
  if (mode !== 'cue')
    p.evidence.weights.forEach((weight, c) => {
      add((weight >= 1 ? LEX_NAME : LEX_WEAK_NAME).get(c)!);
    });
  if (mode !== 'category') {
    // A term of two categories is one feature.
    const names = new Set<string>();
    p.evidence.terms.forEach((terms) => {
      for (const t of terms) if (!t.endsWith(' (tenant)')) names.add(`cue:${t}`);
    });
    for (const t of p.evidence.negated) names.add(`neg:${t}`);
    names.forEach(add);
  }
  if (p.evidence.critical.length) add('crit');
  if (p.evidence.criticalWeak.length) add('critw');
  if (p.evidence.high.length) add('high');
  if (p.evidence.highWeak.length) add('highw');
  if (p.evidence.cues.anger.length) add('anger');
  if (p.evidence.cues.demand.length) add('demand');
  if (p.evidence.cues.hedge.length) add('hedge');
  if (p.safety.harm.length) add('safe:harm');
  if (p.safety.harmWeak.length) add('safe:harmw');
  if (p.safety.hazards.length) add('safe:hazard');
  if (p.safety.hazardsWeak.length) add('safe:hazardw');
  if (p.safety.context) add('safe:ctx');
  add(SENTIMENT_NAME[p.sentiment.sentiment]);
  add(LANGUAGE_NAME[p.language]);
  return evidence;
}

/** The model's input: the text's features (masked to the model's bits) and the evidence features. */
export function modelFeatures(p: Prepared, bits: number, mode: EvidenceMode = 'category'): ModelInput {
  const mask = (1 << bits) - 1;
  const text = new Array<number>(p.ids.length);
  for (let i = 0; i < p.ids.length; i++) text[i] = p.ids[i]! & mask;
  return { text, evidence: evidenceFeatures(p, bits, mode) };
}

export function decodeModel(file: CategoryModelFile): CategoryModel {
  if (file.format !== CATEGORY_MODEL_FORMAT) throw new Error(`unknown category model ${file.format}`);
  const k = file.categories.length;
  const w = new Int8Array((1 << file.hashBits) * k);
  const deltas = Buffer.from(file.ids, 'base64');
  const q = new Int8Array(Buffer.from(file.weights, 'base64'));
  let id = 0;
  let n = 0;
  for (let i = 0; i < deltas.length; ) {
    let d = 0;
    let shift = 0;
    let b: number;
    do {
      b = deltas[i++]!;
      d |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    id += d;
    w.set(q.subarray(n * k, n * k + k), id * k);
    n++;
  }
  if (n * k !== q.length) throw new Error('category model: ids and weights do not match');
  return {
    bits: file.hashBits,
    k,
    categories: file.categories,
    bias: Float64Array.from(file.bias),
    scale: Float64Array.from(file.scale),
    thresholds: Float64Array.from(file.thresholds),
    modes: file.modes,
    floor: file.floor ?? 0,
    safetyThreshold: file.safetyThreshold,
    evidence: file.evidence ?? 'category',
    stack: file.stack,
    safetyIndex: file.categories.indexOf('safety_hazard'),
    w,
  };
}

/** Sparse, quantised encoding of trained float weights (id-major, k per id). */
export function encodeWeights(weights: Float32Array, k: number, bits: number) {
  const size = 1 << bits;
  const scale = new Array<number>(k).fill(0);
  for (let id = 0; id < size; id++)
    for (let c = 0; c < k; c++) scale[c] = Math.max(scale[c]!, Math.abs(weights[id * k + c]!));
  for (let c = 0; c < k; c++) scale[c] = scale[c]! / 127 || 1;
  const ids: number[] = [];
  const q: number[] = [];
  for (let id = 0; id < size; id++) {
    const row = Array.from({ length: k }, (_, c) => Math.round(weights[id * k + c]! / scale[c]!));
    if (row.every((x) => x === 0)) continue;
    ids.push(id);
    q.push(...row);
  }
  const bytes: number[] = [];
  let prev = 0;
  for (const id of ids) {
    let d = id - prev;
    prev = id;
    while (d >= 0x80) {
      bytes.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    bytes.push(d);
  }
  return {
    scale,
    ids: Buffer.from(bytes).toString('base64'),
    weights: Buffer.from(Int8Array.from(q).buffer).toString('base64'),
  };
}

const MODEL_URL = new URL('./model/categories.json', import.meta.url);
let loaded: CategoryModel | null | undefined;

/** The shipped model, or null when the file is missing (the lexicon alone then decides). */
export function categoryModel(): CategoryModel | null {
  if (loaded === undefined) {
    loaded = existsSync(MODEL_URL)
      ? decodeModel(JSON.parse(readFileSync(MODEL_URL, 'utf8')) as CategoryModelFile)
      : null;
  }
  return loaded;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
const zText = new Float64Array(32);
const zEvidence = new Float64Array(32);

/**
 * Sums the rows w[id * 13 …] of the text's ids into zt. Thirteen categories, unrolled into locals:
 * the generic loop over categories kept its sums in memory and took five times as long (the whole
 * triage's largest cost after jieba). Integer sums, so the result is the generic loop's exactly.
 */
function sumRows13(w: Int8Array, ids: readonly number[], mask: number, zt: Float64Array) {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let a4 = 0;
  let a5 = 0;
  let a6 = 0;
  let a7 = 0;
  let a8 = 0;
  let a9 = 0;
  let a10 = 0;
  let a11 = 0;
  let a12 = 0;
  for (let i = 0; i < ids.length; i++) {
    const b = (ids[i]! & mask) * 13;
    a0 += w[b]!;
    a1 += w[b + 1]!;
    a2 += w[b + 2]!;
    a3 += w[b + 3]!;
    a4 += w[b + 4]!;
    a5 += w[b + 5]!;
    a6 += w[b + 6]!;
    a7 += w[b + 7]!;
    a8 += w[b + 8]!;
    a9 += w[b + 9]!;
    a10 += w[b + 10]!;
    a11 += w[b + 11]!;
    a12 += w[b + 12]!;
  }
  zt[0] = a0;
  zt[1] = a1;
  zt[2] = a2;
  zt[3] = a3;
  zt[4] = a4;
  zt[5] = a5;
  zt[6] = a6;
  zt[7] = a7;
  zt[8] = a8;
  zt[9] = a9;
  zt[10] = a10;
  zt[11] = a11;
  zt[12] = a12;
}

/**
 * P(category) for every category of the model, in the model's order, straight from the prepared
 * text (its distinct ids masked on the fly: the same input as modelFeatures, without copying it).
 * `out`: where to write them (a caller that reads them at once passes a buffer it reuses: a typed
 * array allocated per text cost more than the thirteen sums).
 */
export function categoryProbabilities(
  m: CategoryModel,
  p: Prepared,
  out = new Float64Array(m.k),
): Float64Array {
  const { w, k } = m;
  const mask = (1 << m.bits) - 1;
  const zt = zText.fill(0, 0, k);
  const ze = zEvidence.fill(0, 0, k);
  const ids = p.ids;
  if (k === 13) sumRows13(w, ids, mask, zt);
  else
    for (let i = 0; i < ids.length; i++) {
      const base = (ids[i]! & mask) * k;
      for (let c = 0; c < k; c++) zt[c]! += w[base + c]!;
    }
  for (const id of evidenceFeatures(p, m.bits, m.evidence)) {
    const base = id * k;
    for (let c = 0; c < k; c++) ze[c]! += w[base + c]!;
  }
  // Text features at 1/√n, as in training (long and short texts weigh alike); evidence at 1.
  const v = 1 / Math.sqrt(Math.max(MIN_FEATURES, ids.length));
  for (let c = 0; c < k; c++)
    out[c] = 1 / (1 + Math.exp(-(m.bias[c]! + (zt[c]! * v + ze[c]!) * m.scale[c]!)));
  if (m.stack) restack(m.stack, out, m.safetyIndex);
  return out;
}

const first = new Float64Array(32);

/**
 * The second stage over the first stage's probabilities, in place (category-stack.ts trainStack):
 * `skip` (safety) keeps its first-stage probability. Training scores with this same function.
 */
export function restack(stack: number[][], p: Float64Array, skip: number) {
  const k = stack.length;
  const q = k <= first.length ? first : new Float64Array(k);
  for (let c = 0; c < k; c++) q[c] = p[c]!;
  for (let c = 0; c < k; c++) {
    if (c === skip) continue;
    const row = stack[c]!;
    const own = Math.min(1 - 1e-6, Math.max(1e-6, q[c]!));
    let z = row[0]! + row[1]! * Math.log(own / (1 - own));
    for (let j = 0; j < k; j++) z += row[2 + j]! * q[j]!;
    p[c] = 1 / (1 + Math.exp(-z));
  }
}

/**
 * The words of the text that pushed one category's score most (for --explain): each word's unigram
 * id is already in `p.raw` (raw[2i]), so nothing is hashed again.
 */
const LONG_NUMBER = /\d{5,}|@/;

export function topWords(m: CategoryModel, p: Prepared, category: Category, n = 3): string[] {
  const c = m.categories.indexOf(category);
  if (c < 0) return [];
  const mask = (1 << m.bits) - 1;
  const top: { w: string; s: number }[] = [];
  const words = p.words;
  for (let i = 0; i < words.length; i++) {
    const s = m.w[(p.raw[2 * i]! & mask) * m.k + c]!;
    if (s <= 0 || (top.length === n && s <= top[n - 1]!.s)) continue;
    const word = words[i]!;
    // Words with a letter or digit only (punctuation carries weight but says nothing to a person);
    // never a long number (a phone, an ID or card number: the explanation is stored and shown unmasked).
    if (top.some((t) => t.w === word) || !WORDLIKE.test(word) || LONG_NUMBER.test(word)) continue;
    insertTop(top, { w: word, s }, n, (x) => x.s);
  }
  return top.map((x) => x.w);
}
