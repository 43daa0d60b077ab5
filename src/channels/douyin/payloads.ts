import { z } from 'zod';

const id = z.union([z.string().min(1).max(64), z.number().int()]);
const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);

/** One item of a Douyin push: `[{"tag":"200","msg_id":"…","data":"{…}"}]`. */
export const DouyinPushItem = z.object({
  tag: z.union([z.string().regex(/^\d{1,6}$/), z.number().int().nonnegative()]).transform(String),
  msg_id: id.optional(),
  data: z.union([z.string().max(512 * 1024), z.record(z.string(), z.unknown())]),
});
export const DouyinPush = z.array(DouyinPushItem).min(1).max(500);
export type DouyinPushItem = z.infer<typeof DouyinPushItem>;

/** Refund message data (tags 200–218). */
export const DouyinRefundData = z.looseObject({
  aftersale_id: id,
  aftersale_status: num.optional(),
  aftersale_type: num.optional(),
  p_id: id.optional(),
  s_id: id.optional(),
  shop_id: id.optional(),
  reason_code: num.optional(),
  refund_amount: num.optional(),
  refund_post_amount: num.optional(),
  refund_voucher_num: num.optional(),
  update_time: num.optional(),
  apply_time: num.optional(),
  agree_time: num.optional(),
  refuse_time: num.optional(),
  success_time: num.optional(),
  close_time: num.optional(),
  modify_time: num.optional(),
  arbitrate_id: id.optional(),
  arbitrate_status: num.optional(),
  arbitrate_conclusion: z.string().optional(),
});
export type DouyinRefundData = z.infer<typeof DouyinRefundData>;

export const REFUND_TAGS: Record<string, string> = {
  '200': 'RefundCreated',
  '201': 'RefundAgreed',
  '202': 'ReturnApplyAgreed',
  '203': 'BuyerReturnGoods',
  '204': 'RefundRefused',
  '205': 'ReturnApplyRefused',
  '206': 'RefundSuccess',
  '207': 'RefundClosed',
  '208': 'RefundModified',
  '209': 'ExpirationChange',
  '211': 'ExchangeComfirmed',
  '212': 'ArbitrateApplied',
  '213': 'ArbitrateSubmiting',
  '214': 'ArbitrateSubmited',
  '215': 'ArbitrateCancelled',
  '216': 'ArbitrateAudited',
  '217': 'ArbitrateServiceIntervene',
  '218': 'ArbitrateDiscussUpload',
};

export const TRADE_TAGS: Record<string, string> = {
  '100': 'TradeCreate',
  '101': 'TradePaid',
  '102': 'TradeSellerShip',
  '103': 'TradeSuccess',
  '104': 'TradeLogisticsChanged',
  '105': 'TradeAddressChanged',
  '106': 'TradeCanceled',
  '108': 'TradePartlySellerShip',
  '109': 'TradeAmountChanged',
  '110': 'TradePending',
  '111': 'TradeAddressChangeApplied',
  '113': 'TradeMemoModify',
};

export const eventTypeOf = (tag: string) =>
  REFUND_TAGS[tag]
    ? `doudian_refund_${REFUND_TAGS[tag]}`
    : TRADE_TAGS[tag]
      ? `doudian_trade_${TRADE_TAGS[tag]}`
      : `doudian_tag_${tag}`;
