import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { startIntervalWorker } from '../shared/interval-worker.js';
import type { ReminderStatus } from './dispute-types.js';
import * as repo from './reminder-repo.js';
import {
  disputePending,
  OVERDUE_LOOKBACK_HOURS,
  type PendingDeadline,
  penaltyPending,
  REMINDER_LEADS,
  remindersDue,
  stillPending,
} from './reminder-rules.js';

const HOUR = 3_600_000;

export type ReminderService = ReturnType<typeof createReminderService>;

/**
 * Deadline reminders for disputes and penalties. The worker's sweep raises each stage of each
 * deadline once (the table's unique index decides between workers) and resolves the reminders
 * whose deadline no longer applies (evidence submitted, appeal filed, case closed, date moved):
 * an agent sees what is still due, never a reminder pretending a deadline was met.
 */
export function createReminderService({ db, clock }: { db: Db; clock: Clock }) {
  async function raise(
    tenantId: string,
    subjectType: 'dispute' | 'penalty',
    subjectId: string,
    pending: PendingDeadline[],
    now: Date,
  ): Promise<number> {
    let raised = 0;
    for (const due of remindersDue(pending, now)) {
      const fresh = await repo.raiseOnce(db, tenantId, {
        id: newId(),
        subjectType,
        subjectId,
        deadline: due.deadline,
        dueAt: due.at,
        stage: due.stage,
        raisedAt: now,
      });
      if (fresh) raised++;
    }
    return raised;
  }

  return {
    async sweep(now = clock.now(), limit = 500): Promise<{ raised: number; resolved: number }> {
      const from = new Date(now.getTime() - OVERDUE_LOOKBACK_HOURS * HOUR);
      const to = new Date(now.getTime() + Math.max(...REMINDER_LEADS.map((l) => l.hours)) * HOUR);
      let raised = 0;
      for (const d of await repo.disputesInWindow(db, from, to, limit)) {
        raised += await raise(d.tenantId, 'dispute', d.id, disputePending(d), now);
      }
      for (const p of await repo.penaltiesInWindow(db, from, to, limit)) {
        raised += await raise(p.tenantId, 'penalty', p.id, penaltyPending(p), now);
      }
      const stale = new Map<string, string[]>();
      for (const r of await repo.unresolvedWithSubjects(db, limit)) {
        const pending =
          r.subjectStatus === null
            ? []
            : r.subjectType === 'dispute'
              ? disputePending(r.dispute)
              : penaltyPending(r.penalty);
        if (stillPending(pending, r)) continue;
        stale.set(r.tenantId, [...(stale.get(r.tenantId) ?? []), r.id]);
      }
      let resolved = 0;
      for (const [tenantId, ids] of stale) {
        await repo.resolve(db, tenantId, ids, now);
        resolved += ids.length;
      }
      return { raised, resolved };
    },

    list: (actor: Actor, statuses: ReminderStatus[], limit: number) =>
      repo.listReminders(scopeTo(db, actor.tenantId), statuses, limit),

    async acknowledge(actor: Actor, id: string) {
      const scope = scopeTo(db, actor.tenantId);
      const found = await repo.findReminder(scope, id);
      if (!found) throw new AppError('NOT_FOUND', `reminder ${id} not found`);
      if (found.status !== 'open') return found;
      return (await repo.acknowledge(scope, id, clock.now(), actor.name)) ?? found;
    },
  };
}

/** Runs the sweep every minute (the deadlines are days apart; a minute late is on time). */
export function startReminderWorker(
  reminders: ReminderService,
  { intervalMs = 60_000, onError = (_e: unknown) => {} } = {},
) {
  return startIntervalWorker(() => reminders.sweep(), {
    intervalMs,
    firstAfterMs: Math.min(intervalMs, 5000),
    onError,
  });
}
