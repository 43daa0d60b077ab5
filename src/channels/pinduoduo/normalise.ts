import type { AfterSaleStage, InboundEvent, PlatformSignal, TicketEvent } from '../channel.js';
import {
  afterSaleText,
  baseEvent,
  parseInner,
  setting,
  toDate,
  toFen,
  unknownEvent,
  zodReason,
} from '../common.js';
import { readDelivery } from '../delivery-events.js';
import { idString } from '../json.js';
import { readPenaltyNotice } from '../penalty-notice.js';
import { PddChatContent, PddCommentContent, PddNoticeContent, PddRefundContent } from './payloads.js';

const REFUND_STAGE: Record<string, AfterSaleStage | 'message'> = {
  pdd_refund_RefundCreated: 'opened',
  pdd_refund_RefundAgreeAgreement: 'agreed',
  pdd_refund_RefundClosed: 'closed',
  pdd_refund_RefundBuyerModifyAgreement: 'modified',
  pdd_refund_RefundBuyerReturnGoods: 'buyer_returned',
  pdd_refund_RefundCreateMessage: 'message',
  // UNCERTAIN: no public message type for a platform intervention; our relay's name for
  // "the buyer asked Pinduoduo to intervene" (the refund list's status 8, platform handling).
  pdd_refund_RefundPlatformIntervene: 'arbitration',
};

/**
 * bill_type as pdd.refund.information.get numbers after_sales_type (1 refund only, 2 return+refund,
 * 3 exchange, 4 resend, 5 repair); the list request numbers them differently (see platforms.md).
 * UNCERTAIN: whether the message service's bill_type follows the information API.
 */
const BILL_TYPE: Record<string, string> = {
  '1': 'refund_only',
  '2': 'return_refund',
  '3': 'exchange',
  '4': 'resend',
  '5': 'repair',
};

const PENALTY_KINDS = [
  'points',
  'deposit_deducted',
  'product_banned',
  'product_delisted',
  'business_restricted',
  'shop_closed',
  'other',
] as const;

/**
 * A violation notice as a penalty, when the relay names it (UNCERTAIN: our relay convention, with
 * penalty_type, points, deposit_fen and appeal_deadline); the disputes domain also reads plain notices.
 */
function penaltyOf(c: PddNoticeContent, text: string): PlatformSignal | null {
  const kind = PENALTY_KINDS.find((k) => k === c.penalty_type);
  if (!kind) return null;
  return {
    type: 'penalty',
    ref: idString(c.notice_id)!,
    kind,
    points: c.points === undefined ? null : Number(c.points),
    depositFen: c.deposit_fen === undefined ? null : Number(c.deposit_fen),
    reason: c.title ?? text.slice(0, 200),
    appealDueAt: toDate(c.appeal_deadline),
  };
}

function fail(type: string, error: { issues: unknown[] } & Parameters<typeof zodReason>[0]): never {
  throw new Error(`pinduoduo ${type}: ${zodReason(error)}`);
}

/**
 * payload: the Common frame's message `{ type, mallID, content }` with content parsed.
 * Refund amounts: settings.pddAmountUnit 'fen' (default) | 'yuan' — UNCERTAIN in the public docs.
 */
export function normalisePinduoduo(event: InboundEvent, settings?: Record<string, unknown>): TicketEvent {
  const p = (event.payload ?? {}) as { type?: string; content?: unknown };
  const type = String(p.type ?? event.eventType);
  const delivered = readDelivery('pinduoduo', type, parseInner(p.content), settings);
  if (delivered) return delivered;
  const stage = REFUND_STAGE[type];
  if (stage) {
    const r = PddRefundContent.safeParse(p.content);
    if (!r.success) fail(type, r.error);
    const c = r.data;
    const unit = setting(settings, 'pddAmountUnit', ['fen', 'yuan'] as const, 'fen');
    const base = baseEvent('pinduoduo', type, 'after_sale');
    const caseRef = `aftersale:${idString(c.refund_id)}`;
    const occurredAt = toDate(c.modified);
    if (stage === 'message') {
      return {
        ...base,
        kind: 'chat_message',
        caseRef,
        orderRef: idString(c.tid),
        text: c.message ?? c.content ?? '买家在售后单中留言',
        occurredAt,
      };
    }
    const e: TicketEvent = {
      ...base,
      kind: stage === 'buyer_returned' ? 'return_shipped' : 'after_sale',
      caseRef,
      orderRef: idString(c.tid),
      stage,
      afterSaleType:
        c.bill_type === undefined && c.after_sales_type === undefined
          ? null
          : (BILL_TYPE[String(c.bill_type ?? c.after_sales_type)] ?? null),
      amountFen: c.refund_fee === undefined ? null : toFen(c.refund_fee, unit),
      occurredAt,
    };
    const signal =
      stage === 'arbitration'
        ? ({ type: 'intervention', ref: idString(c.refund_id)!, phase: 'opened' } as const)
        : null;
    return { ...e, text: `【拼多多】${afterSaleText(e)}`, ...(signal ? { signal } : {}) };
  }
  if (type === 'pdd_comment_CommentCreated') {
    const r = PddCommentContent.safeParse(p.content);
    if (!r.success) fail(type, r.error);
    const c = r.data;
    const score = c.score === undefined ? null : Number(c.score);
    return {
      ...baseEvent('pinduoduo', type, 'review'),
      caseRef: `review:${idString(c.comment_id)}`,
      orderRef: idString(c.tid),
      rating: score !== null && score >= 1 && score <= 5 ? score : null,
      buyer: c.nickname ? { name: c.nickname, externalId: null } : null,
      text: c.comment?.trim() || '（买家未填写评价内容）',
      occurredAt: toDate(c.created),
    };
  }
  if (type === 'pdd_chat_BuyerMessage') {
    const r = PddChatContent.safeParse(p.content);
    if (!r.success) fail(type, r.error);
    const c = r.data;
    return {
      ...baseEvent('pinduoduo', type, 'chat_message'),
      caseRef:
        c.refund_id !== undefined
          ? `aftersale:${idString(c.refund_id)}`
          : `chat:${idString(c.conversation_id)}`,
      orderRef: idString(c.tid),
      buyer: { name: c.nickname ?? null, externalId: idString(c.buyer_id) },
      text: c.content,
      occurredAt: toDate(c.created),
    };
  }
  if (type.startsWith('pdd_notice_')) {
    const r = PddNoticeContent.safeParse(p.content);
    if (!r.success) fail(type, r.error);
    const c = r.data;
    const text = [c.title, c.content].filter(Boolean).join('\n') || type;
    const signal = penaltyOf(c, text) ?? readPenaltyNotice(idString(c.notice_id)!, text, toDate(c.created));
    return {
      ...baseEvent('pinduoduo', type, 'platform_notice'),
      caseRef: `notice:${idString(c.notice_id)}`,
      text,
      occurredAt: toDate(c.created),
      ...(signal ? { signal } : {}),
    };
  }
  return unknownEvent('pinduoduo', type);
}
