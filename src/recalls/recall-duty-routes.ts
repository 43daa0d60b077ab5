import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { IdParams } from '../http/schemas.js';
import type { DutyService } from './duty-service.js';
import type { TaskRow } from './recall-repo.js';
import { RECALL_TASK_KINDS } from './recall-types.js';
import { Errors, iso, ReportView, Text, toReportView } from './recall-work-views.js';
import { REPORT_KEYS } from './regulator-reports.js';

const When = z.coerce
  .date()
  .refine((d) => d.getFullYear() >= 2000 && d.getFullYear() <= 2100, 'a date between 2000 and 2100');

const TaskView = z.object({
  id: z.uuid(),
  kind: z.enum(RECALL_TASK_KINDS),
  shopId: z.uuid().nullable(),
  platform: z.string().nullable(),
  reportKey: z.string().nullable(),
  status: z.enum(['open', 'done']),
  data: z.record(z.string(), z.unknown()),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
});
const toTaskView = (t: TaskRow) => ({
  id: t.id,
  kind: t.kind,
  shopId: t.shopId,
  platform: t.platform,
  reportKey: t.reportKey,
  status: t.status,
  data: t.data,
  doneAt: iso(t.doneAt),
  doneByName: t.doneByName,
});

/** Stop-selling, platform notices and the regulator's reports: the duties that are done once recorded. */
export const recallDutyRoutes: FastifyPluginAsyncZod<{ duties: DutyService }> = async (app, { duties }) => {
  app.get(
    '/recalls/:id/tasks',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Stop-selling per shop, telling each platform, reports filed with the regulator',
        params: IdParams,
        response: { 200: z.object({ items: z.array(TaskView) }), ...Errors },
      },
    },
    async (req) => ({ items: (await duties.tasks(actorOf(req), req.params.id)).map(toTaskView) }),
  );

  app.post(
    '/recalls/:id/tasks/:taskId/done',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary:
          'Record a task done; for a platform: who was told, when, through which channel, their reference and guidance',
        params: z.strictObject({ id: z.uuid(), taskId: z.uuid() }),
        body: z
          .strictObject({
            toldAt: When.optional(),
            contact: Text(200).optional(),
            channel: Text(100).optional(),
            reference: Text(200).optional(),
            guidance: Text(2000).optional(),
            note: Text(1000).optional(),
          })
          .default({}),
        response: { 200: TaskView, ...Errors },
      },
    },
    async (req) => {
      const { toldAt, ...rest } = req.body;
      const t = await duties.completeTask(actorOf(req), req.params.id, req.params.taskId, {
        ...rest,
        ...(toldAt ? { toldAt: toldAt.toISOString() } : {}),
      });
      return toTaskView(t);
    },
  );

  app.get(
    '/recalls/:id/reports',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary:
          "The reports the regulator is owed (recall plan, seller's report, serious-harm report, summary) with their due times; figures UNCERTAIN",
        params: IdParams,
        response: { 200: z.object({ items: z.array(ReportView) }), ...Errors },
      },
    },
    async (req) => ({ items: (await duties.reports(actorOf(req), req.params.id)).map(toReportView) }),
  );

  app.post(
    '/recalls/:id/reports/:key/filed',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary:
          'Record a report as filed with the regulator (when, which office, their reference). 409 when already recorded',
        params: z.strictObject({ id: z.uuid(), key: z.enum(REPORT_KEYS) }),
        body: z
          .strictObject({
            filedAt: When.optional(),
            authority: Text(200).optional(),
            reference: Text(200).optional(),
            note: Text(1000).optional(),
          })
          .default({}),
        response: { 200: z.object({ items: z.array(ReportView) }), ...Errors },
      },
    },
    async (req) => {
      const { filedAt, ...rest } = req.body;
      const items = await duties.fileReport(actorOf(req), req.params.id, req.params.key, {
        ...rest,
        ...(filedAt ? { filedAt: filedAt.toISOString() } : {}),
      });
      return { items: items.map(toReportView) };
    },
  );
};
