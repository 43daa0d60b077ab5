import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantId, ts, updatedAt } from './columns.js';

export const IMPORT_KINDS = ['reviews', 'orders', 'after_sales', 'listings'] as const;
export const IMPORT_STATUSES = ['previewed', 'running', 'completed', 'failed'] as const;

/** One parsed row of an upload: the sheet/CSV line it came from and its cells as text. */
export type StoredRow = {
  line: number;
  cells: string[];
  /** Per column index: why the cell cannot be trusted (a number that lost precision in Excel). */
  notes?: Record<number, string>;
};

/**
 * A row that was not imported: its line, why (English text, and per cell a code the console
 * translates), and its cells (for the failed-rows export).
 */
export type ImportFailure = {
  line: number;
  reason: string;
  column?: string;
  problems?: { column: string; code: string; params: Record<string, string | number> }[];
  cells?: string[];
};

/**
 * One upload and, once run, its report. The parsed rows wait here between preview and import
 * and are cleared when the run completes.
 */
export const importRuns = pgTable(
  'import_runs',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    shopId: uuid('shop_id').notNull(),
    platform: text('platform').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    encoding: text('encoding').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    rows: jsonb('rows').$type<StoredRow[] | null>(),
    rowCount: integer('row_count').notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('previewed'),
    mapping: jsonb('mapping').$type<Record<string, string> | null>(),
    imported: integer('imported').notNull().default(0),
    skippedDuplicate: integer('skipped_duplicate').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    failures: jsonb('failures').$type<ImportFailure[]>().notNull().default([]),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('import_runs_created').on(t.tenantId, t.createdAt, t.id),
    index('import_runs_status').on(t.tenantId, t.status),
  ],
);

/** The column mapping a merchant confirmed, reused for the next file of the same platform and kind. */
export const importMappings = pgTable(
  'import_mappings',
  {
    tenantId: tenantId(),
    platform: text('platform').notNull(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.platform, t.kind] })],
);

/**
 * Every imported review, positive or not, for analytics; negative ones also become tickets.
 * review_key is the platform's review id when the export has one, else order|product|date.
 */
export const reviews = pgTable(
  'reviews',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id').notNull(),
    reviewKey: text('review_key').notNull(),
    externalReviewId: text('external_review_id'),
    orderExternalId: text('order_external_id'),
    productExternalId: text('product_external_id'),
    productName: text('product_name'),
    skuSpec: text('sku_spec'),
    score: smallint('score').notNull(),
    level: text('level'),
    content: text('content').notNull().default(''),
    nickname: text('nickname'),
    followUpContent: text('follow_up_content'),
    followUpAt: ts('follow_up_at'),
    merchantReplied: boolean('merchant_replied'),
    replyContent: text('reply_content'),
    storeId: text('store_id'),
    storeName: text('store_name'),
    reviewedAt: ts('reviewed_at').notNull(),
    negative: boolean('negative').notNull(),
    ticketId: uuid('ticket_id'),
    importRunId: uuid('import_run_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('reviews_key').on(t.tenantId, t.shopId, t.reviewKey),
    index('reviews_shop_date').on(t.tenantId, t.shopId, t.reviewedAt),
    index('reviews_product').on(t.tenantId, t.productExternalId, t.reviewedAt),
  ],
);
