import type { Json } from '../../http/json-dates.js';
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
import type {
  AuditView,
  MessageView,
  TicketDetail as TicketDetailView,
  TicketView,
} from '../../tickets/ticket-views.js';

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

export type Page<T> = { items: T[]; nextCursor: string | null; total?: number };
export type Items<T> = { items: T[] };

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  disabled: boolean;
  /** Live sessions (shown to admins; null for others). */
  activeSessions?: number | null;
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

// The case, its messages and its history: the JSON of the server's views (src/tickets/ticket-views.ts).
export type Ticket = Json<typeof TicketView>;
export type TicketDetail = Json<typeof TicketDetailView>;
export type Message = Json<typeof MessageView>;
export type AuditEvent = Json<typeof AuditView>;
