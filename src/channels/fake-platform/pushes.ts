import type { Platform } from '../channel.js';
import type { FakeAfterSale, FakeOrder } from './records.js';

const seconds = (ms: number) => Math.floor(ms / 1000);
const pad = (n: number) => String(n).padStart(2, '0');
/** "yyyy-MM-dd HH:mm:ss" Beijing time, as Taobao writes times. */
function beijing(ms: number): string {
  const b = new Date(ms + 8 * 3600_000);
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}

/** Douyin after_sale_status → the tag its push carries (platforms.md). */
const DOUYIN_TAG: Record<string, string> = { 6: '200', 7: '202', 11: '203', 12: '206', 27: '204', 28: '207' };
/** Pinduoduo after_sales_status → the message type (platforms.md). */
const PDD_TYPE: Record<string, string> = {
  2: 'RefundCreated',
  3: 'RefundCreated',
  4: 'RefundAgreeAgreement',
  7: 'RefundAgreeAgreement',
  10: 'RefundClosed',
  11: 'RefundClosed',
};

/**
 * The push a platform sends when an after-sale changes, in its own shape (the body to sign): what
 * the fake delivers to a shop's webhook, or drops as a real platform sometimes does.
 */
export function afterSalePush(platform: Platform, a: FakeAfterSale, messageId: string): unknown {
  if (platform === 'douyin') {
    const data = {
      aftersale_id: a.id,
      aftersale_status: a.status,
      aftersale_type: a.type,
      p_id: a.orderId,
      refund_amount: a.amountFen,
      apply_time: seconds(a.createdAt),
      update_time: seconds(a.updatedAt),
    };
    return [{ tag: DOUYIN_TAG[String(a.status)] ?? '208', msg_id: messageId, data: JSON.stringify(data) }];
  }
  if (platform === 'pinduoduo') {
    const content = {
      refund_id: a.id,
      tid: a.orderId,
      refund_fee: a.amountFen,
      // The list numbers types one above the information API the message follows.
      bill_type: Number(a.type) - 1,
      modified: seconds(a.updatedAt),
    };
    return {
      commandType: 'Common',
      id: messageId,
      sendTime: a.updatedAt,
      message: {
        type: `pdd_refund_${PDD_TYPE[String(a.status)] ?? 'RefundBuyerModifyAgreement'}`,
        mallID: 1,
        content: JSON.stringify(content),
      },
    };
  }
  if (platform === 'tiktok') {
    // RETURN_STATUS_CHANGE (type 12), as TikTok's webhook envelope carries it.
    return {
      type: 12,
      tts_notification_id: messageId,
      timestamp: seconds(a.updatedAt),
      data: {
        order_id: a.orderId,
        return_id: a.id,
        return_role: 'BUYER',
        return_type: a.type,
        return_status: a.status,
        create_time: seconds(a.createdAt),
        update_time: seconds(a.updatedAt),
      },
    };
  }
  // Taobao: the TMC message of the refund's topic, content a JSON string with Beijing times.
  const topic = TAOBAO_TOPIC[String(a.status)] ?? 'taobao_refund_RefundBuyerModifyAgreement';
  return {
    topic,
    id: messageId.replace(/\D/g, '') || '1',
    userid: '2200001',
    nick: 'fake seller',
    content: JSON.stringify({
      refund_id: a.id,
      tid: a.orderId,
      oid: `${a.orderId}1`,
      refund_fee: (a.amountFen / 100).toFixed(2),
      bill_type: a.type === 'return_bill' ? 'return_bill' : 'refund_bill',
      refund_phase: 'onsale',
      modified: beijing(a.updatedAt),
    }),
  };
}

/** Taobao refund status → its TMC topic. */
const TAOBAO_TOPIC: Record<string, string> = {
  WAIT_SELLER_AGREE: 'taobao_refund_RefundCreated',
  WAIT_BUYER_RETURN_GOODS: 'taobao_refund_RefundSellerAgreeAgreement',
  SELLER_REFUSE_BUYER: 'taobao_refund_RefundSellerRefuseAgreement',
  CLOSED: 'taobao_refund_RefundClosed',
  SUCCESS: 'taobao_refund_RefundSuccess',
};

/** Douyin's trade push for an order change (tag by order_status: 1 created … 5 completed). */
export function orderPush(platform: Platform, o: FakeOrder, messageId: string): unknown {
  if (platform !== 'douyin') throw new Error(`the fake sends no order pushes for ${platform}`);
  const tag =
    ({ 1: '100', 2: '101', 3: '102', 4: '106', 5: '103' } as Record<string, string>)[String(o.status)] ??
    '113';
  const data = { p_id: o.id, order_status: o.status, update_time: seconds(o.updatedAt) };
  return [{ tag, msg_id: messageId, data: JSON.stringify(data) }];
}
