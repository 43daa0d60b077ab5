import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { actorOf } from '../http/access.js';
import type { Clock } from '../shared/clock.js';
import { isValidTimeZone } from '../shared/timezone.js';
import { DailyReportView, ReportListView } from './sla-report-views.js';
import { dailyReport, dailyReportCsv } from './sla-reports.js';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

const ReportQuery = z.strictObject({
  from: LocalDate,
  to: LocalDate,
  groupBy: z.enum(['shop', 'channel', 'agent']).default('shop'),
  tz: z.string().max(64).refine(isValidTimeZone, 'unknown time zone').default('Asia/Shanghai'),
});

/** Daily SLA reports (JSON and CSV): first-response percentiles, share within target, 3-minute rate, resolution. */
export const slaReportRoutes: FastifyPluginAsyncZod<{ db: Db; clock: Clock }> = async (
  app,
  { db, clock },
) => {
  const run = (tenantId: string, q: z.infer<typeof ReportQuery>) =>
    dailyReport(scopeTo(db, tenantId), {
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      zone: q.tz,
      now: clock.now(),
    });

  app.get(
    '/sla/reports/daily',
    {
      config: { access: 'supervisor' },
      schema: { tags: ['sla'], querystring: ReportQuery, response: { 200: DailyReportView } },
    },
    async (req) => ({
      groupBy: req.query.groupBy,
      tz: req.query.tz,
      items: await run(actorOf(req).tenantId, req.query),
    }),
  );
  app.get(
    '/sla/reports/daily.csv',
    { config: { access: 'supervisor' }, schema: { tags: ['sla'], querystring: ReportQuery } },
    async (req, reply) => {
      const rows = await run(actorOf(req).tenantId, req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="sla-${req.query.groupBy}-${req.query.from}-${req.query.to}.csv"`,
        )
        .send(dailyReportCsv(rows, req.query.groupBy));
    },
  );
  app.get(
    '/sla/reports',
    { config: { access: 'supervisor' }, schema: { tags: ['sla'], response: { 200: ReportListView } } },
    async () => ({
      reports: [
        {
          name: 'daily',
          path: '/api/v1/sla/reports/daily',
          csv: '/api/v1/sla/reports/daily.csv',
          groupBy: ['shop', 'channel', 'agent'],
        },
      ],
    }),
  );
};
