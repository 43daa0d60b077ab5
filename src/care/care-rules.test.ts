import { describe, expect, test } from 'vitest';
import {
  type CareCandidate,
  careText,
  DEFAULT_CARE_SETTINGS,
  decideCare,
  isOptOut,
  tipsExcerpt,
} from './care-rules.js';

const now = new Date('2026-12-05T10:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const eligible: CareCandidate = {
  hasBuyer: true,
  optedOut: false,
  hasProduct: true,
  productSwitch: null,
  hasTips: true,
  sentToBuyer: [],
};
const settings = { ...DEFAULT_CARE_SETTINGS, enabled: true, holdoutPercent: 10 };
const weekly = { max: 1, days: 7 };

describe('decideCare', () => {
  test.each([
    ['an eligible order above the hold-out share gets care', {}, 50, { group: 'care' }],
    ['an eligible order below the hold-out share is held out', {}, 9.99, { group: 'holdout' }],
    ['no buyer to write to', { hasBuyer: false }, 50, { group: 'none', reason: 'no_buyer' }],
    ['the buyer said 退订', { optedOut: true }, 50, { group: 'none', reason: 'opted_out' }],
    ['no product on the order', { hasProduct: false }, 50, { group: 'none', reason: 'no_product' }],
    ['the product is switched off', { productSwitch: false }, 50, { group: 'none', reason: 'product_off' }],
    ['no usage tips to send', { hasTips: false }, 50, { group: 'none', reason: 'no_tips' }],
    [
      'a care message 3 days ago: over 1 per 7 days',
      { sentToBuyer: [daysAgo(3)] },
      50,
      { group: 'none', reason: 'rate_limited' },
    ],
    ['the last one 8 days ago: allowed again', { sentToBuyer: [daysAgo(8)] }, 50, { group: 'care' }],
    // A rate-limited buyer is not drawn into the hold-out either: both groups hold only eligible orders.
    [
      'rate-limited before the draw',
      { sentToBuyer: [daysAgo(1)] },
      1,
      { group: 'none', reason: 'rate_limited' },
    ],
  ] as const)('%s', (_name, over, roll, expected) => {
    expect(decideCare({ ...eligible, ...over }, settings, weekly, now, roll)).toEqual(expected);
  });

  test('with every product off by default, a product switched on still gets care', () => {
    const only = { ...settings, allProducts: false };
    expect(decideCare(eligible, only, weekly, now, 50)).toEqual({ group: 'none', reason: 'product_off' });
    expect(decideCare({ ...eligible, productSwitch: true }, only, weekly, now, 50)).toEqual({
      group: 'care',
    });
  });

  test('a platform allowing 2 per 7 days lets the second through', () => {
    expect(
      decideCare({ ...eligible, sentToBuyer: [daysAgo(1)] }, settings, { max: 2, days: 7 }, now, 50),
    ).toEqual({
      group: 'care',
    });
  });
});

describe('the care message', () => {
  test('the tips are the first lines of the usage article, the link carries the rest', () => {
    const body =
      '## 使用方法\n首次使用前请用温水清洗。\n\n- 可以装开水，杯身耐热120℃\n- 不可放入微波炉\n- 清洗时不要用钢丝球，以免划伤内胆涂层和杯身表面的喷漆工艺';
    expect(tipsExcerpt(body, 40)).toBe('首次使用前请用温水清洗。可以装开水，杯身耐热120℃；不可放入微波炉');
  });

  test('zh-CN: product, tips, link, how to stop; no empty lines for what is missing', () => {
    const text = careText('zh-CN', {
      productName: '玻璃保温杯',
      tips: '可以装开水',
      note: null,
      link: 'https://shop.example.cn/kb/abcdefabcdef',
    });
    expect(text).toContain('「玻璃保温杯」已经签收');
    expect(text).toContain('使用小贴士：可以装开水');
    expect(text).toContain('https://shop.example.cn/kb/abcdefabcdef');
    expect(text).toContain('回复“退订”');
    expect(text).not.toMatch(/\n\n|null/);
  });

  test('en reads as English', () => {
    expect(careText('en', { productName: 'glass bottle', tips: null, note: 'Enjoy!', link: null })).toBe(
      'Hello, your glass bottle has been delivered. Thank you for your order!\nEnjoy!\nIf anything is unclear, just reply here and we will help. Reply "STOP" to receive no more messages like this.',
    );
  });
});

test.each([
  ['退订', true],
  [' TD ', true],
  ['不要再发了！', true],
  ['STOP', true],
  ['退订了还能退货吗', false],
  ['杯子漏水，不要再发这种货了', false],
  ['', false],
])('"%s" is an opt-out: %s', (text, expected) => {
  expect(isOptOut(text)).toBe(expected);
});
