import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantId, ts } from './columns.js';

export const RECONCILE_OUTCOMES = ['ok', 'failed', 'partial'] as const;
export type ReconcileOutcome = (typeof RECONCILE_OUTCOMES)[number];

/**
 * One row per shop the reconciler pulls: its schedule, the claim that keeps two workers off the same
 * shop (a lease: a worker that dies loses it when it runs out), and what the last run found.
 */
export const reconcileShops = pgTable(
  'reconcile_shops',
  {
    tenantId: tenantId(),
    shopId: uuid('shop_id').notNull(),
    nextRunAt: ts('next_run_at').notNull().defaultNow(),
    /** Set by 立即对账: the shop is due now, whatever its schedule says. */
    requestedAt: ts('requested_at'),
    claimedBy: text('claimed_by'),
    claimedUntil: ts('claimed_until'),
    lastStartedAt: ts('last_started_at'),
    lastFinishedAt: ts('last_finished_at'),
    lastOutcome: text('last_outcome', { enum: RECONCILE_OUTCOMES }),
    /** The failure's category (delivery-error categories) and the platform's words. */
    lastErrorCategory: text('last_error_category'),
    lastError: text('last_error'),
    /** Events the last run brought in that no webhook had delivered. */
    lastFound: integer('last_found').notNull().default(0),
    /** Records the last run read from the platform (found or already known). */
    lastSeen: integer('last_seen').notNull().default(0),
    totalFound: integer('total_found').notNull().default(0),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.shopId] }),
    index('reconcile_shops_due').on(t.tenantId, t.nextRunAt),
  ],
);

/** How far a shop's feed (after_sales, orders, reviews) has been pulled: everything changed before it is in the inbox. */
export const reconcileWatermarks = pgTable(
  'reconcile_watermarks',
  {
    tenantId: tenantId(),
    shopId: uuid('shop_id').notNull(),
    feed: text('feed').notNull(),
    watermark: ts('watermark').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.shopId, t.feed] })],
);
