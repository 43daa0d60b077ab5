import type { Tracking } from './answer.js';

export type OrderTrackingFields = {
  carrier: string | null;
  trackingNo: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  status: string;
};

/**
 * Where a parcel is, as far as the order's own record knows (the platforms push shipped, logistics
 * changed and delivered events into it). UNCERTAIN: no carrier tracking API (快递100 and the like) is
 * wired in; a lookup with the same shape can be passed to the assistant step. A number without a
 * shipped or delivered record is "unknown": the assistant hands over rather than invent a status.
 */
export function trackingFromOrder(order: OrderTrackingFields): Tracking {
  if (order.status === 'cancelled') return { state: 'unknown' };
  if (order.deliveredAt) return { state: 'delivered', deliveredAt: order.deliveredAt };
  if (order.shippedAt && order.trackingNo) return { state: 'in_transit', shippedAt: order.shippedAt };
  return { state: 'unknown' };
}

export type TrackingLookup = (order: OrderTrackingFields) => Promise<Tracking>;
export const orderRecordLookup: TrackingLookup = async (order) => trackingFromOrder(order);
