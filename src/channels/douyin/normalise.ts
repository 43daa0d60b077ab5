import type { AfterSaleStage, InboundEvent, PlatformSignal, TicketEvent } from '../channel.js';
import { afterSaleText, baseEvent, parseInner, toDate, toFen, unknownEvent, zodReason } from '../common.js';
import { readDelivery } from '../delivery-events.js';
import { idString } from '../json.js';
import { DouyinRefundData, REFUND_TAGS, TRADE_TAGS } from './payloads.js';
import { douyinReason } from './reasons.js';

const STAGE_BY_TAG: Record<string, AfterSaleStage> = {
  '200': 'opened',
  '201': 'agreed',
  '202': 'agreed',
  '203': 'buyer_returned',
  '204': 'refused',
  '205': 'refused',
  '206': 'refunded',
  '207': 'closed',
  '208': 'modified',
  '209': 'modified',
  '211': 'agreed',
  '212': 'arbitration',
  '213': 'arbitration',
  '214': 'arbitration',
  '215': 'modified',
  '216': 'arbitration',
  '217': 'arbitration',
  '218': 'arbitration',
};

export const AFTER_SALE_TYPES = [
  'return_refund',
  'refund_only',
  'refund_before_shipment',
  'exchange',
  'system_cancel',
  'user_cancel',
  'price_protection',
  'resend',
  'repair',
];

const ARBITRATE_STATUS: Record<string, string> = {
  '0': '无仲裁',
  '1': '仲裁处理中',
  '2': '仲裁结果：买家胜',
  '3': '仲裁结果：商家胜',
  '4': '待商家举证',
  '5': '协商中',
  '6': '仲裁结束',
  '255': '仲裁已取消',
};

/**
 * What the arbitration tags tell the disputes domain: 212 the buyer applied, 217 customer service
 * stepped in, 213 the platform asks the merchant for evidence, 215 withdrawn, 216 decided
 * (arbitrate_status 2 buyer wins, 3 seller wins, 6 ended without a side, 255 cancelled).
 */
function interventionOf(tag: string, d: DouyinRefundData, ref: string): PlatformSignal | undefined {
  const status = d.arbitrate_status === undefined ? null : String(d.arbitrate_status);
  const ofPhase = (
    phase: 'opened' | 'evidence_requested' | 'decided' | 'cancelled',
    winner?: 'buyer' | 'seller' | null,
  ) => ({ type: 'intervention', ref, phase, ...(winner !== undefined ? { winner } : {}) }) as const;
  if (tag === '212' || tag === '217') return ofPhase('opened');
  if (tag === '213') return ofPhase('evidence_requested');
  if (tag === '215') return ofPhase('cancelled');
  if (tag === '216') {
    if (status === '2') return ofPhase('decided', 'buyer');
    if (status === '3') return ofPhase('decided', 'seller');
    if (status === '255') return ofPhase('cancelled');
    if (status === '6') return ofPhase('decided', null);
  }
  return undefined;
}

/** payload: `{ tag, msg_id, data }` with data already parsed (long ids as strings). */
export function normaliseDouyin(event: InboundEvent, settings?: Record<string, unknown>): TicketEvent {
  const p = (event.payload ?? {}) as { tag?: string; data?: unknown };
  const tag = String(p.tag ?? '');
  const delivered = readDelivery('douyin', event.eventType, parseInner(p.data), settings);
  if (delivered) return delivered;
  if (TRADE_TAGS[tag]) {
    return { ...baseEvent('douyin', event.eventType, 'order_update'), text: event.eventType };
  }
  if (!REFUND_TAGS[tag]) return unknownEvent('douyin', event.eventType);
  const parsed = DouyinRefundData.safeParse(p.data);
  if (!parsed.success) {
    throw new Error(`douyin ${event.eventType}: ${zodReason(parsed.error)}`);
  }
  const d = parsed.data;
  const stage = STAGE_BY_TAG[tag]!;
  const typeIndex = d.aftersale_type === undefined ? -1 : Number(d.aftersale_type);
  const e: TicketEvent = {
    ...baseEvent('douyin', event.eventType, tag === '203' ? 'return_shipped' : 'after_sale'),
    caseRef: `aftersale:${idString(d.aftersale_id)}`,
    orderRef: idString(d.p_id),
    stage,
    afterSaleType: AFTER_SALE_TYPES[typeIndex] ?? null,
    amountFen: d.refund_amount === undefined ? null : toFen(d.refund_amount, 'fen'),
    occurredAt: toDate(
      d.update_time ??
        d.modify_time ??
        d.success_time ??
        d.close_time ??
        d.refuse_time ??
        d.agree_time ??
        d.apply_time,
    ),
  };
  const extra: string[] = [];
  const reason = d.reason_code === undefined ? null : douyinReason(d.reason_code, settings);
  if (reason) {
    extra.push(reason.text ? `原因：${reason.text}` : `原因未收录（平台原因码 ${reason.code}）`);
    if (reason.text) e.reason = reason.text;
  }
  if (tag === '213') extra.push('平台要求商家举证');
  if (d.arbitrate_status !== undefined) {
    extra.push(ARBITRATE_STATUS[String(d.arbitrate_status)] ?? `仲裁状态 ${d.arbitrate_status}`);
  }
  if (d.arbitrate_conclusion) extra.push(`结论：${d.arbitrate_conclusion}`);
  const signal = interventionOf(tag, d, idString(d.aftersale_id)!);
  return { ...e, text: `【抖店】${afterSaleText(e, extra)}`, ...(signal ? { signal } : {}) };
}
