/**
 * Intent recognition on real buyer questions: `npm run bench -- intents [--data FILE]`.
 * Reads the labelled questions (src/assistant/eval/labels.csv: row, offset, hash, intent) out of the
 * review corpus at run time (FILE, AFTERCARE_REVIEWS_TEST, or ../shared/data beside the repository)
 * and reports precision and recall per intent, the share a merchant could answer automatically at the
 * default threshold, and how many of those automatic answers would be wrong. Texts are never stored.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { INTENTS, recogniseIntent } from '../src/assistant/intent.js';
import { DEFAULT_SETTINGS } from '../src/assistant/settings.js';

const DEFAULT_DATA = fileURLToPath(
  new URL('../../shared/data/online_shopping_10_cats/test.csv', import.meta.url),
);
const LABELS = fileURLToPath(new URL('../src/assistant/eval/labels.csv', import.meta.url));

type Row = { text: string; intent: string; half: 'tune' | 'report' };

function load(args: string[]): Row[] {
  const i = args.indexOf('--data');
  const file = i >= 0 ? args[i + 1]! : (process.env.AFTERCARE_REVIEWS_TEST ?? DEFAULT_DATA);
  if (!existsSync(file)) throw new Error(`review corpus not found at ${file} (pass --data FILE)`);
  const reviews = parse(readFileSync(file, 'utf8'), { columns: true }) as { review: string }[];
  const labels = parse(readFileSync(LABELS, 'utf8'), { columns: true }) as {
    row: string;
    offset: string;
    sha: string;
    intent: string;
  }[];
  return labels.map((l) => {
    const review = reviews[Number(l.row)]!.review;
    const m = /^[^。！!？?\n]*[？?]+/.exec(review.slice(Number(l.offset)));
    const text = (m?.[0] ?? '').trim().replace(/^[ ，,、；;…]+|[ ，,、；;…]+$/g, '');
    if (createHash('sha256').update(text).digest('hex').slice(0, 10) !== l.sha) {
      throw new Error(`row ${l.row}: the corpus text differs from the one labelled`);
    }
    return { text, intent: l.intent, half: Number(l.row) % 2 === 0 ? 'tune' : 'report' };
  });
}

function evaluate(rows: Row[], threshold: number) {
  const per: Record<string, { tp: number; fp: number; fn: number }> = {};
  for (const intent of INTENTS) per[intent] = { tp: 0, fp: 0, fn: 0 };
  let auto = 0;
  let autoWrong = 0;
  for (const r of rows) {
    const res = recogniseIntent(r.text);
    const predicted = res.escalation ? null : res.intent;
    if (predicted && predicted === r.intent) per[predicted]!.tp++;
    else {
      if (predicted) per[predicted]!.fp++;
      if (r.intent !== 'none') per[r.intent]!.fn++;
    }
    if (predicted && res.confidence >= threshold) {
      auto++;
      if (predicted !== r.intent) autoWrong++;
    }
  }
  const sum = Object.values(per).reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const pr = (c: { tp: number; fp: number; fn: number }) => ({
    ...c,
    precision: c.tp + c.fp ? r3(c.tp / (c.tp + c.fp)) : null,
    recall: c.tp + c.fn ? r3(c.tp / (c.tp + c.fn)) : null,
  });
  return {
    questions: rows.length,
    withIntent: rows.filter((r) => r.intent !== 'none').length,
    micro: pr(sum),
    perIntent: Object.fromEntries(Object.entries(per).map(([k, v]) => [k, pr(v)])),
    atThreshold: {
      threshold,
      answeredAutomatically: auto,
      share: r3(auto / rows.length),
      wrongIntentAmongAnswered: autoWrong,
      precisionOfAnswered: auto ? r3((auto - autoWrong) / auto) : null,
    },
  };
}

export default async function run(args: string[]): Promise<Record<string, unknown>> {
  const rows = load(args);
  const threshold = DEFAULT_SETTINGS.threshold;
  const figures = {
    source:
      'online_shopping_10_cats/test.csv (real reviews), question clauses labelled by reading; see src/assistant/eval/LABELS.md',
    all: evaluate(rows, threshold),
    tune: evaluate(
      rows.filter((r) => r.half === 'tune'),
      threshold,
    ),
    report: evaluate(
      rows.filter((r) => r.half === 'report'),
      threshold,
    ),
    thresholds: [0.6, 0.7, 0.75, 0.8, 0.9].map((t) => ({ t, ...evaluate(rows, t).atThreshold })),
  };
  console.log(JSON.stringify(figures, null, 2));
  return figures;
}
