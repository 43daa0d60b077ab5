import { segmentForSearch } from '../triage/segment.js';

/**
 * Index and query terms on top of the shared jieba segmenter.
 *
 * jieba keeps compounds whole (屏幕碎, 太慢, 摔碎), so a document saying 屏幕摔碎了 has no term 碎 and the
 * query 屏幕 碎 would miss it. Documents therefore also index the single Han characters of their
 * multi-character words, and queries replace a compound that jieba also split into parts by those parts
 * plus single characters for whatever the parts leave uncovered. Every query term is then a word or a
 * character the document index holds whenever the document contains it.
 */

const HAN = /^\p{Script=Han}+$/u;
const HAN_CHAR = /\p{Script=Han}/u;

/** The most a query is cut to: a pasted review still searches, bounded. */
export const MAX_QUERY_TERMS = 24;

// Particles that carry no meaning on their own; dropped from queries unless nothing else is left.
const QUERY_STOPWORDS = new Set([
  '的',
  '了',
  '是',
  '吗',
  '呢',
  '啊',
  '吧',
  '呀',
  '哦',
  '嘛',
  '么',
  '和',
  '与',
  '也',
  '都',
  '就',
  '很',
  '太',
  '我',
  '你',
  'a',
  'an',
  'the',
  'is',
  'are',
  'was',
  'of',
  'to',
  'and',
  'or',
  'in',
  'on',
  'it',
  'my',
]);

const normalise = (text: string) => text.normalize('NFKC');
// PostgreSQL ignores words over 2,047 bytes; anything this long is not a word anyone searches for.
const MAX_TERM_LENGTH = 100;
const words = (text: string) => segmentForSearch(normalise(text)).filter((w) => w.length <= MAX_TERM_LENGTH);

/** Terms stored for a text: jieba search-mode words plus the Han characters of multi-character words. */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const word of words(text)) {
    terms.add(word);
    if (word.length > 1 && HAN_CHAR.test(word)) {
      for (const ch of word) if (HAN.test(ch)) terms.add(ch);
    }
  }
  return [...terms];
}

/** The text handed to to_tsvector('simple', …). */
export const indexText = (text: string): string => indexTerms(text).join(' ');

/**
 * Terms of a query, all of which a document must contain. Empty when the query has no letters or
 * digits (punctuation, emoji, tsquery operators): the caller then matches nothing.
 */
export function queryTerms(query: string): string[] {
  const found = [...new Set(words(query))];
  const terms = new Set<string>();
  for (const word of found) {
    if (!HAN.test(word) || word.length < 2) {
      terms.add(word);
      continue;
    }
    const parts = found.filter((w) => w !== word && w.length < word.length && word.includes(w));
    if (parts.length === 0) {
      terms.add(word);
      continue;
    }
    // A compound jieba also cut into parts: search the parts, and single characters for the rest.
    const covered = new Array<boolean>(word.length).fill(false);
    for (const part of parts) {
      for (let at = word.indexOf(part); at >= 0; at = word.indexOf(part, at + 1)) {
        for (let i = at; i < at + part.length; i++) covered[i] = true;
      }
      terms.add(part);
    }
    [...word].forEach((ch, i) => {
      if (!covered[i]) terms.add(ch);
    });
  }
  const all = [...terms];
  const meaningful = all.filter((t) => !QUERY_STOPWORDS.has(t));
  return (meaningful.length ? meaningful : all).slice(0, MAX_QUERY_TERMS);
}

export type Highlight = [start: number, end: number];
export type Snippet = { text: string; highlights: Highlight[] };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function termPattern(term: string): string {
  const body = escapeRegExp(term);
  // Latin words match whole words only; Han terms match anywhere (Chinese has no spaces).
  return HAN_CHAR.test(term) ? body : `(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`;
}

/** Where the query terms occur in a text: sorted, merged [start, end) UTF-16 offsets. */
export function findMatches(text: string, terms: string[]): Highlight[] {
  if (!terms.length || !text) return [];
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(sorted.map(termPattern).join('|'), 'giu');
  const ranges: Highlight[] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    ranges.push([m.index, m.index + m[0].length]);
    if (ranges.length >= 500) break;
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Highlight[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A window of about `width` characters of the text around its densest run of matches, with the
 * match offsets relative to the window. Plain text: the console marks the ranges itself.
 */
export function buildSnippet(text: string, terms: string[], width = 120): Snippet {
  const clean = text.replace(/\s+/g, ' ').trim();
  const matches = findMatches(clean, terms);
  if (clean.length <= width) return { text: clean, highlights: matches };
  // Start where the most matches fit in the window.
  let bestStart = 0;
  let bestCount = 0;
  for (let i = 0; i < matches.length; i++) {
    let count = 0;
    for (let j = i; j < matches.length && matches[j]![1] - matches[i]![0] <= width; j++) count++;
    if (count > bestCount) {
      bestCount = count;
      bestStart = matches[i]![0];
    }
  }
  let start = Math.max(0, Math.min(bestStart - Math.floor(width / 4), clean.length - width));
  if (start > 0 && isLowSurrogate(clean.charCodeAt(start))) start++;
  let end = Math.min(clean.length, start + width);
  if (end < clean.length && isLowSurrogate(clean.charCodeAt(end))) end++;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < clean.length ? '…' : '';
  const shift = prefix.length - start;
  const highlights = matches
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): Highlight => [s + shift, e + shift]);
  return { text: prefix + clean.slice(start, end) + suffix, highlights };
}
