/**
 * Compares training procedures of the category model by the same 5-fold CV (thresholds, modes and
 * the floor chosen by the inner CV inside each training part), and checks the plain slow-delivery
 * review with a model fitted on all labels. Stage 6 (the fresh split) is not read here.
 *
 *   npx tsx src/triage/training/category-variants.ts [--data DIR] [--variant NAME]... [--out DIR]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decideCategories } from '../categories.js';
import { decodeModel } from '../category-model.js';
import { prepare } from '../prepare.js';
import { buildItems, crossValidate, fitModel, itemsFor } from './category-eval.js';
import { DEFAULTS, FLOORS, type TrainOptions } from './category-train.js';
import { dataDirFrom, isHeldOut, loadLabelled, readLabels, STAGE7_LABELS, sha10 } from './data.js';

/** The procedure shipped before the second stage (b7b5b09's, with the floor and the function words). */
const BEFORE: TrainOptions = { ...DEFAULTS, stack: false };

export const CATEGORY_VARIANTS: { name: string; options: TrainOptions }[] = [
  { name: 'no-floor', options: { ...BEFORE, floors: [0], floorTolerance: 0, freezeFunctionWords: false } },
  { name: 'floor', options: { ...BEFORE, floors: FLOORS, floorTolerance: 0, freezeFunctionWords: false } },
  {
    name: 'function-words',
    options: { ...BEFORE, floors: [0], floorTolerance: 0, freezeFunctionWords: true },
  },
  {
    name: 'floor+function-words',
    options: { ...BEFORE, floors: FLOORS, floorTolerance: 0, freezeFunctionWords: true },
  },
  {
    name: 'floor-within-0.005+function-words',
    options: { ...BEFORE, floors: FLOORS, floorTolerance: 0.005, freezeFunctionWords: true },
  },
  {
    name: 'floor-within-0.01+function-words',
    options: { ...BEFORE, floors: FLOORS, floorTolerance: 0.01, freezeFunctionWords: true },
  },
  // Issue 16 part 2 (MODEL.md): the procedure of before against changes to the training and to the
  // evidence features; `stack` (a second stage) is DEFAULTS now.
  { name: 'before', options: BEFORE },
  { name: 'nb-1', options: { ...BEFORE, nb: 1 } },
  { name: 'nb-0.5', options: { ...BEFORE, nb: 0.5 } },
  { name: 'posweight-0.25', options: { ...BEFORE, posWeight: 0.25 } },
  { name: 'average-6', options: { ...BEFORE, average: 6 } },
  { name: 'epochs-24', options: { ...BEFORE, epochs: 24 } },
  { name: 'epochs-24-average-12', options: { ...BEFORE, epochs: 24, average: 12 } },
  { name: 'rate-0.5', options: { ...BEFORE, rate: 0.5 } },
  { name: 'cues', options: { ...BEFORE, evidence: 'cue' } },
  { name: 'cues+categories', options: { ...BEFORE, evidence: 'both' } },
  { name: 'stack', options: DEFAULTS },
  // Other seeds (other folds, inner folds and training orders): how much the CV moves by chance.
  ...[1, 2].flatMap((n) => [
    { name: `before-seed${n}`, options: { ...BEFORE, seed: DEFAULTS.seed + 1000 * n } },
    { name: `stack-seed${n}`, options: { ...DEFAULTS, seed: DEFAULTS.seed + 1000 * n } },
  ]),
];

const PLAIN = '物流太慢了，一个星期还没到';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const names = argv.flatMap((a, i) => (argv[i - 1] === '--variant' ? [a] : []));
  const out = argv.flatMap((a, i) => (argv[i - 1] === '--out' ? [a] : []))[0];
  // Stage 7 (LABELLING.md §1) trains unless --no-stage7; the items of before it are also scored
  // apart, so a CV with it compares with one without it on the same texts.
  const stage7 = new Set(readLabels(STAGE7_LABELS).map((l) => `dev:${l.row}`));
  const items = buildItems(
    loadLabelled(dataDirFrom(argv)).filter((l) => !argv.includes('--no-stage7') || !stage7.has(l.key)),
    (l) => l.source === 'shopping-dev' && isHeldOut({ sha: sha10(l.text) }),
  );
  const before = (i: { key: string }) => !stage7.has(i.key);
  for (const v of CATEGORY_VARIANTS.filter((x) => !names.length || names.includes(x.name))) {
    const t0 = Date.now();
    const its = v.options.evidence && v.options.evidence !== 'category' ? itemsFor(items, v.options) : items;
    const all = crossValidate(its, 5, v.options, before);
    const cv = all.model;
    const old = all.modelOnSubset;
    const file = fitModel(its, v.options);
    if (out) writeFileSync(`${out}/categories-${v.name}.json`, `${JSON.stringify(file)}\n`);
    const plain = decideCategories(prepare(PLAIN), decodeModel(file));
    const per = Object.entries(cv.perCategory)
      .map(([c, x]) => `${c} ${x.f1.toFixed(3)}`)
      .join(', ');
    console.log(
      JSON.stringify({
        variant: v.name,
        macroF1: cv.macro.f1,
        macroF1ExcludingOther: cv.macroExcludingOther.f1,
        microF1: cv.micro.f1,
        safety: { recall: cv.safety.recall, precision: cv.safety.precision, missed: cv.safety.missed.length },
        critical: { recall: cv.critical.recall, precision: cv.critical.precision },
        severityAccuracy: cv.severity.accuracy,
        texts: cv.texts,
        ...(old && old.texts !== cv.texts
          ? {
              beforeStage7: {
                texts: old.texts,
                macroF1: old.macro.f1,
                macroF1ExcludingOther: old.macroExcludingOther.f1,
                microF1: old.micro.f1,
                safety: { recall: old.safety.recall, precision: old.safety.precision },
                perCategory: Object.fromEntries(Object.entries(old.perCategory).map(([c, x]) => [c, x.f1])),
              },
            }
          : {}),
        fullFit: { floor: file.floor, thresholds: file.thresholds, modes: file.modes },
        plain: plain.categories,
        plainProbabilities: plain.probabilities,
        seconds: Math.round((Date.now() - t0) / 1000),
      }),
    );
    console.log(`  ${per}`);
  }
}
