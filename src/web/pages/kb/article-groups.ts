import type { Article } from './kb-api.js';

/** One article as the merchant thinks of it: the same text in one or more shops. */
export type ArticleGroup = { key: string; first: Article; copies: Article[] };

/**
 * Articles belong to one shop (or one shop's product), so a merchant with four shops selling the
 * same product keeps four copies, and the list showed the same title four times with nothing to
 * tell them apart. Copies with the same text, kind, language and status, about a product of the same
 * name (or shop-wide), are one row listing its shops; once a copy is edited apart it has its own row.
 */
export function groupArticles(articles: readonly Article[], productName: (id: string) => string | undefined) {
  const groups = new Map<string, ArticleGroup>();
  for (const a of articles) {
    const about = a.productId ? `product:${productName(a.productId) ?? a.productId}` : 'shop-wide';
    const key = JSON.stringify([a.kind, a.locale, a.status, about, a.title, a.body]);
    const group = groups.get(key);
    if (group) group.copies.push(a);
    else groups.set(key, { key, first: a, copies: [a] });
  }
  return [...groups.values()];
}
