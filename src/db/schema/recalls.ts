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
  HAZARD_LEVELS,
  RECALL_ROLES,
  RECALL_SOURCES,
  RECALL_STATUSES,
  RECALL_TASK_KINDS,
  REMEDY_CHOICES,
} from '../../recalls/recall-types.js';
import { createdAt, tenantId, ts, updatedAt } from './columns.js';

export type RecallScopeJson = {
  skuIds?: string[];
  batches?: string[];
  suppliers?: string[];
  shopIds?: string[];
  platforms?: string[];
  soldFrom?: string;
  soldTo?: string;
  deliveredFrom?: string;
  deliveredTo?: string;
};

/** A wave of buyer notices as sent: by whom (a person or the reminder worker) and how many. */
export type NoticeWaveJson = {
  wave: string;
  at: string;
  queued: number;
  unsendable: number;
  /** 'schedule' when the reminder worker sent it on its own. */
  by?: string;
  /** The public page's address the texts named (the worker reuses it). */
  url?: string;
};

/** A photo on the public page: an evidence item of the campaign, its shareable copy (no location data). */
export type StatementPhotoJson = {
  evidenceId: string;
  sha256: string;
  mediaType: string;
  captionZh: string;
  captionEn: string;
};

export type ReviewChecklist = { key: string; done: boolean; note: string }[];

/** A recall campaign: scope, hazard, legal clock, statement and the state of each stage. */
export const recalls = pgTable(
  'recalls',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    // The public page's address: random, never the id, unique across tenants.
    publicId: text('public_id').notNull(),
    title: text('title').notNull(),
    hazard: text('hazard').notNull(),
    productName: text('product_name'),
    hazardLevel: text('hazard_level', { enum: HAZARD_LEVELS }).notNull().default('consumer'),
    role: text('role', { enum: RECALL_ROLES }).notNull().default('seller'),
    source: text('source', { enum: RECALL_SOURCES }).notNull().default('manual'),
    sourceTicketId: uuid('source_ticket_id'),
    /** When the merchant first learned of the risk (the first safety report): the legal clocks start here. */
    learnedAt: ts('learned_at').notNull(),
    status: text('status', { enum: RECALL_STATUSES }).notNull().default('draft'),
    ownerId: uuid('owner_id'),
    ownerName: text('owner_name'),
    team: text('team').array().notNull().default(sql`'{}'::text[]`),
    scope: jsonb('scope').$type<RecallScopeJson>().notNull(),
    remedies: text('remedies', { enum: REMEDY_CHOICES }).array().notNull().default(sql`'{refund,exchange}'`),
    claimDeadline: ts('claim_deadline'),
    contact: text('contact'),
    budgetFen: bigint('budget_fen', { mode: 'number' }),
    answerZh: text('answer_zh'),
    answerEn: text('answer_en'),
    autoReply: boolean('auto_reply').notNull().default(false),
    /** Per-campaign override of the legal clock (hours to start, working days to complete). */
    /** Death, serious injury or major damage occurred or may occur: some provinces want a report within 2 working days. */
    seriousHarm: boolean('serious_harm').notNull().default(false),
    /** Product and batch identification photos shown with the statement on the public page. */
    statementPhotos: jsonb('statement_photos').$type<StatementPhotoJson[]>().notNull().default([]),
    clockOverride: jsonb('clock_override').$type<{
      startHours?: number;
      completeWorkingDays?: number;
    } | null>(),
    rootCause: text('root_cause'),
    faultSupplier: text('fault_supplier'),
    faultBatch: text('fault_batch'),
    findingsZh: text('findings_zh'),
    findingsEn: text('findings_en'),
    findingsPublishedAt: ts('findings_published_at'),
    review: jsonb('review').$type<ReviewChecklist>().notNull().default([]),
    frozenAt: ts('frozen_at'),
    announcedAt: ts('announced_at'),
    activatedAt: ts('activated_at'),
    closingAt: ts('closing_at'),
    closedAt: ts('closed_at'),
    cancelledAt: ts('cancelled_at'),
    completionRate: integer('completion_rate_permille'),
    /** Notice waves sent: first, reminder-2…, trust; a wave is sent once. */
    noticeWaves: jsonb('notice_waves').$type<NoticeWaveJson[]>().notNull().default([]),
    /** Reminder waves, in days after the first notice, to buyers who have neither answered nor chosen a remedy. */
    reminderDays: integer('reminder_days').array().notNull().default(sql`'{3,7}'::integer[]`),
    /** When the reminder worker sends the next wave (null: none due — not yet notified, schedule done, paused, closed). */
    nextReminderAt: ts('next_reminder_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('recalls_status').on(t.tenantId, t.status, t.createdAt),
    // The reminder worker's probe per tenant (tenant first, like every index).
    index('recalls_reminder_due').on(t.tenantId, t.nextReminderAt).where(sql`next_reminder_at is not null`),
    // The public page names a public id only (no tenant, no login).
    uniqueIndex('recalls_public_global').on(t.publicId),
  ],
);

/** The statement, versioned per locale; announcing needs one saved. */
export const recallStatements = pgTable(
  'recall_statements',
  {
    tenantId: tenantId(),
    recallId: uuid('recall_id').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.recallId, t.locale, t.version] })],
);

