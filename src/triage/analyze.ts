import { tokens } from './features.js';
import { BUILTIN_RULES, type LexiconRule } from './lexicon.js';
import { type Match, Matcher } from './matcher.js';
import { findPii, type PiiHit } from './pii.js';
import { englishSentiment, modelSentiment } from './sentiment.js';
import {
  CATEGORIES,
  type Category,
  type Language,
  SEVERITY_RANK,
  type Sentiment,
  type TriageSeverity,
} from './taxonomy.js';

/** Text beyond this many characters is not classified (PII is still found in the whole text). */
export const MAX_CLASSIFIED_CHARS = 20_000;

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
};

export type SeverityRule =
  | 'safety'
  | 'counterfeit'
  | 'threat'
  | 'anger_demand'
  | 'empty'
  | 'positive'
  | 'mild'
  | 'plain';

export type TriageResult = {
  language: Language;
  sentiment: Sentiment;
  score: number;
  categories: Category[];
  severity: TriageSeverity;
  pii: PiiHit[];
  explanation: TriageExplanation;
  truncated?: boolean;
};

const COUNTERFEIT_TERMS = new Set(
  BUILTIN_RULES.filter((r) => r.category === 'counterfeit_suspected').map((r) => r.term),
);

let builtin: Matcher | undefined;
const builtinMatcher = () => {
  builtin ??= new Matcher(BUILTIN_RULES);
  return builtin;
};

/** A tenant's own lexicon entries compiled once (see lexicon-service.ts for caching). */
export function compileTenantLexicon(rules: LexiconRule[]): Matcher | undefined {
  const usable = rules
    .map((r) => ({ ...r, term: r.term.trim().toLowerCase(), source: 'tenant' as const }))
    .filter((r) => r.term.length > 0);
  return usable.length ? new Matcher(usable) : undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g;
const SCRIPT = /<(script|style)\b[^>]{0,500}>[\s\S]{0,20000}?<\/\1\s*>/gi;
const TAG = /<\/?[a-zA-Z][^<>]{0,500}>/g;
const HAN = /^\p{Script=Han}/u;

/** Lone surrogates (malformed UTF-16/UTF-8 that got through) become U+FFFD; lengths are kept. */
export function wellFormed(text: string): string {
  const s = text as string & { toWellFormed?: () => string };
  if (typeof s.toWellFormed === 'function') return s.toWellFormed();
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The text the classifiers read: well-formed, no control characters, HTML tags dropped. */
export function cleanForAnalysis(text: string): string {
  let t = wellFormed(text);
  if (t.length > MAX_CLASSIFIED_CHARS) t = t.slice(0, MAX_CLASSIFIED_CHARS);
  if (t.includes('<')) t = t.replace(SCRIPT, ' ').replace(TAG, ' ');
  return t.replace(CONTROL, ' ');
}

/** Han characters and Latin words (2+ letters) of a text, by one pass over its code units. */
function scriptCounts(text: string): { han: number; latin: number } {
  let han = 0;
  let latin = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      run++;
      continue;
    }
    if (run >= 2) latin++;
    run = 0;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if (c >= 0xd840 && c <= 0xd87f && HAN.test(text.slice(i, i + 2))) han++; // CJK Ext. B+
  }
  if (run >= 2) latin++;
  return { han, latin };
}

export function detectLanguage(text: string): { language: Language; why: string } {
  const { han, latin } = scriptCounts(text);
  if (!han && !latin) return { language: 'unknown', why: 'no Chinese characters or Latin words' };
  const why = `${han} Chinese characters, ${latin} Latin words`;
  if (!latin) return { language: 'zh', why };
  if (!han) return { language: 'en', why };
  // A Latin word weighs about as much as 1.5 Han characters (XP, vista, iPhone in a Chinese review).
  const share = (latin * 1.5) / (han + latin * 1.5);
  return { language: share < 0.2 ? 'zh' : share > 0.8 ? 'en' : 'mixed', why };
}

export type AnalyzeOptions = { tenant?: Matcher | undefined };

