import { CATEGORIES, type Category } from './taxonomy.js';
import { mulberry32 } from './train-sentiment.js';

/**
 * Learning from the merchant (issue 16, item 5): a small per-tenant layer on top of the shipped
 * category model, trained on that tenant's agent corrections. For each category it adds a bias and
 * hashed word weights to the shipped model's log-odds; strong L2 keeps it close to zero, so a few
 * corrections nudge and many corrections steer. The shipped model's thresholds stay as they are.
 *
 * `safety_hazard` is never adjusted: the safety detector decides it, recall first, and no tenant's
 * corrections may teach it to stay quiet.
 *
 * Pure: no I/O. The service reads the corrections, trains in the background and stores the result.
 */
export const ADJUSTMENT_FORMAT = 'aftercare-tenant-adjustment-v1';
/** Hashed word ids of the text are folded into this many buckets (a tenant has few examples). */
export const ADJUSTMENT_BITS = 14;
/** Fewer corrected cases than this: no layer (and no before/after figure) yet. */
export const MIN_EXAMPLES = 10;
const EPOCHS = 30;
const RATE = 0.3;
const L2 = 0.01;
const FOLDS = 5;
const ADJUSTED = CATEGORIES.filter((c) => c !== 'safety_hazard');

/**
 * One corrected case: its text's feature ids, the shipped verdict's margin per category (log-odds over
 * the threshold; at least ±MARGIN_FLOOR on the side the shipped pipeline chose, lexicon included), the
 * categories the shipped pipeline chose and the agent's.
 */
export type AdjustmentExample = {
  ids: ArrayLike<number>;
  margins: Partial<Record<Category, number>>;
  auto: Category[];
  gold: Category[];
};

/** A lexicon-made "yes" below the model's threshold still counts as this sure. */
export const MARGIN_FLOOR = 0.5;

/** The shipped margin of one category: zero layer = the shipped verdict, whatever made it. */
export function shippedMargin(probability: number, threshold: number, chosen: boolean): number {
  const m = logit(probability) - logit(threshold);
  return chosen ? Math.max(m, MARGIN_FLOOR) : Math.min(m, -MARGIN_FLOOR);
}

export type Adjustment = {
  format: typeof ADJUSTMENT_FORMAT;
  bits: number;
  /** Per adjusted category: the bias added to its log-odds. */
  bias: Partial<Record<Category, number>>;
  /** Bucket id → per adjusted category (ADJUSTED order) weight, rounded; zero rows left out. */
  weights: Record<string, number[]>;
  categories: Category[];
  examples: number;
};

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function buckets(ids: ArrayLike<number>, bits: number): number[] {
  const mask = (1 << bits) - 1;
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i++) out.add(ids[i]! & mask);
  return [...out];
}

export function trainAdjustment(examples: AdjustmentExample[], seed = 16_5): Adjustment {
  const k = ADJUSTED.length;
  const size = 1 << ADJUSTMENT_BITS;
  const w = new Float64Array(size * k);
  const g2 = new Float64Array(size * k);
  const bias = new Float64Array(k);
  const biasG2 = new Float64Array(k).fill(1);
  const rand = mulberry32(seed);
  const prepared = examples.map((e) => ({
    b: buckets(e.ids, ADJUSTMENT_BITS),
    z0: ADJUSTED.map((c) => e.margins[c] ?? -MARGIN_FLOOR),
    y: ADJUSTED.map((c) => (e.gold.includes(c) ? 1 : 0)),
  }));
  const order = prepared.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { b, z0, y } = prepared[n]!;
      const v = 1 / Math.sqrt(Math.max(4, b.length));
      for (let c = 0; c < k; c++) {
        let z = z0[c]! + bias[c]!;
        for (const id of b) z += w[id * k + c]! * v;
        const g = sigmoid(z) - y[c]!;
        biasG2[c]! += g * g;
        bias[c]! -= (RATE * (g + L2 * bias[c]!)) / Math.sqrt(biasG2[c]!);
        for (const id of b) {
          const j = id * k + c;
          const grad = g * v + L2 * w[j]!;
          g2[j]! += grad * grad;
          w[j]! -= (RATE * grad) / Math.sqrt(g2[j]! + 1e-8);
        }
      }
    }
  }
  const weights: Record<string, number[]> = {};
  for (let id = 0; id < size; id++) {
    const row = Array.from({ length: k }, (_, c) => Math.round(w[id * k + c]! * 1000) / 1000);
    if (row.some((x) => x !== 0)) weights[id] = row;
  }
  return {
    format: ADJUSTMENT_FORMAT,
    bits: ADJUSTMENT_BITS,
    bias: Object.fromEntries(ADJUSTED.map((c, i) => [c, Math.round(bias[i]! * 1000) / 1000])),
    weights,
    categories: [...ADJUSTED],
    examples: examples.length,
  };
}

