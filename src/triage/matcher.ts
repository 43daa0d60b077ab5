import type { LexiconRule } from './lexicon.js';

export type Match = { rule: LexiconRule; start: number; negated: boolean };

const NEGATIONS = new Set([...'不没无未别非']);
const CLAUSE_END = /[\s，。！？；、,.!?;:：~～…]/u;
const isAsciiWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

/**
 * Aho–Corasick over UTF-16 code units: all rules are found in one pass over the text, whatever the
 * number of terms. Terms must be lower-case; search() expects lower-cased text.
 */
export class Matcher {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: LexiconRule[][] = [[]];

  constructor(rules: LexiconRule[]) {
    for (const rule of rules) {
      if (!rule.term) continue;
      let node = 0;
      for (let i = 0; i < rule.term.length; i++) {
        const c = rule.term.charCodeAt(i);
        let to = this.next[node]!.get(c);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[node]!.set(c, to);
        }
        node = to;
      }
      this.out[node]!.push(rule);
    }
    const queue: number[] = [];
    for (const to of this.next[0]!.values()) queue.push(to);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [c, to] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.out[to] = [...this.out[to]!, ...this.out[this.fail[to]!]!];
        queue.push(to);
      }
    }
  }

  search(lower: string): Match[] {
    const found: Match[] = [];
    let node = 0;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      let to = this.next[node]!.get(c);
      while (to === undefined && node) {
        node = this.fail[node]!;
        to = this.next[node]!.get(c);
      }
      node = to ?? 0;
      const rules = this.out[node]!;
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r]!;
        const start = i - rule.term.length + 1;
        const first = rule.term.charCodeAt(0);
        if (first < 128) {
          // Latin terms need word boundaries.
          const last = rule.term.charCodeAt(rule.term.length - 1);
          if (isAsciiWordChar(first) && start > 0 && isAsciiWordChar(lower.charCodeAt(start - 1))) continue;
          if (isAsciiWordChar(last) && i + 1 < lower.length && isAsciiWordChar(lower.charCodeAt(i + 1)))
            continue;
        }
        found.push({
          rule,
          start,
          negated: rule.negatable !== false && negatedAt(lower, start, first < 128),
        });
      }
    }
    return found;
  }
}

const EN_NEGATIONS = /(?:^|\W)(?:not|no|never|isn't|wasn't|aren't|weren't|without|nothing)\s+(?:\w+\s+)?$/;

/**
 * Words whose 别/非/无 negates nothing: 特别痒 and 非常慢 are "very itchy" and "very slow".
 * Checked as the two characters around the negation character.
 */
const NOT_NEGATING = new Set([
  '特别',
  '分别',
  '区别',
  '级别',
  '类别',
  '个别',
  '识别',
  '性别',
  '告别',
  '非常',
  '无比',
  '无论',
  '别人',
  '非要',
]);

function negatedAt(lower: string, start: number, latin: boolean): boolean {
  if (latin) return EN_NEGATIONS.test(lower.slice(Math.max(0, start - 24), start));
  for (let k = 1; k <= 2 && start - k >= 0; k++) {
    const at = start - k;
    const ch = lower[at]!;
    if (CLAUSE_END.test(ch)) return false;
    if (!NEGATIONS.has(ch)) continue;
    const before = at > 0 ? lower.slice(at - 1, at + 1) : '';
    const after = lower.slice(at, at + 2);
    if (NOT_NEGATING.has(before) || (k === 2 && NOT_NEGATING.has(after))) continue;
    return true;
  }
  return false;
}
