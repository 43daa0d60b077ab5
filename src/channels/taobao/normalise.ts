import type { AfterSaleStage, InboundEvent, TicketEvent } from '../channel.js';
import { afterSaleText, baseEvent, toDate, unknownEvent, yuanToFen, zodReason } from '../common.js';
import { idString } from '../json.js';
import { TaobaoRefundContent } from './payloads.js';

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

const BILL_TYPE: Record<string, string> = {
  refund_bill: 'refund_only',
  return_bill: 'return_refund',
  replace_bill: 'exchange',
};

/** payload: the TMC message with content parsed. refund_fee is a yuan string ("100.00"). */
export function normaliseTaobao(event: InboundEvent): TicketEvent {
  const m = (event.payload ?? {}) as { topic?: string; content?: unknown };
  const topic = String(m.topic ?? event.eventType);
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
  return { ...e, text: `【淘宝】${afterSaleText(e, [phase])}` };
}
