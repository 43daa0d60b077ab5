import { boolean, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import {
  CHECK_CATEGORIES,
  CHECK_SEVERITIES,
  type Finding,
  RULE_PLATFORMS,
} from '../../replycheck/check-types.js';
import { createdAt, tenantId, updatedAt } from './columns.js';

/**
 * A tenant's edit of one rule in one platform's reply-check table, or a rule of its own (`custom.*`).
 * Rules without a row here are the built-in defaults (src/replycheck/default-rules.ts).
 */
export const replyCheckRules = pgTable(
  'reply_check_rules',
  {
    tenantId: tenantId(),
    platform: text('platform', { enum: RULE_PLATFORMS }).notNull(),
    ruleId: text('rule_id').notNull(),
    category: text('category', { enum: CHECK_CATEGORIES }).notNull(),
    enabled: boolean('enabled').notNull(),
    severity: text('severity', { enum: CHECK_SEVERITIES }).notNull(),
    terms: text('terms').array().notNull(),
    allow: text('allow').array().notNull(),
    patterns: text('patterns').array().notNull(),
    messageZh: text('message_zh').notNull(),
    messageEn: text('message_en').notNull(),
    source: text('source').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.platform, t.ruleId] })],
);

/** The warnings a sent reply carried (blocked replies are never stored): coaching counts them. */
export const replyCheckResults = pgTable(
  'reply_check_results',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    messageId: uuid('message_id').notNull(),
    authorId: uuid('author_id'),
    findings: jsonb('findings').$type<Finding[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('reply_check_results_author').on(t.tenantId, t.authorId, t.createdAt),
    index('reply_check_results_ticket').on(t.tenantId, t.ticketId),
  ],
);
