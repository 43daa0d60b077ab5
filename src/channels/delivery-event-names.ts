import type { Platform } from './channel.js';

/**
 * The platform events that say an order reached the buyer (delivered or signed for), by name:
 * `eventType`, or `eventType:STATUS` where one event type carries many order statuses.
 * A shop's `settings.deliveryEvents` replaces its platform's list.
 *
 * - Douyin: tag 103 TradeSuccess (交易完成). UNCERTAIN: whether it comes at signing or only at the
 *   buyer's (or the automatic) confirmation of receipt; no separate 签收 push we could verify.
 * - Pinduoduo: UNCERTAIN: the message service's trade types are not public beyond their names in SDK
 *   code; pdd_trade_TradeConfirmed (确认收货) is the one we take, and pdd_trade_TradeSuccess alike.
 * - TikTok Shop: ORDER_STATUS_CHANGE (type 1) with order_status DELIVERED, a documented status.
 * - Taobao: UNCERTAIN: the TMC topic taobao_trade_TradeSuccess (交易成功, the buyer confirmed receipt).
 *
 * No imports with I/O here: the console shows these defaults in the shop form.
 */
export const DEFAULT_DELIVERY_EVENTS: Record<Platform, readonly string[]> = {
  douyin: ['doudian_trade_TradeSuccess'],
  pinduoduo: ['pdd_trade_TradeConfirmed', 'pdd_trade_TradeSuccess'],
  tiktok: ['ORDER_STATUS_CHANGE:DELIVERED'],
  taobao: ['taobao_trade_TradeSuccess'],
};
