import type { LexiconRule } from './lexicon.js';

export type Match = { rule: LexiconRule; start: number; negated: boolean };

const NEGATIONS = new Set([...'不没无未别非']);
const CLAUSE_END = /[\s，。！？；、,.!?;:：~～…]/u;
const isAsciiWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

/**
 * Aho–Corasick over UTF-16 code units: all rules are found in one pass over the text, whatever the
 * number of terms. Terms must be lower-case; search() expects lower-cased text.
 *
 * The trie is built with maps, then flattened into typed arrays (a dense table for the root, whose
 * children are most of the alphabet, and sorted child lists for the other nodes): a map lookup per
 * character was most of the lexicon pass's time.
 */
export class Matcher {
  /** Child of the root per code unit (0: none). */
  private readonly rootNext = new Int32Array(65536);
  /** Children of node n: chars/targets[first[n], first[n + 1]), sorted by char. */
  private readonly first: Int32Array;
  private readonly chars: Uint16Array;
  private readonly targets: Int32Array;
  private readonly fail: Int32Array;
  private readonly out: LexiconRule[][];

  constructor(rules: LexiconRule[]) {
    const next: Map<number, number>[] = [new Map()];
    const fail: number[] = [0];
    const out: LexiconRule[][] = [[]];
    for (const rule of rules) {
      if (!rule.term) continue;
      let node = 0;
      for (let i = 0; i < rule.term.length; i++) {
        const c = rule.term.charCodeAt(i);
        let to = next[node]!.get(c);
        if (to === undefined) {
          to = next.length;
          next.push(new Map());
          fail.push(0);
          out.push([]);
          next[node]!.set(c, to);
        }
        node = to;
      }
      out[node]!.push(rule);
    }
    const queue: number[] = [];
    for (const to of next[0]!.values()) queue.push(to);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [c, to] of next[node]!) {
        let f = fail[node]!;
        while (f && !next[f]!.has(c)) f = fail[f]!;
        const target = next[f]!.get(c);
        fail[to] = target !== undefined && target !== to ? target : 0;
        out[to] = [...out[to]!, ...out[fail[to]!]!];
        queue.push(to);
      }
    }
    for (const [c, to] of next[0]!) this.rootNext[c] = to;
    this.first = new Int32Array(next.length + 1);
    let edges = 0;
    for (let n = 0; n < next.length; n++) {
      this.first[n] = edges;
      if (n) edges += next[n]!.size;
    }
    this.first[next.length] = edges;
    this.chars = new Uint16Array(edges);
    this.targets = new Int32Array(edges);
    for (let n = 1; n < next.length; n++) {
      const sorted = [...next[n]!].sort((a, b) => a[0] - b[0]);
      for (let j = 0; j < sorted.length; j++) {
        this.chars[this.first[n]! + j] = sorted[j]![0];
        this.targets[this.first[n]! + j] = sorted[j]![1];
      }
    }
    this.fail = Int32Array.from(fail);
    this.out = out;
  }

  /** The child of a non-root node on code unit c, or -1. */
  private child(node: number, c: number): number {
    const { chars } = this;
    let lo = this.first[node]!;
    const end = this.first[node + 1]!;
    let hi = end;
    while (hi - lo > 8) {
      const mid = (lo + hi) >>> 1;
      if (chars[mid]! < c) lo = mid + 1;
      else hi = mid;
    }
    for (; lo < end; lo++) {
      const x = chars[lo]!;
      if (x === c) return this.targets[lo]!;
      if (x > c) break;
    }
    return -1;
  }

  search(lower: string): Match[] {
    const found: Match[] = [];
    const { rootNext, fail, out } = this;
    let node = 0;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      while (node) {
        const to = this.child(node, c);
        if (to >= 0) {
          node = to;
          break;
        }
        node = fail[node]!;
      }
      if (!node) node = rootNext[c]!;
      const rules = out[node]!;
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
