/**
 * Labeller agreement (LABELLING.md §6): a seeded sample of already-labelled reviews is labelled a
 * second time, blind (the sheet shows the texts only, never the first labels), and the two passes
 * are compared per category by Cohen's kappa.
 *
 *   npx tsx src/triage/training/agreement.ts sheet [--data DIR]   texts to label (stdout; never commit)
 *   npx tsx src/triage/training/agreement.ts score [--data DIR]   kappa per category, JSON
 *
 * The second pass lives in labels/second-pass.csv (row, sha, categories, severity: no text).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { CATEGORIES, type Category, TRIAGE_SEVERITIES, type TriageSeverity } from '../taxonomy.js';
import { mulberry32, shuffle } from '../train-sentiment.js';
import {
  dataDirFrom,
  LABELS_DIR,
  type LabelRow,
  parseCategories,
  parseSeverity,
  readLabels,
  readShopping,
  SHOPPING_LABELS,
  STAGE5_LABELS,
  STAGE6_LABELS,
  sha10,
} from './data.js';

export const SECOND_PASS = `${LABELS_DIR}second-pass.csv`;
const SEED = 20261206;
/** Per labeller of the first pass: the random stages 1 and 5, and stage 6 (another labeller). */
export const PER_GROUP = 50;

export type FirstPass = LabelRow & { group: 'stages 1+5' | 'stage 6' };

/** The sample: PER_GROUP rows of each first-pass group, seeded, in a shuffled order. */
export function agreementSample(): FirstPass[] {
  const rand = mulberry32(SEED);
  const pick = (rows: FirstPass[]) => shuffle(rows, rand).slice(0, PER_GROUP);
  const early = [...readLabels(SHOPPING_LABELS), ...readLabels(STAGE5_LABELS)].map((l) => ({
    ...l,
    group: 'stages 1+5' as const,
  }));
  const six = readLabels(STAGE6_LABELS).map((l) => ({ ...l, group: 'stage 6' as const }));
  const both = [...pick(early), ...pick(six)];
  return shuffle(both, rand);
}

export type SecondPass = { row: number; sha: string; categories: Category[]; severity: TriageSeverity };

export function readSecondPass(file = SECOND_PASS): SecondPass[] {
  if (!existsSync(file)) return [];
  return (parse(readFileSync(file), { columns: true }) as Record<string, string>[]).map((r) => ({
    row: Number(r.row),
    sha: r.sha!,
    categories: parseCategories(r.categories!),
    severity: parseSeverity(r.severity!),
  }));
}

/** Cohen's kappa of two yes/no raters; undefined when chance agreement is total (nobody said yes, or both always did). */
export function kappa(a: boolean[], b: boolean[]): number | undefined {
  const n = a.length;
  if (!n || n !== b.length) return undefined;
  let agree = 0;
  let ya = 0;
  let yb = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    if (a[i]) ya++;
    if (b[i]) yb++;
  }
  const po = agree / n;
  const pe = (ya / n) * (yb / n) + (1 - ya / n) * (1 - yb / n);
  return pe >= 1 ? undefined : (po - pe) / (1 - pe);
}

/** Cohen's kappa of two raters over nominal labels (severity). */
export function nominalKappa<T>(a: T[], b: T[]): number | undefined {
  const n = a.length;
  if (!n || n !== b.length) return undefined;
  const values = [...new Set([...a, ...b])];
  const po = a.filter((x, i) => x === b[i]).length / n;
  const pe = values.reduce(
    (s, v) => s + (a.filter((x) => x === v).length / n) * (b.filter((x) => x === v).length / n),
    0,
  );
  return pe >= 1 ? undefined : (po - pe) / (1 - pe);
}

const round = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1000) / 1000);

type PerCategory = {
  both: number;
  firstOnly: number;
  secondOnly: number;
  kappa: number | null;
  f1: number | null;
};

