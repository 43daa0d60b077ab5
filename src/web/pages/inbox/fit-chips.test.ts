import { expect, test } from 'vitest';
import { chipWidth, fitChips } from './fit-chips.js';

test('a CJK character is wider than a Latin one', () => {
  expect(chipWidth('安全隐患')).toBe(20 + 48);
  expect(chipWidth('vip')).toBe(20 + 21);
});

test.each([
  [[], 0],
  [['安全隐患'], 1],
  [['安全隐患', '负面'], 2],
  // Three chips: the third would not leave room for a whole chip, so it is the +1.
  [['安全隐患', '负面', '加急'], 1],
  [['质量', '负面', '加急', '老客户'], 1],
  [['vip', 'ok', 'x', 'y'], 2],
  // A tag too long to show whole at all goes into the +N, even the first.
  [['这是一个特别特别长的标签名字'], 0],
  [['这是一个特别特别长的标签名字', '负面'], 0],
])('%j: %i shown whole', (labels, shown) => {
  expect(fitChips(labels)).toBe(shown);
});
