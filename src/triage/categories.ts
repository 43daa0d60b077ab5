import { type Adjustment, adjustedVerdicts, shippedMargin } from './adjustment.js';
import { type CategoryModel, categoryModel, categoryProbabilities, topWords } from './category-model.js';
import type { Prepared } from './prepare.js';
import { judgeSafety, type SafetyVerdict } from './safety.js';
import { CATEGORIES, type Category } from './taxonomy.js';

// The probabilities of the text at hand, read before decideCategories returns.
const scratch = new Float64Array(32);

/**
 * Categories: the learned model's verdict per category at its cross-validated threshold; the safety
 * detector decides `safety_hazard` (recall first); a tenant's own terms always add their category;
 * a non-positive text with content and no category is `other`. Without the model file the lexicon
 * alone decides (as before the model existed). A tenant's adjustment layer (adjustment.ts), when
 * given, moves the model's verdicts by what that tenant's agents corrected — never safety's.
 * `margins` (the shipped verdict's log-odds over its threshold) are what the layer learns from.
 * `detail: false` (analyze, which reads neither): no `probabilities`, and `margins` only when a
 * layer needs them — two objects and a dozen logarithms per text less.
 */
export function decideCategories(
  p: Prepared,
  m: CategoryModel | null = categoryModel(),
  layer?: Adjustment,
  detail = true,
): {
  categories: Category[];
  because: Partial<Record<Category, string[]>>;
  safety: SafetyVerdict;
  probabilities?: Partial<Record<Category, number>>;
  margins?: Partial<Record<Category, number>>;
  adjusted?: Category[];
} {
  const ev = p.evidence;
  const because: Partial<Record<Category, string[]>> = {};
  const chosen = new Set<Category>();
  const terms = (c: Category) => ev.terms.get(c) ?? [];
  let safety: SafetyVerdict;
  let probabilities: Partial<Record<Category, number>> | undefined;
  let margins: Partial<Record<Category, number>> | undefined;
  const adjusted: Category[] = [];
  if (m && p.words.length) {
    const probs = categoryProbabilities(m, p, m.k <= scratch.length ? scratch : undefined);
    if (detail) probabilities = {};
    if (detail || layer) margins = {};
    const shipped = new Set<Category>();
    for (let c = 0; c < m.k; c++) {
      const cat = m.categories[c]!;
      if (probabilities) probabilities[cat] = Math.round(probs[c]! * 1000) / 1000;
      if (cat === 'safety_hazard') continue;
      const byLexicon = (ev.weights.get(cat) ?? 0) >= 1;
      const mode = m.modes[c];
      // Without a lexicon term of its own the model needs at least the floor (training's decide()).
      const t = byLexicon || mode === 'and' ? m.thresholds[c]! : Math.max(m.thresholds[c]!, m.floor);
      const byModel = probs[c]! >= t;
      const yes = mode === 'or' ? byModel || byLexicon : mode === 'and' ? byModel && byLexicon : byModel;
      if (margins) margins[cat] = shippedMargin(probs[c]!, t, yes);
      if (yes) shipped.add(cat);
    }
    const verdicts = layer && margins ? adjustedVerdicts(layer, p.ids, margins) : {};
    for (let c = 0; c < m.k; c++) {
      const cat = m.categories[c]!;
      if (cat === 'safety_hazard') continue;
      const verdict = verdicts[cat] ?? shipped.has(cat);
      if (verdict !== shipped.has(cat)) adjusted.push(cat);
      if (!verdict) continue;
      chosen.add(cat);
      if (!shipped.has(cat)) {
        because[cat] = [`tenant layer: ${topWords(m, p, cat).join(' ') || '—'}`];
        continue;
      }
      const lexTerms = terms(cat);
      because[cat] = lexTerms.length
        ? lexTerms
        : [`model ${probs[c]!.toFixed(2)}: ${topWords(m, p, cat).join(' ') || '—'}`];
    }
    const s = m.categories.indexOf('safety_hazard');
    safety = judgeSafety(p.safety, probs[s]!, m.safetyThreshold);
    if (safety.byModel)
      because.safety_hazard = [`model ${probs[s]!.toFixed(2)}: ${topWords(m, p, 'safety_hazard').join(' ')}`];
  } else {
    for (const c of CATEGORIES) {
      if (c !== 'safety_hazard' && (ev.weights.get(c) ?? 0) >= 1) {
        chosen.add(c);
        because[c] = terms(c);
      }
    }
    safety = judgeSafety(p.safety);
  }
  if (safety.hazard) {
    chosen.add('safety_hazard');
    because.safety_hazard ??= [...safety.harm, ...safety.hazards];
  }
  for (const [c, list] of ev.terms) {
    if (!chosen.has(c) && list.some((t) => t.endsWith(' (tenant)'))) {
      chosen.add(c);
      because[c] = list;
    }
  }
  if (!chosen.size && p.words.length && p.sentiment.sentiment !== 'positive') {
    chosen.add('other');
    because.other = ['no category term found'];
  }
  const categories = CATEGORIES.filter((c) => chosen.has(c));
  for (const c of Object.keys(because) as Category[]) if (!chosen.has(c)) delete because[c];
  if (!probabilities || !margins)
    return adjusted.length ? { categories, because, safety, adjusted } : { categories, because, safety };
  return adjusted.length
    ? { categories, because, safety, probabilities, margins, adjusted }
    : { categories, because, safety, probabilities, margins };
}
