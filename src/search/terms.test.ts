import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildSnippet, findMatches, indexTerms, MAX_QUERY_TERMS, queryTerms } from './terms.js';

describe('search terms', () => {
  test.each([
    ['屏幕碎了', ['屏幕', '碎']],
    ['屏幕 碎', ['屏幕', '碎']],
    ['物流 慢', ['物流', '慢']],
    ['质量差', ['质量', '差']],
    ['The screen CRACKED!', ['screen', 'cracked']],
    ['七天无理由退货', ['七天', '无理', '理由', '退货']],
  ])('the query %s searches %j', (query, terms) => {
    expect(queryTerms(query)).toEqual(terms);
  });

  test.each([[''], ['   '], ["&|!:*()'"], ['😀😀'], ['<>"\\']])(
    'a query without letters or digits (%j) has no terms',
    (query) => {
      expect(queryTerms(query)).toEqual([]);
    },
  );

  test('a query of particles only still searches them', () => {
    expect(queryTerms('的')).toEqual(['的']);
  });

  test('tsquery operators in a query never reach the terms', () => {
    expect(queryTerms("屏幕' & 碎 | !x:*")).toEqual(['屏幕', '碎', 'x']);
  });

  test('a pasted review is cut to a bounded number of terms', () => {
    const review = '手机屏幕摔碎了物流太慢客服态度差质量不好包装破损退款很慢'.repeat(30);
    expect(queryTerms(review).length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
  });

  test('documents index the characters of their words, so every query term of a matching text is found', () => {
    const doc = new Set(indexTerms('手机屏幕摔碎了，物流太慢！Screen cracked'));
    for (const q of ['屏幕 碎', '物流 慢', '手机屏幕', 'screen', '摔碎']) {
      for (const term of queryTerms(q)) expect(doc, `${q} → ${term}`).toContain(term);
    }
  });

  test('a text always contains the terms of a query made of its own words (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('屏幕', '碎了', '物流', '太慢', '质量', '很差', '客服', 'refund', 'broken', '，'),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (parts) => {
          const text = parts.join('');
          const doc = new Set(indexTerms(text));
          for (const term of queryTerms(text)) expect(doc).toContain(term);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('matches are found case-insensitively, English as whole words', () => {
    expect(findMatches('Screen cracked; screens ok', ['screen'])).toEqual([[0, 6]]);
    expect(findMatches('屏幕摔碎了', ['屏幕', '碎'])).toEqual([
      [0, 2],
      [3, 4],
    ]);
  });

  test('a snippet is plain text around the matches with offsets into it', () => {
    const text = `${'前面的话'.repeat(40)}<b>屏幕</b>摔碎了${'后面的话'.repeat(40)}`;
    const snippet = buildSnippet(text, ['屏幕', '碎']);
    expect(snippet.text.length).toBeLessThanOrEqual(122);
    expect(snippet.text).toContain('<b>屏幕</b>');
    expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual(['屏幕', '碎']);
  });

  test('a snippet never cuts an emoji in half', () => {
    const text = '😀'.repeat(200);
    const snippet = buildSnippet(text, ['x']);
    expect(snippet.text.replace(/…/g, '')).toMatch(/^(😀)+$/u);
  });
});
