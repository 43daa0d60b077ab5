import type { Platform } from '../channel.js';
import { beijingMs } from './checks.js';
import type { FakeRecords } from './records.js';

const seconds = (ms: number) => Math.floor(ms / 1000);
const pad = (n: number) => String(n).padStart(2, '0');

/** "yyyy-MM-dd HH:mm:ss" Beijing time, as Pinduoduo's lists write times (UNCERTAIN, see pinduoduo/pull.ts). */
function beijing(ms: number): string {
  const b = new Date(ms + 8 * 3600_000);
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}

function pageOf<T>(rows: T[], page: number, size: number): T[] {
  return rows.slice(page * size, page * size + size);
}

/** The list APIs the fake serves from its records; null for every other call. */
export const LIST_APIS = new Set([
  'afterSale.List',
  'order.searchList',
  'pdd.refund.list.increment.get',
  'returns/search',
  'orders/search',
  'taobao.refunds.receive.get',
]);

/** TikTok's page tokens: opaque to the caller; here the offset, encoded. */
const token = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const offsetOf = (t: unknown) => {
  const m = typeof t === 'string' ? /^offset:(\d+)$/.exec(Buffer.from(t, 'base64url').toString()) : null;
  return m ? Number(m[1]) : 0;
};

/**
 * The answer of a list call, in the shape the module's successAnswer wraps: the records updated in
 * the call's window (whole seconds, both ends), one page of them.
 */
export function listAnswer(
  records: FakeRecords,
  platform: Platform,
  appKey: string,
  api: string,
  params: Record<string, unknown>,
): unknown {
  const n = (k: string) => Number(params[k]);
  if (platform === 'douyin' && api === 'afterSale.List') {
    const rows = records.afterSalesUpdated(
      platform,
      appKey,
      n('update_start_time') * 1000,
      n('update_end_time') * 1000 + 999,
    );
    const items = pageOf(rows, n('page'), n('size')).map((a) => ({
      aftersale_info: {
        aftersale_id: a.id,
        aftersale_status: a.status,
        aftersale_type: a.type,
        refund_amount: a.amountFen,
        apply_time: seconds(a.createdAt),
        update_time: seconds(a.updatedAt),
      },
      order_info: { shop_order_id: a.orderId },
    }));
    return {
      items,
      page: n('page'),
      size: n('size'),
      total: rows.length,
      has_more: (n('page') + 1) * n('size') < rows.length,
    };
  }
  if (platform === 'douyin' && api === 'order.searchList') {
    const rows = records.ordersUpdated(
      platform,
      appKey,
      n('update_time_start') * 1000,
      n('update_time_end') * 1000 + 999,
    );
    return {
      shop_order_list: pageOf(rows, n('page'), n('size')).map((o) => ({
        order_id: o.id,
        order_status: o.status,
        update_time: seconds(o.updatedAt),
      })),
      page: n('page'),
      size: n('size'),
      total: rows.length,
      has_more: (n('page') + 1) * n('size') < rows.length,
    };
  }
  if (platform === 'pinduoduo' && api === 'pdd.refund.list.increment.get') {
    const rows = records.afterSalesUpdated(
      platform,
      appKey,
      n('start_updated_at') * 1000,
      n('end_updated_at') * 1000 + 999,
    );
    const page = Number(params.page ?? 1);
    const size = Number(params.page_size ?? 100);
    return {
      key: 'refund_increment_get_response',
      data: {
        total_count: rows.length,
        refund_list: pageOf(rows, page - 1, size).map((a) => ({
          id: a.id,
          order_sn: a.orderId,
          after_sales_status: a.status,
          after_sales_type: a.type,
          refund_amount: a.amountFen,
          created_time: beijing(a.createdAt),
          updated_time: beijing(a.updatedAt),
        })),
      },
    };
  }
  if (platform === 'tiktok' && (api === 'returns/search' || api === 'orders/search')) {
    // update_time_ge ≤ t < update_time_lt, in seconds; the page from its token.
    const from = n('update_time_ge') * 1000;
    const to = n('update_time_lt') * 1000 - 1;
    const size = n('page_size');
    const offset = offsetOf(params.page_token);
    const more = (rows: number) => (offset + size < rows ? token(offset + size) : '');
    if (api === 'returns/search') {
      const rows = records.afterSalesUpdated(platform, appKey, from, to);
      return {
        return_orders: rows.slice(offset, offset + size).map((a) => ({
          return_id: a.id,
          order_id: a.orderId,
          return_status: a.status,
          return_type: a.type,
          role: 'BUYER',
          refund_amount: { currency: 'GBP', refund_total: (a.amountFen / 100).toFixed(2) },
          create_time: seconds(a.createdAt),
          update_time: seconds(a.updatedAt),
        })),
        total_count: rows.length,
        next_page_token: more(rows.length),
      };
    }
    const rows = records.ordersUpdated(platform, appKey, from, to);
    return {
      orders: rows
        .slice(offset, offset + size)
        .map((o) => ({ id: o.id, status: o.status, update_time: seconds(o.updatedAt) })),
      total_count: rows.length,
      next_page_token: more(rows.length),
    };
  }
  if (platform === 'taobao' && api === 'taobao.refunds.receive.get') {
    // start_modified ≤ t ≤ end_modified (whole seconds); simplified JSON: the list is `refunds`.
    const from = beijingMs(params.start_modified as string | undefined) ?? Number.NaN;
    const to = (beijingMs(params.end_modified as string | undefined) ?? Number.NaN) + 999;
    const rows = records.afterSalesUpdated(platform, appKey, from, to);
    const page = Number(params.page_no ?? 1);
    const size = Number(params.page_size ?? 40);
    const refunds = pageOf(rows, page - 1, size).map((a) => ({
      refund_id: a.id,
      tid: a.orderId,
      oid: `${a.orderId}1`,
      status: a.status,
      refund_fee: (a.amountFen / 100).toFixed(2),
      has_good_return: a.type === 'return_bill',
      refund_phase: 'onsale',
      created: beijing(a.createdAt),
      modified: beijing(a.updatedAt),
    }));
    return params.use_has_next === 'true'
      ? { refunds, has_next: page * size < rows.length }
      : { refunds, total_results: rows.length };
  }
  return null;
}
