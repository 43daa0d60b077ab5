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
import { buildItems, crossValidate, fitModel } from './category-eval.js';
import { DEFAULTS, FLOORS, type TrainOptions } from './category-train.js';
import { dataDirFrom, isHeldOut, loadLabelled, sha10 } from './data.js';

export const CATEGORY_VARIANTS: { name: string; options: TrainOptions }[] = [
  { name: 'no-floor', options: { ...DEFAULTS, floors: [0], floorTolerance: 0, freezeFunctionWords: false } },
  { name: 'floor', options: { ...DEFAULTS, floors: FLOORS, floorTolerance: 0, freezeFunctionWords: false } },
  {
    name: 'function-words',
    options: { ...DEFAULTS, floors: [0], floorTolerance: 0, freezeFunctionWords: true },
  },
  {
    name: 'floor+function-words',
    options: { ...DEFAULTS, floors: FLOORS, floorTolerance: 0, freezeFunctionWords: true },
  },
  {
    name: 'floor-within-0.005+function-words',
    options: { ...DEFAULTS, floors: FLOORS, floorTolerance: 0.005, freezeFunctionWords: true },
  },
  {
    name: 'floor-within-0.01+function-words',
    options: { ...DEFAULTS, floors: FLOORS, floorTolerance: 0.01, freezeFunctionWords: true },
  },
];

const PLAIN = '物流太慢了，一个星期还没到';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const names = argv.flatMap((a, i) => (argv[i - 1] === '--variant' ? [a] : []));
  const out = argv.flatMap((a, i) => (argv[i - 1] === '--out' ? [a] : []))[0];
  const items = buildItems(
    loadLabelled(dataDirFrom(argv)),
    (l) => l.source === 'shopping-dev' && isHeldOut({ sha: sha10(l.text) }),
  );
  for (const v of CATEGORY_VARIANTS.filter((x) => !names.length || names.includes(x.name))) {
    const t0 = Date.now();
    const cv = crossValidate(items, 5, v.options).model;
    const file = fitModel(items, v.options);
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
        fullFit: { floor: file.floor, thresholds: file.thresholds, modes: file.modes },
        plain: plain.categories,
        plainProbabilities: plain.probabilities,
        seconds: Math.round((Date.now() - t0) / 1000),
      }),
    );
    console.log(`  ${per}`);
  }
}
