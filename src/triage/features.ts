import { segmenter } from './segment.js';

/**
 * Sentiment features: jieba words (lower-cased, punctuation kept as its own token since "！！" and
 * "？" carry tone) as unigrams and adjacent-word bigrams, plus character bigrams of the raw text
 * (robust to segmentation slips), hashed into 2^bits buckets (FNV-1a and a murmur-style mix).
 * Training (train-sentiment.ts) and prediction (sentiment.ts) share this one function.
 */
export const HASH_BITS = 19;

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const mix = (a: number, b: number) => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/** The words jieba finds in the lower-cased text, whitespace dropped. */
export function tokens(text: string, lowerCased = false): string[] {
  const words = segmenter().cut(lowerCased ? text : text.toLowerCase(), true);
  let j = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const c = w.charCodeAt(0);
    if (c <= 32 || c === 0x3000 || c === 0xa0) {
      if (w.trim() === '') continue;
    }
    words[j++] = w;
  }
  words.length = j;
  return words;
}

/**
 * Hashed feature ids (with repeats) of a lower-cased text and its token list; the unigram of
 * words[i] is ids[2 * i].
 */
export function featureIds(text: string, words: string[], bits = HASH_BITS): number[] {
  const mask = (1 << bits) - 1;
  const ids: number[] = [];
  let prev = 0x2545f491; // sentence-start marker
  for (const w of words) {
    const h = fnv1a(w);
    ids.push(h & mask);
    ids.push(mix(prev, h) & mask);
    prev = h;
  }
  if (words.length) ids.push(mix(prev, 0x68e31da4) & mask); // sentence end
  const lower = text.length > 4000 ? text.slice(0, 4000) : text;
  let c = lower.charCodeAt(0);
  for (let i = 1; i < lower.length; i++) {
    const d = lower.charCodeAt(i);
    if (c > 32 && d > 32) ids.push(charBigram(c, d) & mask);
    c = d;
  }
  return ids;
}

/** The hashed id of a character bigram (before masking). */
export const charBigram = (c: number, d: number) => mix(c * 65599 + 0x51ed27, d);

// A small open-addressing set, reused across calls, that drops repeated ids of one text: the
// models were trained on presence.
const SET_BITS = 12;
const setSlots = new Int32Array(1 << SET_BITS);
const setStamps = new Uint32Array(1 << SET_BITS);
let setStamp = 0;

/** The distinct ids, in first-seen order (at most 4,095 of them; the rest of a long text is dropped). */
export function distinctIds(ids: number[]): number[] {
  setStamp = (setStamp + 1) >>> 0 || 1;
  if (setStamp === 1) setStamps.fill(0);
  const mask = (1 << SET_BITS) - 1;
  const out: number[] = [];
  for (let i = 0; i < ids.length && out.length < mask; i++) {
    const id = ids[i]!;
    let h = Math.imul(id, 0x9e3779b1) >>> (32 - SET_BITS);
    let dup = false;
    while (setStamps[h] === setStamp) {
      if (setSlots[h] === id) {
        dup = true;
        break;
      }
      h = (h + 1) & mask;
    }
    if (dup) continue;
    setStamps[h] = setStamp;
    setSlots[h] = id;
    out.push(id);
  }
  return out;
}

/**
 * Keeps the n best of a list by score, earlier entries first among equals: the same as a stable
 * sort of every candidate and its first n, without the sort. A later repeat of a word has the same
 * score as its first, so it never enters once the first was dropped.
 */
export function insertTop<T>(top: T[], item: T, n: number, score: (x: T) => number) {
  let at = top.length;
  while (at > 0 && score(top[at - 1]!) < score(item)) at--;
  if (at >= n) return;
  top.splice(at, 0, item);
  if (top.length > n) top.length = n;
}
