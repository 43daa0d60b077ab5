import { expect, test } from 'vitest';
import { misleadingClaim } from './misleading-claim.js';

test.each([
  ['纯棉短袖T恤 宽松', null, '说是纯棉的，收到一摸就是化纤', '纯棉'],
  ['纯棉短袖T恤 宽松', null, '根本不是棉的，起球', '纯棉'],
  ['纯棉 国家级品质 衬衫', '棉65% 涤纶35%', '和描述不一样', '纯棉'],
  ['全网最低价 国家级品质 足金手镯', null, '称了一下不是足金', '足金'],
  ['全网最低价 陶瓷杯', null, '颜色不对', '全网最低价'],
  ['陶瓷马克杯', null, '颜色不对', null],
])('%s (%s) with complaint %s → %s', (title, material, complaint, expected) => {
  expect(misleadingClaim({ title, material }, complaint)?.text ?? null).toBe(expected);
});
