import { toDate } from '../common.js';
import { idString, parseJsonLossless } from '../json.js';
import { beijingTimestamp, refuse } from '../outbound.js';
import { PLATFORM_FEEDS, type PullPage, type PullSpec, pullOverrides, versionOf } from '../pull.js';
import { readTaobaoResponse } from './errors.js';
import { topRequest } from './send.js';

/**
 * Taobao's refunds a seller received (bububa/opentaobao `model/refund` RefundsReceiveGetRequest):
 * `taobao.refunds.receive.get` with `fields`, `start_modified` / `end_modified` ("yyyy-MM-dd
 * HH:mm:ss", Beijing time, both ends included), `page_no` from 1, `page_size` ≤ 100 and
 * `use_has_next` (the answer then says `has_next` instead of counting). Simplified JSON: `refunds`
 * is the list itself. UNCERTAIN: the widest window the method allows (we keep 1 hour) and that
 * `has_next` comes back with `use_has_next`. Orders are not pulled (the normaliser has no Taobao trade
 * events); reviews (`taobao.traderates.get`) are not either, since no review event becomes a case on
 * Taobao yet. A method is replaceable per shop (`settings.reconcile.methods`).
 */
const METHODS = { after_sales: 'taobao.refunds.receive.get', orders: '', reviews: '' } as const;

const FIELDS = 'refund_id,tid,oid,status,refund_fee,modified,created,has_good_return,refund_phase,buyer_nick';

/**
 * The list's refund status as the TMC topic that says the same (opentaobao Refund.Status):
 * 等待卖家同意 → created; 等待买家退货 → agreed; 等待卖家确认收货 → goods returned; 卖家拒绝 →
 * refused; 关闭 → closed; 成功 → refunded. Anything else is a modification (UNCERTAIN).
 */
const TOPIC_BY_STATUS: Record<string, string> = {
  WAIT_SELLER_AGREE: 'taobao_refund_RefundCreated',
  WAIT_BUYER_RETURN_GOODS: 'taobao_refund_RefundSellerAgreeAgreement',
  WAIT_SELLER_CONFIRM_GOODS: 'taobao_refund_RefundBuyerReturnGoods',
  SELLER_REFUSE_BUYER: 'taobao_refund_RefundSellerRefuseAgreement',
  CLOSED: 'taobao_refund_RefundClosed',
  SUCCESS: 'taobao_refund_RefundSuccess',
};

export const taobaoPull: PullSpec = {
  feeds: PLATFORM_FEEDS.taobao,
  maxWindowMs: 60 * 60_000,
  maxPageSize: 100,
  listRequest({ feed, shop, from, to, cursor, pageSize, baseUrl, now }) {
    const method = pullOverrides(shop).methods[feed] ?? METHODS[feed];
    if (!method) return refuse('manual_only', `taobao has no list API for ${feed}`);
    return topRequest(shop, baseUrl, now, method, {
      fields: FIELDS,
      start_modified: beijingTimestamp(from),
      // Both ends are included: the window [from, to) ends one second before `to`.
      end_modified: beijingTimestamp(new Date(Math.floor(to.getTime() / 1000) * 1000 - 1000)),
      page_no: cursor ?? '1',
      page_size: String(pageSize),
      use_has_next: 'true',
    });
  },
  readPage({ cursor }, status, body): PullPage {
    const result = readTaobaoResponse(status, body);
    if (!result.ok) return result;
    const answer = parseJsonLossless(body) as Record<string, unknown>;
    // simplify=true: the answer is the response object itself (older gateways still wrap it).
    const data = (answer.refunds_receive_get_response ?? answer) as Record<string, unknown>;
    const raw = data.refunds as unknown;
    const list = Array.isArray(raw)
      ? raw
      : Array.isArray((raw as { refund?: unknown } | undefined)?.refund)
        ? ((raw as { refund: unknown[] }).refund as unknown[])
        : [];
    const events = list.flatMap((item) => {
      const r = (item ?? {}) as Record<string, unknown>;
      const refundId = idString(r.refund_id);
      if (!refundId) return [];
      const topic = TOPIC_BY_STATUS[String(r.status)] ?? 'taobao_refund_RefundBuyerModifyAgreement';
      const content = Object.fromEntries(
        Object.entries({
          refund_id: refundId,
          tid: idString(r.tid),
          oid: idString(r.oid),
          refund_fee: r.refund_fee,
          bill_type:
            r.has_good_return === true || r.has_good_return === 'true' ? 'return_bill' : 'refund_bill',
          refund_phase: r.refund_phase,
          buyer_nick: r.buyer_nick,
          modified: r.modified,
        }).filter(([, v]) => v !== null && v !== undefined),
      );
      return [{ eventType: topic, payload: { topic, content } }];
    });
    const page = cursor === null ? 1 : Number(cursor);
    const more = data.has_next === true || data.has_next === 'true';
    return { ok: true, events, next: more && list.length > 0 ? String(page + 1) : null };
  },
  versionKey(event) {
    const p = (event.payload ?? {}) as { topic?: unknown; content?: unknown };
    const topic = String(p.topic ?? event.eventType);
    if (!topic.startsWith('taobao_refund_') || topic === 'taobao_refund_RefundCreateMessage') return null;
    const c = (typeof p.content === 'string' ? safeJson(p.content) : (p.content ?? {})) as Record<
      string,
      unknown
    >;
    return versionOf('aftersale', idString(c.refund_id), toDate(c.modified));
  },
};

function safeJson(text: string): unknown {
  try {
    return parseJsonLossless(text);
  } catch {
    return {};
  }
}
