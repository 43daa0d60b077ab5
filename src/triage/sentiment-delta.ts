import { fnv1a, HASH_BITS, mix } from './features.js';
import { mulberry32, shuffle } from './train-sentiment.js';

/**
 * Sentiment that travels (issue 16, item 4): a per-tenant delta over the shipped sentiment weights,
 * learned by self-training on the tenant's own unlabelled texts. The shipped model labels the texts
 * it is sure of (|p − 0.5| ≥ confidence), and a fresh AdaGrad, started from the shipped weights,
 * takes a pass over those pseudo-labels; then base + delta labels them again and the delta takes
 * one more pass (rounds, each going on from the last); what it changed is the delta. No labelled data is
 * needed at runtime, and a zero delta is the shipped model.
 *
 * Pure: no I/O. `sentiment-adaptation-service.ts` reads the texts, trains in the background, stores
 * the delta per tenant; `sentiment.ts` adds it to the shipped sum.
 */
export const SENTIMENT_DELTA_FORMAT = 'aftercare-sentiment-delta-v1';

export type DeltaOptions = {
  /** Pseudo-label only texts with |p − 0.5| at least this. */
  confidence: number;
  /** Passes of AdaGrad over the pseudo-labels. */
  epochs: number;
  rate: number;
  /** Weight each pseudo-class so both add up to the same total. */
  balanced: boolean;
  /** Label again with base + delta and train once more (self-training rounds). */
  rounds: number;
  /**
   * Each round after the first continues from the last round's delta (its weights and bias, a fresh
   * AdaGrad) instead of starting again from the shipped weights.
   */
  continued: boolean;
  /** The words after the last 但/但是/不过/可是 as extra hashed features the delta alone weighs. */
  tail: boolean;
  /** At most this many non-zero weights are kept (the largest): the stored size is bounded. */
  maxEntries: number;
};

/**
 * The settings chosen on the held-out domains' dev rows (MODEL.md, training/sentiment-lodo-delta.ts:
 * the best dev mean of the second grid, which also holds the first grid's best): pseudo-labels at
 * |p − 0.5| ≥ 0.35, both classes weighted alike, one epoch a round, five rounds, each labelling the
 * texts again with base + delta and going on from the last round's delta.
 */
export const DELTA_DEFAULTS: DeltaOptions = {
  confidence: 0.35,
  epochs: 1,
  rate: 0.05,
  balanced: true,
  rounds: 5,
  continued: true,
  tail: false,
  maxEntries: 1 << 16,
};

/** One text the delta learns from: its distinct feature ids (with tail ids when used). */
export type DeltaText = { ids: ArrayLike<number> };

/** The shipped weights as the delta sees them: weight of a feature id and the bias. */
export type BaseWeights = { weight: (id: number) => number; bias: number };

export type TrainedDelta = {
  bias: number;
  entries: Map<number, number>;
  /** Texts that got a pseudo-label (the last round's). */
  pseudoLabelled: number;
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

const CONTRAST = new Set(['但', '但是', '不过', '可是']);
const TAIL_SALT = 0x7a11c1a5;

const BASE_SIZE = 1 << HASH_BITS;

/**
 * The hashed ids of the words after the last contrast word (none when there is none), above the
 * shipped model's ids (2^19 + bucket): the shipped model has no weight for them, only the delta.
 */
export function tailIds(words: readonly string[]): number[] {
  const mask = BASE_SIZE - 1;
  let last = -1;
  for (let i = 0; i < words.length; i++) if (CONTRAST.has(words[i]!)) last = i;
  const out: number[] = [];
  if (last >= 0)
    for (let i = last + 1; i < words.length; i++)
      out.push(BASE_SIZE + (mix(TAIL_SALT, fnv1a(words[i]!)) & mask));
  return out;
}

function probability(
  base: BaseWeights,
  delta: Map<number, number>,
  deltaBias: number,
  ids: ArrayLike<number>,
) {
  let z = base.bias + deltaBias;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    z += (id < BASE_SIZE ? base.weight(id) : 0) + (delta.get(id) ?? 0);
  }
  return sigmoid(z);
}

