import { collectEvidence, type LexiconEvidence } from './evidence.js';
import { distinctIds, featureIds, tokens } from './features.js';
import { lexiconPass } from './lexicon-pass.js';
import type { Matcher } from './matcher.js';
import { type SafetyLexicon, safetyLexicon } from './safety.js';
import { englishSentiment, modelSentiment, type SentimentResult } from './sentiment.js';
import type { DeltaTable } from './sentiment-delta.js';
import type { Language } from './taxonomy.js';

/** Text beyond this many characters is not classified (PII is still found in the whole text). */
export const MAX_CLASSIFIED_CHARS = 20_000;

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

/**
 * Everything the classifiers read from one text, computed once: the cleaned lower-cased text, its
 * language, jieba words, hashed features, the sentiment and what the lexicons found. Training
 * (train-categories.ts) builds its examples with this same function, so features cannot drift.
 */
export type Prepared = {
  text: string;
  lower: string;
  language: Language;
  languageWhy: string;
  words: string[];
  /** Distinct hashed features (features.ts); empty for texts without words. */
  ids: number[];
  /** The same with repeats, in order (the unigram of words[i] is raw[2i]): for clause scores. */
  raw: number[];
  sentiment: SentimentResult;
  evidence: LexiconEvidence;
  safety: SafetyLexicon;
};

/** `delta`: the tenant's sentiment adaptation (sentiment-delta.ts), if it has one. */
export function prepare(
  wellFormedText: string,
  tenant?: Matcher | undefined,
  delta?: DeltaTable | undefined,
): Prepared {
  const text = cleanForAnalysis(wellFormedText);
  const lower = text.toLowerCase();
  const { language, why } = detectLanguage(text);
  const words = language === 'unknown' ? [] : tokens(lower, true);
  const raw = words.length ? featureIds(lower, words) : [];
  const ids = distinctIds(raw);
  let sentiment: SentimentResult =
    language === 'en'
      ? englishSentiment(words)
      : language === 'unknown'
        ? { sentiment: 'neutral', score: 0, words: [] }
        : modelSentiment(lower, words, raw, ids, delta);
  if (language === 'mixed') sentiment = blendEnglish(sentiment, englishSentiment(words));
  const found = lexiconPass(lower);
  const evidence = collectEvidence(lower, words, sentiment.sentiment === 'positive', tenant, found.builtin);
  return {
    text,
    lower,
    language,
    languageWhy: why,
    words,
    ids,
    raw,
    sentiment,
    evidence,
    safety: safetyLexicon(lower, found.safety),
  };
}

/** Mixed texts: the English word list tips the model's verdict when they disagree and the model is unsure. */
function blendEnglish(zh: SentimentResult, en: SentimentResult): SentimentResult {
  if (!en.words.length || Math.sign(en.score) === Math.sign(zh.score) || Math.abs(zh.score) >= 0.5) return zh;
  const score = Math.round(((zh.score + en.score) / 2) * 1000) / 1000;
  return {
    score,
    sentiment: score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral',
    words: [...zh.words, ...en.words].slice(0, 3),
  };
}
