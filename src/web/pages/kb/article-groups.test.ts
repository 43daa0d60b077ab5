import { expect, test } from 'vitest';
import { groupArticles } from './article-groups.js';
import type { Article } from './kb-api.js';

const anArticle = (over: Partial<Article>): Article => ({
  id: 'a',
  shopId: 'shop-1',
  productId: 'p-1',
  kind: 'usage',
  locale: 'zh-CN',
  status: 'published',
  title: '无线充电器使用方法',
  body: '请使用 18W 以上的适配器',
  version: 1,
  updatedAt: '2026-12-01T00:00:00Z',
  ...over,
});
// Each shop has its own product row for the same goods.
const names: Record<string, string> = { 'p-1': '无线充电器 15W', 'p-2': '无线充电器 15W', 'p-3': '保温杯' };
const shopsOf = (articles: Article[]) =>
  groupArticles(articles, (id) => names[id]).map((g) => g.copies.map((a) => a.shopId));

test('the same article in several shops is one row listing its shops', () => {
  expect(
    shopsOf([
      anArticle({ id: 'a1' }),
      anArticle({ id: 'a2', shopId: 'shop-2', productId: 'p-2' }),
      anArticle({ id: 'a3', shopId: 'shop-3', productId: null }),
      anArticle({ id: 'a4', shopId: 'shop-4', productId: null }),
    ]),
  ).toEqual([
    ['shop-1', 'shop-2'],
    ['shop-3', 'shop-4'],
  ]);
});

test.each([
  ['its text edited in one shop', { body: '请使用原装适配器' }],
  ['a draft beside the published one', { status: 'draft' as const }],
  ['the English version', { locale: 'en' as const }],
  ['the same title about another product', { productId: 'p-3' }],
])('a copy with %s keeps its own row', (_case, change) => {
  expect(shopsOf([anArticle({ id: 'a1' }), anArticle({ id: 'a2', shopId: 'shop-2', ...change })])).toEqual([
    ['shop-1'],
    ['shop-2'],
  ]);
});
