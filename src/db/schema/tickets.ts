import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  DELIVERY_STATUSES,
  MESSAGE_DIRECTIONS,
  ROOT_CAUSES,
  SEVERITIES,
  TICKET_CHANNELS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from '../../tickets/ticket-types.js';
import { createdAt, real, tenantId, ts, updatedAt } from './columns.js';

export const customers = pgTable(
  'customers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id'),
    externalId: text('external_id'),
    name: text('name').notNull(),
    // Shown to every role; the full values are sealed and shown only where a role needs them.
    phoneMasked: text('phone_masked'),
    phoneSealed: text('phone_sealed'),
    addressMasked: text('address_masked'),
    addressSealed: text('address_sealed'),
    email: text('email'),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('customers_external').on(t.tenantId, t.shopId, t.externalId),
  ],
);

export const products = pgTable(
  'products',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id'),
    externalId: text('external_id'),
    name: text('name').notNull(),
    category: text('category'),
    supplier: text('supplier'),
    // The supplier record the text names (set by a trigger, see drizzle/*_suppliers_sql.sql).
    supplierId: uuid('supplier_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('products_external').on(t.tenantId, t.shopId, t.externalId),
    index('products_supplier').on(t.tenantId, t.supplier),
  ],
);

export const skus = pgTable(
  'skus',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    productId: uuid('product_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }),
    supplier: text('supplier'),
    supplierId: uuid('supplier_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('skus_code').on(t.tenantId, t.productId, t.code),
  ],
);

export const orders = pgTable(
  'orders',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    shopId: uuid('shop_id').notNull(),
    customerId: uuid('customer_id'),
    externalId: text('external_id').notNull(),
    status: text('status').notNull().default('paid'),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    paidAt: ts('paid_at'),
    shippedAt: ts('shipped_at'),
    deliveredAt: ts('delivered_at'),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('orders_external').on(t.tenantId, t.shopId, t.externalId),
    index('orders_customer').on(t.tenantId, t.customerId),
    // Finding an order by the start of its number (the new-case form): LIKE 'prefix%' in any collation.
    index('orders_external_prefix').on(t.tenantId, t.externalId.op('text_pattern_ops')),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    productId: uuid('product_id'),
    skuId: uuid('sku_id'),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull().default(1),
    unitPriceFen: bigint('unit_price_fen', { mode: 'number' }).notNull(),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull(),
    batch: text('batch'),
    supplier: text('supplier'),
    supplierId: uuid('supplier_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('order_items_order').on(t.tenantId, t.orderId),
    index('order_items_sku').on(t.tenantId, t.skuId, t.batch),
    index('order_items_supplier').on(t.tenantId, t.supplierId),
  ],
);

/** Sort key of "due first": the earliest pending SLA due time, open cases without one last. */
export const ticketDueSort = sql`coalesce(sla_due_at, 'infinity'::timestamptz)`;

export const tickets = pgTable(
  'tickets',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    number: bigint('number', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: TICKET_KINDS }).notNull(),
    channel: text('channel', { enum: TICKET_CHANNELS }).notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('new'),
    severity: text('severity', { enum: SEVERITIES }).notNull().default('normal'),
    category: text('category'),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    subject: text('subject').notNull(),
    shopId: uuid('shop_id'),
    customerId: uuid('customer_id'),
    orderId: uuid('order_id'),
    // The order line the case is about, when someone chose it; else its order's dearest line.
    orderItemId: uuid('order_item_id'),
    assigneeId: uuid('assignee_id'),
    externalRef: text('external_ref'),
    language: text('language'),
    sentiment: text('sentiment'),
    sentimentScore: real('sentiment_score'),
    triage: jsonb('triage').$type<Record<string, unknown> | null>(),
    rootCause: text('root_cause', { enum: ROOT_CAUSES }),
    resolution: text('resolution'),
    firstResponseDueAt: ts('first_response_due_at'),
    nextResponseDueAt: ts('next_response_due_at'),
    resolutionDueAt: ts('resolution_due_at'),
    slaDueAt: ts('sla_due_at'),
    slaState: text('sla_state').notNull().default('none'),
    firstRespondedAt: ts('first_responded_at'),
    lastInboundAt: ts('last_inbound_at'),
    lastOutboundAt: ts('last_outbound_at'),
    closedAt: ts('closed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    // The earliest time of the case's search documents (subject and messages; search-repo.ts keeps it):
    // the open cases' earliest bounds the weeks a text filter on the inbox reads. Null: not known.
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('tickets_number').on(t.tenantId, t.number),
    // The inbox: open cases due first, and the usual filters with the same order.
    index('tickets_open_due').on(t.tenantId, ticketDueSort, t.id).where(sql`status <> 'closed'`),
    index('tickets_status_due').on(t.tenantId, t.status, ticketDueSort, t.id),
    index('tickets_shop_severity_due').on(t.tenantId, t.shopId, t.severity, ticketDueSort, t.id),
    index('tickets_assignee_due').on(t.tenantId, t.assigneeId, ticketDueSort, t.id),
    index('tickets_created').on(t.tenantId, t.createdAt, t.id),
    // Cases closed in a window (the follow-up worker every minute, its list of follow-ups to come):
    // without it each run reads every closed case of the tenant.
    index('tickets_closed').on(t.tenantId, t.closedAt).where(sql`status = 'closed'`),
    index('tickets_updated').on(t.tenantId, t.updatedAt, t.id),
    index('tickets_external').on(t.tenantId, t.shopId, t.externalRef),
    index('tickets_customer').on(t.tenantId, t.customerId),
    index('tickets_order').on(t.tenantId, t.orderId),
    index('tickets_tags').using('gin', t.tenantId, t.tags),
    index('tickets_categories').using('gin', t.tenantId, t.categories),
  ],
);

export const messages = pgTable(
  'messages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    direction: text('direction', { enum: MESSAGE_DIRECTIONS }).notNull(),
    channel: text('channel', { enum: TICKET_CHANNELS }).notNull(),
    authorType: text('author_type', { enum: ['customer', 'user', 'token', 'system'] }).notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    attachments: jsonb('attachments')
      .$type<{ name: string; url?: string; sha256?: string; kind?: string }[]>()
      .notNull()
      .default([]),
    externalId: text('external_id'),
    deliveryStatus: text('delivery_status', { enum: DELIVERY_STATUSES }),
    deliveryError: text('delivery_error'),
    triage: jsonb('triage').$type<Record<string, unknown> | null>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('messages_ticket').on(t.tenantId, t.ticketId, t.createdAt),
  ],
);
