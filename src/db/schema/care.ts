import {
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
import { createdAt, tenantId, ts, updatedAt } from './columns.js';

/** Per platform: at most `max` proactive messages to one buyer within `days` (see care/limits.ts). */
export type ProactiveLimits = Record<string, { max: number; days: number }>;

/** Care after delivery: the merchant's settings (one row per tenant; defaults while there is none). */
export const careSettings = pgTable(
  'care_settings',
  {
    tenantId: tenantId(),
    enabled: boolean('enabled').notNull(),
    // Hours after delivery before the care message goes (the buyer has had time to open the parcel).
    delayHours: integer('delay_hours').notNull(),
    // Deliveries older than this many days get nothing (a late care message is noise).
    withinDays: integer('within_days').notNull(),
    // Share of eligible deliveries (0–50 %) drawn at random into the hold-out group: no message.
    holdoutPercent: integer('holdout_percent').notNull(),
    // Quality returns and negative reviews count when opened within this many days of delivery.
    effectDays: integer('effect_days').notNull(),
    limits: jsonb('limits').$type<ProactiveLimits>().notNull(),
    // Products with a published usage article get care unless switched off (false: only those switched on).
    allProducts: boolean('all_products').notNull(),
    publicBaseUrl: text('public_base_url'),
    // A follow-up (回访) to the buyer this many days after their case closed, when switched on.
    followUpEnabled: boolean('follow_up_enabled').notNull().default(false),
    followUpDays: integer('follow_up_days').notNull().default(3),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/** Per product: care on or off, and an optional sentence of the merchant's own. */
export const careProducts = pgTable(
  'care_products',
  {
    tenantId: tenantId(),
    productId: uuid('product_id').notNull(),
    enabled: boolean('enabled').notNull(),
    noteZh: text('note_zh'),
    noteEn: text('note_en'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.productId] })],
);

/**
 * One row per delivered order the care worker looked at: its group (care, hold-out, or none when it
 * was not eligible, with the reason) and, for the care group, the message and how it went out.
 */
export const careMessages = pgTable(
  'care_messages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    shopId: uuid('shop_id').notNull(),
    customerId: uuid('customer_id'),
    productId: uuid('product_id'),
    platform: text('platform').notNull(),
    deliveredAt: ts('delivered_at').notNull(),
    // care | holdout | none
    grp: text('grp', { enum: ['care', 'holdout', 'none'] }).notNull(),
    // queued (outbox), manual (a person sends it in the platform's back office), sent_by_hand, skipped
    state: text('state', { enum: ['queued', 'manual', 'sent_by_hand', 'skipped'] }).notNull(),
    skipReason: text('skip_reason'),
    body: text('body'),
    link: text('link'),
    outboxId: uuid('outbox_id'),
    handledBy: uuid('handled_by'),
    handledAt: ts('handled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('care_messages_order').on(t.tenantId, t.orderId),
    index('care_messages_created').on(t.tenantId, t.createdAt, t.id),
    index('care_messages_customer').on(t.tenantId, t.customerId, t.createdAt),
    index('care_messages_delivered').on(t.tenantId, t.deliveredAt),
  ],
);

/** Buyers who asked for no more care messages (a reply of 退订, or an agent for them). */
export const careOptOuts = pgTable(
  'care_opt_outs',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    source: text('source', { enum: ['buyer_reply', 'agent'] }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] })],
);

/**
 * One row per closed case the follow-up worker looked at: the follow-up it wrote into the case
 * (through the ticket service, so the thread shows it and the outbox sends it), the hold-out draw,
 * or why it skipped.
 */
export const careFollowUps = pgTable(
  'care_follow_ups',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    shopId: uuid('shop_id'),
    customerId: uuid('customer_id'),
    platform: text('platform'),
    closedAt: ts('closed_at').notNull(),
    // written: in the case thread; holdout: eligible, drawn at random into the group that gets none
    // (so the report measures what follow-ups change); skipped: not eligible (skip_reason).
    state: text('state', { enum: ['written', 'skipped', 'holdout'] }).notNull(),
    skipReason: text('skip_reason'),
    messageId: uuid('message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('care_follow_ups_ticket').on(t.tenantId, t.ticketId),
    index('care_follow_ups_created').on(t.tenantId, t.createdAt, t.id),
    index('care_follow_ups_customer').on(t.tenantId, t.customerId, t.createdAt),
  ],
);
