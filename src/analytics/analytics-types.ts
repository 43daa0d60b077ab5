/** The questions the dashboards answer, and the filters every one of them takes. */
export const QUALITY_GROUPS = ['sku', 'batch', 'supplier', 'shop', 'platform'] as const;
export type QualityGroup = (typeof QUALITY_GROUPS)[number];

export const MONEY_GROUPS = ['category', 'sku', 'supplier', 'platform', 'shop', 'month'] as const;
export type MoneyGroup = (typeof MONEY_GROUPS)[number];

export const SERVICE_GROUPS = ['platform', 'shop', 'agent'] as const;
export type ServiceGroup = (typeof SERVICE_GROUPS)[number];

export const PLATFORMS = ['pinduoduo', 'douyin', 'tiktok', 'taobao', 'manual'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Local dates (China time) from and to, both included; shop and platform narrow every figure. */
export type AnalyticsFilters = {
  from: string;
  to: string;
  shopId?: string | undefined;
  platform?: Platform | undefined;
};

/** Case kinds that count as complaints about an order (negative reviews are counted on their own). */
export const COMPLAINT_KINDS = ['complaint', 'return_request', 'platform_dispute'] as const;

/**
 * A rate on fewer orders than this is shown with a note and left out of the rankings: 1 complaint on
 * 1 order reads as 1000‰. The console and the API can ask for another floor (minOrders).
 */
export const RATE_MIN_ORDERS = 30;

export type QualityRow = {
  key: string;
  label: string;
  orders: number;
  complaints: number;
  complaintsPer1000Orders: number | null;
  /** Fewer orders than the floor asked for: the rate is shown with a note, never ranked. */
  smallSample: boolean;
  negativeReviews: number;
  negativeReviewsPer1000Orders: number | null;
  goodsComplaints: number;
  safetyComplaints: number;
};

export type MoneyRow = {
  key: string;
  label: string;
  cases: number;
  refundFen: number;
  compensationFen: number;
  couponFen: number;
  reships: number;
  reshipValueFen: number;
  totalFen: number;
  statutoryExposureFen: number;
  exposureCases: number;
};

export type ServiceRow = {
  key: string;
  label: string;
  cases: number;
  responded: number;
  firstResponseP50Ms: number | null;
  firstResponseP90Ms: number | null;
  resolutionP50Ms: number | null;
  resolutionP90Ms: number | null;
  slaMetShare: number | null;
  resolutionMetShare: number | null;
  liveChats: number;
  liveChatWithin3MinShare: number | null;
  open: number;
  closed: number;
  csatAverage: number | null;
  csatAnswers: number;
};

/** Per 1,000 orders, one decimal; no orders, no rate (a rate on nothing would read as zero risk). */
export function per1000(count: number, orders: number): number | null {
  if (orders <= 0) return null;
  return Math.round((count / orders) * 10_000) / 10;
}

/** The Monday that starts the ISO week of a local date (YYYY-MM-DD). */
export function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/** The days from..to, both included, at most `max` of them; null when the range is not one. */
export function daysBetween(from: string, to: string): number | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return Math.round((b - a) / 86_400_000) + 1;
}
