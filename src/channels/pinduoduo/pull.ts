import { toDate } from '../common.js';
import { idString, parseJsonLossless } from '../json.js';
import { refuse } from '../outbound.js';
import { PLATFORM_FEEDS, type PullPage, type PullSpec, pullOverrides, versionOf } from '../pull.js';
import { readPddResponse } from './errors.js';
import { pddRequest } from './send.js';

/**
 * Pinduoduo's incremental after-sales list (lywzx/pdd-node-sdk
 * `packages/pdd-origin-api/src/shouHou/PddRefundListIncrementGet.ts`): `pdd.refund.list.increment.get`
 * with `after_sales_status` 1 (all), `after_sales_type` 1 (all), `start_updated_at` / `end_updated_at`
 * in seconds — a window of at most 30 minutes — and `page` from 1, `page_size` ≤ 100. Orders are not
 * pulled: the normaliser has no Pinduoduo trade events (they would sit as unhandled).
 */
const METHODS = { after_sales: 'pdd.refund.list.increment.get', orders: '', reviews: '' } as const;

/**
 * The list's after_sales_status as the message type that says the same (platforms.md): 2, 3 awaiting
 * the merchant → created; 4, 5, 7 agreed; 8 platform handling; 6 rejected → modified; 10 success,
 * 11 withdrawn, 12–13 overdue → closed. UNCERTAIN beyond the ones platforms.md names.
 */
const TYPE_BY_STATUS: Record<string, string> = {
  '2': 'RefundCreated',
  '3': 'RefundCreated',
  '4': 'RefundAgreeAgreement',
  '5': 'RefundAgreeAgreement',
  '6': 'RefundBuyerModifyAgreement',
  '7': 'RefundAgreeAgreement',
  '8': 'RefundPlatformIntervene',
  '10': 'RefundClosed',
  '11': 'RefundClosed',
  '12': 'RefundClosed',
  '13': 'RefundClosed',
};

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export const pinduoduoPull: PullSpec = {
  feeds: PLATFORM_FEEDS.pinduoduo,
  maxWindowMs: 30 * 60_000,
  maxPageSize: 100,
  listRequest({ feed, shop, from, to, cursor, pageSize, baseUrl, now }) {
    const type = pullOverrides(shop).methods[feed] ?? METHODS[feed];
    if (!type) return refuse('manual_only', `pinduoduo has no list API for ${feed}`);
    return pddRequest(shop, baseUrl, now, type, {
      after_sales_status: 1,
      after_sales_type: 1,
      start_updated_at: seconds(from),
      end_updated_at: seconds(to) - 1,
      page: cursor === null ? 1 : Number(cursor),
      page_size: pageSize,
    });
  },
  readPage({ cursor, pageSize }, status, body): PullPage {
    const result = readPddResponse(status, body);
    if (!result.ok) return result;
    const answer = parseJsonLossless(body) as Record<string, Record<string, unknown> | undefined>;
    const data = answer.refund_increment_get_response ?? {};
    const list = Array.isArray(data.refund_list) ? (data.refund_list as Record<string, unknown>[]) : [];
    const events = list.flatMap((r) => {
      const refundId = idString(r.id);
      if (!refundId) return [];
      const type = `pdd_refund_${TYPE_BY_STATUS[String(r.after_sales_status)] ?? 'RefundBuyerModifyAgreement'}`;
      const listType = Number(r.after_sales_type);
      // The list numbers types one above the information API the message content follows.
      const billType = listType >= 2 && listType <= 5 ? listType - 1 : undefined;
      const modified = toDate(r.updated_time);
      const content = Object.fromEntries(
        Object.entries({
          refund_id: refundId,
          tid: idString(r.order_sn),
          refund_fee: r.refund_amount,
          bill_type: billType,
          modified: modified ? seconds(modified) : undefined,
        }).filter(([, v]) => v !== null && v !== undefined),
      );
      return [{ eventType: type, payload: { type, content } }];
    });
    // The answer carries the total, not the page: there is more while pages so far hold fewer.
    const page = cursor === null ? 1 : Number(cursor);
    const next = list.length > 0 && Number(data.total_count ?? 0) > page * pageSize ? String(page + 1) : null;
    return { ok: true, events, next };
  },
  versionKey(event) {
    const p = (event.payload ?? {}) as { type?: unknown; content?: Record<string, unknown> };
    const type = String(p.type ?? event.eventType);
    if (!type.startsWith('pdd_refund_') || type === 'pdd_refund_RefundCreateMessage') return null;
    const c = p.content ?? {};
    return versionOf('aftersale', idString(c.refund_id), toDate(c.modified));
  },
};
