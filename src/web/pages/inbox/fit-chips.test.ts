import { expect, test } from 'vitest';
import { chipWidth, fitChips } from './fit-chips.js';

test('a CJK character is wider than a Latin one', () => {
  expect(chipWidth('安全隐患')).toBe(20 + 48);
  expect(chipWidth('vip')).toBe(20 + 19.5);
});

// A 112 px budget (a narrow column): the rule, whatever the default budget is.
test.each([
  [[], 0],
  [['安全隐患'], 1],
  [['安全隐患', '负面'], 2],
  // The third chip does not fit whole: it is the +1.
  [['安全隐患', '负面', '加急'], 2],
  [['质量', '负面', '加急', '老客户'], 2],
  // In English the category still shows whole, the mood waits in the +N.
  [['Safety hazard', 'Negative'], 1],
  [['vip', 'ok', 'x', 'y'], 3],
  // A tag too long to show whole at all goes into the +N, even the first.
  [['这是一个特别特别长的标签名字'], 0],
  [['这是一个特别特别长的标签名字', '负面'], 0],
])('%j: %i shown whole in 112 px', (labels, shown) => {
  expect(fitChips(labels, 112)).toBe(shown);
});

test.each([
  // The line under the subject: a category, the mood and a tag show whole.
  [['安全隐患', '负面', '加急'], 3],
  [['Safety hazard', 'Negative'], 2],
  [['质量', '负面', '加急', '老客户', '复购'], 3],
  // Still too long whole: it waits in the +N with what follows.
  [['这是一个特别特别长的标签名字', '负面'], 0],
])('%j: %i shown whole under the subject', (labels, shown) => {
  expect(fitChips(labels)).toBe(shown);
});
