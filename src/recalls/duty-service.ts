import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { recallClock } from './legal-clocks.js';
import * as repo from './recall-repo.js';
import type { RecallService } from './recall-service.js';
import { type ReportKey, regulatorReports, reportState } from './regulator-reports.js';

/** The reports owed, each with its due time, its state now and the filing when recorded. */
export function reportsOf(r: repo.RecallRow, tasks: repo.TaskRow[], now: Date) {
  const clockNow = recallClock(r.hazardLevel, r.learnedAt, r.announcedAt, r.clockOverride);
  const deadlines = regulatorReports({
    level: r.hazardLevel,
    role: r.role,
    seriousHarm: r.seriousHarm,
    learnedAt: r.learnedAt,
    announcedAt: r.announcedAt,
    completedAt: r.closingAt ?? r.closedAt,
    completeBy: clockNow.completeBy,
  });
  return deadlines.map((d) => {
    const filed = tasks.find((t) => t.kind === 'regulator_report' && t.reportKey === d.key);
    const filedAt = filed?.doneAt ?? null;
    return {
      ...d,
      // A cancelled campaign owes nothing more; what was filed stays on record.
      state: r.status === 'cancelled' && !filedAt ? ('waiting' as const) : reportState(d, filedAt, now),
      filedAt,
      filedByName: filed?.doneByName ?? null,
      filing: filed?.data ?? null,
    };
  });
}

export type DutyService = ReturnType<typeof createDutyService>;

/**
 * The campaign's duties with a record: stop selling per shop, telling each platform, and the
 * reports the regulator is owed (due times from regulator-reports.ts; a report is a task row once filed).
 */
export function createDutyService({ db, clock, recalls }: { db: Db; clock: Clock; recalls: RecallService }) {
  const audit = (scope: TenantScope, actor: Actor, id: string, action: string, after: object) =>
    recordAudit(
      scope,
      actor,
      [
        {
          entityType: 'recall',
          entityId: id,
          action,
          before: null,
          after: after as Record<string, unknown>,
        },
      ],
      clock.now(),
    );

  return {
    async tasks(actor: Actor, id: string) {
      await recalls.mustFind(actor, id);
      return repo.listTasks(scopeTo(db, actor.tenantId), id);
    },

    /** Marks a task done; a platform notice records who was told, when, how, their reference and guidance. */
    async completeTask(actor: Actor, id: string, taskId: string, data: Record<string, unknown>) {
      return scopeTo(db, actor.tenantId).transaction(async (tx) => {
        const r = await repo.lockRecall(tx, id);
        if (!r) throw new AppError('RECALL_NOT_FOUND', `recall ${id} not found`);
        const task = await repo.findTask(tx, id, taskId);
        if (!task) throw new AppError('RECALL_TASK_NOT_FOUND', `task ${taskId} not found`);
        if (task.status === 'done') throw new AppError('CONFLICT', 'this task is already done');
        const updated = await repo.updateTask(tx, taskId, {
          status: 'done',
          data: { ...task.data, ...data },
          doneAt: clock.now(),
          doneByName: actor.name,
        });
        await audit(tx, actor, id, `recall_${task.kind}_done`, {
          taskId,
          shopId: task.shopId,
          platform: task.platform,
          ...data,
        });
        return updated;
      });
    },

    async reports(actor: Actor, id: string) {
      const scope = scopeTo(db, actor.tenantId);
      const r = await recalls.mustFind(actor, id);
      return reportsOf(r, await repo.listTasks(scope, id), clock.now());
    },

    /** Records a report as filed with the regulator: when, to whom, their reference. Once per report. */
    async fileReport(actor: Actor, id: string, key: ReportKey, data: Record<string, unknown>) {
      const now = clock.now();
      await scopeTo(db, actor.tenantId).transaction(async (tx) => {
        const r = await repo.lockRecall(tx, id);
        if (!r) throw new AppError('RECALL_NOT_FOUND', `recall ${id} not found`);
        const owed = reportsOf(r, await repo.listTasks(tx, id), now).find((d) => d.key === key);
        if (!owed) {
          throw new AppError(
            'UNPROCESSABLE',
            `this campaign owes no ${key} report (its role or hazard level)`,
          );
        }
        if (owed.filedAt) throw new AppError('CONFLICT', `the ${key} report is already recorded as filed`);
        await repo.insertTasks(tx, [
          {
            id: newId(),
            recallId: id,
            kind: 'regulator_report',
            reportKey: key,
            status: 'done',
            data,
            doneAt: now,
            doneByName: actor.name,
            createdAt: now,
          },
        ]);
        await audit(tx, actor, id, 'recall_regulator_report_filed', { report: key, ...data });
      });
      return this.reports(actor, id);
    },
  };
}