/** Texts between two pauses of the training (a slice of a few tens of ms at most). */
const SLICE = 500;

type Run = { bias: number; delta: Map<number, number>; pseudoLabelled: number };

function* onePass(
  base: BaseWeights,
  texts: readonly DeltaText[],
  labels: readonly (0 | 1 | null)[],
  o: DeltaOptions,
  seed: number,
  from?: Run,
): Generator<void, Run> {
  const examples: { ids: ArrayLike<number>; y: 0 | 1; weight: number }[] = [];
  let pos = 0;
  for (const [i, t] of texts.entries()) {
    const y = labels[i];
    if (y === null || y === undefined) continue;
    examples.push({ ids: t.ids, y, weight: 1 });
    pos += y;
  }
  if (o.balanced && pos > 0 && pos < examples.length) {
    const wPos = examples.length / (2 * pos);
    const wNeg = examples.length / (2 * (examples.length - pos));
    for (const e of examples) e.weight = e.y ? wPos : wNeg;
  }
  const delta = new Map<number, number>(from?.delta);
  const g2 = new Map<number, number>();
  let bias = from?.bias ?? 0;
  let biasG2 = 1e-8;
  const rand = mulberry32(seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const [n, e] of shuffle(examples, rand).entries()) {
      if (n % SLICE === SLICE - 1) yield;
      const g = (probability(base, delta, bias, e.ids) - e.y) * e.weight;
      if (g === 0) continue;
      for (let i = 0; i < e.ids.length; i++) {
        const id = e.ids[i]!;
        const a = (g2.get(id) ?? 1e-8) + g * g;
        g2.set(id, a);
        delta.set(id, (delta.get(id) ?? 0) - (o.rate * g) / Math.sqrt(a));
      }
      biasG2 += g * g;
      bias -= (o.rate * g) / Math.sqrt(biasG2);
    }
  }
  return { bias, delta, pseudoLabelled: examples.length };
}

/** The pseudo-label of a text at this confidence: 1, 0, or null (unsure: left out). */
export const pseudoLabel = (p: number, confidence: number): 0 | 1 | null =>
  Math.abs(p - 0.5) < confidence ? null : p >= 0.5 ? 1 : 0;

function* deltaSteps(
  base: BaseWeights,
  texts: readonly DeltaText[],
  options: Partial<DeltaOptions>,
  seed: number,
): Generator<void, TrainedDelta> {
  const o = { ...DELTA_DEFAULTS, ...options };
  const labelAll = function* (delta: Map<number, number>, bias: number) {
    const out: (0 | 1 | null)[] = [];
    for (const [n, t] of texts.entries()) {
      if (n % SLICE === SLICE - 1) yield;
      out.push(pseudoLabel(probability(base, delta, bias, t.ids), o.confidence));
    }
    return out;
  };
  // The first labels come from the shipped model alone (a tail id has no shipped weight).
  let labels = yield* labelAll(new Map(), 0);
  let run = yield* onePass(base, texts, labels, o, seed);
  for (let r = 1; r < o.rounds; r++) {
    labels = yield* labelAll(run.delta, run.bias);
    run = yield* onePass(base, texts, labels, o, seed, o.continued ? run : undefined);
  }
  let entries = run.delta;
  if (entries.size > o.maxEntries) {
    yield;
    const kept = [...entries].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, o.maxEntries);
    entries = new Map(kept);
  }
  return { bias: run.bias, entries, pseudoLabelled: run.pseudoLabelled };
}

