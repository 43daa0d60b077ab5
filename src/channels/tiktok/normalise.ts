import type { AfterSaleStage, InboundEvent, TicketEvent } from '../channel.js';
import { afterSaleText, baseEvent, toDate, unknownEvent, yuanToFen, zodReason } from '../common.js';
import { readDelivery } from '../delivery-events.js';
import { idString, parseJsonLossless } from '../json.js';
import { beijingTimestamp } from '../outbound.js';
import {
  TiktokAfterSaleData,
  TiktokAuthExpiryData,
  TiktokCancellationData,
  TiktokMessageData,
  TiktokReturnData,
} from './payloads.js';

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

/**
 * Cancellation statuses (UNCERTAIN beyond the pending one): a buyer's request waits for the seller;
 * success/complete means the order was cancelled and refunded; cancel means the buyer withdrew.
 */
const CANCEL_STAGE: Record<string, AfterSaleStage> = {
  CANCELLATION_REQUEST_PENDING: 'opened',
  CANCELLATION_REQUEST_SUCCESS: 'refunded',
  CANCELLATION_REQUEST_COMPLETE: 'refunded',
  CANCELLATION_REQUEST_CANCEL: 'closed',
  CANCELLATION_REQUEST_REJECT: 'refused',
};

const CANCEL_STATUS_TEXT: Record<string, string> = {
  CANCELLATION_REQUEST_PENDING: '待商家处理',
  CANCELLATION_REQUEST_SUCCESS: '取消成功',
  CANCELLATION_REQUEST_COMPLETE: '已完成',
  CANCELLATION_REQUEST_CANCEL: '买家已撤销',
  CANCELLATION_REQUEST_REJECT: '已拒绝',
};

/** Chat senders whose messages are the buyer's; SHOP, CUSTOMER_SERVICE, ROBOT and SYSTEM are not. */
const BUYER_ROLES = new Set(['BUYER']);

/** The words of a chat message: TEXT content is a JSON string {"content": "…"}; other types are named. */
export function tiktokMessageText(type: string | undefined, content: unknown): string {
  let value: unknown = content;
  if (typeof content === 'string') {
    try {
      value = parseJsonLossless(content);
    } catch {
      value = content;
    }
  }
  const inner = value && typeof value === 'object' ? (value as Record<string, unknown>).content : value;
  if (typeof inner === 'string' && inner.trim()) return inner;
  switch ((type ?? '').toUpperCase()) {
    case 'IMAGE':
      return '（买家发送了一张图片）';
    case 'VIDEO':
      return '（买家发送了一段视频）';
    case 'PRODUCT_CARD':
      return '（买家发送了一个商品卡片）';
    case 'ORDER_CARD':
      return '（买家发送了一个订单卡片）';
    default:
      return '（非文本消息）';
  }
}

function bad(type: string, error: Parameters<typeof zodReason>[0]): never {
  throw new Error(`tiktok ${type}: ${zodReason(error)}`);
}

/** payload: the envelope `{type, tts_notification_id, shop_id, timestamp, data}`. */
export function normaliseTiktok(event: InboundEvent, settings?: Record<string, unknown>): TicketEvent {
  const env = (event.payload ?? {}) as { type?: number; data?: unknown; timestamp?: unknown };
  const type = event.eventType;
  const delivered = readDelivery('tiktok', type, env.data, settings, env.timestamp);
  if (delivered) return delivered;
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
      const role = d.sender?.role?.toUpperCase();
      // The shop's own messages (our replies, auto-replies) come back as webhooks too: not buyer words.
      if (env.type === 14 && role && !BUYER_ROLES.has(role)) {
        return { ...baseEvent('tiktok', type, 'ignored'), text: `sender role ${role}` };
      }
      return {
        ...baseEvent('tiktok', type, 'chat_message'),
        caseRef: `chat:${idString(d.conversation_id)}`,
        buyer: d.sender
          ? { name: d.sender.nickname ?? null, externalId: idString(d.sender.im_user_id) }
          : null,
        text: env.type === 13 ? '买家发起了新会话' : tiktokMessageText(d.type, d.content),
        occurredAt: toDate(d.create_time ?? env.timestamp),
      };
    }
    case 11: {
      const r = TiktokCancellationData.safeParse(env.data);
      if (!r.success) bad(type, r.error);
      const d = r.data;
      // Only a buyer's request waits for the seller; seller and system cancellations are order updates.
      if (d.cancellations_role && d.cancellations_role.toUpperCase() !== 'BUYER') {
        return { ...baseEvent('tiktok', type, 'order_update'), text: type };
      }
      const e: TicketEvent = {
        ...baseEvent('tiktok', type, 'after_sale'),
        caseRef: `cancel:${idString(d.cancel_id)}`,
        orderRef: idString(d.order_id),
        stage: CANCEL_STAGE[d.cancel_status.toUpperCase()] ?? 'modified',
        afterSaleType: 'cancellation',
        occurredAt: toDate(d.update_time ?? d.create_time ?? env.timestamp),
      };
      const status = CANCEL_STATUS_TEXT[d.cancel_status.toUpperCase()] ?? d.cancel_status;
      return { ...e, text: `【TikTok Shop】${afterSaleText(e, [status])}` };
    }
    case 7: {
      const d = TiktokAuthExpiryData.safeParse(env.data ?? {});
      const at = d.success ? toDate(d.data.expiration_time ?? d.data.expire_time) : null;
      const when = at ? `（到期时间 ${beijingTimestamp(at).slice(0, 16)} 北京时间）` : '';
      return {
        ...baseEvent('tiktok', type, 'platform_notice'),
        caseRef: `notice:${event.externalEventId}`,
        text: `【TikTok Shop】店铺授权即将过期${when}：请在 TikTok Shop 重新授权本应用并更新访问令牌，否则回复与售后处理将无法发送。`,
        occurredAt: toDate(env.timestamp),
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
      return { ...baseEvent('tiktok', type, 'order_update'), text: type };
    default:
      return unknownEvent('tiktok', type);
  }
}
