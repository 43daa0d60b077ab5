import { describe, expect, test } from 'vitest';
import { analyze } from './analyze.js';
import { countAspects, findAspects, mergeAspects } from './aspects.js';

// The rules with a stub clause score (+1 for 好, −1 for 慢): clauses, contrast words, own polarity.
const stub = (words: string[]) => (from: number, to: number) =>
  words.slice(from, to).reduce((s, w) => s + (w === '好' ? 1 : w === '慢' ? -1 : 0), 0);
const run = (words: string[]) => findAspects(words, stub(words)).map((m) => `${m.aspect}:${m.polarity}`);

describe('findAspects', () => {
  test.each([
    [
      ['物流', '慢', '但', '质量', '很', '好'],
      ['logistics:negative', 'quality:positive'],
    ],
    [
      ['物流', '慢', '，', '质量', '好'],
      ['logistics:negative', 'quality:positive'],
    ],
    [['价格', '不', '贵'], ['price:positive']],
    [['太贵', '了'], ['price:negative']],
    [['客服', '在'], ['service:neutral']],
    [['假货'], ['authenticity:negative']],
    [['没有', '破损'], ['quality:positive']],
    [['好', '用'], []],
  ])('%j → %j', (words, want) => {
    expect(run(words)).toEqual(want);
  });
});

test('a case keeps the negative mention of an aspect; counts add up per polarity', () => {
  const merged = mergeAspects(
    [{ aspect: 'quality', polarity: 'positive', terms: ['质量'] }],
    [
      { aspect: 'quality', polarity: 'negative', terms: ['做工'] },
      { aspect: 'price', polarity: 'neutral', terms: ['价格'] },
    ],
  );
  expect(merged).toEqual([
    { aspect: 'quality', polarity: 'negative', terms: ['质量', '做工'] },
    { aspect: 'price', polarity: 'neutral', terms: ['价格'] },
  ]);
  const counts = countAspects([merged, [{ aspect: 'quality', polarity: 'positive', terms: [] }]]);
  expect(counts.quality).toEqual({ positive: 1, negative: 1, neutral: 0 });
  expect(counts.logistics).toEqual({ positive: 0, negative: 0, neutral: 0 });
});

// Named examples with the shipped sentiment model (a regression set, not an accuracy claim).
test.each([
  ['物流慢但质量很好', { logistics: 'negative', quality: 'positive' }],
  ['快递很快，包装完好，就是价格有点贵', { logistics: 'positive', packaging: 'positive', price: 'negative' }],
  ['衣服偏小，客服态度很好', { fit_size: 'negative', service: 'positive' }],
  ['delivery was slow but quality is great', { logistics: 'negative', quality: 'positive' }],
])('analyze(%s) aspects', (text, want) => {
  const got = Object.fromEntries(analyze(text).aspects.map((m) => [m.aspect, m.polarity]));
  expect(got).toEqual(want);
});

test('no words, no aspects', () => {
  expect(analyze('').aspects).toEqual([]);
  expect(analyze('😀😀').aspects).toEqual([]);
});
