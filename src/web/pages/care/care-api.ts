import type { CareReportView } from '../../../care/care-routes.js';
import type { Json } from '../../../http/json-dates.js';
// The answers of /api/v1/care as the console receives them (see src/care/care-routes.ts).
export type CareMessage = {
  id: string;
  orderId: string;
  orderExternalId: string | null;
  customerId: string | null;
  customerName: string | null;
  productId: string | null;
  productName: string | null;
  platform: string;
  deliveredAt: string;
  group: 'care' | 'holdout' | 'none';
  state: 'queued' | 'manual' | 'sent_by_hand' | 'skipped';
  skipReason: string | null;
  body: string | null;
  link: string | null;
  delivery: { state: 'queued' | 'retrying' | 'sent' | 'failed'; reason?: string } | null;
  handledAt: string | null;
  createdAt: string;
};

export type CareSettings = {
  enabled: boolean;
  delayHours: number;
  withinDays: number;
  holdoutPercent: number;
  effectDays: number;
  limits: Record<string, { max: number; days: number }>;
  allProducts: boolean;
  publicBaseUrl: string | null;
  followUpEnabled: boolean;
  followUpDays: number;
};

export type CareProduct = {
  productId: string;
  name: string;
  enabled: boolean | null;
  noteZh: string | null;
  noteEn: string | null;
  usageZh: boolean;
  usageEn: boolean;
};

export type CareReport = Json<typeof CareReportView>;

export const LIMIT_KEYS = ['douyin', 'pinduoduo', 'tiktok', 'taobao', 'other'] as const;
/** The smallest group the report draws a conclusion from (src/care/effect.ts MIN_GROUP). */
export const MIN_GROUP = 30;
