import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { newPublicId } from '../recalls/public-id.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findShop } from '../shops/shop-repo.js';
import { neutraliseMarkup } from './article-text.js';
import * as repo from './kb-repo.js';
import type { KbKind, KbLocale, KbStatus } from './kb-types.js';

export type ArticleInput = {
  shopId?: string | null | undefined;
  productId?: string | null | undefined;
  kind: KbKind;
  locale: KbLocale;
  title: string;
  body: string;
  status?: KbStatus | undefined;
};

export type ArticlePatch = Partial<Pick<ArticleInput, 'kind' | 'title' | 'body' | 'status'>>;

export type KbService = ReturnType<typeof createKbService>;

export function createKbService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFind(scope: TenantScope, id: string) {
    const row = await repo.findArticle(scope, id);
    if (!row) throw new AppError('ARTICLE_NOT_FOUND', `article ${id} not found`);
    return row;
  }

  async function checkOwners(
    scope: TenantScope,
    input: { shopId?: string | null; productId?: string | null },
  ) {
    if (input.shopId && !(await findShop(scope, input.shopId))) {
      throw new AppError('SHOP_NOT_FOUND', `shop ${input.shopId} not found`);
    }
    if (input.productId) {
      const product = await repo.findProduct(scope, input.productId);
      if (!product) throw new AppError('PRODUCT_NOT_FOUND', `product ${input.productId} not found`);
      return product;
    }
    return undefined;
  }

  const cleanText = (title: string, body: string) => {
    const t = neutraliseMarkup(title).replaceAll('\n', ' ');
    const b = neutraliseMarkup(body);
    if (!t) throw new AppError('VALIDATION_FAILED', 'title: empty once markup is removed');
    if (!b) throw new AppError('VALIDATION_FAILED', 'body: empty once markup is removed');
    return { title: t, body: b };
  };

  return {
    async create(actor: Actor, input: ArticleInput) {
      const scope = scopeOf(actor);
      const product = await checkOwners(scope, input);
      const text = cleanText(input.title, input.body);
      return scope.transaction(async (tx) => {
        const article = await repo.insertArticle(tx, {
          id: newId(),
          shopId: input.shopId ?? product?.shopId ?? null,
          productId: input.productId ?? null,
          kind: input.kind,
          locale: input.locale,
          status: input.status ?? 'draft',
          ...text,
          version: 1,
          updatedBy: actor.id,
        });
        await repo.insertVersion(tx, {
          articleId: article.id,
          version: 1,
          ...text,
          status: article.status,
          editedBy: actor.id,
          editedByName: actor.name,
        });
        return article;
      });
    },

    /** Every edit is a new version; the old text stays in the history. */
    async update(actor: Actor, id: string, patch: ArticlePatch) {
      const scope = scopeOf(actor);
      return scope.transaction(async (tx) => {
        const current = await mustFind(tx, id);
        const text = cleanText(patch.title ?? current.title, patch.body ?? current.body);
        const next = {
          ...text,
          kind: patch.kind ?? current.kind,
          status: patch.status ?? current.status,
        };
        if (
          next.title === current.title &&
          next.body === current.body &&
          next.kind === current.kind &&
          next.status === current.status
        ) {
          return current;
        }
        const version = current.version + 1;
        const updated = await repo.updateArticle(tx, id, { ...next, version, updatedBy: actor.id });
        await repo.insertVersion(tx, {
          articleId: id,
          version,
          title: next.title,
          body: next.body,
          status: next.status,
          editedBy: actor.id,
          editedByName: actor.name,
        });
        return updated!;
      });
    },

    get: (actor: Actor, id: string) => mustFind(scopeOf(actor), id),

    async list(
      actor: Actor,
      filter: repo.ArticleFilter,
      limit: number,
      cursor: { updatedAt: Date; id: string } | null,
    ) {
      const rows = await repo.listArticles(scopeOf(actor), filter, limit, cursor);
      return { items: rows.slice(0, limit), more: rows.length > limit };
    },

    async versions(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      await mustFind(scope, id);
      return repo.listVersions(scope, id);
    },

    /** The product's public page id, made on first use. */
    async productPage(actor: Actor, productId: string) {
      const scope = scopeOf(actor);
      await checkOwners(scope, { productId });
      return (
        (await repo.findProductPage(scope, productId)) ??
        repo.insertProductPage(scope, productId, newPublicId())
      );
    },

    /** What a buyer's link shows: the product's name and its published articles (and the shop's). */
    async publicPage(publicId: string) {
      const found = await repo.findPublicPage(db, publicId);
      if (!found) return undefined;
      const scope = scopeTo(db, found.tenantId);
      const articles = await repo.publishedFor(
        scope,
        [found.product.id],
        found.product.shopId ? [found.product.shopId] : [],
      );
      return { productName: found.product.name, articles, at: clock.now() };
    },
  };
}

/** Published articles an answer or a care message may use, with the products' public page ids. */
export async function articlesForProducts(scope: TenantScope, productIds: string[], shopId: string | null) {
  // One after another: the assistant step and the care worker read these in a transaction (one client).
  const articles = await repo.publishedFor(scope, productIds, shopId ? [shopId] : []);
  const pages = await repo.findProductPages(scope, productIds);
  return { articles, pages };
}

/** A product's public page id, made on first use (care messages and answers link to it). */
export async function ensureProductPage(scope: TenantScope, productId: string) {
  return (
    (await repo.findProductPage(scope, productId)) ?? repo.insertProductPage(scope, productId, newPublicId())
  );
}
