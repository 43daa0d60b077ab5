// Shapes of the JSON the API answers (see GET /api/v1/openapi.json). Enum lists come from the
// backend's pure type module so the console never drifts from the server.
import type {
  ComplaintCategory,
  DeliveryStatus,
  MessageDirection,
  RootCause,
  Severity,
  TicketChannel,
  TicketKind,
  TicketStatus,
} from '../../tickets/ticket-types.js';

export {
  COMPLAINT_CATEGORIES,
  ROOT_CAUSES,
  SEVERITIES,
  TICKET_CHANNELS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from '../../tickets/ticket-types.js';
export type {
  ComplaintCategory,
  DeliveryStatus,
  MessageDirection,
  RootCause,
  Severity,
  TicketChannel,
  TicketKind,
  TicketStatus,
};

export const PLATFORMS = ['pinduoduo', 'douyin', 'tiktok', 'taobao', 'manual'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Page<T> = { items: T[]; nextCursor: string | null };
export type Items<T> = { items: T[] };

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  disabled: boolean;
};

export type Me = {
  tenant: { id: string; name: string; locale: string; timezone: string };
  user: User | null;
  actor: { type: 'user' | 'token' | 'system'; name: string; role: Role };
};

export type AuthStatus = { signupAllowed: boolean; authenticated: boolean };

export type ApiToken = {
  id: string;
  name: string;
  role: Role;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type Shop = {
  id: string;
  platform: Platform;
  name: string;
  externalShopId: string | null;
  appKey: string | null;
  hasAppSecret: boolean;
  timezone: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Ticket = {
  id: string;
  number: number;
  kind: TicketKind;
  channel: TicketChannel;
  status: TicketStatus;
  allowedStatuses: TicketStatus[];
  severity: Severity;
  category: string | null;
  categories: string[];
  tags: string[];
  subject: string;
  shopId: string | null;
  shopName?: string | null;
  shopPlatform?: string | null;
  customerId: string | null;
  customerName?: string | null;
  orderId: string | null;
  assigneeId: string | null;
  assigneeName?: string | null;
  externalRef: string | null;
  language: string | null;
  sentiment: string | null;
  sentimentScore: number | null;
  triage: Record<string, unknown> | null;
  rootCause: RootCause | null;
  resolution: string | null;
  sla: {
    firstResponseDueAt: string | null;
    nextResponseDueAt: string | null;
    resolutionDueAt: string | null;
    dueAt: string | null;
    state: string;
  };
  firstRespondedAt: string | null;
  lastInboundAt: string | null;
  lastOutboundAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  createdAt: string;
  updatedAt: string;
};

export type TicketDetail = Ticket & {
  shop: { id: string; name: string; platform: string; timezone: string } | null;
  customer: {
    id: string;
    name: string;
    externalId: string | null;
    phoneMasked: string | null;
    email: string | null;
    locale: string;
  } | null;
  order: {
    id: string;
    externalId: string;
    status: string;
    totalFen: number;
    currency: string;
    paidAt: string | null;
    deliveredAt: string | null;
    carrier: string | null;
    trackingNo: string | null;
    items: {
      id: string;
      name: string;
      quantity: number;
      paidFen: number;
      batch: string | null;
      supplier: string | null;
    }[];
  } | null;
};

export type Message = {
  id: string;
  ticketId: string;
  direction: MessageDirection;
  channel: TicketChannel;
  authorType: 'customer' | 'user' | 'token' | 'system';
  authorName: string;
  body: string;
  attachments: { name: string; url?: string; sha256?: string; kind?: string }[];
  externalId: string | null;
  deliveryStatus: DeliveryStatus | null;
  deliveryError: string | null;
  createdAt: string;
};

export type AuditEvent = {
  id: string;
  action: string;
  actorType: string;
  actorName: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
};
