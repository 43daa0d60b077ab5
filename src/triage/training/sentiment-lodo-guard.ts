/**
 * What a drifted per-tenant sentiment delta looks like from the tenant's side (MODEL.md, "A guard
 * against a drifted delta"): leave-one-domain-out as in sentiment-lodo-delta.ts — the nine-domain
 * model (int8) is the shipped model, the held-out domain's unlabelled dev texts are the tenant's
 * texts. As the service does, every fifth of them is kept aside and the delta (the product's code,
 * stored and read back as int8) learns from the rest, for several shuffle seeds and settings. Per
 * run: the figures the guard sees (sentiment-guard.ts: verdicts changed, sides flipped, the share
 * moved to the positive side on the learnt texts and on those kept aside) beside what only labels
 * tell — accuracy on the texts kept aside (dev rows: may choose the guard's limit) and on the test
 * rows (reported only), with and without the delta.
 *
 *   nice -n 10 npx tsx src/triage/training/sentiment-lodo-guard.ts [--data DIR] [--cache FILE]
 *     [--seed K]... [--setting NAME]... [--domain CAT]... [--out FILE]
 * A seed K is the shuffle seed SEED + 1000·K (sentiment-lodo-travel.ts's seed check used 0–3).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { distinctIds, featureIds, tokens } from '../features.js';
import { sentimentVerdict } from '../sentiment.js';
import {
  DELTA_DEFAULTS,
  type DeltaOptions,
  decodeDelta,
  deltaLogit,
  encodeDelta,
  trainSentimentDelta,
} from '../sentiment-delta.js';
import { CHECK_EVERY, type DeltaFigures, deltaFigures, judgeDelta } from '../sentiment-guard.js';
import { SEED, train } from '../train-sentiment.js';
import { dataDirFrom, readShopping } from './data.js';
import { quantised } from './sentiment-lodo-delta.js';

type Row = { cat: string; split: 'dev' | 'test'; y: 0 | 1; ids: Uint32Array };

function load(dir: string, cache: string): Row[] {
  if (existsSync(cache)) return deserialize(readFileSync(cache)) as Row[];
  const toRow = (split: 'dev' | 'test') => (r: { cat: string; review: string; label: 0 | 1 }) => {
    const lower = r.review.toLowerCase();
    return {
      cat: r.cat,
      split,
      y: r.label,
      ids: Uint32Array.from(distinctIds(featureIds(lower, tokens(lower, true)))),
    };
  };
  const rows = [
    ...readShopping(dir, 'dev').map(toRow('dev')),
    ...readShopping(dir, 'test').map(toRow('test')),
  ];
  writeFileSync(cache, serialize(rows));
  return rows;
}

/** The shipped setting, and the two confidences whose going-on rounds drifted in the grid (MODEL.md). */
const SETTINGS: Record<string, Partial<DeltaOptions>> = {
  shipped: {},
  'c0.3': { confidence: 0.3 },
  'c0.4': { confidence: 0.4 },
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (k: string) => argv.flatMap((a, i) => (argv[i - 1] === k ? [a] : []));
  const rows = load(dataDirFrom(argv), opt('--cache')[0] ?? join(tmpdir(), 'sentiment-lodo-guard.v8'));
  const seeds = opt('--seed').length ? opt('--seed').map(Number) : [0, 1, 2, 3];
  const settings = opt('--setting').length ? opt('--setting') : ['shipped'];
  const domains = [...new Set(rows.map((r) => r.cat))]
    .sort()
    .filter((d) => !opt('--domain').length || opt('--domain').includes(d));
  const out: Record<string, unknown>[] = [];
  for (const d of domains) {
    const t0 = Date.now();
    const base = quantised(
      train(
        rows.filter((r) => r.split === 'dev' && r.cat !== d).map((r) => ({ x: r.ids, y: r.y })),
        SEED,
      ),
    );
    const held = rows.filter((r) => r.cat === d);
    const dev = held.filter((r) => r.split === 'dev');
    const zBase = new Map<Row, number>();
    for (const r of held) {
      let z = base.bias;
      for (const id of r.ids) z += base.weight(id);
      zBase.set(r, z);
    }
    // As the service splits the tenant's texts: every fifth is kept aside to check the delta.
    const learn = dev.filter((_, i) => i % CHECK_EVERY !== 0);
    const check = dev.filter((_, i) => i % CHECK_EVERY === 0);
    const accuracy = (rs: Row[], logit: (r: Row) => number) =>
      r4(rs.filter((r) => (logit(r) >= 0 ? 1 : 0) === r.y).length / Math.max(1, rs.length));
    const test = held.filter((r) => r.split === 'test');
    const none = (r: Row) => zBase.get(r)!;
    const noDelta = { check: accuracy(check, none), test: accuracy(test, none) };
    for (const setting of settings)
      for (const k of seeds) {
        const o = { ...DELTA_DEFAULTS, ...SETTINGS[setting] };
        const trained = trainSentimentDelta(
          base,
          learn.map((r) => ({ ids: r.ids })),
          o,
          SEED + 1000 * k,
        );
        const table = decodeDelta(encodeDelta(trained, false))!;
        const zAfter = (r: Row) => zBase.get(r)! + deltaLogit(table, r.ids as unknown as number[], []);
        const figuresOn = (rs: Row[]) =>
          deltaFigures(
            rs.map((r) => [sigmoid(zBase.get(r)!), sigmoid(zAfter(r))] as const),
            sentimentVerdict,
            o.confidence,
          );
        const fl = figuresOn(learn);
        const fc = figuresOn(check);
        const later = figuresOn(test);
        const shift = (f: DeltaFigures) => r4((f.positiveAfter - f.positiveBefore) / Math.max(1, f.texts));
        const share = (n: number, f: DeltaFigures) => r4(n / Math.max(1, f.texts));
        const run = {
          domain: d,
          setting,
          seed: k,
          learnFigures: fl,
          checkFigures: fc,
          changedLearn: share(fl.changed, fl),
          changedCheck: share(fc.changed, fc),
          flippedCheck: share(fc.flipped, fc),
          shiftLearn: shift(fl),
          shiftCheck: shift(fc),
          shiftLater: shift(later),
          verdict: judgeDelta({ learn: fl, check: fc }),
          // Labels of the texts kept aside (dev rows: they may choose) and of the test rows (reported).
          check: { none: noDelta.check, delta: accuracy(check, zAfter) },
          test: { none: noDelta.test, delta: accuracy(test, zAfter) },
        };
        out.push(run);
        console.log(
          [
            d,
            setting,
            k,
            run.changedLearn,
            run.changedCheck,
            run.flippedCheck,
            run.shiftLearn,
            run.shiftCheck,
            run.shiftLater,
            run.verdict.adopt ? 'adopt' : run.verdict.reason,
            `${run.check.none}→${run.check.delta}`,
            `${run.test.none}→${run.test.delta}`,
          ].join('\t'),
        );
        if (opt('--out')[0]) writeFileSync(opt('--out')[0]!, JSON.stringify(out, null, 1));
      }
    console.error(d, `${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}
