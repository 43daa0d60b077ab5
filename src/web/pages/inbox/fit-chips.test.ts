import { expect, test } from 'vitest';
import { chipWidth, fitChips } from './fit-chips.js';

test('a CJK character is wider than a Latin one', () => {
  expect(chipWidth('安全隐患')).toBe(20 + 48);
  expect(chipWidth('vip')).toBe(20 + 19.5);
});

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
])('%j: %i shown whole', (labels, shown) => {
  expect(fitChips(labels)).toBe(shown);
});
