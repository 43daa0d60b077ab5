import { BUILTIN_RULES } from './lexicon.js';
import type { Prepared } from './prepare.js';
import type { SafetyVerdict } from './safety.js';
import type { Category, TriageSeverity } from './taxonomy.js';

export type SeverityRule =
  | 'safety'
  | 'counterfeit'
  | 'threat'
  | 'anger_demand'
  | 'empty'
  | 'positive'
  | 'mild'
  | 'plain';

export type SeverityVerdict = {
  severity: TriageSeverity;
  code: SeverityRule;
  reason: string;
  terms: string[];
};

const COUNTERFEIT_TERMS = new Set(
  BUILTIN_RULES.filter((r) => r.category === 'counterfeit_suspected').map((r) => r.term),
);

/** Severity, highest rule first, each with its reason; `critical` comes from the safety detector. */
export function decideSeverity(p: Prepared, categories: Category[], safety: SafetyVerdict): SeverityVerdict {
  const sent = p.sentiment;
  const positive = sent.sentiment === 'positive';
  const hasContent = p.words.length > 0;
  const { cues, critical, criticalWeak, high, highWeak } = p.evidence;
  const uniq = (xs: string[]) => [...new Set(xs)].slice(0, 5);
  let severity: TriageSeverity;
  let reason: string;
  let code: SeverityRule;
  let severityTerms: string[] = [];
  if (safety.critical || critical.length || (criticalWeak.length && safety.hazard)) {
    severity = 'critical';
    severityTerms = uniq([...safety.harm, ...critical, ...criticalWeak]);
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

  return { severity, code, reason, terms: severityTerms };
}
