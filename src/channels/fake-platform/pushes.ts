import type { Platform } from '../channel.js';
import type { FakeAfterSale, FakeOrder } from './records.js';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Douyin after_sale_status → the tag its push carries (platforms.md). */
const DOUYIN_TAG: Record<number, string> = { 6: '200', 7: '202', 11: '203', 12: '206', 27: '204', 28: '207' };
/** Pinduoduo after_sales_status → the message type (platforms.md). */
const PDD_TYPE: Record<number, string> = {
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
    return [{ tag: DOUYIN_TAG[a.status] ?? '208', msg_id: messageId, data: JSON.stringify(data) }];
  }
  if (platform === 'pinduoduo') {
    const content = {
      refund_id: a.id,
      tid: a.orderId,
      refund_fee: a.amountFen,
      // The list numbers types one above the information API the message follows.
      bill_type: a.type - 1,
      modified: seconds(a.updatedAt),
    };
    return {
      commandType: 'Common',
      id: messageId,
      sendTime: a.updatedAt,
      message: {
        type: `pdd_refund_${PDD_TYPE[a.status] ?? 'RefundBuyerModifyAgreement'}`,
        mallID: 1,
        content: JSON.stringify(content),
      },
    };
  }
  throw new Error(`the fake sends no after-sale pushes for ${platform} yet`);
}

/** Douyin's trade push for an order change (tag by order_status: 1 created … 5 completed). */
export function orderPush(platform: Platform, o: FakeOrder, messageId: string): unknown {
  if (platform !== 'douyin') throw new Error(`the fake sends no order pushes for ${platform}`);
  const tag =
    ({ 1: '100', 2: '101', 3: '102', 4: '106', 5: '103' } as Record<number, string>)[o.status] ?? '113';
  const data = { p_id: o.id, order_status: o.status, update_time: seconds(o.updatedAt) };
  return [{ tag, msg_id: messageId, data: JSON.stringify(data) }];
}
