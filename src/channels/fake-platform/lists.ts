import type { Platform } from '../channel.js';
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
export const LIST_APIS = new Set(['afterSale.List', 'order.searchList', 'pdd.refund.list.increment.get']);

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
  return null;
}
