import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import type { AnalyticsService } from './analytics-service.js';
import {
  type AnalyticsFilters,
  type Platform,
  type QualityGroup,
  RATE_MIN_ORDERS,
} from './analytics-types.js';
import {
  BacklogView,
  CasesQuery,
  CasesView,
  CausesView,
  FilterQuery,
  FocusQuery,
  MoneyQuery,
  MoneyView,
  QualityQuery,
  QualityTrendView,
  QualityView,
  ReviewsView,
  ServiceQuery,
  ServiceTrendQuery,
  ServiceTrendView,
  ServiceView,
} from './analytics-views.js';

/** Without dates: the last four weeks up to today, China time. */
export const DEFAULT_DAYS = 28;

type RawFilters = { from?: string; to?: string; shopId?: string; platform?: Platform };

export function filtersOf(q: RawFilters, now: Date): AnalyticsFilters {
  const today = DateTime.fromJSDate(now, { zone: 'Asia/Shanghai' });
  const to = q.to ?? today.toISODate()!;
  const from =
    q.from ??
    DateTime.fromISO(to)
      .minus({ days: DEFAULT_DAYS - 1 })
      .toISODate()!;
  if (!DateTime.fromISO(from).isValid || !DateTime.fromISO(to).isValid)
    throw new AppError('VALIDATION_FAILED', 'from and to must be real dates (YYYY-MM-DD)');
  return { from, to, shopId: q.shopId, platform: q.platform };
}

export function focusOf(q: { groupBy?: QualityGroup | undefined; key?: string | undefined }) {
  if (!q.key) return null;
  if (!q.groupBy) throw new AppError('VALIDATION_FAILED', 'key needs groupBy');
  return { group: q.groupBy, key: q.key };
}

export function cursorOf(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const when = new Date(at);
  if (Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw new AppError('VALIDATION_FAILED', 'invalid cursor: pass back the nextCursor of the previous page');
  return { at: when, id };
}

const get = { config: { access: 'supervisor' as const } };

/** The dashboards: quality, money and service, with trends, Pareto, drill-down and backlog. */
export const analyticsRoutes: FastifyPluginAsyncZod<{ analytics: AnalyticsService; clock: Clock }> = async (
  app,
  { analytics, clock },
) => {
  const range = (f: AnalyticsFilters) => ({ from: f.from, to: f.to });

  app.get(
    '/analytics/quality',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: QualityQuery,
        response: { 200: QualityView, ...ErrorResponses },
      },
    },
    async (req) => {
      const f = filtersOf(req.query, clock.now());
      const minOrders = req.query.minOrders ?? RATE_MIN_ORDERS;
      const rows = await analytics.quality(actorOf(req), req.query.groupBy, f, req.query.q, minOrders);
      return { groupBy: req.query.groupBy, minOrders, range: range(f), rows };
    },
  );
  app.get(
    '/analytics/quality/trend',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: FocusQuery,
        response: { 200: QualityTrendView, ...ErrorResponses },
      },
    },
    async (req) => {
      const f = filtersOf(req.query, clock.now());
      return { range: range(f), points: await analytics.qualityTrend(actorOf(req), f, focusOf(req.query)) };
    },
  );
  app.get(
    '/analytics/quality/causes',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: FocusQuery,
        response: { 200: CausesView, ...ErrorResponses },
      },
    },
    async (req) => {
      const f = filtersOf(req.query, clock.now());
      return { range: range(f), ...(await analytics.causes(actorOf(req), f, focusOf(req.query))) };
    },
  );
  app.get(
    '/analytics/quality/cases',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: CasesQuery,
        response: { 200: CasesView, ...ErrorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      return analytics.cases(
        actorOf(req),
        filtersOf(q, clock.now()),
        focusOf(q),
        q.only,
        cursorOf(q.cursor),
        q.limit,
      );
    },
  );
  app.get(
    '/analytics/money',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: MoneyQuery,
        response: { 200: MoneyView, ...ErrorResponses },
      },
    },
    async (req) => {
      const f = filtersOf(req.query, clock.now());
      return {
        groupBy: req.query.groupBy,
        range: range(f),
        rows: await analytics.money(actorOf(req), req.query.groupBy, f),
      };
    },
  );
  app.get(
    '/analytics/service',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: ServiceQuery,
        response: { 200: ServiceView, ...ErrorResponses },
      },
    },
    async (req) => {
      const f = filtersOf(req.query, clock.now());
      return {
        groupBy: req.query.groupBy,
        range: range(f),
        rows: await analytics.service(actorOf(req), req.query.groupBy, f),
      };
    },
  );
  app.get(
    '/analytics/service/trend',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: ServiceTrendQuery,
        response: { 200: ServiceTrendView, ...ErrorResponses },
      },
    },
    async (req) => {
      const f = filtersOf(req.query, clock.now());
      return {
        range: range(f),
        points: await analytics.serviceTrend(actorOf(req), req.query.groupBy ?? null, f),
      };
    },
  );
  app.get(
    '/analytics/service/backlog',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: z.strictObject({
          groupBy: ServiceQuery.shape.groupBy,
          shopId: FilterQuery.shopId,
          platform: FilterQuery.platform,
        }),
        response: { 200: BacklogView, ...ErrorResponses },
      },
    },
    async (req) => ({
      rows: await analytics.backlog(actorOf(req), req.query.groupBy, {
        shopId: req.query.shopId,
        platform: req.query.platform,
      }),
    }),
  );
  app.get(
    '/analytics/service/reviews',
    {
      ...get,
      schema: {
        tags: ['analytics'],
        querystring: ServiceQuery,
        response: { 200: ReviewsView, ...ErrorResponses },
      },
    },
    async (req) => {
      const f = filtersOf(req.query, clock.now());
      return { range: range(f), rows: await analytics.reviews(actorOf(req), req.query.groupBy, f) };
    },
  );
};
