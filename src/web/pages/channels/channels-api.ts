// The ingest API as the console uses it: channel health, inbound events, replays, delivery retries.
import type { Json } from '../../../http/json-dates.js';
import type { Delivery } from '../../../ingest/delivery-state.js';
import type { ReconcileShopView } from '../../../reconcile/reconcile-views.js';
import { api } from '../../app/api.js';
import type { Items, Page } from '../../app/types.js';

export type ShopHealth = {
  shopId: string;
  name: string;
  platform: string;
  enabled: boolean;
  eventsLastHour: number;
  eventsPerMinute: number;
  lastEventAt: string | null;
  pending: number;
  failing: number;
  dead: number;
  unhandled: number;
  outboxPending: number;
  outboxFailed: number;
  lastDeliveryError: string | null;
  lastDeliveryErrorAt: string | null;
  /** Pinduoduo message service (WebSocket) connection, when this server runs it for the shop. */
  messageService: {
    connected: boolean;
    lastFrameAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    reconnects: number;
    nextRetryAt: string | null;
    sharedWith: number;
  } | null;
};

export type InboxStatus = 'pending' | 'processed' | 'unhandled' | 'dead';

export type InboundEvent = {
  id: string;
  shopId: string;
  platform: string;
  externalEventId: string;
  eventType: string;
  status: InboxStatus;
  outcome: string | null;
  kind: string | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  ticketId: string | null;
  receivedAt: string;
  processedAt: string | null;
};

export const channelsKey = ['channels'] as const;

export const fetchHealth = async () => (await api<Items<ShopHealth>>('/ingest/health')).items;

export const fetchEvents = (status: InboxStatus | undefined, cursor: string | undefined) =>
  api<Page<InboundEvent>>('/ingest/events', { query: { status, cursor, limit: 50 } });

export const fetchEvent = (id: string) => api<InboundEvent & { payload: unknown }>(`/ingest/events/${id}`);

export const replayEvent = (id: string) =>
  api<InboundEvent>(`/ingest/events/${id}/replay`, { method: 'POST' });

export const retryMessage = (messageId: string) =>
  api<{ id: string; status: string }>(`/ingest/messages/${messageId}/retry`, { method: 'POST' });

/** The agent sent a manual message from the platform's back office. */
export const markSentByHand = (ticketId: string, messageId: string) =>
  api<{ id: string }>(`/tickets/${ticketId}/messages/${messageId}/sent-by-hand`, {
    method: 'POST',
    body: {},
  });

export type OutboxDelivery = {
  id: string;
  kind: string;
  shopId: string;
  platform: string;
  ticketId: string | null;
  messageId: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  delivery: Delivery;
  ticketNumber?: number | null;
  ticketSubject?: string | null;
};

export const fetchFailedDeliveries = (shopId: string | undefined, cursor: string | undefined) =>
  api<Page<OutboxDelivery>>('/ingest/outbox', { query: { status: 'failed', shopId, cursor, limit: 50 } });

export const retryDelivery = (outboxId: string) =>
  api<OutboxDelivery>(`/ingest/outbox/${outboxId}/retry`, { method: 'POST' });

export const retryShopFailures = (shopId: string) =>
  api<{ retried: number }>('/ingest/outbox/retry-failed', { method: 'POST', body: { shopId } });

/** Reconciliation per shop (what the reconciler pulled that webhooks missed). */
export type ReconcileShop = Json<typeof ReconcileShopView>;
export const fetchReconcile = () => api<Items<ReconcileShop>>('/reconcile/shops').then((r) => r.items);
export const requestReconcile = (shopId: string) =>
  api<ReconcileShop>(`/reconcile/shops/${shopId}/run`, { method: 'POST' });
