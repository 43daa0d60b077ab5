import { sql } from 'drizzle-orm';
import {
  bigint,
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

/** Per-tenant playbook settings: approval limits per role and whether the default library is seeded. */
export const playbookSettings = pgTable(
  'playbook_settings',
  {
    tenantId: tenantId(),
    // Fen per role; null means unlimited.
    approvalLimits: jsonb('approval_limits')
      .$type<{ agent: number | null; supervisor: number | null; admin: number | null }>()
      .notNull(),
    seededVersion: integer('seeded_version').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/** Per-shop after-sales policy (price-protection window). */
export const shopPolicies = pgTable(
  'shop_policies',
  {
    tenantId: tenantId(),
    shopId: uuid('shop_id').notNull(),
    priceProtectionDays: integer('price_protection_days').notNull().default(30),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.shopId] })],
);

export const replyTemplates = pgTable(
  'reply_templates',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    key: text('key').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
    // null: the tenant's default; a shop id: that shop's override of the same key and locale.
    shopId: uuid('shop_id'),
    name: text('name').notNull(),
    body: text('body').notNull(),
    moment: text('moment').notNull(),
    remedy: text('remedy'),
    // Where it may be used: private conversations, public review replies, or both (src/playbooks/template-audience.ts).
    audience: text('audience', { enum: ['private', 'public', 'both'] })
      .notNull()
      .default('private'),
    builtIn: boolean('built_in').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('reply_templates_key').on(
      t.tenantId,
      t.key,
      t.locale,
      sql`coalesce(${t.shopId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

export type PlaybookStep = {
  key: string;
  action: 'reply' | 'request_evidence' | 'offer' | 'check_tracking' | 'internal_note' | 'task' | 'close';
  title: { zh: string; en: string };
  templateKey?: string | undefined;
  remedies?: string[] | undefined;
  couponFen?: number | undefined;
  /** Ticket statuses where this step is suggested; empty means any open status. */
  statuses?: string[] | undefined;
};

export const playbooks = pgTable(
  'playbooks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    category: text('category').notNull(),
    name: text('name').notNull(),
    steps: jsonb('steps').$type<PlaybookStep[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('playbooks_category').on(t.tenantId, t.category),
  ],
);

/** One playbook applied to one case, with the steps done so far. */
export const playbookRuns = pgTable(
  'playbook_runs',
  {
    tenantId: tenantId(),
    ticketId: uuid('ticket_id').notNull(),
    playbookId: uuid('playbook_id').notNull(),
    doneSteps: jsonb('done_steps').$type<{ key: string; at: string; by: string }[]>().notNull().default([]),
    appliedBy: text('applied_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ticketId] })],
);

export const offers = pgTable(
  'offers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    // The first offer of a negotiation; every counter-offer carries it.
    negotiationId: uuid('negotiation_id').notNull(),
    round: integer('round').notNull(),
    parentId: uuid('parent_id'),
    party: text('party', { enum: ['shop', 'buyer'] }).notNull(),
    remedy: text('remedy').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    couponFen: bigint('coupon_fen', { mode: 'number' }).notNull().default(0),
    returnShippingPaid: boolean('return_shipping_paid').notNull().default(false),
    orderId: uuid('order_id'),
    shopId: uuid('shop_id'),
    note: text('note'),
    status: text('status', {
      enum: ['awaiting_approval', 'proposed', 'countered', 'accepted', 'rejected', 'withdrawn'],
    }).notNull(),
    requiredRole: text('required_role', { enum: ['agent', 'supervisor', 'admin'] }),
    proposedBy: uuid('proposed_by'),
    proposedByName: text('proposed_by_name').notNull(),
    approvedBy: uuid('approved_by'),
    approvedByName: text('approved_by_name'),
    approvedAt: ts('approved_at'),
    decidedAt: ts('decided_at'),
    decidedByName: text('decided_by_name'),
    decisionReason: text('decision_reason'),
    // How the buyer learnt of a shop offer: a message on the case (its delivery decides) or a call
    // an agent records. "Buyer accepted" waits for one of them.
    toldVia: text('told_via', { enum: ['message', 'phone'] }),
    toldMessageId: uuid('told_message_id'),
    toldAt: ts('told_at'),
    toldByName: text('told_by_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('offers_ticket').on(t.tenantId, t.ticketId, t.createdAt),
    // The supervisor queue: offers waiting for approval, oldest first.
    index('offers_awaiting').on(t.tenantId, t.createdAt).where(sql`status = 'awaiting_approval'`),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    offerId: uuid('offer_id'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: ['open', 'pending_outbox', 'queued', 'done', 'cancelled'] }).notNull(),
    assigneeId: uuid('assignee_id'),
    dueAt: ts('due_at'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    completedAt: ts('completed_at'),
    completedByName: text('completed_by_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('tasks_ticket').on(t.tenantId, t.ticketId, t.createdAt),
    // "My tasks today": open tasks by assignee and due time.
    index('tasks_assignee_due')
      .on(t.tenantId, t.assigneeId, t.dueAt)
      .where(sql`status in ('open', 'pending_outbox')`),
    index('tasks_open_due').on(t.tenantId, t.dueAt).where(sql`status in ('open', 'pending_outbox')`),
  ],
);

export const blocklist = pgTable(
  'blocklist',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    expiresAt: ts('expires_at'),
    liftedAt: ts('lifted_at'),
    liftedByName: text('lifted_by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('blocklist_customer').on(t.tenantId, t.customerId),
  ],
);
