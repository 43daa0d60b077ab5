// An order's status as the console shows it. Orders from a platform's API carry our codes (delivered…);
// orders imported from a back-office export carry the platform's own words (已完成, 交易成功…), stored as
// they were. Both read in the console's language: the words we know map to a code, others show as is.
import type { TFunction } from 'i18next';
import { common } from './i18n-common.js';

type OrderStatus = keyof (typeof common)['zh-CN']['orderStatus'];

// The words the platforms' order exports use (抖店, 拼多多, 淘宝/天猫, TikTok Shop's Chinese export).
const PLATFORM_WORDS: Record<string, OrderStatus> = {
  等待买家付款: 'unpaid',
  待支付: 'unpaid',
  待发货: 'paid',
  买家已付款: 'paid',
  等待卖家发货: 'paid',
  卖家已发货: 'shipped',
  待收货: 'shipped',
  等待买家确认收货: 'shipped',
  已收货: 'delivered',
  交易成功: 'completed',
  交易关闭: 'closed',
};

export function orderStatusCode(status: string): OrderStatus | null {
  const codes = common['zh-CN'].orderStatus;
  if (status in codes) return status as OrderStatus;
  const byZhName = (Object.keys(codes) as OrderStatus[]).find((code) => codes[code] === status);
  return byZhName ?? PLATFORM_WORDS[status] ?? null;
}

/** 已签收 / Delivered, whether the order came with a code or with a platform's own word. */
export function orderStatusLabel(t: TFunction, status: string): string {
  const code = orderStatusCode(status);
  return code ? t(`common:orderStatus.${code}`) : status;
}
