import type { Platform, TicketEvent } from './channel.js';
import { baseEvent, toDate } from './common.js';
import { DEFAULT_DELIVERY_EVENTS } from './delivery-event-names.js';
import { idString } from './json.js';

// Where each platform's payload names the order and the time it was delivered (first present wins).
// UNCERTAIN beyond TikTok's order_id/update_time: the field names of the other trade messages.
const ORDER_FIELDS: Record<Platform, readonly string[]> = {
  douyin: ['p_id', 'order_id', 'shop_order_id'],
  pinduoduo: ['tid', 'order_sn'],
  tiktok: ['order_id'],
  taobao: ['tid'],
};
const TIME_FIELDS = [
  'delivered_time',
  'delivery_time',
  'receipt_time',
  'sign_time',
  'complete_time',
  'confirm_time',
  'end_time',
  'update_time',
  'modified',
] as const;

/** The event names a shop counts as delivered: its own list when it set one, else the platform's. */
export function deliveryEventNames(
  platform: Platform,
  settings?: Record<string, unknown>,
): readonly string[] {
  const own = settings?.deliveryEvents;
  return Array.isArray(own) && own.every((v) => typeof v === 'string')
    ? (own as string[])
    : DEFAULT_DELIVERY_EVENTS[platform];
}

/**
 * An order event as a delivery when its name (or name:status) is in the shop's list: an
 * `order_update` that carries the order and when it was delivered (null: the event did not say,
 * the time it was received counts). Null when the event is no delivery or names no order.
 */
export function readDelivery(
  platform: Platform,
  eventType: string,
  data: unknown,
  settings?: Record<string, unknown>,
  fallbackAt?: unknown,
): TicketEvent | null {
  const d = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const status = typeof d.order_status === 'string' ? d.order_status.toUpperCase() : null;
  const names = deliveryEventNames(platform, settings);
  if (!names.includes(eventType) && !(status && names.includes(`${eventType}:${status}`))) return null;
  const orderField = ORDER_FIELDS[platform].find((f) => d[f] !== undefined && d[f] !== null);
  const orderRef = orderField ? idString(d[orderField] as string | number) : null;
  if (!orderRef) return null;
  const timeField = TIME_FIELDS.find((f) => toDate(d[f]) !== null);
  const at = timeField ? toDate(d[timeField]) : toDate(fallbackAt);
  return {
    ...baseEvent(platform, eventType, 'order_update'),
    orderRef,
    occurredAt: at,
    text: `${eventType}: delivered`,
    delivery: { orderRef, at },
  };
}
