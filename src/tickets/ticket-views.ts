import { z } from 'zod';
import { DELIVERY_STATES as DELIVERY_STATES_SHOWN, deliveryOfMessage } from '../ingest/delivery-state.js';
import { maskPii } from '../triage/pii.js';
import { allowedNextStatuses } from './ticket.js';
import type { MessageRow, TicketListRow, TicketRow } from './ticket-repo.js';
import {
  DELIVERY_STATUSES,
  MESSAGE_DIRECTIONS,
  ROOT_CAUSES,
  SEVERITIES,
  TICKET_CHANNELS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from './ticket-types.js';

const iso = z.iso.datetime();

export const SlaView = z.object({
  firstResponseDueAt: iso.nullable(),
  nextResponseDueAt: iso.nullable(),
  resolutionDueAt: iso.nullable(),
  dueAt: iso.nullable(),
  state: z.string(),
});

export const TicketView = z.object({
  id: z.uuid(),
  number: z.number().int(),
  kind: z.enum(TICKET_KINDS),
  channel: z.enum(TICKET_CHANNELS),
  status: z.enum(TICKET_STATUSES),
  allowedStatuses: z.array(z.enum(TICKET_STATUSES)),
  severity: z.enum(SEVERITIES),
  category: z.string().nullable(),
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  subject: z.string(),
  shopId: z.uuid().nullable(),
  shopName: z.string().nullable().optional(),
  shopPlatform: z.string().nullable().optional(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable().optional(),
  orderId: z.uuid().nullable(),
  /** The order line (SKU) the case is about, when one was chosen. */
  orderItemId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable().optional(),
  externalRef: z.string().nullable(),
  language: z.string().nullable(),
  sentiment: z.string().nullable(),
  sentimentScore: z.number().nullable(),
  triage: z.record(z.string(), z.unknown()).nullable(),
  rootCause: z.enum(ROOT_CAUSES).nullable(),
  resolution: z.string().nullable(),
  sla: SlaView,
  firstRespondedAt: iso.nullable(),
  lastInboundAt: iso.nullable(),
  lastOutboundAt: iso.nullable(),
  closedAt: iso.nullable(),
  reopenCount: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});
export type TicketView = z.infer<typeof TicketView>;

export const DeliveryView = z.object({
  state: z.enum(DELIVERY_STATES_SHOWN),
  reason: z.string().optional(),
  manual: z.literal(true).optional(),
  /** Sent by a person from the platform's back office (marked by them): no platform receipt. */
  byHand: z.literal(true).optional(),
});

export const MessageView = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  channel: z.enum(TICKET_CHANNELS),
  authorType: z.enum(['customer', 'user', 'token', 'system']),
  authorName: z.string(),
  body: z.string(),
  attachments: z.array(
    z.object({
      name: z.string(),
      url: z.string().optional(),
      sha256: z.string().optional(),
      kind: z.string().optional(),
    }),
  ),
  externalId: z.string().nullable(),
  deliveryStatus: z.enum(DELIVERY_STATUSES).nullable(),
  deliveryError: z.string().nullable(),
  /** The outbound message's true delivery state (null for buyer messages and notes). */
  delivery: DeliveryView.nullable(),
  triage: z.record(z.string(), z.unknown()).nullable(),
  createdAt: iso,
});
export type MessageView = z.infer<typeof MessageView>;

export const AuditView = z.object({
  id: z.uuid(),
  action: z.string(),
  actorType: z.string(),
  actorName: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  at: iso,
});

/** GET /tickets/:id: the case with its shop, buyer and order. */
export const TicketDetail = TicketView.extend({
  shop: z.object({ id: z.uuid(), name: z.string(), platform: z.string(), timezone: z.string() }).nullable(),
  customer: z
    .object({
      id: z.uuid(),
      name: z.string(),
      externalId: z.string().nullable(),
      phoneMasked: z.string().nullable(),
      email: z.string().nullable(),
      locale: z.string(),
    })
    .nullable(),
  order: z
    .object({
      id: z.uuid(),
      externalId: z.string(),
      status: z.string(),
      totalFen: z.number(),
      currency: z.string(),
      paidAt: iso.nullable(),
      deliveredAt: iso.nullable(),
      carrier: z.string().nullable(),
      trackingNo: z.string().nullable(),
      items: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          quantity: z.number(),
          paidFen: z.number(),
          batch: z.string().nullable(),
          supplier: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
});

const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toTicketView(t: TicketRow | TicketListRow): TicketView {
  const joined = t as Partial<TicketListRow>;
  return {
    id: t.id,
    number: t.number,
    kind: t.kind,
    channel: t.channel,
    status: t.status,
    allowedStatuses: [...allowedNextStatuses(t.status)],
    severity: t.severity,
    category: t.category,
    categories: t.categories,
    tags: t.tags,
    subject: t.subject,
    shopId: t.shopId,
    ...('shopName' in joined
      ? { shopName: joined.shopName ?? null, shopPlatform: joined.shopPlatform ?? null }
      : {}),
    customerId: t.customerId,
    ...('customerName' in joined ? { customerName: joined.customerName ?? null } : {}),
    orderId: t.orderId,
    orderItemId: t.orderItemId,
    assigneeId: t.assigneeId,
    ...('assigneeName' in joined ? { assigneeName: joined.assigneeName ?? null } : {}),
    externalRef: t.externalRef,
    language: t.language,
    sentiment: t.sentiment,
    sentimentScore: t.sentimentScore,
    triage: t.triage ?? null,
    rootCause: t.rootCause,
    resolution: t.resolution,
    sla: {
      firstResponseDueAt: isoOrNull(t.firstResponseDueAt),
      nextResponseDueAt: isoOrNull(t.nextResponseDueAt),
      resolutionDueAt: isoOrNull(t.resolutionDueAt),
      dueAt: isoOrNull(t.slaDueAt),
      state: t.slaState,
    },
    firstRespondedAt: isoOrNull(t.firstRespondedAt),
    lastInboundAt: isoOrNull(t.lastInboundAt),
    lastOutboundAt: isoOrNull(t.lastOutboundAt),
    closedAt: isoOrNull(t.closedAt),
    reopenCount: t.reopenCount,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function toMessageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    ticketId: m.ticketId,
    direction: m.direction,
    channel: m.channel,
    authorType: m.authorType,
    authorName: m.authorName,
    // PII in message text is shown masked to every role; supervisors reveal one message when needed.
    body: maskPii(m.body),
    attachments: m.attachments,
    externalId: m.externalId,
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    delivery: deliveryOfMessage(m.deliveryStatus, m.deliveryError),
    triage: m.triage ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}
