import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { CATEGORIES, type Category, TRIAGE_SEVERITIES, type TriageSeverity } from '../taxonomy.js';

/**
 * Reading the shared data sets for training and evaluation. The texts never enter the repo: scripts
 * take the data directory on the command line (`--data DIR`, default `../shared/data` next to the
 * repo, or the AFTERCARE_DATA_DIR environment variable) and the repo keeps labels keyed by source row plus a short hash of the text.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const LABELS_DIR = fileURLToPath(new URL('../labels/', import.meta.url));

export function dataDirFrom(argv: string[]): string {
  const i = argv.indexOf('--data');
  const dir =
    i >= 0 && argv[i + 1]
      ? resolve(argv[i + 1]!)
      : resolve(REPO, process.env.AFTERCARE_DATA_DIR ?? '../shared/data');
  if (!existsSync(`${dir}/online_shopping_10_cats/dev.csv`)) {
    throw new Error(`no online_shopping_10_cats/dev.csv under ${dir} (pass --data DIR)`);
  }
  return dir;
}

export type ShoppingRow = { row: number; cat: string; label: 0 | 1; review: string };

export function readShopping(dir: string, split: 'dev' | 'test'): ShoppingRow[] {
  const records = parse(readFileSync(`${dir}/online_shopping_10_cats/${split}.csv`), {
    columns: true,
    skip_empty_lines: false,
  }) as { cat: string; label: string; review: string }[];
  return records.map((r, row) => ({
    row,
    cat: r.cat,
    label: r.label === '1' ? 1 : 0,
    review: r.review ?? '',
  }));
}

export type ComplaintRow = {
  id: string;
  cat: string;
  categories: Category[];
  severity: TriageSeverity;
  review: string;
};

export function readComplaints(dir: string): ComplaintRow[] {
  const records = parse(readFileSync(`${dir}/complaints_labeled/dev.csv`), { columns: true }) as Record<
    string,
    string
  >[];
  return records.map((r) => ({
    id: r.id!,
    cat: r.cat!,
    categories: parseCategories(r.categories!),
    severity: parseSeverity(r.severity!),
    review: r.review ?? '',
  }));
}

/** First 10 hex digits of the SHA-256 of a text: detects a changed source row, reveals nothing. */
export const sha10 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10);

export function parseCategories(s: string): Category[] {
  const out = s.split('|').filter(Boolean);
  for (const c of out) if (!CATEGORIES.includes(c as Category)) throw new Error(`unknown category ${c}`);
  return out as Category[];
}

export function parseSeverity(s: string): TriageSeverity {
  if (!TRIAGE_SEVERITIES.includes(s as TriageSeverity)) throw new Error(`unknown severity ${s}`);
  return s as TriageSeverity;
}

export type LabelRow = {
  row: number;
  sha: string;
  cat: string;
  categories: Category[];
  severity: TriageSeverity;
  batch: number;
};

export const SHOPPING_LABELS = `${LABELS_DIR}shopping-dev.csv`;
/** Stage 2 of the labelling (targeted-sample.ts): enriched for the weakest categories. */
export const TARGETED_LABELS = `${LABELS_DIR}shopping-dev-targeted.csv`;
/** Stage 3 (targeted-sample.ts STAGE3_CUES): enriched for the categories still thin after stage 2. */
export const STAGE3_LABELS = `${LABELS_DIR}shopping-dev-stage3.csv`;
/** Stage 4 (targeted-sample.ts STAGE4_CUES): safety and the weakest categories by CV. */
export const STAGE4_LABELS = `${LABELS_DIR}shopping-dev-stage4.csv`;
/** Stage 5 (label-tool.ts stageFive): random again, no cue; the fresh held-out split until stage 6. */
export const STAGE5_LABELS = `${LABELS_DIR}shopping-dev-stage5.csv`;
/** Stage 6 (label-tool.ts stageSix): random, no cue, after stage 5 moved into training; the fresh held-out split. */
export const STAGE6_LABELS = `${LABELS_DIR}shopping-dev-stage6.csv`;
/** Stage 7 (targeted-sample.ts STAGE7_CUES): the five thinnest categories by CV; trains, never held out. */
export const STAGE7_LABELS = `${LABELS_DIR}shopping-dev-stage7.csv`;
export const LABEL_HEADER = 'row,sha,cat,categories,severity,batch';

