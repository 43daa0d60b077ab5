import { DateTime } from 'luxon';
import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { checkReferences } from '../tickets/references.js';
import { loadCase } from './case-values.js';
import { createSteps } from './execution.js';
import { afterTaskDone, NEEDS_TRACKING, type PlannedStep } from './execution-plan.js';
import * as repo from './playbooks-repo.js';

export type TaskQuery = {
  mine?: boolean | undefined;
  ticketId?: string | undefined;
  due?: 'today' | 'all' | undefined;
  openOnly?: boolean | undefined;
  limit: number;
  cursor?: repo.TaskCursor | null | undefined;
};

export type TaskService = ReturnType<typeof createTaskService>;

export function createTaskService({ db, clock }: { db: Db; clock: Clock }) {
  const base = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustTask(scope: TenantScope, id: string, lock = false) {
    const task = lock ? await repo.lockTask(scope, id) : await repo.findTask(scope, id);
    if (!task) throw new AppError('TASK_NOT_FOUND', `task ${id} not found`);
    return task;
  }

  return {
    /** "My tasks today": open tasks due by the end of today in the tenant's zone, overdue first. */
    async list(actor: Actor, q: TaskQuery) {
      const scope = base(actor);
      if (q.ticketId && !(await loadCase(scope, q.ticketId))) {
        throw new AppError('TICKET_NOT_FOUND', `ticket ${q.ticketId} not found`);
      }
      let dueBefore: Date | undefined;
      if (q.due === 'today') {
        const tz = await repo.tenantTimezone(scope);
        dueBefore = DateTime.fromJSDate(clock.now(), { zone: tz }).endOf('day').toJSDate();
      }
      return repo.listTasks(
        scope,
        {
          ticketId: q.ticketId,
          assigneeId: q.mine ? (actor.id ?? undefined) : undefined,
          openOnly: q.openOnly,
          dueBefore,
        },
        q.limit,
        q.cursor ?? null,
      );
    },

    /** Adds a follow-up task to a case by hand. */
    async create(
      actor: Actor,
      ticketId: string,
      input: { title: string; dueAt: Date; assigneeId?: string | undefined },
    ) {
      const scope = base(actor);
      const c = await loadCase(scope, ticketId);
      if (!c) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
      // A task is never handed to someone outside the tenant (or no one at all).
      await checkReferences(scope, [{ assigneeId: input.assigneeId }]);
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const [task] = await createSteps(
          tx,
          actor,
          {
            ticketId,
            shopId: c.ticket.shopId,
            offerId: null,
            assigneeId: input.assigneeId ?? c.ticket.assigneeId ?? actor.id,
          },
          [{ kind: 'follow_up', via: 'task', dueAt: input.dueAt, data: { note: input.title } }],
          now,
        );
        const row = await repo.updateTask(tx, task!.id, { title: input.title });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'ticket',
              entityId: ticketId,
              action: 'task_created',
              after: { taskId: row.id, title: row.title, dueAt: input.dueAt.toISOString() },
            },
          ],
          now,
        );
        return row;
      });
    },

    /** Completes a task; a shipment needs its carrier and tracking number, and sets the next steps going. */
    async complete(
      actor: Actor,
      id: string,
      outcome: { carrier?: string | undefined; trackingNo?: string | undefined; note?: string | undefined },
    ) {
      const scope = base(actor);
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const task = await mustTask(tx, id, true);
        if (task.status !== 'open' && task.status !== 'pending_outbox') {
          throw new AppError('ILLEGAL_TRANSITION', `this task is already ${task.status}`);
        }
        if (NEEDS_TRACKING.has(task.kind) && (!outcome.carrier || !outcome.trackingNo)) {
          throw new AppError(
            'VALIDATION_FAILED',
            'shipping a replacement needs the carrier and the tracking number',
          );
        }
        const done = await repo.updateTask(tx, id, {
          status: 'done',
          completedAt: now,
          completedByName: actor.name,
          data: {
            ...task.data,
            ...(outcome.carrier ? { carrier: outcome.carrier } : {}),
            ...(outcome.trackingNo ? { trackingNo: outcome.trackingNo } : {}),
            ...(outcome.note ? { note: outcome.note } : {}),
          },
          updatedAt: now,
        });
        const c = await loadCase(tx, task.ticketId);
        const next: PlannedStep[] = afterTaskDone(task, outcome, now);
        const created = await createSteps(
          tx,
          actor,
          {
            ticketId: task.ticketId,
            shopId: c?.ticket.shopId ?? null,
            offerId: task.offerId,
            assigneeId: task.assigneeId ?? c?.ticket.assigneeId ?? actor.id,
          },
          next,
          now,
        );
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'ticket',
              entityId: task.ticketId,
              action: 'task_completed',
              after: {
                taskId: id,
                kind: task.kind,
                ...(outcome.carrier ? { carrier: outcome.carrier, trackingNo: outcome.trackingNo } : {}),
                next: created.map((t) => t.kind),
              },
            },
          ],
          now,
        );
        return { task: done, created };
      });
    },
  };
}
