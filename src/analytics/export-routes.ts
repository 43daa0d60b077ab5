import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { filtersOf, focusOf } from './analytics-routes.js';
import type { AnalyticsService } from './analytics-service.js';
import { MONEY_GROUPS, QUALITY_GROUPS, SERVICE_GROUPS } from './analytics-types.js';
import { FilterQuery } from './analytics-views.js';
import {
  backlogTable,
  causesTable,
  moneyTable,
  qualityTable,
  reviewsTable,
  serviceTable,
} from './dashboard-tables.js';
import { type ExportTable, tableCsv, tableXlsx } from './export-tables.js';

export const EXPORT_TABLES = [
  'quality',
  'money',
  'service',
  'backlog',
  'reviews',
  'root-causes',
  'categories',
] as const;

const ExportQuery = z.strictObject({
  ...FilterQuery,
  table: z.enum(EXPORT_TABLES),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  groupBy: z.string().max(20).optional(),
  q: z.string().max(100).optional(),
  key: z.string().min(1).max(200).optional(),
});

function groupOf<T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new AppError('VALIDATION_FAILED', `groupBy must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Every dashboard table as CSV or XLSX, with the same filters as on screen. */
export const analyticsExportRoutes: FastifyPluginAsyncZod<{
  analytics: AnalyticsService;
  clock: Clock;
}> = async (app, { analytics, clock }) => {
  app.get(
    '/analytics/export',
    { config: { access: 'supervisor' }, schema: { tags: ['analytics'], querystring: ExportQuery } },
    async (req, reply) => {
      const q = req.query;
      const actor = actorOf(req);
      const f = filtersOf(q, clock.now());
      let table: ExportTable;
      switch (q.table) {
        case 'quality': {
          const g = groupOf(QUALITY_GROUPS, q.groupBy, 'sku');
          table = qualityTable(g, await analytics.quality(actor, g, f, q.q));
          break;
        }
        case 'money': {
          const g = groupOf(MONEY_GROUPS, q.groupBy, 'month');
          table = moneyTable(g, await analytics.money(actor, g, f));
          break;
        }
        case 'service': {
          const g = groupOf(SERVICE_GROUPS, q.groupBy, 'platform');
          table = serviceTable(g, await analytics.service(actor, g, f));
          break;
        }
        case 'backlog': {
          const g = groupOf(SERVICE_GROUPS, q.groupBy, 'platform');
          table = backlogTable(g, await analytics.backlog(actor, g, f));
          break;
        }
        case 'reviews': {
          const g = groupOf(SERVICE_GROUPS, q.groupBy, 'platform');
          table = reviewsTable(g, await analytics.reviews(actor, g, f));
          break;
        }
        default: {
          const focus = focusOf({
            groupBy: q.key ? groupOf(QUALITY_GROUPS, q.groupBy, 'sku') : undefined,
            key: q.key,
          });
          const causes = await analytics.causes(actor, f, focus);
          table =
            q.table === 'root-causes'
              ? causesTable('rootCauses', causes.rootCauses)
              : causesTable('categories', causes.categories);
        }
      }
      const name = `aftercare-${q.table}${q.groupBy ? `-${q.groupBy}` : ''}-${f.from}-${f.to}.${q.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (q.format === 'xlsx') {
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await tableXlsx(table));
      }
      return reply.header('content-type', 'text/csv; charset=utf-8').send(tableCsv(table));
    },
  );
};