export function trainSentimentDelta(
  base: BaseWeights,
  texts: readonly DeltaText[],
  options: Partial<DeltaOptions> = {},
  seed = 20240611,
): TrainedDelta {
  const steps = deltaSteps(base, texts, options, seed);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same training, awaiting `pause` every few hundred texts: on the API process a full-size
 * training (5,000 texts, five rounds: about 1.8 s of CPU) would otherwise hold the event loop.
 */
export async function trainSentimentDeltaInSlices(
  base: BaseWeights,
  texts: readonly DeltaText[],
  pause: () => Promise<void>,
  options: Partial<DeltaOptions> = {},
  seed = 20240611,
): Promise<TrainedDelta> {
  const steps = deltaSteps(base, texts, options, seed);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}

/** The delta as stored: sorted ids (delta-coded, base64 of Uint32) and int8 values with one scale. */
export type StoredDelta = {
  format: typeof SENTIMENT_DELTA_FORMAT;
  bits: number;
  tail: boolean;
  bias: number;
  scale: number;
  ids: string;
  values: string;
};

export function encodeDelta(d: TrainedDelta, tail: boolean): StoredDelta {
  const pairs = [...d.entries].sort((a, b) => a[0] - b[0]);
  let max = 0;
  for (const [, v] of pairs) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 127 : 1;
  const gaps = new Uint32Array(pairs.length);
  const q = new Int8Array(pairs.length);
  let prev = 0;
  for (const [i, [id, v]] of pairs.entries()) {
    gaps[i] = id - prev;
    prev = id;
    q[i] = Math.round(v / scale);
  }
  return {
    format: SENTIMENT_DELTA_FORMAT,
    bits: HASH_BITS,
    tail,
    bias: d.bias,
    scale,
    ids: Buffer.from(gaps.buffer).toString('base64'),
    values: Buffer.from(q.buffer).toString('base64'),
  };
}

/**
 * The delta as analyses read it: an open-addressing table, a second lookup per distinct feature id of
 * a text, only for the tenants that have one. Key and int8 value side by side in one Int32Array
 * (one cache line per lookup), at most half full.
 */
export type DeltaTable = {
  bias: number;
  tail: boolean;
  size: number;
  scale: number;
  shift: number;
  /** [id, q] pairs; id −1 is an empty slot. */
  slots: Int32Array;
};

export function decodeDelta(s: StoredDelta): DeltaTable | undefined {
  if (s?.format !== SENTIMENT_DELTA_FORMAT || s.bits !== HASH_BITS) return undefined;
  const gapBytes = Buffer.from(s.ids, 'base64');
  const gaps = new Uint32Array(
    gapBytes.buffer.slice(gapBytes.byteOffset, gapBytes.byteOffset + gapBytes.length),
  );
  const q = new Int8Array(Buffer.from(s.values, 'base64'));
  if (gaps.length !== q.length) return undefined;
  let bits = 4;
  while (1 << bits < gaps.length * 2) bits++;
  const cap = 1 << bits;
  const shift = 32 - bits;
  const slots = new Int32Array(cap * 2).fill(-1);
  let id = 0;
  for (let i = 0; i < gaps.length; i++) {
    id += gaps[i]!;
    if (q[i] === 0) continue;
    let h = Math.imul(id, 0x9e3779b1) >>> shift;
    while (slots[2 * h] !== -1) h = (h + 1) & (cap - 1);
    slots[2 * h] = id;
    slots[2 * h + 1] = q[i]!;
  }
  return { bias: s.bias, tail: s.tail, size: gaps.length, scale: s.scale, shift, slots };
}

/** The delta's int8 value of one feature id (0 when it has none). */
function deltaQ(t: DeltaTable, id: number): number {
  const { slots } = t;
  const mask = (slots.length >>> 1) - 1;
  let h = Math.imul(id, 0x9e3779b1) >>> t.shift;
  for (;;) {
    const k = slots[2 * h]!;
    if (k === id) return slots[2 * h + 1]!;
    if (k === -1) return 0;
    h = (h + 1) & mask;
  }
}

/** The delta's weight of one feature id, in logit units (0 when it has none). */
export const deltaWeight = (t: DeltaTable, id: number) => deltaQ(t, id) * t.scale;

/** The delta's part of a text's logit: its bias plus its weights of the text's distinct ids and tail. */
export function deltaLogit(t: DeltaTable, distinct: readonly number[], words: readonly string[]): number {
  let sum = 0;
  for (let i = 0; i < distinct.length; i++) sum += deltaQ(t, distinct[i]!);
  if (t.tail) for (const id of new Set(tailIds(words))) sum += deltaQ(t, id);
  return t.bias + sum * t.scale;
}
