import { type AfterSaleStage, type InboundEvent, isRefundPhase, type TicketEvent } from '../channel.js';
import {
  afterSaleText,
  baseEvent,
  parseInner,
  setting,
  toDate,
  toFen,
  unknownEvent,
  yuanToFen,
  zodReason,
} from '../common.js';
import { readDelivery } from '../delivery-events.js';
import { idString } from '../json.js';
import { TaobaoDisputeContent, TaobaoRefundContent } from './payloads.js';

const TOPIC_STAGE: Record<string, AfterSaleStage | 'message'> = {
  taobao_refund_RefundCreated: 'opened',
  taobao_refund_RefundSellerAgreeAgreement: 'agreed',
  taobao_refund_RefundSellerRefuseAgreement: 'refused',
  taobao_refund_RefundBuyerModifyAgreement: 'modified',
  taobao_refund_RefundBuyerReturnGoods: 'buyer_returned',
  taobao_refund_RefundCreateMessage: 'message',
  taobao_refund_RefundClosed: 'closed',
  taobao_refund_RefundSuccess: 'refunded',
  taobao_refund_TaobaoInterApplied: 'arbitration',
};

/** The refund's phase when the content names one we know; the case keeps it for the refund calls. */
const phaseOf = (v: unknown) => (isRefundPhase(v) ? { refundPhase: v } : {});

const BILL_TYPE: Record<string, string> = {
  refund_bill: 'refund_only',
  return_bill: 'return_refund',
  replace_bill: 'exchange',
};

/** A dispute topic's stage from its name (taobao_dispute_<Something>), as the refund topics name them. */
export function disputeStage(topic: string): AfterSaleStage | 'message' {
  const name = topic.slice('taobao_dispute_'.length).toLowerCase();
  if (name.includes('message')) return 'message';
  if (name.includes('inter') || name.includes('arbitra') || name.includes('intervene')) return 'arbitration';
  if (name.includes('refuse') || name.includes('reject')) return 'refused';
  if (name.includes('agree')) return 'agreed';
  if (name.includes('returngoods') || name.includes('return_goods')) return 'buyer_returned';
  if (name.includes('success')) return 'refunded';
  if (name.includes('close')) return 'closed';
  if (name.includes('create')) return 'opened';
  return 'modified';
}

function normaliseDispute(topic: string, content: unknown, settings?: Record<string, unknown>): TicketEvent {
  const r = TaobaoDisputeContent.safeParse(content);
  if (!r.success) throw new Error(`taobao ${topic}: ${zodReason(r.error)}`);
  const c = r.data;
  const ref = idString(c.refund_id ?? c.dispute_id);
  if (!ref) throw new Error(`taobao ${topic}: no refund_id or dispute_id`);
  const stage = disputeStage(topic);
  // UNCERTAIN: buyer_refund_fee is a number (fen by default; settings.taobaoDisputeFeeUnit = 'yuan').
  const unit = setting(settings, 'taobaoDisputeFeeUnit', ['fen', 'yuan'] as const, 'fen');
  const base = {
    ...baseEvent('taobao', topic, 'after_sale'),
    caseRef: `aftersale:${ref}`,
    orderRef: idString(c.tid),
    buyer: c.buyer_open_uid ? { name: null, externalId: c.buyer_open_uid } : null,
    occurredAt: toDate(c.modified),
    ...phaseOf(c.refund_phase),
  };
  if (stage === 'message') {
    return { ...base, kind: 'chat_message', text: c.message ?? c.content ?? '买家在纠纷单中留言' };
  }
  const fee = c.buyer_refund_fee ?? c.refund_fee;
  const e: TicketEvent = {
    ...base,
    kind: stage === 'buyer_returned' ? 'return_shipped' : 'after_sale',
    stage,
    amountFen:
      fee === undefined
        ? null
        : typeof fee === 'string' && fee.includes('.')
          ? yuanToFen(fee)
          : toFen(fee, unit),
  };
  const phase = c.refund_phase === 'onsale' ? '售中' : c.refund_phase === 'aftersale' ? '售后' : null;
  const claim = c.biz_claim_type !== undefined ? `纠纷类型 ${c.biz_claim_type}` : null;
  // A dispute topic that says the platform stepped in opens a dispute (UNCERTAIN: named by guess).
  const signal = stage === 'arbitration' ? ({ type: 'intervention', ref, phase: 'opened' } as const) : null;
  return { ...e, text: `【淘宝】${afterSaleText(e, [phase, claim])}`, ...(signal ? { signal } : {}) };
}

/** payload: the TMC message with content parsed. refund_fee is a yuan string ("100.00"). */
export function normaliseTaobao(event: InboundEvent, settings?: Record<string, unknown>): TicketEvent {
  const m = (event.payload ?? {}) as { topic?: string; content?: unknown };
  const topic = String(m.topic ?? event.eventType);
  const delivered = readDelivery('taobao', topic, parseInner(m.content), settings);
  if (delivered) return delivered;
  if (topic.startsWith('taobao_dispute_')) return normaliseDispute(topic, m.content, settings);
  const stage = TOPIC_STAGE[topic];
  if (!stage) return unknownEvent('taobao', topic);
  const r = TaobaoRefundContent.safeParse(m.content);
  if (!r.success) throw new Error(`taobao ${topic}: ${zodReason(r.error)}`);
  const c = r.data;
  const base = {
    ...baseEvent('taobao', topic, 'after_sale'),
    caseRef: `aftersale:${idString(c.refund_id)}`,
    orderRef: idString(c.tid),
    buyer:
      c.buyer_nick || c.buyer_open_uid
        ? { name: c.buyer_nick ?? null, externalId: c.buyer_open_uid ?? null }
        : null,
    occurredAt: toDate(c.modified),
    ...phaseOf(c.refund_phase),
  };
  if (stage === 'message') {
    return { ...base, kind: 'chat_message', text: c.message ?? c.content ?? '买家在退款单中留言' };
  }
  const e: TicketEvent = {
    ...base,
    kind: stage === 'buyer_returned' ? 'return_shipped' : 'after_sale',
    stage,
    afterSaleType: c.bill_type ? (BILL_TYPE[c.bill_type] ?? c.bill_type) : null,
    amountFen: c.refund_fee === undefined ? null : yuanToFen(String(c.refund_fee)),
  };
  const phase = c.refund_phase === 'onsale' ? '售中' : c.refund_phase === 'aftersale' ? '售后' : null;
  // TaobaoInterApplied: the buyer asked Taobao to intervene.
  const ref = idString(c.refund_id);
  const signal =
    stage === 'arbitration' && ref ? ({ type: 'intervention', ref, phase: 'opened' } as const) : null;
  return { ...e, text: `【淘宝】${afterSaleText(e, [phase])}`, ...(signal ? { signal } : {}) };
}