/**
 * The orders in scope, frozen at announcement, one row per order with its lines in scope: what
 * every count, list, notice and remedy of the campaign reads. One row per order keeps the freeze of
 * a 200,000-order recall to one insert with one index entry a row (recomputed on demand, with a diff).
 */
export const recallOrders = pgTable(
  'recall_orders',
  {
    tenantId: tenantId(),
    recallId: uuid('recall_id').notNull(),
    orderId: uuid('order_id').notNull(),
    /** The platform's order id, copied at the freeze so notices need no join with every order. */
    orderRef: text('order_ref').notNull(),
    shopId: uuid('shop_id').notNull(),
    customerId: uuid('customer_id'),
    units: integer('units').notNull(),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull(),
    /** The order's lines in scope (order_items ids). */
    itemIds: uuid('item_ids').array().notNull(),
  },
  // The primary key only: "is this buyer's order under a recall?" (the inquiry surge) probes it per
  // open campaign, and a second index cost a third of the freeze's writes (bench/recalls.ts).
  (t) => [primaryKey({ columns: [t.tenantId, t.recallId, t.orderId] })],
);

/**
 * One notice per affected order and wave. The outbox row is the delivery state (pending, sent,
 * failed); the primary key is what keeps a re-send from notifying anyone twice.
 */
export const recallNotices = pgTable(
  'recall_notices',
  {
    tenantId: tenantId(),
    recallId: uuid('recall_id').notNull(),
    /** first | reminder-2 | reminder-3 … | trust */
    wave: text('wave').notNull(),
    orderId: uuid('order_id').notNull(),
    shopId: uuid('shop_id').notNull(),
    customerId: uuid('customer_id'),
    outboxId: uuid('outbox_id'),
    /** The platform conversation the notice goes to (the buyer's after-sale, chat or service request). */
    caseRef: text('case_ref'),
    /** Why no outbox row: no_platform (a manual shop) or manual_only (the platform has no API to reach this buyer). */
    unsendable: text('unsendable'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.recallId, t.wave, t.orderId] })],
);

/** The remedy an affected buyer chose for one order, carried out through the case's offer. */
export const recallRemedies = pgTable(
  'recall_remedies',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    recallId: uuid('recall_id').notNull(),
    orderId: uuid('order_id').notNull(),
    shopId: uuid('shop_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    offerId: uuid('offer_id'),
    remedy: text('remedy', { enum: REMEDY_CHOICES }).notNull(),
    units: integer('units').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['executing', 'done'] }).notNull(),
    returnCarrier: text('return_carrier'),
    returnTrackingNo: text('return_tracking_no'),
    returnReceivedAt: ts('return_received_at'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('recall_remedies_order').on(t.tenantId, t.recallId, t.orderId),
  ],
);

/** Stop-selling per shop, telling each platform, reporting to the regulator: open until someone records it done. */
export const recallTasks = pgTable(
  'recall_tasks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    recallId: uuid('recall_id').notNull(),
    kind: text('kind', { enum: RECALL_TASK_KINDS }).notNull(),
    shopId: uuid('shop_id'),
    platform: text('platform'),
    /** regulator_report: which report (plan, seller, serious_harm, summary: regulator-reports.ts). */
    reportKey: text('report_key'),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    /** platform_notice: who was told, through which channel, their reference and guidance. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    doneAt: ts('done_at'),
    doneByName: text('done_by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('recall_tasks_key').on(
      t.tenantId,
      t.recallId,
      t.kind,
      sql`coalesce(${t.shopId}::text, '')`,
      sql`coalesce(${t.platform}, '')`,
      sql`coalesce(${t.reportKey}, '')`,
    ),
  ],
);

/** Buyers' messages recognised as about a recall: the recall queue, with the campaign's answer. */
export const recallInquiries = pgTable(
  'recall_inquiries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    recallId: uuid('recall_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    messageId: uuid('message_id'),
    matchedBy: text('matched_by').notNull(),
    inScope: boolean('in_scope').notNull(),
    question: text('question').notNull(),
    /** suggested | auto_pending | answered */
    answerState: text('answer_state').notNull(),
    answeredAt: ts('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('recall_inquiries_ticket').on(t.tenantId, t.recallId, t.ticketId),
    index('recall_inquiries_queue').on(t.tenantId, t.recallId, t.createdAt),
    index('recall_inquiries_auto').on(t.tenantId, t.createdAt).where(sql`answer_state = 'auto_pending'`),
  ],
);

/** Root cause, corrective and preventive actions, each with owner, due date and verification. */
export const recallActions = pgTable(
  'recall_actions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    recallId: uuid('recall_id').notNull(),
    kind: text('kind', { enum: ['corrective', 'preventive'] }).notNull(),
    description: text('description').notNull(),
    ownerName: text('owner_name').notNull(),
    dueAt: ts('due_at').notNull(),
    doneAt: ts('done_at'),
    verification: text('verification'),
    verifiedAt: ts('verified_at'),
    verifiedByName: text('verified_by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('recall_actions_recall').on(t.tenantId, t.recallId, t.createdAt),
  ],
);