export function analyze(input: string, options: AnalyzeOptions = {}): TriageResult {
  const raw = typeof input === 'string' ? input : String(input ?? '');
  const wf = wellFormed(raw);
  const pii = findPii(wf);
  const text = cleanForAnalysis(wf);
  const lower = text.toLowerCase();
  const { language, why } = detectLanguage(text);
  const words = language === 'unknown' ? [] : tokens(lower, true);

  const sent =
    language === 'en'
      ? englishSentiment(words)
      : language === 'unknown'
        ? { sentiment: 'neutral' as const, score: 0, words: [] }
        : modelSentiment(lower, words);
  if (language === 'mixed') {
    const en = englishSentiment(words);
    if (en.words.length && Math.sign(en.score) !== Math.sign(sent.score) && Math.abs(sent.score) < 0.5) {
      sent.score = Math.round(((sent.score + en.score) / 2) * 1000) / 1000;
      sent.sentiment = sent.score <= -0.2 ? 'negative' : sent.score >= 0.2 ? 'positive' : 'neutral';
      sent.words = [...sent.words, ...en.words].slice(0, 3);
    }
  }

  const matches: Match[] = lower ? builtinMatcher().search(lower) : [];
  if (options.tenant && lower) matches.push(...options.tenant.search(lower));

  const weights = new Map<Category, number>();
  const terms = new Map<Category, string[]>();
  const negated: string[] = [];
  const cues = { anger: [] as string[], demand: [] as string[], hedge: [] as string[] };
  const critical: string[] = [];
  const criticalWeak: string[] = [];
  const high: string[] = [];
  const highWeak: string[] = [];
  const positive = sent.sentiment === 'positive';
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const r = m.rule;
    if (m.negated) {
      if (!negated.includes(r.term)) negated.push(r.term);
      continue;
    }
    const weight = r.weight ?? 1;
    // A happy review mentions 物流/价格 in passing, or 不知道是不是正品: weak cues and counterfeit or
    // escalation words do not make it a complaint (safety words still count).
    if (positive && (weight < 1 || r.severity === 'high')) continue;
    if (r.category) {
      weights.set(r.category, (weights.get(r.category) ?? 0) + weight);
      let list = terms.get(r.category);
      if (!list) {
        list = [];
        terms.set(r.category, list);
      }
      const label = r.source === 'tenant' ? `${r.term} (tenant)` : r.term;
      if (!list.includes(label)) list.push(label);
    }
    if (r.severity) {
      // A short Chinese escalation term must be a word of its own: 着火 is not in 挨着火车, 被电 not in 被电视.
      if (isShortHan(r.term) && !atWordBoundaries(lower, words, m.start, m.start + r.term.length)) continue;
      if (r.severity === 'critical') (weight >= 1 ? critical : criticalWeak).push(r.term);
      else (weight >= 1 ? high : highWeak).push(r.term);
    }
    if (r.cue) cues[r.cue].push(r.term);
  }

  const categories: Category[] = [];
  const because: Partial<Record<Category, string[]>> = {};
  for (const c of CATEGORIES) {
    if ((weights.get(c) ?? 0) >= 1) {
      categories.push(c);
      because[c] = terms.get(c)!;
    }
  }
  const hasContent = words.length > 0;
  if (!categories.length && hasContent && sent.sentiment !== 'positive') {
    categories.push('other');
    because.other = ['no category term found'];
  }

  // Severity, highest rule first; each with its reason.
  const uniq = (xs: string[]) => [...new Set(xs)].slice(0, 5);
  let severity: TriageSeverity;
  let reason: string;
  let code: SeverityRule;
  let severityTerms: string[] = [];
  const safety = (weights.get('safety_hazard') ?? 0) >= 1;
  if (critical.length || (criticalWeak.length && safety)) {
    severity = 'critical';
    severityTerms = uniq([...critical, ...criticalWeak]);
    code = 'safety';
    reason = 'safety hazard: injury, fire, shock, poisoning or allergy';
  } else if (high.length || (highWeak.length && (cues.anger.length || sent.score < -0.5))) {
    severity = 'high';
    severityTerms = uniq([...high, ...highWeak]);
    code =
      high.some((t) => COUNTERFEIT_TERMS.has(t)) && !high.some((t) => !COUNTERFEIT_TERMS.has(t))
        ? 'counterfeit'
        : 'threat';
    reason =
      code === 'counterfeit' ? 'counterfeit claim' : 'threat to escalate (12315, media, lawyer, report)';
  } else if (cues.anger.length && cues.demand.length && sent.sentiment === 'negative') {
    severity = 'high';
    severityTerms = uniq([...cues.anger, ...cues.demand]);
    code = 'anger_demand';
    reason = 'anger plus a demand';
  } else if (!hasContent) {
    severity = 'low';
    code = 'empty';
    reason = 'no text to judge';
  } else if (positive) {
    severity = 'low';
    code = 'positive';
    reason = categories.length ? 'positive overall' : 'positive, no complaint';
  } else if (
    cues.hedge.length &&
    !cues.anger.length &&
    sent.score > -0.9 &&
    !categories.some(
      (c) => c === 'wrong_or_missing_item' || c === 'damaged_in_transit' || c === 'refund_dispute',
    )
  ) {
    severity = 'low';
    severityTerms = uniq(cues.hedge);
    code = 'mild';
    reason = 'mild wording, no anger';
  } else {
    severity = 'normal';
    code = 'plain';
    reason = 'complaint without escalation cues';
  }

  const result: TriageResult = {
    language,
    sentiment: sent.sentiment,
    score: sent.score,
    categories,
    severity,
    pii,
    explanation: {
      language: why,
      sentiment: sent.words,
      categories: because,
      severity: { code, reason, terms: severityTerms },
      negated,
    },
  };
  if (raw.length > MAX_CLASSIFIED_CHARS) result.truncated = true;
  return result;
}

const isShortHan = (term: string) => term.length <= 3 && term.charCodeAt(0) >= 0x3400;

/** Whether [start, end) of the text begins and ends where jieba's words do. */
function atWordBoundaries(lower: string, words: string[], start: number, end: number): boolean {
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

export const severityAtLeast = (a: TriageSeverity, b: TriageSeverity) => SEVERITY_RANK[a] >= SEVERITY_RANK[b];
