import { describe, expect, test } from 'vitest';
import { expectedInquiries, matchInquiry, type OpenRecall } from './inquiry-matcher.js';

const powerBank: OpenRecall = {
  id: 'r1',
  productName: '20000mAh 快充充电宝',
  title: '充电宝 B2024-11 批次召回',
  batches: ['B2024-11'],
  skuCodes: ['PB-20K'],
};
const kettle: OpenRecall = {
  id: 'r2',
  productName: '电热水壶',
  title: '水壶召回',
  batches: ['K-7'],
  skuCodes: [],
};

describe('recognising a recall inquiry', () => {
  test.each([
    ['我的也是这个批次吗', ['r1'], { recallId: 'r1', matchedBy: 'order', inScope: true }],
    ['我的充电宝是 b2024-11 的，要退吗', [], { recallId: 'r1', matchedBy: 'batch', inScope: null }],
    ['看到充电宝召回了，我买的要紧吗', [], { recallId: 'r1', matchedBy: 'product', inScope: null }],
    ['充电宝召回，我的订单在范围内吗', ['r2'], { recallId: 'r1', matchedBy: 'product', inScope: false }],
    ['Is my power bank batch B2024-11 affected?', [], { recallId: 'r1', matchedBy: 'batch', inScope: null }],
    ['水壶召回了吗？', [], { recallId: 'r2', matchedBy: 'product', inScope: null }],
  ] as const)('"%s" (orders in scope of %j) → %j', (text, inScope, expected) => {
    expect(matchInquiry({ text, inScopeOf: new Set(inScope) }, [powerBank, kettle])).toEqual(expected);
  });

  test.each([
    ['快递到哪里了', ['r1']],
    ['充电宝很好用，五星', []],
    ['请问什么时候发货', []],
  ] as const)('"%s" is not about a recall', (text, inScope) => {
    expect(matchInquiry({ text, inScopeOf: new Set(inScope) }, [powerBank, kettle])).toBeNull();
  });

  test('the campaign holding the buyer’s own order wins over one named only by product', () => {
    const both = { ...kettle, productName: '充电宝收纳袋' };
    expect(
      matchInquiry({ text: '充电宝这个批次有问题吗', inScopeOf: new Set(['r1']) }, [both, powerBank]),
    ).toEqual({
      recallId: 'r1',
      matchedBy: 'order',
      inScope: true,
    });
  });
});

test('expected inquiries put most of the questions in the first two days', () => {
  const days = expectedInquiries(1000);
  expect(days).toHaveLength(7);
  expect(days[0]!.expected + days[1]!.expected).toBeGreaterThan(
    days.slice(2).reduce((s, d) => s + d.expected, 0),
  );
});
