import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import type { Clock } from '../shared/clock.js';
import type { AlertService } from './alert-service.js';
import type { AnalyticsService } from './analytics-service.js';
import { FilterQuery } from './analytics-views.js';
import { renderWeeklyReport } from './weekly-report-pdf.js';

const ReportQuery = z.strictObject({
  week: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
    .optional(),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  shopId: FilterQuery.shopId,
  platform: FilterQuery.platform,
});

/** The weekly report (PDF, Chinese or English) of the week holding `week`, the last full week by default. */
export const reportRoutes: FastifyPluginAsyncZod<{
  analytics: AnalyticsService;
  alerts: AlertService;
  clock: Clock;
}> = async (app, { analytics, alerts, clock }) => {
  app.get(
    '/analytics/weekly-report.pdf',
    { config: { access: 'supervisor' }, schema: { tags: ['analytics'], querystring: ReportQuery } },
    async (req, reply) => {
      const q = req.query;
      const actor = actorOf(req);
      const today = DateTime.fromJSDate(clock.now(), { zone: 'Asia/Shanghai' });
      const anchor = q.week ? DateTime.fromISO(q.week, { zone: 'Asia/Shanghai' }) : today.minus({ weeks: 1 });
      const start = (anchor.isValid ? anchor : today.minus({ weeks: 1 })).startOf('week');
      const f = {
        from: start.toISODate()!,
        to: start.plus({ days: 6 }).toISODate()!,
        shopId: q.shopId,
        platform: q.platform,
      };
      const before = {
        ...f,
        from: start.minus({ weeks: 1 }).toISODate()!,
        to: start.minus({ days: 1 }).toISODate()!,
      };
      const [quality, qualityBefore, skus, causes, money, service, backlog, alertList, shops] =
        await Promise.all([
          analytics.quality(actor, 'platform', f),
          analytics.quality(actor, 'platform', before),
          analytics.quality(actor, 'sku', f),
          analytics.causes(actor, f, null),
          analytics.money(actor, 'platform', f),
          analytics.service(actor, 'platform', f),
          analytics.backlog(actor, 'platform', { shopId: q.shopId, platform: q.platform }),
          alerts.list(actor),
          q.shopId ? analytics.quality(actor, 'shop', f) : Promise.resolve([]),
        ]);
      const pdf = await renderWeeklyReport(
        {
          shopName: shops.find((s) => s.key === q.shopId)?.label ?? null,
          platform: q.platform ?? null,
          from: f.from,
          to: f.to,
          quality,
          qualityBefore,
          topSkus: skus.filter((s) => s.complaints > 0).slice(0, 8),
          rootCauses: causes.rootCauses,
          money,
          service,
          openCases: backlog.reduce((s, b) => s + b.open, 0),
          alerts: alertList
            .filter((a) => a.status === 'open')
            .map((a) => ({
              sku: a.sku,
              batch: a.batch,
              signal: a.signal,
              observed: a.observed,
              expected: a.expected,
            })),
          generatedAt: clock.now(),
        },
        q.locale,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="aftercare-weekly-${f.from}-${q.locale}.pdf"`)
        .send(pdf);
    },
  );
};
