import { BUILTIN_RULES } from './lexicon.js';
import { type Match, Matcher } from './matcher.js';
import { SAFETY_RULES } from './safety.js';

const SAFETY = new Set(SAFETY_RULES);
let both: Matcher | undefined;

/**
 * The built-in lexicon (categories, escalation, cues) and the safety detector's lexicon found in one
 * Aho–Corasick pass over the lower-cased text, each rule's matches in the order its own matcher
 * would give them (a node's outputs run from the longest term to its suffixes either way).
 */
export function lexiconPass(lower: string): { builtin: Match[]; safety: Match[] } {
  const builtin: Match[] = [];
  const safety: Match[] = [];
  if (!lower) return { builtin, safety };
  both ??= new Matcher([...BUILTIN_RULES, ...SAFETY_RULES]);
  for (const m of both.search(lower)) (SAFETY.has(m.rule) ? safety : builtin).push(m);
  return { builtin, safety };
}
