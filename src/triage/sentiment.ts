import { readFileSync } from 'node:fs';
import { distinctIds, featureIds, HASH_BITS, insertTop } from './features.js';
import { type BaseWeights, type DeltaTable, deltaLogit } from './sentiment-delta.js';
import type { Sentiment } from './taxonomy.js';

/** The shipped model (train-sentiment.ts, MODEL.md): logistic regression over hashed features. */
type ModelFile = {
  format: string;
  hashBits: number;
  bias: number;
  scale: number;
  neutralBand: number;
  weights: string;
};

// Int8 weights (512 KiB) stay in cache far better than floats.
type Model = { bits: number; bias: number; scale: number; band: number; q: Int8Array };

let loaded: Model | undefined;

export function sentimentModel(): Model {
  if (!loaded) {
    const file = JSON.parse(
      readFileSync(new URL('./model/sentiment.json', import.meta.url), 'utf8'),
    ) as ModelFile;
    if (file.format !== 'aftercare-sentiment-lr-v1')
      throw new Error(`unknown sentiment model ${file.format}`);
    const q = new Int8Array(Buffer.from(file.weights, 'base64'));
    if (q.length !== 1 << file.hashBits || file.hashBits !== HASH_BITS)
      throw new Error('sentiment model: weights do not match hashBits');
    loaded = { bits: file.hashBits, bias: file.bias, scale: file.scale, band: file.neutralBand, q };
  }
  return loaded;
}

export type SentimentResult = {
  sentiment: Sentiment;
  /** In [-1, 1]: 2·P(positive) − 1. */
  score: number;
  /** The words that pushed the score most, in the direction of the verdict. */
  words: string[];
};

const EN_POS = new Set(
  'good great excellent love loved perfect fast quick happy recommend nice awesome amazing satisfied thanks thank helpful fine works beautiful best'.split(
    ' ',
  ),
);
const EN_NEG = new Set(
  'bad terrible awful worst broken damaged defective fake late poor disappointed disappointing refund never scam rude useless horrible cheap missing wrong slow angry waste problem issue leaking leaked dangerous unsafe'.split(
    ' ',
  ),
);

const USEFUL = /^(?:\p{Script=Han}+|[a-z]{2,}[a-z'-]*)$/u;
const STRONG_CHARS = new Set([...'好差烂坏贵慢快赞棒']);

function verdict(p: number, band: number): Sentiment {
  if (Math.abs(p - 0.5) < band) return 'neutral';
  return p >= 0.5 ? 'positive' : 'negative';
}

/** The shipped weights as the tenant's sentiment delta trains from them (sentiment-delta.ts). */
export function shippedWeights(): BaseWeights {
  const { q, scale, bias } = sentimentModel();
  return { weight: (id) => (q[id] ?? 0) * scale, bias };
}

/** The neutral band of the shipped model (P(positive) within it of 0.5 is neutral). */
export const sentimentVerdict = (p: number) => verdict(p, sentimentModel().band);

/**
 * The model's sentiment of a (Chinese or mixed) lower-cased text from its jieba words, its feature
 * ids (featureIds, with repeats: the unigram of words[i] is ids[2 * i]) and the distinct ids;
 * `delta`: the tenant's sentiment adaptation, added to the shipped logit.
 */
export function modelSentiment(
  text: string,
  words: string[],
  ids = featureIds(text, words),
  distinct = distinctIds(ids),
  delta?: DeltaTable,
): SentimentResult {
  const m = sentimentModel();
  const { q } = m;
  let sum = 0;
  for (let i = 0; i < distinct.length; i++) sum += q[distinct[i]!]!;
  const z = m.bias + sum * m.scale + (delta ? deltaLogit(delta, distinct, words) : 0);
  const p = 1 / (1 + Math.exp(-z));
  const sentiment = words.length || text.trim() ? verdict(p, m.band) : 'neutral';
  const sign = p >= 0.5 ? 1 : -1;
  const top: { w: string; c: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    const c = sign * q[ids[2 * i]!]! * m.scale;
    if (c <= 0.05 || (top.length === 3 && c <= top[2]!.c)) continue;
    const w = words[i]!;
    if (!USEFUL.test(w) || (w.length < 2 && !STRONG_CHARS.has(w))) continue;
    if (top.some((t) => t.w === w)) continue;
    insertTop(top, { w, c }, 3, (t) => t.c);
  }
  return { sentiment, score: round(2 * p - 1), words: top.map((t) => t.w) };
}

/** English texts: a small polarity word list (the model was trained on Chinese reviews only). */
export function englishSentiment(words: string[]): SentimentResult {
  let pos = 0;
  let neg = 0;
  const hits: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const negated = i > 0 && /^(not|no|never|n't|isn't|wasn't|don't|didn't)$/.test(words[i - 1]!);
    if (EN_POS.has(w)) {
      if (negated) neg++;
      else pos++;
      hits.push(negated ? `not ${w}` : w);
    } else if (EN_NEG.has(w)) {
      if (negated) pos += 0.5;
      else neg++;
      hits.push(negated ? `not ${w}` : w);
    }
  }
  const score = pos + neg === 0 ? 0 : Math.tanh((pos - neg) / 2);
  const sentiment: Sentiment = score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral';
  return { sentiment, score: round(score), words: hits.slice(0, 3) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The model's weight of words[from, to) of a text, from its raw feature ids (featureIds: the
 * unigram of words[i] at 2i, its bigram with the word before at 2i + 1; the bigram across the
 * clause's start is left out), in logit units without the bias: the polarity of one clause.
 */
export function clauseScorer(raw: readonly number[]): (from: number, to: number) => number {
  const { q, scale } = sentimentModel();
  return (from, to) => {
    let sum = 0;
    for (let i = from; i < to; i++) {
      sum += q[raw[2 * i]!] ?? 0;
      if (i > from) sum += q[raw[2 * i + 1]!] ?? 0;
    }
    return sum * scale;
  };
}
