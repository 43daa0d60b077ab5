/**
 * The hand-labelling workflow (LABELLING.md):
 *
 *   npx tsx src/triage/training/label-tool.ts sample [--data DIR]        the sample and its quotas
 *   npx tsx src/triage/training/label-tool.ts show --count 60 [--data DIR] the next unlabelled reviews
 *   npx tsx src/triage/training/label-tool.ts apply --batch N < answers    append the labels
 *
 * `--stage 2` works on the second sample (targeted-sample.ts: reviews with a cue of the weakest
 * categories), whose labels go to labels/shopping-dev-targeted.csv; `--stage 3` on the third (cues of
 * the categories still thin), labels in labels/shopping-dev-stage3.csv; `--stage 4` on the fourth
 * (safety and the weakest categories), labels in labels/shopping-dev-stage4.csv; `--stage 5` on the
 * fifth (a plain random sample again, no cue: the fresh held-out split), labels in
 * labels/shopping-dev-stage5.csv; `--stage 6` the sixth (random: the fresh held-out split);
 * `--stage 7` the seventh (cues of the five thinnest categories), labels in
 * labels/shopping-dev-stage7.csv.
 *
 * `answers` has one line per shown review, `<n> <codes> <severity>`: codes from LABELLING.md
 * (Q D N W L S R F C X P V O, joined by `/`), severity l | n | h | c. The tool checks that the
 * numbers are exactly the next ones of the sample, so nothing is skipped or labelled twice.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Category, TriageSeverity } from '../taxonomy.js';
import { mulberry32 } from '../train-sentiment.js';
import {
  dataDirFrom,
  LABEL_HEADER,
  type LabelRow,
  labelLine,
  readComplaints,
  readLabels,
  readShopping,
  SHOPPING_LABELS,
  type ShoppingRow,
  STAGE3_LABELS,
  STAGE4_LABELS,
  STAGE5_LABELS,
  STAGE6_LABELS,
  STAGE7_LABELS,
  sha10,
  TARGETED_LABELS,
} from './data.js';
import {
  STAGE3_CUES,
  STAGE3_QUOTAS,
  STAGE3_SEED,
  STAGE4_CUES,
  STAGE4_QUOTAS,
  STAGE4_SEED,
  STAGE7_CUES,
  STAGE7_QUOTAS,
  STAGE7_SEED,
  targetedSample,
} from './targeted-sample.js';

const SAMPLE_SEED = 16_2024;
/** Reviews per product category: the small categories get floors (热水器 has 80 negatives in all). */
const QUOTAS: Record<string, number> = {
  衣服: 200,
  平板: 200,
  洗发水: 200,
  水果: 200,
  酒店: 200,
  计算机: 150,
  书籍: 120,
  手机: 120,
  蒙牛: 120,
  热水器: 80,
};

export const CODES: Record<string, Category> = {
  Q: 'quality_defect',
  D: 'damaged_in_transit',
  N: 'not_as_described',
  W: 'wrong_or_missing_item',
  L: 'logistics_delay',
  S: 'service_attitude',
  R: 'slow_response',
  F: 'refund_dispute',
  C: 'counterfeit_suspected',
  X: 'safety_hazard',
  P: 'price_dispute',
  V: 'privacy_concern',
  O: 'other',
};
const SEVERITY_CODES: Record<string, TriageSeverity> = { l: 'low', n: 'normal', h: 'high', c: 'critical' };

