import type { Adjustment } from './adjustment.js';
import { type AspectMention, findAspects } from './aspects.js';
import { decideCategories } from './categories.js';
import { type InputNote, inputNotes, slangPolarity } from './input-notes.js';
import type { LexiconRule } from './lexicon.js';
import { Matcher } from './matcher.js';
import { findPii, type PiiHit } from './pii.js';
import { MAX_CLASSIFIED_CHARS, prepare, wellFormed } from './prepare.js';
import { clauseScorer } from './sentiment.js';
import type { DeltaTable } from './sentiment-delta.js';
import { decideSeverity, type SeverityRule } from './severity.js';
import {
  type Category,
  type Language,
  SEVERITY_RANK,
  type Sentiment,
  type TriageSeverity,
} from './taxonomy.js';

export { cleanForAnalysis, detectLanguage, MAX_CLASSIFIED_CHARS, wellFormed } from './prepare.js';
export type { SeverityRule } from './severity.js';
export type TriageExplanation = {
  language: string;
  /** Words that weighed most in the sentiment verdict. */
  sentiment: string[];
  /** Per category: the lexicon terms (or rule) that put it there. */
  categories: Partial<Record<Category, string[]>>;
  /** `code` names the rule (the console translates it), `reason` says it in English. */
  severity: { code: SeverityRule; reason: string; terms: string[] };
  /** Terms seen but not counted because a negation came right before them (没有破损). */
  negated: string[];
  /** What was unusual about the input (empty, emoji only, an order number, slang…). */
  input: { notes: InputNote[]; slang: string[] };
};

export type TriageResult = {
  language: Language;
  sentiment: Sentiment;
  score: number;
  categories: Category[];
  severity: TriageSeverity;
  /** What the text says about logistics, packaging, quality, price… each with its own polarity. */
  aspects: AspectMention[];
  pii: PiiHit[];
  explanation: TriageExplanation;
  truncated?: boolean;
};

/** A tenant's own lexicon entries compiled once (see lexicon-service.ts for caching). */
export function compileTenantLexicon(rules: LexiconRule[]): Matcher | undefined {
  const usable = rules
    .map((r) => ({ ...r, term: r.term.trim().toLowerCase(), source: 'tenant' as const }))
    .filter((r) => r.term.length > 0);
  return usable.length ? new Matcher(usable) : undefined;
}

/**
 * `layer`: the tenant's adjustment layer, learned from its agents' corrections (adjustment.ts);
 * `sentimentDelta`: its sentiment adaptation, self-trained on its own texts (sentiment-delta.ts).
 */
export type AnalyzeOptions = {
  tenant?: Matcher | undefined;
  layer?: Adjustment | undefined;
  sentimentDelta?: DeltaTable | undefined;
};

export function analyze(input: string, options: AnalyzeOptions = {}): TriageResult {
  const raw = typeof input === 'string' ? input : String(input ?? '');
  const wf = wellFormed(raw);
  const pii = findPii(wf);
  const p = prepare(wf, options.tenant, options.sentimentDelta);
  const notes = inputNotes(wf, p.text, wf.length > MAX_CLASSIFIED_CHARS);
  const sent = p.sentiment;
  // Slang the model never learned (yyds, 拉胯) tips an unsure verdict its way.
  const tip = slangPolarity(notes.slang);
  if (tip && Math.sign(sent.score) !== tip && Math.abs(sent.score) < 0.6) {
    sent.score = tip * 0.5;
    sent.sentiment = tip > 0 ? 'positive' : 'negative';
    sent.words = [...notes.slang, ...sent.words].slice(0, 3);
  }
  const { categories, because, safety } = decideCategories(p, undefined, options.layer, false);

  const verdict = notes.notes.includes('order_number_only')
    ? {
        severity: 'low' as const,
        code: 'empty' as const,
        reason: 'only an order number: nothing to judge',
        terms: [],
      }
    : decideSeverity(p, categories, safety);

  const result: TriageResult = {
    language: p.language,
    sentiment: sent.sentiment,
    score: sent.score,
    categories,
    severity: verdict.severity,
    aspects: p.words.length ? findAspects(p.words, clauseScorer(p.raw)) : [],
    pii,
    explanation: {
      language: p.languageWhy,
      sentiment: sent.words,
      categories: because,
      severity: { code: verdict.code, reason: verdict.reason, terms: verdict.terms },
      negated: p.evidence.negated,
      input: notes,
    },
  };
  if (raw.length > MAX_CLASSIFIED_CHARS) result.truncated = true;
  return result;
}

export const severityAtLeast = (a: TriageSeverity, b: TriageSeverity) => SEVERITY_RANK[a] >= SEVERITY_RANK[b];
