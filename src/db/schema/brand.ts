import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  BRAND_PLATFORMS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUSES,
  COMPLAINT_TYPES,
  LISTING_STATUSES,
  PATENT_TYPES,
  RIGHT_KINDS,
  SIMILARITIES,
} from '../../brand/brand-types.js';
import { createdAt, real, tenantId, ts, updatedAt } from './columns.js';

// The brand vocabulary lives in a pure module the console imports too.
export {
  BRAND_PLATFORMS,
  type BrandPlatform,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUSES,
  COMPLAINT_TYPES,
  type ComplaintStatus,
  type ComplaintType,
  LISTING_STATUSES,
  PATENT_TYPES,
  type PatentType,
  RIGHT_KINDS,
  type RightKind,
  SIMILARITIES,
} from '../../brand/brand-types.js';

export const brandRights = pgTable(
  'brand_rights',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: RIGHT_KINDS }).notNull(),
    // The mark as registered, the work's title, the patent's title or the company name.
    name: text('name').notNull(),
    registrationNo: text('registration_no').notNull(),
    owner: text('owner').notNull(),
    jurisdiction: text('jurisdiction').notNull().default('CN'),
    // Nice classes (1–45) and the designated goods of a trademark.
    classes: jsonb('classes').$type<number[]>().notNull().default([]),
    goods: jsonb('goods').$type<string[]>().notNull().default([]),
    patentType: text('patent_type', { enum: PATENT_TYPES }),
    workType: text('work_type'),
    validFrom: ts('valid_from'),
    // null: no end (a copyright runs for the author's life plus 50 years; nobody enters that).
    validUntil: ts('valid_until'),
    notes: text('notes').notNull().default(''),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('brand_rights_number').on(t.tenantId, t.kind, t.registrationNo),
    index('brand_rights_expiry').on(t.tenantId, t.validUntil),
  ],
);

/** granted: the brand lets a reseller sell; received: a supplier or rights holder lets the merchant sell. */
export const AUTHORISATION_DIRECTIONS = ['granted', 'received'] as const;

export const brandAuthorisations = pgTable(
  'brand_authorisations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    direction: text('direction', { enum: AUTHORISATION_DIRECTIONS }).notNull(),
    partyName: text('party_name').notNull(),
    platform: text('platform', { enum: BRAND_PLATFORMS }),
    // The reseller's shop on the platform: how its listings are recognised in the watch list.
    sellerId: text('seller_id'),
    sellerName: text('seller_name'),
    rightId: uuid('right_id'),
    scope: text('scope').notNull().default(''),
    validFrom: ts('valid_from'),
    validUntil: ts('valid_until'),
    revokedAt: ts('revoked_at'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('brand_authorisations_expiry').on(t.tenantId, t.direction, t.validUntil),
    index('brand_authorisations_seller').on(t.tenantId, t.platform, t.sellerId),
  ],
);

/** Minimum advertised price per SKU: for every seller ('all') or for one authorised reseller. */
export const brandPriceFloors = pgTable(
  'brand_price_floors',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    sku: text('sku').notNull(),
    productName: text('product_name').notNull().default(''),
    authorisationId: uuid('authorisation_id'),
    // 'all' or the authorisation's id: one floor per SKU and seller (null would not be unique).
    appliesTo: text('applies_to').notNull(),
    minPriceFen: bigint('min_price_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('brand_price_floors_sku').on(t.tenantId, t.sku, t.appliesTo),
  ],
);

