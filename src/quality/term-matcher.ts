import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { ALLOW, TERMS, type TermEntry, type TermRule } from './terms.js';

export type TermHit = { rule: TermRule; start: number; end: number; terms: string[] };

/**
 * Full-width ASCII to half-width and A–Z to a–z: every character maps to one UTF-16 unit, so
 * offsets in the folded text are offsets in the original.
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 65 && c <= 90) c += 32;
    out += String.fromCharCode(c);
  }
  return out;
}

/**
 * All terms and allow-list words in one Aho–Corasick automaton (@monyone/aho-corasick, double-array
 * build): one pass over the text whatever the number of terms. A term inside an allow-list word
 * (第一 in 第一次) is dropped; overlapping terms of one rule become one span (全网最低价, not three).
 */
export class TermMatcher {
  private readonly automaton: AhoCorasick;
  private readonly rules = new Map<string, TermRule>();
  private readonly allow = new Set<string>();

  constructor(terms: TermEntry[] = TERMS, allow: string[] = ALLOW) {
    for (const { term, rule } of terms) this.rules.set(fold(term), rule);
    for (const word of allow) this.allow.add(fold(word));
    this.automaton = new AhoCorasick([...new Set([...this.rules.keys(), ...this.allow])]);
  }

  search(text: string): TermHit[] {
    const matches = this.automaton.matchInText(fold(text));
    if (!matches.length) return [];
    const allowed = matches.filter((m) => this.allow.has(m.keyword));
    const terms = matches
      .filter((m) => this.rules.has(m.keyword))
      .filter((m) => !allowed.some((a) => a.begin <= m.begin && m.end <= a.end))
      .sort((a, b) => a.begin - b.begin || b.end - a.end);
    const hits: TermHit[] = [];
    for (const m of terms) {
      const rule = this.rules.get(m.keyword)!;
      const last = hits.findLast((h) => h.rule === rule);
      if (last && m.begin < last.end) {
        last.end = Math.max(last.end, m.end);
        if (!last.terms.includes(m.keyword)) last.terms.push(m.keyword);
      } else {
        hits.push({ rule, start: m.begin, end: m.end, terms: [m.keyword] });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }
}
