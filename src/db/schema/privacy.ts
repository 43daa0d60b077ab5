import { integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantId, ts, updatedAt } from './columns.js';

/** PIPL: how long buyers' personal data stays after their last case closed (null: kept). */
export const privacySettings = pgTable('privacy_settings', {
  tenantId: tenantId().primaryKey(),
  retentionDays: integer('retention_days'),
  updatedAt: updatedAt(),
});

/** One row per buyer whose personal data was masked: by the retention rule or on request. */
export const personalDataErasures = pgTable(
  'personal_data_erasures',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    reason: text('reason', { enum: ['retention', 'request'] }).notNull(),
    actorName: text('actor_name').notNull(),
    /** What was cleared: counts per kind, and the cases kept back as evidence of open disputes. */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('personal_data_erasures_customer').on(t.tenantId, t.customerId),
  ],
);