/** A listing on a platform watched for infringement or price: entered by hand or imported. */
export const brandListings = pgTable(
  'brand_listings',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    platform: text('platform', { enum: BRAND_PLATFORMS }).notNull(),
    url: text('url').notNull(),
    // The link without tracking parameters: the same listing pasted twice is one row.
    urlKey: text('url_key').notNull(),
    itemId: text('item_id'),
    sellerName: text('seller_name').notNull(),
    sellerId: text('seller_id'),
    sellerKey: text('seller_key').notNull(),
    title: text('title').notNull().default(''),
    priceFen: bigint('price_fen', { mode: 'number' }),
    // The struck-through "原价" the listing shows, if any.
    referencePriceFen: bigint('reference_price_fen', { mode: 'number' }),
    sku: text('sku'),
    infringement: text('infringement', { enum: COMPLAINT_TYPES }),
    rightId: uuid('right_id'),
    goodsClass: integer('goods_class'),
    similarity: text('similarity', { enum: SIMILARITIES }),
    // The seller's goods came from the rights holder or its agent: such complaints are not accepted.
    fromRightsHolder: boolean('from_rights_holder').notNull().default(false),
    testPurchaseRef: text('test_purchase_ref'),
    status: text('status', { enum: LISTING_STATUSES }).notNull().default('watching'),
    source: text('source', { enum: ['manual', 'import'] })
      .notNull()
      .default('manual'),
    importBatch: uuid('import_batch'),
    notes: text('notes').notNull().default(''),
    lastSeenAt: ts('last_seen_at').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('brand_listings_url').on(t.tenantId, t.urlKey),
    index('brand_listings_seller').on(t.tenantId, t.sellerKey),
    index('brand_listings_status').on(t.tenantId, t.status, t.id),
    index('brand_listings_sku').on(t.tenantId, t.sku),
  ],
);

export const brandPriceObservations = pgTable(
  'brand_price_observations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    listingId: uuid('listing_id').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    referencePriceFen: bigint('reference_price_fen', { mode: 'number' }),
    observedAt: ts('observed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('brand_price_observations_listing').on(t.tenantId, t.listingId, t.observedAt),
  ],
);

/** The merchant's account on a platform's IP-protection portal: the platform rates it by its success rate. */
export const brandComplaintAccounts = pgTable(
  'brand_complaint_accounts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    platform: text('platform', { enum: BRAND_PLATFORMS }).notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('brand_complaint_accounts_name').on(t.tenantId, t.platform, t.name),
  ],
);

export const brandComplaintDueSort = sql`coalesce(next_due_at, 'infinity'::timestamptz)`;

export const brandComplaints = pgTable(
  'brand_complaints',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    listingId: uuid('listing_id').notNull(),
    rightId: uuid('right_id').notNull(),
    platform: text('platform', { enum: BRAND_PLATFORMS }).notNull(),
    type: text('type', { enum: COMPLAINT_TYPES }).notNull(),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull().default('draft'),
    outcome: text('outcome', { enum: COMPLAINT_OUTCOMES }),
    // The pre-filing check as it stood when the complaint was drafted.
    precheckScore: integer('precheck_score').notNull(),
    precheckEstimate: real('precheck_estimate').notNull(),
    statement: text('statement').notNull().default(''),
    externalRef: text('external_ref'),
    submittedAt: ts('submitted_at'),
    supplementDueAt: ts('supplement_due_at'),
    counterNoticeDueAt: ts('counter_notice_due_at'),
    decisionExpectedBy: ts('decision_expected_by'),
    nextDueAt: ts('next_due_at'),
    decidedAt: ts('decided_at'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('brand_complaints_account').on(t.tenantId, t.accountId, t.decidedAt),
    index('brand_complaints_listing').on(t.tenantId, t.listingId),
    index('brand_complaints_due').on(t.tenantId, brandComplaintDueSort, t.id),
  ],
);

export const brandComplaintEvents = pgTable(
  'brand_complaint_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    complaintId: uuid('complaint_id').notNull(),
    fromStatus: text('from_status', { enum: COMPLAINT_STATUSES }),
    toStatus: text('to_status', { enum: COMPLAINT_STATUSES }).notNull(),
    note: text('note').notNull().default(''),
    at: ts('at').notNull(),
    actorName: text('actor_name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('brand_complaint_events_complaint').on(t.tenantId, t.complaintId, t.at),
  ],
);

export const WARNING_CHANNELS = ['platform_message', 'wechat', 'phone', 'email', 'letter', 'other'] as const;
/** price_restored: back at or above the floor; no_change: a further warning or escalation follows. */
export const WARNING_OUTCOMES = [
  'price_restored',
  'no_change',
  'escalated',
  'authorisation_revoked',
] as const;

