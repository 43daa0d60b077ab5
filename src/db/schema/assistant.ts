import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, real, tenantId, updatedAt } from './columns.js';

/** The merchant's assistant settings (one row per tenant; defaults while there is none). */
export const assistantSettings = pgTable(
  'assistant_settings',
  {
    tenantId: tenantId(),
    enabled: boolean('enabled').notNull(),
    // Answer automatically only at or above this confidence (0–1).
    threshold: real('threshold').notNull(),
    channels: text('channels').array().notNull(),
    intents: text('intents').array().notNull(),
    // The shop's promise: orders ship within this many hours of payment (the ship-by date answers use).
    shipWithinHours: integer('ship_within_hours').notNull(),
    // Where buyers' links to the public knowledge-base pages point (the console's own address).
    publicBaseUrl: text('public_base_url'),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/** What the assistant did with each buyer message it read: answered, handed over, or left alone. */
export const assistantLog = pgTable(
  'assistant_log',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    messageId: uuid('message_id').notNull(),
    intent: text('intent'),
    confidence: real('confidence').notNull(),
    // answered | handed_over
    outcome: text('outcome', { enum: ['answered', 'handed_over'] }).notNull(),
    // why a person got it: below_threshold, ask_human, accusation, no_order, tracking_unknown…
    reason: text('reason'),
    cues: jsonb('cues').$type<string[]>().notNull().default([]),
    answerMessageId: uuid('answer_message_id'),
    draft: text('draft'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('assistant_log_created').on(t.tenantId, t.createdAt, t.id),
    index('assistant_log_ticket').on(t.tenantId, t.ticketId, t.createdAt),
  ],
);

export type AssistantLogRow = typeof assistantLog.$inferSelect;
