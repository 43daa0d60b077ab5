import type { AfterSaleStage, InboundEvent, TicketEvent } from '../channel.js';
import { afterSaleText, baseEvent, toDate, unknownEvent, yuanToFen, zodReason } from '../common.js';
import { idString } from '../json.js';
import { TiktokAfterSaleData, TiktokMessageData, TiktokReturnData } from './payloads.js';

const RETURN_STAGE: Record<string, AfterSaleStage> = {
  RETURN_OR_REFUND_REQUEST_PENDING: 'opened',
  REFUND_OR_RETURN_REQUEST_REJECT: 'refused',
  AWAITING_BUYER_SHIP: 'agreed',
  BUYER_SHIPPED_ITEM: 'buyer_returned',
  REJECT_RECEIVE_PACKAGE: 'refused',
  RETURN_OR_REFUND_REQUEST_SUCCESS: 'refunded',
  RETURN_OR_REFUND_REQUEST_CANCEL: 'closed',
  RETURN_OR_REFUND_REQUEST_COMPLETE: 'refunded',
};

const RETURN_TYPE: Record<string, string> = {
  REFUND: 'refund_only',
  RETURN_AND_REFUND: 'return_refund',
  REPLACEMENT: 'exchange',
};

function bad(type: string, error: Parameters<typeof zodReason>[0]): never {
  throw new Error(`tiktok ${type}: ${zodReason(error)}`);
}

/** payload: the envelope `{type, tts_notification_id, shop_id, timestamp, data}`. */
export function normaliseTiktok(event: InboundEvent): TicketEvent {
  const env = (event.payload ?? {}) as { type?: number; data?: unknown; timestamp?: unknown };
  const type = event.eventType;
  switch (env.type) {
    case 12: {
      const r = TiktokReturnData.safeParse(env.data);
      if (!r.success) bad(type, r.error);
      const d = r.data;
      const stage = RETURN_STAGE[d.return_status] ?? 'modified';
      const e: TicketEvent = {
        ...baseEvent('tiktok', type, stage === 'buyer_returned' ? 'return_shipped' : 'after_sale'),
        caseRef: `aftersale:${idString(d.return_id)}`,
        orderRef: idString(d.order_id),
        stage,
        afterSaleType: d.return_type ? (RETURN_TYPE[d.return_type] ?? d.return_type.toLowerCase()) : null,
        occurredAt: toDate(d.update_time ?? d.create_time ?? env.timestamp),
      };
      return { ...e, text: `【TikTok Shop】${afterSaleText(e, [d.return_status])}` };
    }
    case 64:
    case 65:
    case 67: {
      const r = TiktokAfterSaleData.safeParse(env.data);
      if (!r.success) bad(type, r.error);
      const d = r.data;
      const ref = idString(d.return_id ?? d.aftersale_id ?? d.refund_id ?? d.order_id);
      if (!ref) throw new Error(`tiktok ${type}: no return_id, aftersale_id, refund_id or order_id`);
      const e: TicketEvent = {
        ...baseEvent('tiktok', type, 'after_sale'),
        caseRef: `aftersale:${ref}`,
        orderRef: idString(d.order_id),
        stage: env.type === 67 ? 'refunded' : 'modified',
        amountFen: d.refund_amount === undefined ? null : yuanToFen(String(d.refund_amount)),
        occurredAt: toDate(d.update_time ?? env.timestamp),
      };
      return { ...e, text: `【TikTok Shop】${afterSaleText(e, [d.status])}` };
    }
    case 13:
    case 14: {
      const r = TiktokMessageData.safeParse(env.data);
      if (!r.success) bad(type, r.error);
      const d = r.data;
      const content =
        typeof d.content === 'string'
          ? d.content
          : d.content && typeof d.content.content === 'string'
            ? d.content.content
            : env.type === 13
              ? '买家发起了新会话'
              : '（非文本消息）';
      return {
        ...baseEvent('tiktok', type, 'chat_message'),
        caseRef: `chat:${idString(d.conversation_id)}`,
        buyer: d.sender
          ? { name: d.sender.nickname ?? null, externalId: idString(d.sender.im_user_id) }
          : null,
        text: content,
        occurredAt: toDate(d.create_time ?? env.timestamp),
      };
    }
    case 5:
    case 6: {
      const d = (env.data ?? {}) as Record<string, unknown>;
      const what =
        env.type === 6
          ? '店铺授权已被取消（SELLER_DEAUTHORIZATION），请重新授权'
          : `商品状态变更：${String(d.product_id ?? '')} ${String(d.status ?? '')}`.trim();
      return {
        ...baseEvent('tiktok', type, 'platform_notice'),
        caseRef: `notice:${event.externalEventId}`,
        text: `【TikTok Shop】${what}`,
        occurredAt: toDate(env.timestamp),
      };
    }
    case 1:
    case 3:
    case 4:
    case 11:
      return { ...baseEvent('tiktok', type, 'order_update'), text: type };
    default:
      return unknownEvent('tiktok', type);
  }
}
