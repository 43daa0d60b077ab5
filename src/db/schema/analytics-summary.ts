import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, ts } from './columns.js';

// The dashboards' summaries: analytics_case_facts (one row per case) folded per day and per ISO week
// (grain 1 and 7; a week's row sits on its Monday) and per shop, platform, SKU, batch, supplier or
// agent. They are derived only: a trigger (drizzle/*_analytics_summary_sql.sql) marks the days a
// write to the facts or the feedback touches in analytics_summary_dirty, and the refresher
// (src/analytics/summary-repo.ts) rebuilds those days and their weeks from the facts. A reader takes
// the summary for clean days and the facts themselves for marked ones, in one statement, so every
// answer is the facts' answer. Keys cannot hold nulls: no shop, SKU, supplier or agent is the zero
// uuid, no platform, batch or category ''.

const grain = () => smallint('grain').notNull();
const day = () => date('day', { mode: 'string' }).notNull();
const shop = () => uuid('shop_id').notNull();
const platform = () => text('platform').notNull();
const count = (name: string) => integer(name).notNull().default(0);
const fen = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/** The days whose summaries are stale (of the case's day, its remedy's day, its answers' days). */
export const analyticsSummaryDirty = pgTable(
  'analytics_summary_dirty',
  {
    tenantId: tenantId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    day: day(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('analytics_summary_dirty_day').on(t.tenantId, t.day),
  ],
);

/** Complaints and negative reviews per case day and goods (quality dashboards and trends). */
export const analyticsSummaryQuality = pgTable(
  'analytics_summary_quality',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    skuId: uuid('sku_id').notNull(),
    batch: text('batch').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    cases: count('cases'),
    complaints: count('complaints'),
    negativeReviews: count('negative_reviews'),
    goods: count('goods'),
    safety: count('safety'),
  },
  (t) => [
    primaryKey({
      columns: [t.tenantId, t.grain, t.day, t.shopId, t.platform, t.skuId, t.batch, t.supplierId],
    }),
  ],
);

/** Complaints and negative reviews per category and root cause (the Pareto). */
export const analyticsSummaryCauses = pgTable(
  'analytics_summary_causes',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    category: text('category').notNull(),
    rootCause: text('root_cause').notNull(),
    cases: count('cases'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.grain, t.day, t.shopId, t.platform, t.category, t.rootCause] }),
  ],
);

/** Money given per remedy day (money_day) and goods. */
export const analyticsSummaryMoney = pgTable(
  'analytics_summary_money',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    skuId: uuid('sku_id').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    productCategory: text('product_category').notNull(),
    cases: count('cases'),
    refundFen: fen('refund_fen'),
    compensationFen: fen('compensation_fen'),
    couponFen: fen('coupon_fen'),
    reships: count('reships'),
    reshipValueFen: fen('reship_value_fen'),
  },
  (t) => [
    primaryKey({
      columns: [t.tenantId, t.grain, t.day, t.shopId, t.platform, t.skuId, t.supplierId, t.productCategory],
    }),
  ],
);

/** Service counts per case day and agent (what does not depend on the time of asking). */
export const analyticsSummaryService = pgTable(
  'analytics_summary_service',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    assigneeId: uuid('assignee_id').notNull(),
    cases: count('cases'),
    responded: count('responded'),
    frtMet: count('frt_met'),
    frtLate: count('frt_late'),
    closed: count('closed'),
    resMet: count('res_met'),
    resLate: count('res_late'),
    open: count('open'),
    liveChats: count('live_chats'),
    liveMet: count('live_met'),
    liveLate: count('live_late'),
    negReviews: count('neg_reviews'),
    negReplied: count('neg_replied'),
    negPositive: count('neg_positive'),
    oldestOpenAt: ts('oldest_open_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.grain, t.day, t.shopId, t.platform, t.assigneeId] })],
);

/** First-response ('frt') and resolution ('res') times as histograms (src/analytics/durations.ts). */
export const analyticsSummaryTimes = pgTable(
  'analytics_summary_times',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    assigneeId: uuid('assignee_id').notNull(),
    measure: text('measure').notNull(),
    bucket: smallint('bucket').notNull(),
    cases: count('cases'),
  },
  (t) => [
    primaryKey({
      columns: [t.tenantId, t.grain, t.day, t.shopId, t.platform, t.assigneeId, t.measure, t.bucket],
    }),
  ],
);

/** The same histograms without the agent: what the platform, shop and whole-tenant figures read. */
export const analyticsSummaryShopTimes = pgTable(
  'analytics_summary_shop_times',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    measure: text('measure').notNull(),
    bucket: smallint('bucket').notNull(),
    cases: count('cases'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.grain, t.day, t.shopId, t.platform, t.measure, t.bucket] })],
);

/**
 * The same histograms per agent across every shop: what the agent figures read when no shop or
 * platform narrows them (the shop rows of analytics_summary_times summed, one shop's worth of rows).
 */
export const analyticsSummaryAgentTimes = pgTable(
  'analytics_summary_agent_times',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    assigneeId: uuid('assignee_id').notNull(),
    measure: text('measure').notNull(),
    bucket: smallint('bucket').notNull(),
    cases: count('cases'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.grain, t.day, t.assigneeId, t.measure, t.bucket] })],
);

/** Satisfaction answers per answer day and the case's shop and agent. */
export const analyticsSummaryCsat = pgTable(
  'analytics_summary_csat',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    assigneeId: uuid('assignee_id').notNull(),
    answers: count('answers'),
    total: count('total'),
    satisfied: count('satisfied'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.grain, t.day, t.shopId, t.platform, t.assigneeId] })],
);

/** Order lines sold per sale day and goods: the denominators of the SKU, batch and supplier rates. */
export const analyticsSummaryLines = pgTable(
  'analytics_summary_lines',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    skuId: uuid('sku_id').notNull(),
    batch: text('batch').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    lines: count('lines'),
  },
  (t) => [
    primaryKey({
      columns: [t.tenantId, t.grain, t.day, t.shopId, t.platform, t.skuId, t.batch, t.supplierId],
    }),
  ],
);

/**
 * The cases that could cost statutory compensation (alleged fraud, unsafe goods) per case day, with
 * what the rule reads (price paid, product category): the amount is the rule's, applied per row.
 */
export const analyticsSummaryExposure = pgTable(
  'analytics_summary_exposure',
  {
    tenantId: tenantId(),
    grain: grain(),
    day: day(),
    shopId: shop(),
    platform: platform(),
    skuId: uuid('sku_id').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    productCategory: text('product_category').notNull(),
    paidFen: fen('paid_fen'),
    counterfeit: boolean('counterfeit').notNull(),
    safety: boolean('safety').notNull(),
    cases: count('cases'),
  },
  (t) => [
    primaryKey({
      columns: [
        t.tenantId,
        t.grain,
        t.day,
        t.shopId,
        t.platform,
        t.skuId,
        t.supplierId,
        t.productCategory,
        t.paidFen,
        t.counterfeit,
        t.safety,
      ],
    }),
  ],
);