/**
 * Per category: both, first only, second only, Cohen's kappa, and the F1 of the second pass scored
 * against the first (symmetric: the same either way round) — how well one careful person "predicts"
 * another, a ceiling for a model scored against either; then severity and exact-set agreement.
 */
export function agreement(first: Pick<FirstPass, 'categories' | 'severity'>[], second: SecondPass[]) {
  const per: Record<string, PerCategory> = {};
  for (const c of CATEGORIES) {
    const a = first.map((l) => l.categories.includes(c));
    const b = second.map((l) => l.categories.includes(c));
    per[c] = {
      both: a.filter((x, i) => x && b[i]).length,
      firstOnly: a.filter((x, i) => x && !b[i]).length,
      secondOnly: a.filter((x, i) => !x && b[i]).length,
      kappa: round(kappa(a, b)),
      f1: null,
    };
    const p = per[c]!;
    const f1Denominator = 2 * p.both + p.firstOnly + p.secondOnly;
    p.f1 = f1Denominator ? round((2 * p.both) / f1Denominator) : null;
  }
  const withKappa = Object.values(per).filter((v) => v.kappa !== null);
  const f1s = CATEGORIES.filter((c) => c !== 'other' && per[c]!.f1 !== null).map((c) => per[c]!.f1!);
  const same = (x: Category[], y: Category[]) => x.length === y.length && x.every((c) => y.includes(c));
  const order = (s: TriageSeverity) => TRIAGE_SEVERITIES.indexOf(s);
  return {
    texts: first.length,
    exactSetAgreement: round(
      first.filter((l, i) => same(l.categories, second[i]!.categories)).length / first.length,
    ),
    meanKappa: round(withKappa.reduce((s, v) => s + v.kappa!, 0) / Math.max(1, withKappa.length)),
    /** Over the categories either pass used, `other` excluded (as the 0.80 goal is). */
    macroF1ExcludingOther: round(f1s.reduce((s, x) => s + x, 0) / Math.max(1, f1s.length)),
    perCategory: per,
    severity: {
      agreement: round(first.filter((l, i) => l.severity === second[i]!.severity).length / first.length),
      withinOne: round(
        first.filter((l, i) => Math.abs(order(l.severity) - order(second[i]!.severity)) <= 1).length /
          first.length,
      ),
      kappa: round(
        nominalKappa(
          first.map((l) => l.severity),
          second.map((l) => l.severity),
        ),
      ),
    },
  };
}

/** The second pass joined with the sample's first labels, by row and text hash. */
export function paired(sample = agreementSample(), second = readSecondPass()) {
  const byRow = new Map(sample.map((l) => [l.row, l]));
  return second.map((s) => {
    const f = byRow.get(s.row);
    if (!f || f.sha !== s.sha)
      throw new Error(`second pass: row ${s.row} is not in the sample (or its hash differs)`);
    return { first: f, second: s };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const sample = agreementSample();
  if (argv[0] === 'sheet') {
    const dev = readShopping(dataDirFrom(argv), 'dev');
    for (const l of sample) {
      const text = dev[l.row]!.review;
      if (sha10(text) !== l.sha) throw new Error(`row ${l.row} changed`);
      console.log(`${l.row},${l.sha},${l.cat}\t${text.replace(/\s+/g, ' ')}`);
    }
  } else if (argv[0] === 'score') {
    const pairs = paired(sample);
    const groups = ['stages 1+5', 'stage 6'] as const;
    const out = {
      all: agreement(
        pairs.map((p) => p.first),
        pairs.map((p) => p.second),
      ),
      ...Object.fromEntries(
        groups.map((g) => {
          const ps = pairs.filter((p) => p.first.group === g);
          return [
            g,
            agreement(
              ps.map((p) => p.first),
              ps.map((p) => p.second),
            ),
          ];
        }),
      ),
    };
    console.log(JSON.stringify(out, null, 1));
  } else console.error('usage: agreement.ts sheet|score [--data DIR]');
}
