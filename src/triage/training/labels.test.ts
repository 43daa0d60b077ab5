import { expect, test } from 'vitest';
import { CATEGORIES, TRIAGE_SEVERITIES } from '../taxonomy.js';
import {
  isHeldOut,
  readLabels,
  SHOPPING_LABELS,
  STAGE3_LABELS,
  STAGE4_LABELS,
  STAGE5_LABELS,
  STAGE6_LABELS,
  STAGE7_LABELS,
  TARGETED_LABELS,
} from './data.js';

// The labels are data the repo ships (LABELLING.md); these checks keep the file well-formed without
// needing the texts in ../shared/data.
const labels = readLabels();

test('every label names a dev.csv row once, with a text hash, known categories and a severity', () => {
  expect(labels.length).toBeGreaterThanOrEqual(1500);
  expect(new Set(labels.map((l) => l.row)).size).toBe(labels.length);
  for (const l of labels) {
    expect(l.sha).toMatch(/^[0-9a-f]{10}$/);
    expect(l.categories.length).toBeGreaterThan(0);
    for (const c of l.categories) expect(CATEGORIES).toContain(c);
    expect(TRIAGE_SEVERITIES).toContain(l.severity);
  }
});

test('the labels cover all ten product categories and hold out about a fifth', () => {
  expect(new Set(labels.map((l) => l.cat)).size).toBe(10);
  const held = labels.filter(isHeldOut).length / labels.length;
  expect(held).toBeGreaterThan(0.15);
  expect(held).toBeLessThan(0.25);
});

test('the targeted stages name rows of no earlier stage nor themselves twice', () => {
  const targeted = [TARGETED_LABELS, STAGE3_LABELS, STAGE4_LABELS, STAGE7_LABELS].flatMap((f) =>
    readLabels(f),
  );
  // Stage 7 was sampled after the random stages 5 and 6 too.
  const rows = new Set(
    [SHOPPING_LABELS, STAGE5_LABELS, STAGE6_LABELS].flatMap((f) => readLabels(f).map((l) => l.row)),
  );
  for (const l of targeted) {
    expect(rows.has(l.row)).toBe(false);
    rows.add(l.row);
    expect(l.sha).toMatch(/^[0-9a-f]{10}$/);
    expect(l.batch).toBeGreaterThan(100);
    expect(l.categories.length).toBeGreaterThan(0);
  }
});

// Stage 5 (the fresh split of the previous model, now training) and stage 6 (the fresh split now):
// random samples, each naming rows of no earlier stage, each once.
test.each([
  {
    file: STAGE5_LABELS,
    earlierFiles: [SHOPPING_LABELS, TARGETED_LABELS, STAGE3_LABELS, STAGE4_LABELS],
    batch: 500,
  },
  {
    file: STAGE6_LABELS,
    earlierFiles: [SHOPPING_LABELS, TARGETED_LABELS, STAGE3_LABELS, STAGE4_LABELS, STAGE5_LABELS],
    batch: 600,
  },
])('$file names rows of no earlier stage, each once', ({ file, earlierFiles, batch }) => {
  const earlier = new Set(earlierFiles.flatMap((f) => readLabels(f).map((l) => l.row)));
  const fresh = readLabels(file);
  expect(fresh.length).toBeGreaterThanOrEqual(300);
  expect(new Set(fresh.map((l) => l.row)).size).toBe(fresh.length);
  for (const l of fresh) {
    expect(earlier.has(l.row)).toBe(false);
    expect(l.batch).toBeGreaterThan(batch);
    expect(l.categories.length).toBeGreaterThan(0);
  }
});
