import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { REMINDER_DEADLINES, REMINDER_STAGES, REMINDER_STATUSES } from './dispute-types.js';
import type { ReminderRow } from './reminder-repo.js';
import type { ReminderService } from './reminder-service.js';

const ReminderView = z.object({
  id: z.uuid(),
  subjectType: z.enum(['dispute', 'penalty']),
  subjectId: z.uuid(),
  deadline: z.enum(REMINDER_DEADLINES),
  dueAt: z.date(),
  stage: z.enum(REMINDER_STAGES),
  status: z.enum(REMINDER_STATUSES),
  raisedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedByName: z.string().nullable(),
  resolvedAt: z.date().nullable(),
});

const toView = (r: ReminderRow): z.infer<typeof ReminderView> => ({
  id: r.id,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  deadline: r.deadline,
  dueAt: r.dueAt,
  stage: r.stage,
  status: r.status,
  raisedAt: r.raisedAt,
  acknowledgedAt: r.acknowledgedAt,
  acknowledgedByName: r.acknowledgedByName,
  resolvedAt: r.resolvedAt,
});

export const reminderRoutes: FastifyPluginAsyncZod<{ reminders: ReminderService }> = async (
  app,
  { reminders },
) => {
  app.get(
    '/deadline-reminders',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        summary: 'Reminders raised before disputes’ and penalties’ deadlines, nearest deadline first',
        querystring: z.strictObject({
          status: z.enum([...REMINDER_STATUSES, 'active']).default('active'),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
        response: { 200: z.object({ items: z.array(ReminderView) }), ...ErrorResponses },
      },
    },
    async (req) => {
      const statuses =
        req.query.status === 'active' ? (['open', 'acknowledged'] as const) : [req.query.status];
      return { items: (await reminders.list(actorOf(req), [...statuses], req.query.limit)).map(toView) };
    },
  );

  app.post(
    '/deadline-reminders/:id/acknowledge',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['disputes'],
        summary: 'An agent has seen the reminder (it stays listed until its deadline no longer applies)',
        params: IdParams,
        response: { 200: ReminderView, ...ErrorResponses },
      },
    },
    async (req) => toView(await reminders.acknowledge(actorOf(req), req.params.id)),
  );
};
