/**
 * Trains the category model shipped in src/triage/model/categories.json (MODEL.md).
 *
 *   npm run triage:train-categories [-- --data DIR] [--cv [--bench]]
 *
 * Data: the hand labels in src/triage/labels/ joined with their texts from ../shared/data (the texts
 * never enter the repo) plus complaints_labeled/dev.csv. `--cv` also prints the 5-fold
 * cross-validation and the held-out figures (bench/triage.ts records them); with `--bench` they are
 * also written into bench/results/triage.json (its categoriesCrossValidated and categoriesHeldOut
 * keys only, in bench/triage.ts's shape), so a retrain need not rerun the whole triage bench.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildItems, crossValidate, fitModel, heldOutScore } from './category-eval.js';
import { dataDirFrom, isHeldOut, loadLabelled, sha10 } from './data.js';

const OUT = fileURLToPath(new URL('../model/categories.json', import.meta.url));
const BENCH = fileURLToPath(new URL('../../../bench/results/triage.json', import.meta.url));

const argv = process.argv.slice(2);
const dir = dataDirFrom(argv);
const t0 = Date.now();
const items = buildItems(
  loadLabelled(dir),
  (l) => l.source === 'shopping-dev' && isHeldOut({ sha: sha10(l.text) }),
);
console.log(`${items.length} labelled texts prepared in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (argv.includes('--cv')) {
  const cv = crossValidate(items);
  const show = (name: string, r: ReturnType<typeof crossValidate>['model']) => {
    console.log(
      `${name}: macro-F1 ${r.macro.f1} (excluding other ${r.macroExcludingOther.f1}), micro-F1 ${r.micro.f1}`,
    );
    for (const [c, v] of Object.entries(r.perCategory))
      console.log(
        `  ${c.padEnd(22)} P ${v.precision.toFixed(2)} R ${v.recall.toFixed(2)} F1 ${v.f1.toFixed(2)} (n=${v.support})`,
      );
    console.log(`  safety P ${r.safety.precision} R ${r.safety.recall} missed ${r.safety.missed.join(' ')}`);
    console.log(
      `  critical P ${r.critical.precision} R ${r.critical.recall}; severity accuracy ${r.severity.accuracy}`,
    );
    console.log('  severity gold → predicted', JSON.stringify(r.severity.confusion));
  };
  show('5-fold CV, model', cv.model);
  show('5-fold CV, lexicon only', cv.lexiconOnly);
  show('5-fold CV, model, scored on the random sample only', cv.modelOnRandomSample);
  const held = heldOutScore(items);
  show('held-out, model', held.model);
  show('held-out, lexicon only', held.lexiconOnly);
  console.log(`cv done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (argv.includes('--bench')) {
    const bench = JSON.parse(readFileSync(BENCH, 'utf8')) as Record<string, unknown>;
    bench.categoriesCrossValidated = {
      dataset: `${items.length} hand labels: src/triage/labels/ stages 1–5 and 7 + complaints_labeled/dev.csv`,
      method: '5-fold CV; thresholds and modes chosen by a 4-fold CV inside each training part',
      ...cv,
    };
    bench.categoriesHeldOut = {
      dataset: `${items.filter((i) => i.heldOut).length} held-out shopping-dev labels (isHeldOut), model trained on the rest`,
      ...held,
    };
    writeFileSync(BENCH, `${JSON.stringify(bench, null, 2)}\n`);
    console.log(`wrote categoriesCrossValidated and categoriesHeldOut into ${BENCH}`);
  }
}
const file = fitModel(items);
writeFileSync(OUT, `${JSON.stringify(file)}\n`);
console.log(`wrote ${OUT}: thresholds ${file.thresholds.join(' ')}, safety ${file.safetyThreshold}`);
