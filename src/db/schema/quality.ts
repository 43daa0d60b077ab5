import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Finding, ListingImage } from '../../quality/listing-check.js';
import { createdAt, tenantId, ts, updatedAt } from './columns.js';

/** What a buyer saw: the listing's content, kept per version as the evidence of a claim. */
export type ListingContent = {
  title: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  material: string | null;
  style: string | null;
  priceFen: number | null;
  referencePriceFen: number | null;
  images: (ListingImage & { url?: string | null })[];
  skuCodes: string[];
};

/** A product listing of one shop as last imported, with the findings of its last check. */
export const listings = pgTable(
  'listings',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id').notNull(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    title: text('title').notNull(),
    content: jsonb('content').$type<ListingContent>().notNull(),
    skuCodes: text('sku_codes').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    contentHash: text('content_hash').notNull(),
    findings: jsonb('findings').$type<Finding[]>().notNull().default([]),
    worstSeverity: text('worst_severity'),
    findingCount: integer('finding_count').notNull().default(0),
    checkedAt: ts('checked_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('listings_external').on(t.tenantId, t.shopId, t.externalId),
    index('listings_shop_severity').on(t.tenantId, t.shopId, t.worstSeverity, t.id),
    index('listings_skus').using('gin', t.tenantId, t.skuCodes),
  ],
);

/** Every version of a listing from the moment it was seen (valid_from) until the next one. */
export const listingVersions = pgTable(
  'listing_versions',
  {
    tenantId: tenantId(),
    listingId: uuid('listing_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<ListingContent>().notNull(),
    contentHash: text('content_hash').notNull(),
    validFrom: ts('valid_from').notNull(),
    source: text('source', { enum: ['import', 'api'] }).notNull(),
    importRunId: uuid('import_run_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.listingId, t.version] }),
    index('listing_versions_from').on(t.tenantId, t.listingId, t.validFrom),
  ],
);

/** Listed prices per SKU as imports saw them (charged prices come from the orders). */
export const listedPrices = pgTable(
  'listed_prices',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id').notNull(),
    skuCode: text('sku_code').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    referencePriceFen: bigint('reference_price_fen', { mode: 'number' }),
    listingId: uuid('listing_id').notNull(),
    observedAt: ts('observed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('listed_prices_sku').on(t.tenantId, t.shopId, t.skuCode, t.observedAt),
  ],
);

export const QUALITY_TASK_KINDS = ['fix_listing', 'fix_claim', 'clear_stock', 'renew_document'] as const;
export const QUALITY_TASK_STATUSES = ['open', 'done', 'dismissed'] as const;

/**
 * Work the checks and complaints raise. One open task per subject and key (a listing's fixes, one
 * claim, one flagged SKU): raising it again updates it instead of piling up copies.
 */
export const qualityTasks = pgTable(
  'quality_tasks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id'),
    kind: text('kind', { enum: QUALITY_TASK_KINDS }).notNull(),
    status: text('status', { enum: QUALITY_TASK_STATUSES }).notNull().default('open'),
    dedupeKey: text('dedupe_key').notNull(),
    listingId: uuid('listing_id'),
    listingVersion: integer('listing_version'),
    ticketId: uuid('ticket_id'),
    skuCode: text('sku_code'),
    claim: text('claim'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    closedAt: ts('closed_at'),
    closedByName: text('closed_by_name'),
    closeNote: text('close_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('quality_tasks_open_key').on(t.tenantId, t.dedupeKey).where(sql`status = 'open'`),
    index('quality_tasks_shop_status').on(t.tenantId, t.shopId, t.status, t.createdAt),
    index('quality_tasks_listing').on(t.tenantId, t.listingId),
  ],
);

/** SKUs a platform has publicly flagged for high negative feedback, entered by hand or imported. */
export const flaggedSkus = pgTable(
  'flagged_skus',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id').notNull(),
    skuCode: text('sku_code').notNull(),
    reason: text('reason').notNull(),
    flaggedOn: date('flagged_on', { mode: 'date' }),
    clearedAt: ts('cleared_at'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('flagged_skus_active').on(t.tenantId, t.shopId, t.skuCode).where(sql`cleared_at is null`),
  ],
);

export const DOCUMENT_HOLDERS = ['shop', 'listing', 'supplier'] as const;

/**
 * Qualification documents with their expiry: a shop's business licence and category whitelist, a
 * listing's inspection certificate, a supplier's licences. The scanned file lives in the evidence
 * vault under subject type "quality_document".
 */
export const qualityDocuments = pgTable(
  'quality_documents',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    holderType: text('holder_type', { enum: DOCUMENT_HOLDERS }).notNull(),
    holderId: uuid('holder_id').notNull(),
    kind: text('kind').notNull(),
    number: text('number'),
    issuer: text('issuer'),
    issuedOn: date('issued_on', { mode: 'date' }),
    expiresOn: date('expires_on', { mode: 'date' }),
    note: text('note'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('quality_documents_holder').on(t.tenantId, t.holderType, t.holderId),
    index('quality_documents_expiry').on(t.tenantId, t.expiresOn),
  ],
);

/** A merchant's listing and supplier rules over the defaults (see quality-settings.ts). */
export const qualitySettings = pgTable(
  'quality_settings',
  {
    tenantId: tenantId(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/**
 * A not-as-described (or defect) complaint tied to the listing version its buyer saw when paying:
 * the claim that misled, and the supplier of the SKU, for the fix task and the supplier record.
 */
export const complaintLinks = pgTable(
  'complaint_links',
  {
    tenantId: tenantId(),
    ticketId: uuid('ticket_id').notNull(),
    listingId: uuid('listing_id').notNull(),
    listingVersion: integer('listing_version').notNull(),
    seenAfter: boolean('seen_after').notNull().default(false),
    orderId: uuid('order_id').notNull(),
    skuCode: text('sku_code'),
    supplierId: uuid('supplier_id'),
    claim: text('claim'),
    claimStart: integer('claim_start'),
    claimEnd: integer('claim_end'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId, t.listingId] }),
    index('complaint_links_listing').on(t.tenantId, t.listingId),
    index('complaint_links_supplier').on(t.tenantId, t.supplierId),
  ],
);