/**
 * Whether the adjusted model says each adjusted category: the shipped margin plus the layer.
 * Categories the layer does not cover (safety) are left out: they keep the shipped verdict.
 */
export function adjustedVerdicts(
  a: Adjustment,
  ids: ArrayLike<number>,
  margins: Partial<Record<Category, number>>,
): Partial<Record<Category, boolean>> {
  const b = buckets(ids, a.bits);
  const v = 1 / Math.sqrt(Math.max(4, b.length));
  const out: Partial<Record<Category, boolean>> = {};
  a.categories.forEach((c, i) => {
    let z = (margins[c] ?? -MARGIN_FLOOR) + (a.bias[c] ?? 0);
    for (const id of b) z += (a.weights[id]?.[i] ?? 0) * v;
    out[c] = z >= 0;
  });
  return out;
}

/**
 * The categories after the layer: adjusted ones by the layer, the rest (safety) as shipped; a
 * complaint left with none is `other`, as in decideCategories.
 */
export function applyAdjustment(a: Adjustment, e: Omit<AdjustmentExample, 'gold'>): Category[] {
  const verdicts = adjustedVerdicts(a, e.ids, e.margins);
  const chosen = CATEGORIES.filter((c) => (c in verdicts ? verdicts[c] : e.auto.includes(c)));
  return chosen.length || !e.auto.length ? chosen : ['other'];
}

export type Agreement = { examples: number; microF1: number; exactMatch: number };

function agreement(pairs: { got: Category[]; gold: Category[] }[]): Agreement {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  for (const { got, gold } of pairs) {
    const g = new Set(gold);
    let same = got.length === g.size;
    for (const c of got) {
      if (g.has(c)) tp++;
      else {
        fp++;
        same = false;
      }
    }
    for (const c of g) if (!got.includes(c)) fn++;
    if (same) exact++;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    examples: pairs.length,
    microF1: round((2 * tp) / Math.max(1, 2 * tp + fp + fn)),
    exactMatch: round(exact / Math.max(1, pairs.length)),
  };
}

/**
 * The before/after figure on the tenant's own corrections: "before" is the shipped pipeline against
 * the agents; "after" is the layer by 5-fold cross-validation (each case judged by a layer trained
 * without it), so the figure is not the layer repeating what it was shown.
 */
export function beforeAfter(examples: AdjustmentExample[]): { before: Agreement; after: Agreement } | null {
  if (examples.length < MIN_EXAMPLES) return null;
  const before = agreement(examples.map((e) => ({ got: e.auto, gold: e.gold })));
  const pairs: { got: Category[]; gold: Category[] }[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const layer = trainAdjustment(examples.filter((_, i) => i % FOLDS !== f));
    examples.forEach((e, i) => {
      if (i % FOLDS === f) pairs.push({ got: applyAdjustment(layer, e), gold: e.gold });
    });
  }
  return { before, after: agreement(pairs) };
}
