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
import { readDouyinResponse } from './errors.js';
import { REFUND_TAGS, TRADE_TAGS } from './payloads.js';
import { douyinRequest } from './send.js';

/**
 * Douyin's list APIs (bububa/jinritemai-go `requests/aftersale/list.go`, `requests/order/searchList.go`):
 * `afterSale.List` and `order.searchList`, paged from 0, `size` ≤ 100, filtered by update time in
 * seconds. UNCERTAIN: the update-time parameter names (`update_start_time`/`update_end_time`,
 * `update_time_start`/`update_time_end`) and the window the gateway allows (we keep 1 hour).
 */
const METHODS = { after_sales: 'afterSale.List', orders: 'order.searchList', reviews: '' } as const;

/** after_sale_status → the push tag that says the same (platforms.md: 6 submitted … 53 completed). */
const TAG_BY_STATUS: Record<string, string> = {
  '6': '200',
  '7': '202',
  '8': '202',
  '11': '203',
  '12': '206',
  '13': '211',
  '14': '203',
  '27': '204',
  '28': '207',
  '29': '205',
  '51': '207',
  '53': '206',
};

/** order_status → trade tag (UNCERTAIN: 1 created, 2 paid, 3 shipped, 4 cancelled, 5 completed). */
const TRADE_TAG_BY_STATUS: Record<string, string> = {
  '1': '100',
  '2': '101',
  '3': '102',
  '4': '106',
  '5': '103',
};

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export const douyinPull: PullSpec = {
  feeds: PLATFORM_FEEDS.douyin,
  maxWindowMs: 60 * 60_000,
  maxPageSize: 100,
  listRequest({ feed, shop, from, to, cursor, pageSize, baseUrl, now }) {
    const method = pullOverrides(shop).methods[feed] ?? METHODS[feed];
    if (!method) return refuse('manual_only', `douyin has no list API for ${feed}`);
    const page = cursor === null ? 0 : Number(cursor);
    const window =
      feed === 'after_sales'
        ? { update_start_time: seconds(from), update_end_time: seconds(to) - 1 }
        : { update_time_start: seconds(from), update_time_end: seconds(to) - 1 };
    return douyinRequest(shop, baseUrl, now, method, { ...window, page, size: pageSize });
  },
  readPage({ feed }, status, body): PullPage {
    const result = readDouyinResponse(status, body);
    if (!result.ok) return result;
    const data = (parseJsonLossless(body) as { data?: Record<string, unknown> }).data ?? {};
    const list = (feed === 'after_sales' ? data.items : data.shop_order_list) as unknown[] | undefined;
    const events = (Array.isArray(list) ? list : []).flatMap((item) =>
      feed === 'after_sales' ? afterSaleEvent(item) : orderEvent(item),
    );
    const page = Number(data.page ?? 0);
    return { ok: true, events, next: data.has_more === true ? String(page + 1) : null };
  },
  versionKey(event) {
    const p = (event.payload ?? {}) as { tag?: unknown; data?: Record<string, unknown> };
    const tag = String(p.tag ?? '');
    const d = p.data ?? {};
    if (REFUND_TAGS[tag]) return versionOf('aftersale', idString(d.aftersale_id), toDate(d.update_time));
    if (TRADE_TAGS[tag]) return versionOf('order', idString(d.p_id), toDate(d.update_time));
    return null;
  },
};

/** An `afterSale.List` item as the refund push of its status would carry it. */
function afterSaleEvent(item: unknown): PulledEvent[] {
  const i = (item ?? {}) as {
    aftersale_info?: Record<string, unknown>;
    order_info?: Record<string, unknown>;
  };
  const a = i.aftersale_info ?? {};
  const tag = TAG_BY_STATUS[String(a.aftersale_status)] ?? '208';
  if (!idString(a.aftersale_id)) return [];
  const data = defined({
    aftersale_id: idString(a.aftersale_id),
    aftersale_status: a.aftersale_status,
    aftersale_type: a.aftersale_type,
    p_id: idString(i.order_info?.shop_order_id ?? a.order_id),
    shop_id: idString(i.order_info?.shop_id),
    refund_amount: a.refund_amount,
    reason_code: a.reason_code,
    update_time: a.update_time,
    apply_time: a.apply_time,
  });
  return [{ eventType: `doudian_refund_${REFUND_TAGS[tag]}`, payload: { tag, msg_id: null, data } }];
}

function orderEvent(item: unknown): PulledEvent[] {
  const o = (item ?? {}) as Record<string, unknown>;
  const tag = TRADE_TAG_BY_STATUS[String(o.order_status)] ?? '113';
  if (!idString(o.order_id)) return [];
  const data = defined({
    p_id: idString(o.order_id),
    order_status: o.order_status,
    update_time: o.update_time,
  });
  return [{ eventType: `doudian_trade_${TRADE_TAGS[tag]}`, payload: { tag, msg_id: null, data } }];
}

/** The fields that have a value: a push leaves out what it does not know, it never sends null. */
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
