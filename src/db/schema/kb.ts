import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { KB_KINDS, KB_LOCALES, KB_STATUSES } from '../../kb/kb-types.js';
import { createdAt, tenantId, updatedAt } from './columns.js';

/**
 * Knowledge-base articles: per shop (product null) or per product, one language each. `version`
 * counts edits; every edit's text is kept in kb_article_versions.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id'),
    productId: uuid('product_id'),
    kind: text('kind', { enum: KB_KINDS }).notNull(),
    locale: text('locale', { enum: KB_LOCALES }).notNull(),
    status: text('status', { enum: KB_STATUSES }).notNull().default('draft'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('kb_articles_product').on(t.tenantId, t.productId, t.status),
    index('kb_articles_shop').on(t.tenantId, t.shopId, t.status),
    index('kb_articles_updated').on(t.tenantId, t.updatedAt, t.id),
  ],
);

export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    tenantId: tenantId(),
    articleId: uuid('article_id').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: KB_STATUSES }).notNull(),
    editedBy: uuid('edited_by'),
    editedByName: text('edited_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.articleId, t.version] })],
);

/** The public page of a product's articles: a random id is all a buyer's link carries. */
export const kbProductPages = pgTable(
  'kb_product_pages',
  {
    tenantId: tenantId(),
    productId: uuid('product_id').notNull(),
    publicId: text('public_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.productId] }),
    // The public page names a public id only (no tenant, no login).
    uniqueIndex('kb_pages_public_global').on(t.publicId),
  ],
);
