import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { fold } from '../quality/term-matcher.js';
import { findPii } from '../triage/pii.js';
import { caseDataSpans } from './case-data.js';
import type { CheckContext, CheckRule, Finding, RulePlatform } from './check-types.js';
import { OWN_NAMES } from './default-rules.js';

/** A platform's rule table, compiled once: every term and allow word of every rule in one automaton. */
export type CompiledRules = {
  platform: RulePlatform;
  rules: CheckRule[];
  automaton: AhoCorasick | null;
  termRules: Map<string, number[]>;
  allowRules: Map<string, number[]>;
  patterns: { rule: number; re: RegExp }[];
};

const push = (map: Map<string, number[]>, key: string, value: number) => {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
};

/** The enabled rules of one platform's table (the 'all' table for the merchant's own channels). */
export function compileRules(all: readonly CheckRule[], platform: RulePlatform): CompiledRules {
  const rules = all.filter((r) => r.enabled && r.platforms.includes(platform));
  const termRules = new Map<string, number[]>();
  const allowRules = new Map<string, number[]>();
  const patterns: CompiledRules['patterns'] = [];
  rules.forEach((rule, i) => {
    for (const term of rule.terms) if (term.trim()) push(termRules, fold(term.trim()), i);
    const own = rule.category === 'other_platform' ? (OWN_NAMES[platform] ?? []) : [];
    for (const word of [...rule.allow, ...own]) if (word.trim()) push(allowRules, fold(word.trim()), i);
    for (const source of rule.patterns) patterns.push({ rule: i, re: new RegExp(source, 'gu') });
  });
  const keywords = [...new Set([...termRules.keys(), ...allowRules.keys()])];
  return {
    platform,
    rules,
    automaton: keywords.length ? new AhoCorasick(keywords) : null,
    termRules,
    allowRules,
    patterns,
  };
}

type Span = { rule: number; start: number; end: number };

const isLetter = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Whether a term found at [begin, end) of the folded text stands on its own: a term that starts with
 * a Latin letter or digit must not continue a Latin word or number on its left, and one that ends in
 * a letter (digit) must not run into a letter (digit) on its right — "sb" is an insult, not part of
 * "usb" or a recall page's id, "line id" not part of "deadline id"; "vx123" still names a contact.
 * CJK edges need no boundary (Chinese has no spaces).
 */
function standsAlone(text: string, begin: number, end: number): boolean {
  const first = text[begin];
  const last = text[end - 1];
  const before = text[begin - 1];
  const after = text[end];
  if ((isLetter(first) || isDigit(first)) && (isLetter(before) || isDigit(before))) return false;
  if (isLetter(last) && isLetter(after)) return false;
  if (isDigit(last) && isDigit(after)) return false;
  return true;
}

/**
 * The findings on a reply, in text order: terms (one Aho–Corasick pass), patterns and the PII detector;
 * a term inside an allow-list word of its rule is dropped, and overlapping hits of one rule become one
 * span. Offsets are UTF-16 code units of the reply as given (String.prototype.slice).
 */
export function checkReply(compiled: CompiledRules, body: string, ctx: CheckContext): Finding[] {
  if (!body.trim()) return [];
  const text = fold(body);
  const spans: Span[] = [];
  if (compiled.automaton) {
    const matches = compiled.automaton.matchInText(text);
    const allowed = matches.filter((m) => compiled.allowRules.has(m.keyword));
    for (const m of matches) {
      if (!compiled.termRules.has(m.keyword) || !standsAlone(text, m.begin, m.end)) continue;
      for (const rule of compiled.termRules.get(m.keyword) ?? []) {
        const inAllowed = allowed.some(
          (a) => a.begin <= m.begin && m.end <= a.end && compiled.allowRules.get(a.keyword)!.includes(rule),
        );
        if (!inAllowed) spans.push({ rule, start: m.begin, end: m.end });
      }
    }
  }
  for (const { rule, re } of compiled.patterns) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (m[0].length) spans.push({ rule, start: m.index, end: m.index + m[0].length });
    }
  }
  compiled.rules.forEach((rule, i) => {
    if (rule.publicOnly && !ctx.publicChannel) return;
    if (rule.detector === 'pii') {
      for (const hit of findPii(body)) spans.push({ rule: i, start: hit.start, end: hit.end });
    } else if (rule.detector === 'case_data' && ctx.caseFacts) {
      for (const hit of caseDataSpans(body, ctx.caseFacts)) spans.push({ rule: i, ...hit });
    }
  });
  // A public-only rule's terms and patterns (order-number shapes) say nothing about a private chat.
  const applies = (s: Span) => ctx.publicChannel || !compiled.rules[s.rule]!.publicOnly;
  return merge(spans.filter(applies)).map(({ rule: i, start, end }) => {
    const rule = compiled.rules[i]!;
    return {
      rule: rule.id,
      category: rule.category,
      severity: rule.severity,
      start,
      end,
      text: body.slice(start, end),
      message: ctx.locale === 'en' ? rule.message.en : rule.message.zh,
    };
  });
}

function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out.findLast((o) => o.rule === s.rule);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out.sort((a, b) => a.start - b.start || a.rule - b.rule);
}

export const isBlocking = (findings: readonly Finding[]) => findings.some((f) => f.severity === 'block');
