import { BUILTIN_RULES } from './lexicon.js';
import { type Match, Matcher } from './matcher.js';
import type { Category } from './taxonomy.js';

/** What the lexicon saw in one text: the input of the category model and of the severity rules. */
export type LexiconEvidence = {
  /** Summed term weights per category (a category "fires" at 1). */
  weights: Map<Category, number>;
  /** The terms behind each category, tenant terms marked. */
  terms: Map<Category, string[]>;
  /** Terms seen but not counted because a negation came right before them (没有破损). */
  negated: string[];
  cues: { anger: string[]; demand: string[]; hedge: string[] };
  critical: string[];
  criticalWeak: string[];
  high: string[];
  highWeak: string[];
};

let builtin: Matcher | undefined;
const builtinMatcher = () => {
  builtin ??= new Matcher(BUILTIN_RULES);
  return builtin;
};

/**
 * One Aho–Corasick pass of the built-in (and the tenant's) lexicon over the lower-cased text.
 * `positive`: a happy review mentions 物流/价格 in passing, or 不知道是不是正品, so weak cues and
 * counterfeit or escalation words do not count there (safety words still do).
 * `builtinMatches`: the built-in lexicon's matches when already found (lexicon-pass.ts).
 */
export function collectEvidence(
  lower: string,
  words: string[],
  positive: boolean,
  tenant?: Matcher | undefined,
  builtinMatches?: Match[],
): LexiconEvidence {
  const matches: Match[] = builtinMatches ?? (lower ? builtinMatcher().search(lower) : []);
  if (tenant && lower) matches.push(...tenant.search(lower));
  const ev: LexiconEvidence = {
    weights: new Map(),
    terms: new Map(),
    negated: [],
    cues: { anger: [], demand: [], hedge: [] },
    critical: [],
    criticalWeak: [],
    high: [],
    highWeak: [],
  };
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const r = m.rule;
    if (m.negated) {
      if (!ev.negated.includes(r.term)) ev.negated.push(r.term);
      continue;
    }
    const weight = r.weight ?? 1;
    if (positive && (weight < 1 || r.severity === 'high')) continue;
    if (r.category) {
      ev.weights.set(r.category, (ev.weights.get(r.category) ?? 0) + weight);
      let list = ev.terms.get(r.category);
      if (!list) {
        list = [];
        ev.terms.set(r.category, list);
      }
      const label = r.source === 'tenant' ? `${r.term} (tenant)` : r.term;
      if (!list.includes(label)) list.push(label);
    }
    if (r.severity) {
      // A short Chinese escalation term must be a word of its own: 着火 is not in 挨着火车, 被电 not in 被电视.
      if (isShortHan(r.term) && !atWordBoundaries(lower, words, m.start, m.start + r.term.length)) continue;
      if (r.severity === 'critical') (weight >= 1 ? ev.critical : ev.criticalWeak).push(r.term);
      else (weight >= 1 ? ev.high : ev.highWeak).push(r.term);
    }
    if (r.cue) ev.cues[r.cue].push(r.term);
  }
  return ev;
}

export const isShortHan = (term: string) => term.length <= 3 && term.charCodeAt(0) >= 0x3400;

/** Whether [start, end) of the text begins and ends where jieba's words do. */
export function atWordBoundaries(lower: string, words: string[], start: number, end: number): boolean {
  let pos = 0;
  let startOk = false;
  for (const w of words) {
    const at = lower.indexOf(w, pos);
    if (at < 0) return true; // segmentation does not line up (normalised text): do not veto
    if (at === start) startOk = true;
    if (at > end) break;
    pos = at + w.length;
    if (pos === end) return startOk || at === start;
  }
  return false;
}
