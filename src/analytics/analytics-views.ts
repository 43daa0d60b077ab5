import { z } from 'zod';
import { MONEY_GROUPS, PLATFORMS, QUALITY_GROUPS, SERVICE_GROUPS } from './analytics-types.js';

// The API's answers, which the console imports as its types too.

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** Every dashboard query: a range of local dates (China time) and an optional shop or platform. */
export const FilterQuery = {
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  shopId: z.uuid().optional(),
  platform: z.enum(PLATFORMS).optional(),
};

export const QualityQuery = z.strictObject({
  ...FilterQuery,
  groupBy: z.enum(QUALITY_GROUPS).default('sku'),
  q: z.string().max(100).optional(),
  /** The fewest orders a rate is ranked on (default RATE_MIN_ORDERS). */
  minOrders: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
export const FocusQuery = z.strictObject({
  ...FilterQuery,
  groupBy: z.enum(QUALITY_GROUPS).optional(),
  key: z.string().min(1).max(200).optional(),
});
export const CasesQuery = z.strictObject({
  ...FilterQuery,
  groupBy: z.enum(QUALITY_GROUPS).optional(),
  key: z.string().min(1).max(200).optional(),
  only: z.enum(['complaints', 'negative_reviews', 'goods', 'safety', 'all']).default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const MoneyQuery = z.strictObject({ ...FilterQuery, groupBy: z.enum(MONEY_GROUPS).default('month') });
export const ServiceQuery = z.strictObject({
  ...FilterQuery,
  groupBy: z.enum(SERVICE_GROUPS).default('platform'),
});
export const ServiceTrendQuery = z.strictObject({
  ...FilterQuery,
  groupBy: z.enum(SERVICE_GROUPS).optional(),
});

export const QualityRowView = z.object({
  key: z.string(),
  label: z.string(),
  orders: z.number().int(),
  complaints: z.number().int(),
  complaintsPer1000Orders: z.number().nullable(),
  smallSample: z.boolean(),
  negativeReviews: z.number().int(),
  negativeReviewsPer1000Orders: z.number().nullable(),
  goodsComplaints: z.number().int(),
  safetyComplaints: z.number().int(),
});
export type QualityRowDto = z.infer<typeof QualityRowView>;

const Range = z.object({ from: z.string(), to: z.string() });

export const QualityView = z.object({
  groupBy: z.enum(QUALITY_GROUPS),
  minOrders: z.number().int(),
  range: Range,
  rows: z.array(QualityRowView),
});

export const QualityTrendView = z.object({
  range: Range,
  points: z.array(
    z.object({
      week: z.string(),
      orders: z.number().int(),
      complaints: z.number().int(),
      negativeReviews: z.number().int(),
      goodsComplaints: z.number().int(),
      complaintsPer1000Orders: z.number().nullable(),
      negativeReviewsPer1000Orders: z.number().nullable(),
    }),
  ),
});

const ParetoRow = z.object({
  key: z.string(),
  count: z.number().int(),
  share: z.number(),
  cumulativeShare: z.number(),
});
export const CausesView = z.object({
  range: Range,
  rootCauses: z.array(ParetoRow),
  categories: z.array(ParetoRow),
});

export const CaseLineView = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  kind: z.string(),
  category: z.string().nullable(),
  severity: z.string(),
  status: z.string(),
  rootCause: z.string().nullable(),
  platform: z.string().nullable(),
  batch: z.string().nullable(),
  sku: z.string().nullable(),
  createdAt: z.date(),
});
export const CasesView = z.object({ items: z.array(CaseLineView), nextCursor: z.string().nullable() });

export const MoneyRowView = z.object({
  key: z.string(),
  label: z.string(),
  cases: z.number().int(),
  refundFen: z.number().int(),
  compensationFen: z.number().int(),
  couponFen: z.number().int(),
  reships: z.number().int(),
  reshipValueFen: z.number().int(),
  totalFen: z.number().int(),
  statutoryExposureFen: z.number().int(),
  exposureCases: z.number().int(),
});
export type MoneyRowDto = z.infer<typeof MoneyRowView>;
export const MoneyView = z.object({
  groupBy: z.enum(MONEY_GROUPS),
  range: Range,
  rows: z.array(MoneyRowView),
});

const ServiceFigures = {
  key: z.string(),
  label: z.string(),
  cases: z.number().int(),
  responded: z.number().int(),
  firstResponseP50Ms: z.number().nullable(),
  firstResponseP90Ms: z.number().nullable(),
  resolutionP50Ms: z.number().nullable(),
  resolutionP90Ms: z.number().nullable(),
  slaMetShare: z.number().nullable(),
  resolutionMetShare: z.number().nullable(),
  liveChats: z.number().int(),
  liveChatWithin3MinShare: z.number().nullable(),
  open: z.number().int(),
  closed: z.number().int(),
  csatAverage: z.number().nullable(),
  csatAnswers: z.number().int(),
};
export const ServiceRowView = z.object(ServiceFigures);
export type ServiceRowDto = z.infer<typeof ServiceRowView>;
export const ServiceView = z.object({
  groupBy: z.enum(SERVICE_GROUPS),
  range: Range,
  rows: z.array(ServiceRowView),
});
export const ServiceTrendView = z.object({
  range: Range,
  points: z.array(z.object({ ...ServiceFigures, week: z.string() })),
});
export type ServiceTrendPoint = z.infer<typeof ServiceTrendView>['points'][number];

export const BacklogView = z.object({
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      open: z.number().int(),
      under1d: z.number().int(),
      d1to3: z.number().int(),
      d3to7: z.number().int(),
      over7d: z.number().int(),
      oldestAt: z.date().nullable(),
    }),
  ),
});
export const ReviewsView = z.object({
  range: Range,
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      negativeReviews: z.number().int(),
      replied: z.number().int(),
      turnedPositive: z.number().int(),
      turnedPositiveShare: z.number().nullable(),
    }),
  ),
});
