import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantId, ts } from './columns.js';

export const INBOX_STATUSES = ['pending', 'processed', 'unhandled', 'dead'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/**
 * Every platform event exactly as it arrived (long ids as strings), stored before the 200.
 * A repeated delivery hits the unique key and changes nothing.
 */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id').notNull(),
    platform: text('platform').notNull(),
    externalEventId: text('external_event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    status: text('status', { enum: INBOX_STATUSES }).notNull().default('pending'),
    /** What processing did: created | appended | stale | skipped | order_update | unhandled. */
    outcome: text('outcome'),
    kind: text('kind'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    ticketId: uuid('ticket_id'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
    /**
     * The platform record's version (`aftersale:<id>@<updated ms>`): the same for a push and the
     * reconciler's pull of the same change, so one of them is enough (src/channels/pull.ts).
     */
    versionKey: text('version_key'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('inbox_events_external').on(t.tenantId, t.platform, t.externalEventId),
    // The workers' queue: only pending rows, so it stays small however long the history grows.
    index('inbox_events_due').on(t.tenantId, t.nextAttemptAt).where(sql`status = 'pending'`),
    index('inbox_events_status').on(t.tenantId, t.status, t.receivedAt),
    index('inbox_events_shop').on(t.tenantId, t.shopId, t.receivedAt),
    index('inbox_events_version')
      .on(t.tenantId, t.platform, t.versionKey)
      .where(sql`version_key is not null`),
  ],
);

/** One case per after-sale / review / conversation of a shop: the lock that keeps workers from creating two. */
export const channelCases = pgTable(
  'channel_cases',
  {
    tenantId: tenantId(),
    shopId: uuid('shop_id').notNull(),
    externalRef: text('external_ref').notNull(),
    ticketId: uuid('ticket_id'),
    orderRef: text('order_ref'),
    stageRank: integer('stage_rank').notNull().default(0),
    lastEventAt: ts('last_event_at'),
    /** Taobao/Tmall: the refund's phase (onsale | aftersale) as its events named it; null: never named. */
    refundPhase: text('refund_phase'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.shopId, t.externalRef] }),
    // A recall reaches a buyer through the conversation of the recalled order.
    index('channel_cases_order').on(t.tenantId, t.shopId, t.orderRef),
  ],
);

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Outbound work (replies, acknowledgements, notices, after-sale actions) delivered by the sender worker. */
export const outbox = pgTable(
  'outbox',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    shopId: uuid('shop_id').notNull(),
    platform: text('platform').notNull(),
    ticketId: uuid('ticket_id'),
    messageId: uuid('message_id'),
    caseRef: text('case_ref'),
    orderRef: text('order_ref'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupeKey: text('dedupe_key'),
    // The shop's own API address when the row was queued (null: the platform's or the installation's).
    // A row is sent only there: after the shop's address changes it waits for an explicit re-send.
    endpoint: text('endpoint'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    response: jsonb('response').$type<unknown>(),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('outbox_dedupe').on(t.tenantId, t.dedupeKey),
    index('outbox_due').on(t.tenantId, t.nextAttemptAt).where(sql`status = 'pending'`),
    index('outbox_status').on(t.tenantId, t.status, t.createdAt),
    index('outbox_ticket').on(t.tenantId, t.ticketId),
    index('outbox_message').on(t.tenantId, t.messageId),
  ],
);

/**
 * The state of long-lived platform connections (the Pinduoduo message service), written by the
 * worker process that holds them so every API process can show it on the channel health page.
 */
export const connectionStatus = pgTable(
  'connection_status',
  {
    tenantId: tenantId(),
    shopId: uuid('shop_id').notNull(),
    kind: text('kind').notNull(),
    status: jsonb('status').$type<Record<string, unknown>>().notNull(),
    reportedAt: ts('reported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.shopId, t.kind] })],
);
