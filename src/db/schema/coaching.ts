import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, ts } from './columns.js';

/** A supervisor's review of one closed case: a note for the agent, and whether it is an example. */
export const coachingReviews = pgTable(
  'coaching_reviews',
  {
    tenantId: tenantId(),
    ticketId: uuid('ticket_id').notNull(),
    agentId: uuid('agent_id'),
    note: text('note'),
    // good | bad: shown to every agent as an example to follow or to avoid
    example: text('example', { enum: ['good', 'bad'] }),
    reviewedBy: uuid('reviewed_by').notNull(),
    reviewedByName: text('reviewed_by_name').notNull(),
    reviewedAt: ts('reviewed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId] }),
    index('coaching_reviews_agent').on(t.tenantId, t.agentId, t.reviewedAt),
  ],
);

/** Agents in training: their replies wait for a supervisor's approval before they reach the buyer. */
export const coachingTrainees = pgTable(
  'coaching_trainees',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    since: createdAt(),
    setBy: uuid('set_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

/** A trainee's reply waiting for (or decided by) a supervisor. */
export const coachingApprovals = pgTable(
  'coaching_approvals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    agentName: text('agent_name').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    // What went to the buyer (the supervisor may correct it) and the message it became.
    sentBody: text('sent_body'),
    messageId: uuid('message_id'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: ts('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('coaching_approvals_status').on(t.tenantId, t.status, t.createdAt),
    index('coaching_approvals_agent').on(t.tenantId, t.agentId, t.createdAt),
  ],
);
