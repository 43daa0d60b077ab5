import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorResponses, IdParams, PageQuery } from '../http/schemas.js';
import { deliveryOfOutbox } from '../ingest/delivery-state.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { DeliveryView } from '../tickets/ticket-views.js';
import { TASK_TITLES } from './execution.js';
import type { TaskKind } from './execution-plan.js';
import type { TaskCursor, TaskRow } from './playbooks-repo.js';
import type { TaskService } from './task-service.js';

export const TaskView = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.number().optional(),
  ticketSubject: z.string().optional(),
  offerId: z.uuid().nullable(),
  kind: z.string(),
  title: z.string(),
  titleEn: z.string(),
  status: z.enum(['open', 'pending_outbox', 'queued', 'done', 'cancelled']),
  assigneeId: z.uuid().nullable(),
  dueAt: z.iso.datetime().nullable(),
  overdue: z.boolean(),
  data: z.record(z.string(), z.unknown()),
  completedAt: z.iso.datetime().nullable(),
  completedByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** A platform step (refund, return instruction): its true delivery state; absent for other tasks. */
  delivery: DeliveryView.nullable().optional(),
});

export const toTaskView = (
  t: TaskRow,
  joined: {
    ticketNumber?: number;
    ticketSubject?: string;
    outbox?: { status: 'pending' | 'sent' | 'failed'; lastError: string | null } | null;
  } = {},
  now = new Date(),
): z.infer<typeof TaskView> => ({
  id: t.id,
  ticketId: t.ticketId,
  ...(joined.ticketNumber !== undefined ? { ticketNumber: joined.ticketNumber } : {}),
  ...(joined.ticketSubject !== undefined ? { ticketSubject: joined.ticketSubject } : {}),
  ...(joined.outbox !== undefined
    ? { delivery: joined.outbox ? deliveryOfOutbox(joined.outbox) : null }
    : {}),
  offerId: t.offerId,
  kind: t.kind,
  title: t.title,
  titleEn: TASK_TITLES[t.kind as TaskKind]?.en ?? t.title,
  status: t.status,
  assigneeId: t.assigneeId,
  dueAt: t.dueAt?.toISOString() ?? null,
  overdue: t.status === 'open' && t.dueAt !== null && t.dueAt.getTime() < now.getTime(),
  data: t.data,
  completedAt: t.completedAt?.toISOString() ?? null,
  completedByName: t.completedByName,
  createdAt: t.createdAt.toISOString(),
});

const isTaskCursor = (v: unknown): v is TaskCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as TaskCursor).v === 'string' &&
  ((v as TaskCursor).v === 'infinity' || !Number.isNaN(Date.parse((v as TaskCursor).v))) &&
  typeof (v as TaskCursor).id === 'string' &&
  UUID_PATTERN.test((v as TaskCursor).id);

export const taskRoutes: FastifyPluginAsyncZod<{ tasks: TaskService }> = async (app, { tasks }) => {
  app.get(
    '/tasks',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tasks'],
        summary:
          'Follow-up tasks: mine=true&due=today is “my tasks today” (overdue included); or a case’s tasks',
        querystring: z.strictObject({
          mine: z.enum(['true', 'false']).default('false'),
          due: z.enum(['today', 'all']).default('all'),
          status: z.enum(['open', 'all']).default('open'),
          ticketId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
          cursor: PageQuery.cursor,
        }),
        response: {
          200: z.object({ items: z.array(TaskView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, nextCursor } = await tasks.list(actorOf(req), {
        mine: q.mine === 'true',
        due: q.due,
        openOnly: q.status === 'open',
        ticketId: q.ticketId,
        limit: q.limit,
        cursor: decodeCursor(q.cursor, isTaskCursor),
      });
      return {
        items: rows.map((r) =>
          toTaskView(r.task, {
            ticketNumber: r.ticketNumber,
            ticketSubject: r.ticketSubject,
            outbox: r.outboxStatus ? { status: r.outboxStatus, lastError: r.outboxError } : null,
          }),
        ),
        nextCursor: nextCursor ? encodeCursor(nextCursor) : null,
      };
    },
  );

  app.post(
    '/tickets/:id/tasks',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tasks'],
        summary: 'Add a follow-up task with a due time to a case',
        params: IdParams,
        body: z.strictObject({
          title: z.string().trim().min(1).max(200),
          dueAt: z.coerce.date(),
          assigneeId: z.uuid().optional(),
        }),
        response: { 201: TaskView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toTaskView(await tasks.create(actorOf(req), req.params.id, req.body))),
  );

  app.post(
    '/tasks/:id/complete',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tasks'],
        summary:
          'Complete a task; shipping a replacement needs carrier and trackingNo; the next follow-ups are created',
        params: IdParams,
        body: z
          .strictObject({
            carrier: z.string().trim().min(1).max(60).optional(),
            trackingNo: z
              .string()
              .trim()
              .regex(/^[A-Za-z0-9-]{4,40}$/, 'letters, digits and dashes')
              .optional(),
            note: z.string().trim().min(1).max(1000).optional(),
          })
          .default({}),
        response: { 200: z.object({ task: TaskView, created: z.array(TaskView) }), ...ErrorResponses },
      },
    },
    async (req) => {
      const { task, created } = await tasks.complete(actorOf(req), req.params.id, req.body);
      return { task: toTaskView(task), created: created.map((t) => toTaskView(t)) };
    },
  );
};
