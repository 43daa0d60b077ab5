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
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, real, tenantId, ts, updatedAt } from './columns.js';

// Everything below except feedback and alerts is derived: triggers in drizzle/*_analytics_sql.sql
// keep it true on every write to tickets, orders, order_items and offers, whichever path writes
// them. Days are cut at midnight China time (Asia/Shanghai), where these merchants trade.

/** No SKU, batch or supplier known: the rollup keys cannot hold nulls. */
export const NONE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * One row per case with what the dashboards group and filter by: the order line it is about (the
 * dearest line of its order), the money given on it and its response times.
 */
export const analyticsCaseFacts = pgTable(
  'analytics_case_facts',
  {
    tenantId: tenantId(),
    ticketId: uuid('ticket_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    createdAt: ts('created_at').notNull(),
    shopId: uuid('shop_id'),
    platform: text('platform'),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    category: text('category'),
    severity: text('severity').notNull(),
    status: text('status').notNull(),
    rootCause: text('root_cause'),
    assigneeId: uuid('assignee_id'),
    orderId: uuid('order_id'),
    skuId: uuid('sku_id'),
    batch: text('batch'),
    supplierId: uuid('supplier_id'),
    productCategory: text('product_category'),
    paidFen: bigint('paid_fen', { mode: 'number' }),
    safety: boolean('safety').notNull().default(false),
    quality: boolean('quality').notNull().default(false),
    // Fraud alleged (counterfeit): statutory compensation under CPL art. 55 may be claimed.
    counterfeit: boolean('counterfeit').notNull().default(false),
    firstRespondedAt: ts('first_responded_at'),
    firstResponseDueAt: ts('first_response_due_at'),
    closedAt: ts('closed_at'),
    resolutionDueAt: ts('resolution_due_at'),
    refundFen: bigint('refund_fen', { mode: 'number' }).notNull().default(0),
    compensationFen: bigint('compensation_fen', { mode: 'number' }).notNull().default(0),
    couponFen: bigint('coupon_fen', { mode: 'number' }).notNull().default(0),
    reships: integer('reships').notNull().default(0),
    // The day the last accepted remedy was decided: money is counted when it was given.
    moneyDay: date('money_day', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId] }),
    index('analytics_facts_day').on(t.tenantId, t.day),
    index('analytics_facts_order').on(t.tenantId, t.orderId),
    index('analytics_facts_money').on(t.tenantId, t.moneyDay).where(sql`money_day is not null`),
    // The spike detector and the drill-down to a SKU's or batch's goods complaints.
    index('analytics_facts_goods').on(t.tenantId, t.skuId, t.batch, t.day).where(sql`safety or quality`),
    index('analytics_facts_supplier').on(t.tenantId, t.supplierId, t.day),
    // Backlog (open cases by age) reads a covering partial index, analytics_facts_open_cover
    // (drizzle/*_analytics_agent_times.sql), as the running clocks do.
    // The cases behind a SKU's figure, newest first.
    index('analytics_facts_sku_time').on(t.tenantId, t.skuId, t.createdAt, t.ticketId),
    // Clocks still running (counted against the time of asking, so no summary holds them) are read
    // from a covering partial index, analytics_facts_running_cover (drizzle/*_analytics_cover.sql):
    // drizzle cannot declare INCLUDE.
  ],
);

/** Order lines sold per day, shop, SKU, batch and supplier: the denominators of the rates. */
export const analyticsOrderLinesDaily = pgTable(
  'analytics_order_lines_daily',
  {
    tenantId: tenantId(),
    day: date('day', { mode: 'string' }).notNull(),
    shopId: uuid('shop_id').notNull(),
    skuId: uuid('sku_id').notNull(),
    batch: text('batch').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    lines: integer('lines').notNull().default(0),
    units: integer('units').notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.day, t.shopId, t.skuId, t.batch, t.supplierId] }),
    index('analytics_lines_sku').on(t.tenantId, t.skuId, t.batch, t.day),
  ],
);

/** Orders per day and shop (an order of three lines is one order for the shop's rate). */
export const analyticsOrdersDaily = pgTable(
  'analytics_orders_daily',
  {
    tenantId: tenantId(),
    day: date('day', { mode: 'string' }).notNull(),
    shopId: uuid('shop_id').notNull(),
    orders: integer('orders').notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.shopId] })],
);

export const FEEDBACK_KINDS = ['csat', 'review_revision'] as const;

/**
 * What the buyer said afterwards: a satisfaction score (1–5) answering the survey, or a review the
 * buyer revised after the merchant's reply (previous and new score).
 */
export const analyticsFeedback = pgTable(
  'analytics_feedback',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    kind: text('kind', { enum: FEEDBACK_KINDS }).notNull(),
    score: smallint('score').notNull(),
    previousScore: smallint('previous_score'),
    at: ts('at').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('analytics_feedback_at').on(t.tenantId, t.kind, t.at),
    index('analytics_feedback_ticket').on(t.tenantId, t.ticketId),
  ],
);

export const ALERT_STATUSES = ['open', 'dismissed', 'recall_opened'] as const;

/** A "possible recall" raised by the spike detector for one SKU and batch, with its evidence. */
export const analyticsAlerts = pgTable(
  'analytics_alerts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    skuId: uuid('sku_id').notNull(),
    batch: text('batch').notNull(),
    signal: text('signal', { enum: ['safety', 'quality'] }).notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('open'),
    windowFrom: date('window_from', { mode: 'string' }).notNull(),
    windowTo: date('window_to', { mode: 'string' }).notNull(),
    observed: integer('observed').notNull(),
    expected: real('expected').notNull(),
    pValue: real('p_value').notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    recallId: uuid('recall_id'),
    decidedByName: text('decided_by_name'),
    raisedAt: ts('raised_at').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One open alert per SKU and batch: a later run refreshes its evidence.
    uniqueIndex('analytics_alerts_open').on(t.tenantId, t.skuId, t.batch).where(sql`status = 'open'`),
    index('analytics_alerts_raised').on(t.tenantId, t.raisedAt),
  ],
);
