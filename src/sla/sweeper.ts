import { systemActor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { startIntervalWorker } from '../shared/interval-worker.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { Severity } from '../tickets/ticket-types.js';
import type * as repo from './sla-repo.js';
import type { Crossed, NewNote } from './sla-sweep-repo.js';
import * as sweepRepo from './sla-sweep-repo.js';
import { detectSurges } from './surge.js';

/** Where notifications go besides the console (e-mail, IM…): called after the sweep commits. */
export type Notifier = { deliver(tenantId: string, notifications: repo.NotificationRow[]): Promise<void> };

export type SweepResult = {
  tenants: number;
  due: number;
  warnings: number;
  breaches: number;
  notifications: number;
  escalations: number;
};

const SEVERITY_UP: Record<Severity, Severity> = {
  low: 'normal',
  normal: 'high',
  high: 'critical',
  critical: 'critical',
};

export type Sweeper = ReturnType<typeof createSweeper>;

export function createSweeper({
  db,
  clock,
  tickets,
  notifiers = [],
  batch = 5000,
}: {
  db: Db;
  clock: Clock;
  /** Escalations are edits to cases: through the ticket service and its pipeline. */
  tickets: TicketService;
  notifiers?: Notifier[];
  batch?: number;
}) {
  async function sweepTenant(tenantId: string, now: Date): Promise<Omit<SweepResult, 'tenants'>> {
    const total = { due: 0, warnings: 0, breaches: 0, notifications: 0, escalations: 0 };
    for (let round = 0; round < 1000; round++) {
      const delivered: repo.NotificationRow[] = [];
      const claimed = await scopeTo(db, tenantId).transaction(async (tx) => {
        const { claimed, crossed, notes } = await sweepRepo.sweepBatch(tx, now, batch);
        if (!crossed.length) return claimed;
        total.warnings += crossed.filter((c) => c.level === 'warning').length;
        total.breaches += crossed.filter((c) => c.level === 'breach').length;
        const inserted = notes.map((n) => ({ ...n, tenantId }));
        delivered.push(...inserted);
        total.notifications += inserted.length;
        total.escalations += await escalate(tx, crossed, now, delivered);
        return claimed;
      });
      total.due += claimed;
      for (const n of notifiers) if (delivered.length) await n.deliver(tenantId, delivered);
      if (claimed < batch) break;
    }
    return total;
  }

  async function escalate(tx: TenantScope, crossed: Crossed[], now: Date, delivered: repo.NotificationRow[]) {
    const raise: string[] = [];
    const reassign = new Map<string, string[]>();
    const extraSupervisor: Crossed[] = [];
    for (const c of crossed) {
      for (const rule of c.escalation ?? []) {
        if (rule.on !== c.level || (rule.target && rule.target !== c.target)) continue;
        if (rule.action === 'raise_priority' && c.severity !== 'critical') raise.push(c.ticket_id);
        if (rule.action === 'reassign' && rule.assigneeId && rule.assigneeId !== c.assignee_id) {
          reassign.set(rule.assigneeId, [...(reassign.get(rule.assigneeId) ?? []), c.ticket_id]);
        }
        if (rule.action === 'notify_supervisor' && c.level === 'warning' && c.assignee_id)
          extraSupervisor.push(c);
      }
    }
    if (extraSupervisor.length) {
      delivered.push(
        ...(await sweepRepo.insertNotificationsReturning(
          tx,
          extraSupervisor.map((c) => note(c, 'supervisor', null, now)),
        )),
      );
    }
    const raised = [...new Set(raise)];
    const byTicket = new Map(crossed.map((c) => [c.ticket_id, c]));
    // Through the ticket service like any edit: audited, and the pipeline's SLA step recomputes the
    // clocks of a raised priority (critical runs 24×7), search and the other steps see the change.
    const edits = new Map<string, { severity?: boolean; assigneeId?: string }>();
    for (const id of raised) edits.set(id, { severity: true });
    for (const [assigneeId, ids] of reassign)
      for (const id of ids) edits.set(id, { ...edits.get(id), assigneeId });
    await tickets.within(tx).updateMany(
      systemActor(tx.tenantId, 'sla escalation'),
      [...edits].map(([id, edit]) => ({
        id,
        action: 'sla_escalated',
        patch: (current) => ({
          ...(edit.severity ? { severity: SEVERITY_UP[current.severity] } : {}),
          ...(edit.assigneeId ? { assigneeId: edit.assigneeId } : {}),
        }),
      })),
    );
    const escalations = raised.length + [...reassign.values()].reduce((n, ids) => n + ids.length, 0);
    if (escalations) {
      const notes = [
        ...raised.map((id) => ({
          ...note(byTicket.get(id)!, 'supervisor', null, now),
          kind: 'escalation' as const,
          dedupeKey: `${id}:escalated:${byTicket.get(id)!.key}`,
        })),
      ];
      delivered.push(...(await sweepRepo.insertNotificationsReturning(tx, notes)));
    }
    return escalations;
  }

  return {
    /** One sweep over every tenant: raises due warnings and breaches; safe to run on several workers. */
    async sweep(now = clock.now()): Promise<SweepResult> {
      // One round trip finds the tenants with due clocks: an index probe per tenant on
      // ticket_sla_next_check (tenant first), so the global sweep keeps the tenant-first rule.
      const tenants = await sweepRepo.tenantsWithDueClocks(db, now);
      const total: SweepResult = {
        tenants: tenants.length,
        due: 0,
        warnings: 0,
        breaches: 0,
        notifications: 0,
        escalations: 0,
      };
      for (const { tenant_id } of tenants) {
        const r = await sweepTenant(tenant_id, now);
        total.due += r.due;
        total.warnings += r.warnings;
        total.breaches += r.breaches;
        total.notifications += r.notifications;
        total.escalations += r.escalations;
      }
      return total;
    },
    sweepTenant,
    /** Surge alerts for every tenant (inbound rate against its usual level per shop and hour of week). */
    async detectSurges(now = clock.now()) {
      const tenants = await sweepRepo.allTenants(db);
      let alerts = 0;
      for (const { tenant_id } of tenants) {
        const scope = scopeTo(db, tenant_id);
        const inserted = await sweepRepo.insertNotificationsReturning(scope, await detectSurges(scope, now));
        alerts += inserted.length;
        for (const n of notifiers) if (inserted.length) await n.deliver(tenant_id, inserted);
      }
      return alerts;
    },
  };
}

function note(c: Crossed, audience: 'assignee' | 'supervisor', userId: string | null, now: Date): NewNote {
  return {
    id: newId(),
    kind: c.level,
    ticketId: c.ticket_id,
    ticketNumber: c.number,
    target: c.target,
    audience,
    userId,
    dueAt: new Date(c.due_at),
    params: { severity: c.severity },
    dedupeKey: `${c.ticket_id}:${c.key}:${audience}`,
    createdAt: now,
  };
}

/**
 * The worker loop: sweeps every `intervalMs` and, in the same run, looks for surges when `surgeEveryMs`
 * has passed since the last look (at once on the first run); returns stop().
 */
export function startSlaWorker(
  sweeper: Pick<Sweeper, 'sweep' | 'detectSurges'>,
  { intervalMs = 1000, surgeEveryMs = 5 * 60_000, onError = (_e: unknown) => {} } = {},
) {
  let lastSurge = Number.NEGATIVE_INFINITY;
  return startIntervalWorker(
    async () => {
      await sweeper.sweep();
      if (Date.now() - lastSurge >= surgeEveryMs) {
        lastSurge = Date.now();
        await sweeper.detectSurges();
      }
    },
    { intervalMs, onError },
  );
}