function shuffle<T>(items: T[], rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The labelling order: a seeded sample per category, de-duplicated, then shuffled together. */
export function labellingSample(dir: string): ShoppingRow[] {
  const rand = mulberry32(SAMPLE_SEED);
  const dev = readShopping(dir, 'dev');
  const taken = new Set(readComplaints(dir).map((c) => c.review.trim()));
  const picked: ShoppingRow[] = [];
  for (const [cat, quota] of Object.entries(QUOTAS)) {
    const pool = shuffle(
      dev.filter((r) => r.cat === cat && r.label === 0),
      rand,
    );
    let n = 0;
    for (const r of pool) {
      if (n >= quota) break;
      const t = r.review.trim();
      if (!t || taken.has(t)) continue;
      taken.add(t);
      picked.push(r);
      n++;
    }
  }
  return shuffle(picked, rand);
}

/** The texts of the samples of the stages before `stage` (and of complaints_labeled): not sampled again. */
function takenBefore(dir: string, stage: number): Set<string> {
  const taken = new Set(readComplaints(dir).map((c) => c.review.trim()));
  const earlier = [labellingSample, stageTwo, stageThree, stageFour, stageFive, stageSix].slice(0, stage - 1);
  for (const sample of earlier) for (const r of sample(dir)) taken.add(r.review.trim());
  return taken;
}

/** Stage 2: the targeted sample, after everything of stage 1. */
function stageTwo(dir: string): ShoppingRow[] {
  const taken = takenBefore(dir, 2);
  return targetedSample(readShopping(dir, 'dev'), taken);
}

/** Stage 3: the thinnest categories, after the whole of the stage 1 and stage 2 samples. */
function stageThree(dir: string): ShoppingRow[] {
  const taken = takenBefore(dir, 3);
  return targetedSample(readShopping(dir, 'dev'), taken, {
    cues: STAGE3_CUES,
    quotas: STAGE3_QUOTAS,
    seed: STAGE3_SEED,
  });
}

/** Stage 4: safety and the weakest categories, after the samples of stages 1–3. */
function stageFour(dir: string): ShoppingRow[] {
  const taken = takenBefore(dir, 4);
  return targetedSample(readShopping(dir, 'dev'), taken, {
    cues: STAGE4_CUES,
    quotas: STAGE4_QUOTAS,
    seed: STAGE4_SEED,
  });
}

const STAGE5_SEED = 16_2025;
/** Stage 5 per product category (热水器 has no negatives left after stage 1). */
const STAGE5_QUOTAS: Record<string, number> = {
  衣服: 34,
  平板: 34,
  洗发水: 34,
  水果: 34,
  酒店: 34,
  计算机: 34,
  书籍: 34,
  手机: 34,
  蒙牛: 34,
};

/** Stage 5: a random sample (no cue) after the samples of stages 1–4: the fresh held-out split. */
function stageFive(dir: string): ShoppingRow[] {
  const taken = takenBefore(dir, 5);
  return randomSample(readShopping(dir, 'dev'), taken, STAGE5_SEED);
}

/** Per product category a seeded random sample of the negatives not yet taken, shuffled together. */
function randomSample(dev: ShoppingRow[], taken: Set<string>, seed: number): ShoppingRow[] {
  const rand = mulberry32(seed);
  const picked: ShoppingRow[] = [];
  for (const [cat, quota] of Object.entries(STAGE5_QUOTAS)) {
    let n = 0;
    for (const r of shuffle(
      dev.filter((x) => x.cat === cat && x.label === 0),
      rand,
    )) {
      if (n >= quota) break;
      const t = r.review.trim();
      if (!t || taken.has(t)) continue;
      taken.add(t);
      picked.push(r);
      n++;
    }
  }
  return shuffle(picked, rand);
}

const STAGE6_SEED = 16_2026;

/**
 * Stage 6: a random sample (no cue) after the samples of stages 1–5, the same quotas as stage 5:
 * the fresh held-out split once stage 5 trains.
 */
function stageSix(dir: string): ShoppingRow[] {
  const taken = takenBefore(dir, 6);
  return randomSample(readShopping(dir, 'dev'), taken, STAGE6_SEED);
}

/** Stage 7: the five thinnest categories by CV, after the samples of stages 1–6. */
function stageSeven(dir: string): ShoppingRow[] {
  const taken = takenBefore(dir, 7);
  return targetedSample(readShopping(dir, 'dev'), taken, {
    cues: STAGE7_CUES,
    quotas: STAGE7_QUOTAS,
    seed: STAGE7_SEED,
    maxChars: 300,
  });
}

function main(argv: string[]) {
  const dir = dataDirFrom(argv);
  const stage = argv.includes('--stage') ? argv[argv.indexOf('--stage') + 1] : '1';
  const stages: Record<string, [string, (d: string) => ShoppingRow[]]> = {
    '1': [SHOPPING_LABELS, labellingSample],
    '2': [TARGETED_LABELS, stageTwo],
    '3': [STAGE3_LABELS, stageThree],
    '4': [STAGE4_LABELS, stageFour],
    '5': [STAGE5_LABELS, stageFive],
    '6': [STAGE6_LABELS, stageSix],
    '7': [STAGE7_LABELS, stageSeven],
  };
  const chosen = stages[stage ?? '1'];
  if (!chosen) throw new Error(`unknown stage ${stage}`);
  const file = chosen[0];
  const sample = chosen[1](dir);
  const labels = readLabels(file);
  const done = new Set(Object.values(stages).flatMap(([f]) => readLabels(f).map((l) => l.row)));
  const cmd = argv[0];
  if (cmd === 'sample') {
    const per: Record<string, number> = {};
    for (const r of sample) per[r.cat] = (per[r.cat] ?? 0) + 1;
    console.log(`${sample.length} reviews in the sample, ${labels.length} labelled`, per);
    return;
  }
  if (cmd === 'show') {
    const i = argv.indexOf('--count');
    const count = i >= 0 ? Number(argv[i + 1]) : 60;
    let shown = 0;
    for (let n = 0; n < sample.length && shown < count; n++) {
      const r = sample[n]!;
      if (done.has(r.row)) continue;
      console.log(`[${n}] ${r.cat} | ${r.review.replace(/\s+/g, ' ').trim()}`);
      shown++;
    }
    return;
  }
  if (cmd === 'apply') {
    const b = argv.indexOf('--batch');
    const batch = Number(argv[b + 1]);
    if (!(batch > 0)) throw new Error('--batch N is required');
    const lines = readFileSync(0, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const pending = sample.map((r, n) => ({ r, n })).filter(({ r }) => !done.has(r.row));
    const rows: LabelRow[] = [];
    lines.forEach((line, k) => {
      const m = /^(\d+)\s+([A-Z/]+)\s+([lnhc])$/.exec(line);
      if (!m) throw new Error(`cannot read "${line}"`);
      const expected = pending[k];
      if (!expected || expected.n !== Number(m[1])) {
        throw new Error(`line "${line}": expected sample #${expected?.n}`);
      }
      const categories = [...new Set(m[2]!.split('/'))].map((c) => {
        const cat = CODES[c];
        if (!cat) throw new Error(`line "${line}": unknown code ${c}`);
        return cat;
      });
      rows.push({
        row: expected.r.row,
        sha: sha10(expected.r.review),
        cat: expected.r.cat,
        categories,
        severity: SEVERITY_CODES[m[3]!]!,
        batch,
      });
    });
    if (!existsSync(file)) writeFileSync(file, `${LABEL_HEADER}\n`);
    appendFileSync(file, rows.map((r) => `${labelLine(r)}\n`).join(''));
    console.log(`batch ${batch}: ${rows.length} labels appended, ${labels.length + rows.length} in all`);
    return;
  }
  throw new Error(
    'usage: label-tool.ts sample | show [--count N] | apply --batch N < answers [--stage 2|3|4|5|6|7]',
  );
}

main(process.argv.slice(2));
