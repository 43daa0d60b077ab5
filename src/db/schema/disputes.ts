import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  APPEAL_OUTCOMES,
  DISPUTE_FORUMS,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  HEALTH_METRICS,
  PENALTY_KINDS,
  PENALTY_STATUSES,
  REMINDER_DEADLINES,
  REMINDER_STAGES,
  REMINDER_STATUSES,
} from '../../disputes/dispute-types.js';
import { createdAt, real, tenantId, ts, updatedAt } from './columns.js';

// The vocabulary lives in a pure module the console imports too.
export {
  APPEAL_OUTCOMES,
  DISPUTE_FORUMS,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  type DisputeForum,
  type DisputeOutcome,
  type DisputeType,
  HEALTH_METRICS,
  type HealthMetric,
  PENALTY_KINDS,
  PENALTY_STATUSES,
} from '../../disputes/dispute-types.js';

/** Sort key of the queue: the nearest deadline still ahead of the merchant, closed disputes last. */
export const disputeDueSort = sql`coalesce(next_due_at, 'infinity'::timestamptz)`;

export const disputes = pgTable(
  'disputes',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    type: text('type', { enum: DISPUTE_TYPES }).notNull(),
    platform: text('platform', { enum: DISPUTE_FORUMS }).notNull(),
    reason: text('reason').notNull().default(''),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull().default('open'),
    outcome: text('outcome', { enum: DISPUTE_OUTCOMES }),
    ticketId: uuid('ticket_id'),
    orderId: uuid('order_id'),
    shopId: uuid('shop_id'),
    externalRef: text('external_ref'),
    source: text('source', { enum: ['manual', 'platform_event'] })
      .notNull()
      .default('manual'),
    claim: text('claim').notNull().default(''),
    position: text('position').notNull().default(''),
    amountAtStakeFen: bigint('amount_at_stake_fen', { mode: 'number' }).notNull().default(0),
    amountLostFen: bigint('amount_lost_fen', { mode: 'number' }),
    currency: text('currency').notNull().default('CNY'),
    openedAt: ts('opened_at').notNull(),
    evidenceDueAt: ts('evidence_due_at'),
    responseDueAt: ts('response_due_at'),
    acceptanceDueAt: ts('acceptance_due_at'),
    mediationEndsAt: ts('mediation_ends_at'),
    nextDueAt: ts('next_due_at'),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('disputes_due').on(t.tenantId, disputeDueSort, t.id),
    index('disputes_ticket').on(t.tenantId, t.ticketId),
    index('disputes_order').on(t.tenantId, t.orderId),
    index('disputes_external').on(t.tenantId, t.platform, t.externalRef),
    index('disputes_shop_opened').on(t.tenantId, t.shopId, t.openedAt),
  ],
);

export const penalties = pgTable(
  'penalties',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id'),
    platform: text('platform', { enum: DISPUTE_FORUMS }).notNull(),
    kind: text('kind', { enum: PENALTY_KINDS }).notNull(),
    points: integer('points'),
    depositFen: bigint('deposit_fen', { mode: 'number' }),
    reason: text('reason').notNull(),
    ruleRef: text('rule_ref'),
    externalRef: text('external_ref'),
    source: text('source', { enum: ['manual', 'platform_event'] })
      .notNull()
      .default('manual'),
    penalizedAt: ts('penalized_at').notNull(),
    appealDueAt: ts('appeal_due_at'),
    status: text('status', { enum: PENALTY_STATUSES }).notNull().default('open'),
    appealText: text('appeal_text'),
    appealedAt: ts('appealed_at'),
    decisionExpectedFrom: ts('decision_expected_from'),
    decisionExpectedBy: ts('decision_expected_by'),
    outcome: text('outcome', { enum: APPEAL_OUTCOMES }),
    pointsRestored: integer('points_restored'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    nextDueAt: ts('next_due_at'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('penalties_due').on(t.tenantId, sql`coalesce(next_due_at, 'infinity'::timestamptz)`, t.id),
    index('penalties_shop').on(t.tenantId, t.shopId, t.penalizedAt),
    index('penalties_external').on(t.tenantId, t.platform, t.externalRef),
  ],
);

/** What a penalty requires the shop to fix (a listing, a process), each with its own due date. */
export const rectificationTasks = pgTable(
  'rectification_tasks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    penaltyId: uuid('penalty_id').notNull(),
    title: text('title').notNull(),
    dueAt: ts('due_at'),
    doneAt: ts('done_at'),
    doneBy: text('done_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('rectification_penalty').on(t.tenantId, t.penaltyId),
  ],
);

export const shopHealthScores = pgTable(
  'shop_health_scores',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id').notNull(),
    metric: text('metric', { enum: HEALTH_METRICS }).notNull(),
    value: real('value').notNull(),
    measuredAt: ts('measured_at').notNull(),
    source: text('source', { enum: ['manual', 'import'] })
      .notNull()
      .default('manual'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('shop_health_series').on(t.tenantId, t.shopId, t.metric, t.measuredAt),
  ],
);

/** The merchant's alert line per shop and metric: a score below it is an alert. */
export const shopHealthThresholds = pgTable(
  'shop_health_thresholds',
  {
    tenantId: tenantId(),
    shopId: uuid('shop_id').notNull(),
    metric: text('metric', { enum: HEALTH_METRICS }).notNull(),
    minValue: real('min_value').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.shopId, t.metric] })],
);

/**
 * Reminders before a dispute's or a penalty's deadlines, raised by the deadline worker. One row per
 * subject, deadline (its kind and time) and stage: the unique index is what makes each reminder
 * happen once, however many workers run.
 */
export const deadlineReminders = pgTable(
  'deadline_reminders',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    subjectType: text('subject_type', { enum: ['dispute', 'penalty'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    deadline: text('deadline', { enum: REMINDER_DEADLINES }).notNull(),
    dueAt: ts('due_at').notNull(),
    stage: text('stage', { enum: REMINDER_STAGES }).notNull(),
    status: text('status', { enum: REMINDER_STATUSES }).notNull().default('open'),
    raisedAt: ts('raised_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedByName: text('acknowledged_by_name'),
    resolvedAt: ts('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('deadline_reminders_once').on(
      t.tenantId,
      t.subjectType,
      t.subjectId,
      t.deadline,
      t.dueAt,
      t.stage,
    ),
    index('deadline_reminders_open').on(t.tenantId, t.status, t.dueAt),
  ],
);