export function readLabels(file = SHOPPING_LABELS): LabelRow[] {
  if (!existsSync(file)) return [];
  const records = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
  return records.map((r) => ({
    row: Number(r.row),
    sha: r.sha!,
    cat: r.cat!,
    categories: parseCategories(r.categories!),
    severity: parseSeverity(r.severity!),
    batch: Number(r.batch),
  }));
}

export const labelLine = (l: LabelRow) =>
  [l.row, l.sha, l.cat, l.categories.join('|'), l.severity, l.batch].join(',');

/** A labelled example with its text, from either source. */
export type Labelled = {
  key: string;
  /**
   * shopping-dev: stage 1 (random); shopping-targeted: stages 2–4 (enriched, targeted-sample.ts);
   * stage 5 (random, the fresh split of the previous model) counts as shopping-dev;
   * shopping-fresh: stage 6 (random, the fresh held-out split: loadFresh, never in loadLabelled).
   */
  source: 'shopping-dev' | 'shopping-targeted' | 'shopping-fresh' | 'complaints';
  cat: string;
  text: string;
  categories: Category[];
  severity: TriageSeverity;
};

function joined(dev: ShoppingRow[], l: LabelRow, source: Labelled['source']): Labelled {
  const src = dev[l.row];
  if (!src || sha10(src.review) !== l.sha) {
    throw new Error(
      `labels: dev.csv row ${l.row} changed (hash ${l.sha}); the source file is not the one labelled`,
    );
  }
  return {
    key: `dev:${l.row}`,
    source,
    cat: l.cat,
    text: src.review,
    categories: l.categories,
    severity: l.severity,
  };
}

/**
 * Stage 6 joined with its texts: the fresh held-out split. Nothing trains on it and it was labelled
 * after every rule and lexicon term of its model was set; it is only scored (bench/triage.ts).
 */
export function loadFresh(dir: string): Labelled[] {
  const dev = readShopping(dir, 'dev');
  return readLabels(STAGE6_LABELS).map((l) => joined(dev, l, 'shopping-fresh'));
}

/** The hand labels joined with their texts; a row whose text changed is an error, not a silent skip. */
export function loadLabelled(dir: string): Labelled[] {
  const dev = readShopping(dir, 'dev');
  const out: Labelled[] = [];
  const stages = [
    ...readLabels().map((l) => ({ l, source: 'shopping-dev' as const })),
    ...readLabels(TARGETED_LABELS).map((l) => ({ l, source: 'shopping-targeted' as const })),
    ...readLabels(STAGE3_LABELS).map((l) => ({ l, source: 'shopping-targeted' as const })),
    ...readLabels(STAGE4_LABELS).map((l) => ({ l, source: 'shopping-targeted' as const })),
    ...readLabels(STAGE7_LABELS).map((l) => ({ l, source: 'shopping-targeted' as const })),
    // Stage 5 was the fresh split of the previous model; a random sample, it trains now.
    ...readLabels(STAGE5_LABELS).map((l) => ({ l, source: 'shopping-dev' as const })),
  ];
  for (const { l, source } of stages) out.push(joined(dev, l, source));
  for (const c of readComplaints(dir)) {
    out.push({
      key: `cl:${c.id}`,
      source: 'complaints',
      cat: c.cat,
      text: c.review,
      categories: c.categories,
      severity: c.severity,
    });
  }
  return out;
}

/**
 * The held-out split: a fifth of the stage-1 (random) shopping-dev labels, fixed by the text hash (not by the
 * labeller or the model). Nothing is tuned on it; it is scored once per model version, after the
 * cross-validated choices are made. complaints_labeled is never held out (the old rules saw it).
 */
export const isHeldOut = (l: Pick<LabelRow, 'sha'>) => Number.parseInt(l.sha.slice(0, 8), 16) % 5 === 0;
