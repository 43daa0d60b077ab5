import { expect, test } from 'vitest';
import { TermMatcher } from './term-matcher.js';

const matcher = new TermMatcher();
const found = (text: string) => matcher.search(text).map((h) => [h.rule, text.slice(h.start, h.end)]);

test.each([
  [
    '全网最低价 国家级品质 足金手镯',
    [
      ['absolute_term', '全网最低价'],
      ['absolute_term', '国家级'],
    ],
  ],
  ['最近买了一件，第一次穿就起球', []],
  ['唯一的缺点是有点小', []],
  ['销量第一的纯棉T恤', [['absolute_term', '销量第一']]],
  ['全网第一品牌', [['absolute_term', '全网第一品牌']]],
  ['最好还是买大一码', []],
  ['最好的面料', [['absolute_term', '最好']]],
  ['最大承重150kg', []],
  [
    'ＮＯ．１爆款 限时秒杀',
    [
      ['absolute_term', 'ＮＯ．１'],
      ['inducement_term', '秒杀'],
    ],
  ],
  [
    '天然草本 降血压 无副作用',
    [
      ['medical_claim', '降血压'],
      ['medical_claim', '无副作用'],
    ],
  ],
  ['普通纯棉短袖', []],
  // Fibre content is a labelled fact; "100%" as a promise is not.
  ['100%纯棉，透气吸汗', []],
  ['面料：桑蚕丝100%', []],
  ['100%有效 无效退款', [['absolute_term', '100%']]],
])('%s', (text, expected) => {
  expect(found(text)).toEqual(expected);
});

test('spans are offsets into the original text, emoji included', () => {
  const text = '😀😀全网最低';
  const [hit] = matcher.search(text);
  expect(text.slice(hit!.start, hit!.end)).toBe('全网最低');
});
