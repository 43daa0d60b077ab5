/**
 * `afterSale/operate` type codes. Only 201/202 (agree/refuse a refund-only request after shipment)
 * appear in SDK code (renhonghai/doudian-sdk `AfterSaleTypeConstant.php`); the others follow the
 * platform's operate guide as quoted in SDK comments ("type=101，301，311 need logistics").
 * UNCERTAIN: override per shop with settings.douyinOperateTypes = { name: code }.
 * No imports: the console's shop form shows these defaults.
 */
export const DOUYIN_OPERATE_TYPES = {
  agree_refund: 201,
  refuse_refund: 202,
  agree_return: 101,
  refuse_return: 102,
  agree_received: 111,
  refuse_received: 112,
  agree_exchange: 301,
  refuse_exchange: 302,
  exchange_shipped: 311,
} as const;
export type DouyinOperate = keyof typeof DOUYIN_OPERATE_TYPES;
