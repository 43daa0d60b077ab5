import { toDate } from '../common.js';
import { idString, parseJsonLossless } from '../json.js';
import { refuse } from '../outbound.js';
import {
  PLATFORM_FEEDS,
  type PulledEvent,
  type PullPage,
  type PullSpec,
  pullOverrides,
  versionOf,
} from '../pull.js';
import { readTiktokResponse } from './errors.js';
import { tiktokRequest } from './send.js';

/**
 * TikTok Shop's search APIs (API 202309, as public SDKs call them: hsib19/tiktok-shop-sdk
 * `ReturnRefundModule.searchReturns`, `OrderModule.getOrderList`): POST
 * `/return_refund/202309/returns/search` and `/order/202309/orders/search`, the page in the query
 * (`page_size`, `page_token`, `sort_field`, `sort_order`), the filter in the body (`update_time_ge`,
 * `update_time_lt`, seconds); the answer's `next_page_token` is empty on the last page. UNCERTAIN:
 * the largest page of the returns search (we ask 50, the orders search takes 100) and any limit on
 * the window (we keep 1 hour). Reviews: TikTok Shop has no review list API for sellers we could
 * verify; chat messages are listed per conversation without a time filter, so they are not pulled.
 * A path is replaceable per shop (`settings.reconcile.methods`).
 */
const PATHS = {
  after_sales: '/return_refund/202309/returns/search',
  orders: '/order/202309/orders/search',
  reviews: '',
} as const;

/** TikTok's webhook types the pulled records stand for (payloads.ts TIKTOK_TYPES). */
const RETURN_STATUS_CHANGE = 12;
const ORDER_STATUS_CHANGE = 1;

export const tiktokPull: PullSpec = {
  feeds: PLATFORM_FEEDS.tiktok,
  maxWindowMs: 60 * 60_000,
  maxPageSize: 50,
  listRequest({ feed, shop, from, to, cursor, pageSize, baseUrl, now }) {
    const path = pullOverrides(shop).methods[feed] ?? PATHS[feed];
    if (!path) return refuse('manual_only', `tiktok has no list API for ${feed}`);
    const query: Record<string, string> = {
      page_size: String(pageSize),
      sort_field: 'update_time',
      sort_order: 'ASC',
      ...(cursor ? { page_token: cursor } : {}),
    };
    return tiktokRequest(shop, baseUrl, now, 'POST', path, query, {
      update_time_ge: seconds(from),
      update_time_lt: seconds(to),
    });
  },
  readPage({ feed }, status, body): PullPage {
    const result = readTiktokResponse(status, body);
    if (!result.ok) return result;
    const data = (parseJsonLossless(body) as { data?: Record<string, unknown> }).data ?? {};
    const list = (feed === 'after_sales' ? data.return_orders : data.orders) as unknown[] | undefined;
    const events = (Array.isArray(list) ? list : []).flatMap((item) =>
      feed === 'after_sales' ? returnEvent(item) : orderEvent(item),
    );
    const token = typeof data.next_page_token === 'string' ? data.next_page_token : '';
    // A page token with nothing on its page would loop: an empty page ends the window.
    return { ok: true, events, next: token && events.length > 0 ? token : null };
  },
  versionKey(event) {
    const p = (event.payload ?? {}) as { type?: unknown; data?: Record<string, unknown> };
    const d = p.data ?? {};
    if (p.type === RETURN_STATUS_CHANGE) {
      return versionOf('aftersale', idString(d.return_id), toDate(d.update_time));
    }
    if (p.type === ORDER_STATUS_CHANGE) {
      return versionOf('order', idString(d.order_id), toDate(d.update_time));
    }
    return null;
  },
};

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** A searched return as its RETURN_STATUS_CHANGE webhook would carry it. */
function returnEvent(item: unknown): PulledEvent[] {
  const r = (item ?? {}) as Record<string, unknown>;
  const returnId = idString(r.return_id);
  if (!returnId || typeof r.return_status !== 'string') return [];
  const data = defined({
    order_id: idString(r.order_id),
    return_id: returnId,
    return_role: r.role,
    return_type: r.return_type,
    return_status: r.return_status,
    create_time: r.create_time,
    update_time: r.update_time,
  });
  return [
    {
      eventType: 'RETURN_STATUS_CHANGE',
      payload: { type: RETURN_STATUS_CHANGE, timestamp: r.update_time, data },
    },
  ];
}

/** A searched order as its ORDER_STATUS_CHANGE webhook would carry it. */
function orderEvent(item: unknown): PulledEvent[] {
  const o = (item ?? {}) as Record<string, unknown>;
  const orderId = idString(o.id);
  if (!orderId) return [];
  const data = defined({ order_id: orderId, order_status: o.status, update_time: o.update_time });
  return [
    {
      eventType: 'ORDER_STATUS_CHANGE',
      payload: { type: ORDER_STATUS_CHANGE, timestamp: o.update_time, data },
    },
  ];
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
