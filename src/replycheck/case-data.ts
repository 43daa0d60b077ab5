// The case's own numbers and buyer, found in a reply by hand: a public reply that names the order
// number, the after-sale, the tracking number or the buyer is refused even when no {order_id}
// placeholder was used (typed or pasted in). Pure: the facts come from replycheck-repo.ts.
import { fold } from '../quality/term-matcher.js';

/** What a reply on a case must not say in public. */
export type CaseFacts = {
  /** Order numbers, after-sale numbers and tracking numbers of the case. */
  numbers: string[];
  /** The buyer's name or nickname as the platform gave it. */
  names: string[];
};

export const NO_CASE_FACTS: CaseFacts = { numbers: [], names: [] };

// Shorter values would match ordinary text (a 3-digit price, a one-character name).
const MIN_NUMBER = 6;
const MIN_NAME = 2;

const compact = (s: string) => s.replace(/[\s-]/g, '');

/** Masked values (张**, 138****5678) are not what the buyer is called: they are never searched for. */
const usable = (s: string, min: number) => s.length >= min && !/[*＊]/.test(s);

/**
 * The spans of `body` that name one of the case's facts. Numbers are matched with spaces and dashes
 * ignored on both sides (6920 1234 5678 is 692012345678) and never inside a longer run of digits;
 * names case-insensitively. Offsets are UTF-16 code units of `body`.
 */
export function caseDataSpans(body: string, facts: CaseFacts): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const numbers = [...new Set(facts.numbers.map(compact).filter((n) => usable(n, MIN_NUMBER)))];
  if (numbers.length) {
    // The body's digits and letters without separators, each mapped back to its offset in `body`.
    let flat = '';
    const at: number[] = [];
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c === ' ' || c === '-' || c === '\u3000') continue;
      flat += c;
      at.push(i);
    }
    const folded = fold(flat);
    for (const n of numbers) {
      const needle = fold(n);
      for (let k = folded.indexOf(needle); k >= 0; k = folded.indexOf(needle, k + 1)) {
        const before = folded[k - 1];
        const after = folded[k + needle.length];
        if (/\d/.test(needle[0]!) && before !== undefined && /\d/.test(before)) continue;
        if (/\d/.test(needle.at(-1)!) && after !== undefined && /\d/.test(after)) continue;
        spans.push({ start: at[k]!, end: at[k + needle.length - 1]! + 1 });
      }
    }
  }
  const text = fold(body);
  for (const name of new Set(facts.names.map((s) => s.trim()).filter((s) => usable(s, MIN_NAME)))) {
    const needle = fold(name);
    for (let k = text.indexOf(needle); k >= 0; k = text.indexOf(needle, k + 1)) {
      spans.push({ start: k, end: k + needle.length });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
