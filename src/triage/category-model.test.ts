import { expect, test } from 'vitest';
import { evidenceFeatures, restack } from './category-model.js';
import { prepare } from './prepare.js';

// The second stage (category-stack.ts trainStack) as the runtime applies it.
test.each([
  {
    name: 'an identity row leaves the first stage as it is',
    stack: [
      [0, 1, 0, 0],
      [0, 1, 0, 0],
    ],
    p: [0.2, 0.7],
    want: [0.2, 0.7],
  },
  {
    name: 'a co-occurrence weight raises a category beside another (logit 0 + 2·0.5 → 0.731)',
    stack: [
      [0, 1, 0, 0],
      [0, 1, 2, 0],
    ],
    p: [0.5, 0.5],
    want: [0.5, 0.7311],
  },
  {
    name: 'the skipped category (safety) keeps its first-stage probability',
    stack: [
      [5, 0, 0, 0],
      [-5, 0, 0, 0],
    ],
    p: [0.1, 0.9],
    skip: 1,
    want: [0.9933, 0.9],
  },
])('$name', ({ stack, p, skip, want }) => {
  const out = Float64Array.from(p);
  restack(stack, out, skip ?? -1);
  expect(Array.from(out, (x) => Math.round(x * 1e4) / 1e4)).toEqual(want);
});

test('cue evidence names each lexicon term found and each negated one; category evidence does not', () => {
  const p = prepare('包装破损了，客服也不回复');
  const byCategory = evidenceFeatures(p, 16, 'category');
  const byCue = evidenceFeatures(p, 16, 'cue');
  const both = evidenceFeatures(p, 16, 'both');
  expect(new Set(both)).toEqual(new Set([...byCategory, ...byCue]));
  expect(byCue.filter((id) => !byCategory.includes(id)).length).toBeGreaterThan(0);
  expect(evidenceFeatures(prepare('没有破损'), 16, 'cue').length).toBeGreaterThan(0);
});
