import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { kbArticles, kbArticleVersions, kbProductPages } from '../db/schema/kb.js';
import { products } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { KbKind, KbLocale, KbStatus } from './kb-types.js';

export type ArticleRow = typeof kbArticles.$inferSelect;
export type VersionRow = typeof kbArticleVersions.$inferSelect;

export type ArticleFilter = {
  productId?: string | undefined;
  shopId?: string | undefined;
  kind?: KbKind | undefined;
  locale?: KbLocale | undefined;
  status?: KbStatus | undefined;
};

export const findArticle = (scope: TenantScope, id: string) => scope.first(kbArticles, eq(kbArticles.id, id));

export async function listArticles(
  scope: TenantScope,
  filter: ArticleFilter,
  limit: number,
  cursor: { updatedAt: Date; id: string } | null,
) {
  const conditions: (SQL | undefined)[] = [
    filter.productId ? eq(kbArticles.productId, filter.productId) : undefined,
    filter.shopId ? eq(kbArticles.shopId, filter.shopId) : undefined,
    filter.kind ? eq(kbArticles.kind, filter.kind) : undefined,
    filter.locale ? eq(kbArticles.locale, filter.locale) : undefined,
    filter.status ? eq(kbArticles.status, filter.status) : undefined,
    cursor
      ? or(
          lt(kbArticles.updatedAt, cursor.updatedAt),
          and(eq(kbArticles.updatedAt, cursor.updatedAt), lt(kbArticles.id, cursor.id)),
        )
      : undefined,
  ];
  return scope.select(kbArticles, conditions, {
    orderBy: [desc(kbArticles.updatedAt), desc(kbArticles.id)],
    limit: limit + 1,
  });
}

export async function insertArticle(
  scope: TenantScope,
  row: Omit<ArticleRow, 'tenantId' | 'createdAt' | 'updatedAt'>,
) {
  return (await scope.insert(kbArticles, row))[0]!;
}

export async function updateArticle(scope: TenantScope, id: string, set: Partial<ArticleRow>) {
  return (await scope.update(kbArticles, { ...set, updatedAt: new Date() }, eq(kbArticles.id, id)))[0];
}

export const insertVersion = (scope: TenantScope, row: Omit<VersionRow, 'tenantId' | 'createdAt'>) =>
  scope.insert(kbArticleVersions, row);

export const listVersions = (scope: TenantScope, articleId: string) =>
  scope.select(kbArticleVersions, [eq(kbArticleVersions.articleId, articleId)], {
    orderBy: [desc(kbArticleVersions.version)],
    limit: 200,
  });

/** Published articles for a product: its own, then the shop-wide ones (returns, shipping…). */
export const publishedFor = (scope: TenantScope, productIds: string[], shopIds: string[]) =>
  scope.select(
    kbArticles,
    [
      eq(kbArticles.status, 'published'),
      or(
        productIds.length ? inArray(kbArticles.productId, productIds) : undefined,
        shopIds.length ? and(inArray(kbArticles.shopId, shopIds), isNull(kbArticles.productId)) : undefined,
        and(isNull(kbArticles.shopId), isNull(kbArticles.productId)),
      ),
    ],
    { orderBy: [asc(kbArticles.kind), asc(kbArticles.createdAt)], limit: 200 },
  );

export const findProduct = (scope: TenantScope, id: string) => scope.first(products, eq(products.id, id));

export const findProductPage = (scope: TenantScope, productId: string) =>
  scope.first(kbProductPages, eq(kbProductPages.productId, productId));

export const findProductPages = (scope: TenantScope, productIds: string[]) =>
  productIds.length
    ? scope.select(kbProductPages, [inArray(kbProductPages.productId, productIds)])
    : Promise.resolve([]);

export async function insertProductPage(scope: TenantScope, productId: string, publicId: string) {
  await scope.insertEach(kbProductPages, [{ productId, publicId }], {
    onConflict: { target: [kbProductPages.tenantId, kbProductPages.productId], action: 'keep' },
    returning: false,
  });
  return (await findProductPage(scope, productId))!;
}

/** The public page: looked up by its public id alone (no tenant known yet), then scoped to it. */
export async function findPublicPage(db: Db, publicId: string) {
  const [page] = await db.select().from(kbProductPages).where(eq(kbProductPages.publicId, publicId)).limit(1);
  if (!page) return undefined;
  const [product] = await db
    .select({ id: products.id, name: products.name, shopId: products.shopId })
    .from(products)
    .where(and(eq(products.tenantId, page.tenantId), eq(products.id, page.productId)))
    .limit(1);
  return product ? { tenantId: page.tenantId, product } : undefined;
}
