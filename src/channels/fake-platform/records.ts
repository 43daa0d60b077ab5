import type { Platform } from '../channel.js';

/** An after-sale as the fake platform holds it; every change bumps `updatedAt` (ms). */
export type FakeAfterSale = {
  id: string;
  orderId: string;
  /**
   * The platform's own status (Douyin after_sale_status, Pinduoduo after_sales_status: numbers;
   * TikTok return_status, Taobao refund status: names).
   */
  status: number | string;
  /** The platform's own type as its list API gives it (a number; TikTok: REFUND, RETURN_AND_REFUND…). */
  type: number | string;
  amountFen: number;
  createdAt: number;
  updatedAt: number;
};

export type FakeOrder = { id: string; status: number | string; updatedAt: number };

/**
 * What the fake platform's shops hold, per app: the records its list APIs page through (by update
 * time, as the real ones do) and its pushes describe.
 */
export type FakeRecords = ReturnType<typeof createFakeRecords>;

export function createFakeRecords() {
  const afterSales = new Map<string, Map<string, FakeAfterSale>>();
  const orders = new Map<string, Map<string, FakeOrder>>();
  const bucket = <T>(map: Map<string, Map<string, T>>, platform: Platform, appKey: string) => {
    const key = `${platform}:${appKey}`;
    let b = map.get(key);
    if (!b) {
      b = new Map();
      map.set(key, b);
    }
    return b;
  };
  const updatedBetween = <T extends { id: string; updatedAt: number }>(
    rows: Iterable<T>,
    fromMs: number,
    toMs: number,
  ) =>
    [...rows]
      .filter((r) => r.updatedAt >= fromMs && r.updatedAt <= toMs)
      .sort((a, b) => a.updatedAt - b.updatedAt || a.id.localeCompare(b.id));
  return {
    putAfterSale(platform: Platform, appKey: string, record: FakeAfterSale) {
      bucket(afterSales, platform, appKey).set(record.id, { ...record });
    },
    putOrder(platform: Platform, appKey: string, record: FakeOrder) {
      bucket(orders, platform, appKey).set(record.id, { ...record });
    },
    /** Records updated in [fromMs, toMs] (both ends, as the platforms' second-precision filters are). */
    afterSalesUpdated(platform: Platform, appKey: string, fromMs: number, toMs: number) {
      return updatedBetween(bucket(afterSales, platform, appKey).values(), fromMs, toMs);
    },
    ordersUpdated(platform: Platform, appKey: string, fromMs: number, toMs: number) {
      return updatedBetween(bucket(orders, platform, appKey).values(), fromMs, toMs);
    },
  };
}
