import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, ts } from './columns.js';

/** A tenant's own lexicon terms, added in the console on top of the built-in zh/en lexicon. */
export const triageLexicon = pgTable(
  'triage_lexicon',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    term: text('term').notNull(),
    // One of the triage categories, or null for a severity-only term.
    category: text('category'),
    // 'critical' | 'high' to raise the severity when the term is present; null otherwise.
    severity: text('severity'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('triage_lexicon_term').on(t.tenantId, t.term, t.category, t.severity),
  ],
);

/**
 * An agent's correction (or confirmation) of the automatic triage of a ticket: per field, the
 * automatic value and the agent's, who and when. The report reads the latest row per ticket and field.
 */
export const triageCorrections = pgTable(
  'triage_corrections',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    // 'categories' (values are string arrays) | 'severity' (values are strings)
    field: text('field', { enum: ['categories', 'severity'] }).notNull(),
    autoValue: jsonb('auto_value').$type<string | string[]>().notNull(),
    agentValue: jsonb('agent_value').$type<string | string[]>().notNull(),
    userId: uuid('user_id'),
    userName: text('user_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('triage_corrections_created').on(t.tenantId, t.createdAt),
    index('triage_corrections_ticket').on(t.tenantId, t.ticketId, t.field, t.createdAt),
  ],
);

/**
 * A tenant's adjustment layer (src/triage/adjustment.ts), trained in the background on its agents'
 * corrections: the layer itself, how many corrected cases it learned from, and the before/after
 * agreement with the agents (shipped pipeline vs the layer by cross-validation). One row per tenant.
 */
export const triageAdjustments = pgTable(
  'triage_adjustments',
  {
    tenantId: tenantId(),
    // 'ready' (a layer is in use) | 'too_few' (fewer corrected cases than the minimum) | 'failed'
    status: text('status', { enum: ['ready', 'too_few', 'failed'] }).notNull(),
    layer: jsonb('layer').$type<Record<string, unknown> | null>(),
    examples: integer('examples').notNull(),
    before: jsonb('before').$type<Record<string, number> | null>(),
    after: jsonb('after').$type<Record<string, number> | null>(),
    error: text('error'),
    trainedAt: ts('trained_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/**
 * A tenant's sentiment adaptation (src/triage/sentiment-delta.ts): a delta over the shipped sentiment
 * weights, self-trained in the background on the tenant's own inbound texts (no labels), with the
 * figures the console shows. `totalTexts` is how many inbound texts the tenant had when it was
 * trained: a retrain waits for enough new ones. One row per tenant.
 */
export const triageSentimentAdaptations = pgTable(
  'triage_sentiment_adaptations',
  {
    tenantId: tenantId(),
    // 'ready' (the latest delta is in use) | 'held' (the guard refused the latest delta: the previous
    // one, if any, stays in use) | 'too_few' (fewer texts than the minimum) | 'failed'
    status: text('status', { enum: ['ready', 'held', 'too_few', 'failed'] }).notNull(),
    // The delta in use (after a hold, the previous one) and when it was trained.
    delta: jsonb('delta').$type<Record<string, unknown> | null>(),
    deltaTrainedAt: ts('delta_trained_at'),
    // Texts read (the latest, at most a bound), pseudo-labelled among them, the tenant's total then.
    texts: integer('texts').notNull(),
    pseudoLabelled: integer('pseudo_labelled').notNull(),
    totalTexts: integer('total_texts').notNull(),
    // Agreement with the shipped model on the texts read: verdicts changed, by new verdict.
    figures: jsonb('figures').$type<Record<string, number> | null>(),
    // The guard's verdict on the latest delta (sentiment-guard.ts): its figures and, when held, why.
    guard: jsonb('guard').$type<Record<string, unknown> | null>(),
    error: text('error'),
    trainedAt: ts('trained_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);