/** A price warning to an authorised reseller, as the merchant recorded it (Aftercare sends nothing). */
export const brandResellerWarnings = pgTable(
  'brand_reseller_warnings',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    listingId: uuid('listing_id').notNull(),
    authorisationId: uuid('authorisation_id').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    floorFen: bigint('floor_fen', { mode: 'number' }).notNull(),
    message: text('message').notNull(),
    // How the merchant sent it (Aftercare records the warning; it sends nothing itself).
    channel: text('channel', { enum: WARNING_CHANNELS }).notNull().default('platform_message'),
    followUpDueAt: ts('follow_up_due_at'),
    // null while the merchant waits for the reseller; then what came of it.
    outcome: text('outcome', { enum: WARNING_OUTCOMES }),
    outcomeNote: text('outcome_note').notNull().default(''),
    resolvedAt: ts('resolved_at'),
    resolvedByName: text('resolved_by_name'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('brand_reseller_warnings_listing').on(t.tenantId, t.listingId, t.createdAt),
    index('brand_reseller_warnings_open').on(t.tenantId, t.resolvedAt, t.followUpDueAt),
  ],
);

export const DEFENCE_STATUSES = ['open', 'responded', 'dismissed', 'upheld', 'withdrawn'] as const;

/** An IP complaint received against the merchant's own shop. */
export const brandDefences = pgTable(
  'brand_defences',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    platform: text('platform', { enum: BRAND_PLATFORMS }).notNull(),
    shopId: uuid('shop_id'),
    externalRef: text('external_ref'),
    listingTitle: text('listing_title').notNull(),
    sku: text('sku'),
    complainant: text('complainant').notNull(),
    type: text('type', { enum: COMPLAINT_TYPES }).notNull(),
    rightNo: text('right_no'),
    claim: text('claim').notNull().default(''),
    response: text('response').notNull().default(''),
    source: text('source', { enum: ['manual', 'platform_notice'] })
      .notNull()
      .default('manual'),
    status: text('status', { enum: DEFENCE_STATUSES }).notNull().default('open'),
    receivedAt: ts('received_at').notNull(),
    responseDueAt: ts('response_due_at').notNull(),
    respondedAt: ts('responded_at'),
    decidedAt: ts('decided_at'),
    // The case the complaint is handled in (the platform notice's, or one opened at intake).
    ticketId: uuid('ticket_id'),
    listingUrl: text('listing_url'),
    outcomeNote: text('outcome_note').notNull().default(''),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('brand_defences_due').on(t.tenantId, t.status, t.responseDueAt),
    index('brand_defences_external').on(t.tenantId, t.platform, t.externalRef),
    index('brand_defences_ticket').on(t.tenantId, t.ticketId),
  ],
);

/** What proves a SKU of the merchant's own is genuine: supplier, authorisation, invoices, inspections. */
export const brandSourcing = pgTable(
  'brand_sourcing',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    sku: text('sku').notNull(),
    productName: text('product_name').notNull().default(''),
    supplierName: text('supplier_name').notNull(),
    // The supplier record (suppliers), when the supplier is one: its inspections count as sampling.
    supplierId: uuid('supplier_id'),
    authorisationId: uuid('authorisation_id'),
    // The authorisation chain from the rights holder down to our supplier: received authorisations, in order.
    chain: jsonb('chain').$type<string[]>().notNull().default([]),
    samplingIntervalDays: integer('sampling_interval_days').notNull().default(90),
    lastSampledAt: ts('last_sampled_at'),
    notes: text('notes').notNull().default(''),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('brand_sourcing_sku').on(t.tenantId, t.sku),
  ],
);

/** One batch of a SKU as it came in: from whom, when, with which invoice and inspection report. */
export const brandSourcingBatches = pgTable(
  'brand_sourcing_batches',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    sourcingId: uuid('sourcing_id').notNull(),
    batchNo: text('batch_no').notNull(),
    supplierName: text('supplier_name').notNull(),
    quantity: integer('quantity'),
    receivedAt: ts('received_at').notNull(),
    invoiceNo: text('invoice_no'),
    inspectionReportNo: text('inspection_report_no'),
    notes: text('notes').notNull().default(''),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('brand_sourcing_batches_no').on(t.tenantId, t.sourcingId, t.batchNo),
  ],
);
