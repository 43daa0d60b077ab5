import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit-repo.js';
import { systemActor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { type EscalationRule, slaNotifications } from '../db/schema/sla.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SlaEngine } from './sla-engine.js';
import type * as repo from './sla-repo.js';
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

type Crossed = {
  ticket_id: string;
  target: 'firstResponse' | 'nextResponse' | 'resolution';
  level: 'warning' | 'breach';
  key: string;
  due_at: string | Date;
  escalation: EscalationRule[];
  assignee_id: string | null;
  severity: string;
  number: number;
};

type NoteJson = {
  id: string;
  kind: repo.NotificationRow['kind'];
  ticket_id: string | null;
  ticket_number: number | null;
  target: string | null;
  audience: repo.NotificationRow['audience'];
  user_id: string | null;
  due_at: string | null;
  params: Record<string, unknown>;
  dedupe_key: string;
  created_at: string;
};

const fromJson = (n: NoteJson): Omit<repo.NotificationRow, 'tenantId'> => ({
  id: n.id,
  kind: n.kind,
  ticketId: n.ticket_id,
  ticketNumber: n.ticket_number,
  target: n.target,
  audience: n.audience,
  userId: n.user_id,
  dueAt: n.due_at ? new Date(n.due_at) : null,
  params: n.params,
  dedupeKey: n.dedupe_key,
  createdAt: new Date(n.created_at),
  readAt: null,
});

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * One set-based pass over a tenant's due clocks: claims up to `batch` rows whose next threshold
 * has passed (index `ticket_sla_next_check`, tenant first), marks every crossed warning/breach as
 * raised and moves `next_check_at` to the next threshold — all in one statement, under
 * `FOR UPDATE SKIP LOCKED`, so parallel sweepers split the work and a retried one raises nothing twice.
 */
async function sweepBatch(scope: TenantScope, now: Date, batch: number) {
  const result = await scope.db.execute(sql`
    with due as (
      select ticket_id, first_warn_at, first_due_at, next_warn_at, next_due_at,
             resolution_warn_at, resolution_due_at, alerts, escalation
      from ticket_sla
      where tenant_id = ${scope.tenantId} and next_check_at <= ${now}
      order by next_check_at
      limit ${batch}
      for update skip locked
    ),
    marks as (
      select d.ticket_id, m.target, m.level, m.at, m.due_at,
             m.target || ':' || m.level || ':' || (extract(epoch from m.due_at) * 1000)::bigint as key
      from due d
      cross join lateral (values
        ('firstResponse', 'warning', d.first_warn_at, d.first_due_at),
        ('firstResponse', 'breach', d.first_due_at, d.first_due_at),
        ('nextResponse', 'warning', d.next_warn_at, d.next_due_at),
        ('nextResponse', 'breach', d.next_due_at, d.next_due_at),
        ('resolution', 'warning', d.resolution_warn_at, d.resolution_due_at),
        ('resolution', 'breach', d.resolution_due_at, d.resolution_due_at)
      ) as m(target, level, at, due_at)
      where m.at is not null and m.due_at is not null
        and not (m.target || ':' || m.level || ':' || (extract(epoch from m.due_at) * 1000)::bigint = any(d.alerts))
    ),
    crossed as (select * from marks where at <= ${now}),
    per_ticket as (
      select d.ticket_id,
             coalesce(array_agg(m.key) filter (where m.at <= ${now}), '{}') as keys,
             coalesce(bool_or(m.level = 'breach' and m.at <= ${now}), false) as breach,
             coalesce(bool_or(m.level = 'warning' and m.at <= ${now}), false) as warning,
             min(m.at) filter (where m.at > ${now}) as next_at
      from due d left join marks m on m.ticket_id = d.ticket_id
      group by d.ticket_id
    ),
    upd as (
      update ticket_sla s
      set alerts = s.alerts || p.keys,
          next_check_at = p.next_at,
          state = case when p.breach or s.state = 'breached' then 'breached'
                       when p.warning then 'warning' else s.state end
      from per_ticket p
      where s.tenant_id = ${scope.tenantId} and s.ticket_id = p.ticket_id
      returning s.ticket_id
    ),
    tk as (
      update tickets t
      set sla_state = case when p.breach or t.sla_state = 'breached' then 'breached' else 'warning' end
      from per_ticket p
      where t.tenant_id = ${scope.tenantId} and t.id = p.ticket_id and (p.breach or p.warning)
        and t.sla_state is distinct from (case when p.breach or t.sla_state = 'breached' then 'breached' else 'warning' end)
      returning t.id
    ),
    notes as (
      -- Assignee first; the supervisors on a breach, or when nobody is assigned. The dedupe key
      -- makes a second (or retried) sweeper insert nothing.
      insert into sla_notifications (tenant_id, id, kind, ticket_id, ticket_number, target, audience,
                                     user_id, due_at, params, dedupe_key, created_at)
      select ${scope.tenantId}, gen_random_uuid(), c.level, c.ticket_id, t.number, c.target, a.audience,
             a.user_id, c.due_at, jsonb_build_object('severity', t.severity),
             c.ticket_id || ':' || c.key || ':' || a.audience, ${now}
      from crossed c
      join tickets t on t.tenant_id = ${scope.tenantId} and t.id = c.ticket_id
      cross join lateral (values ('assignee', t.assignee_id), ('supervisor', null::uuid)) as a(audience, user_id)
      where (a.audience = 'assignee' and t.assignee_id is not null)
         or (a.audience = 'supervisor' and (c.level = 'breach' or t.assignee_id is null))
      on conflict do nothing
      returning id, kind, ticket_id, ticket_number, target, audience, user_id, due_at, params, dedupe_key, created_at
    )
    select (select count(*) from upd)::int as claimed,
           (select coalesce(json_agg(n), '[]'::json) from notes n) as notes,
           (select count(*) from tk)::int as touched,
           coalesce((
             select json_agg(json_build_object(
               'ticket_id', c.ticket_id, 'target', c.target, 'level', c.level, 'key', c.key,
               'due_at', c.due_at, 'escalation', d.escalation, 'assignee_id', t.assignee_id,
               'severity', t.severity, 'number', t.number))
             from crossed c
             join due d on d.ticket_id = c.ticket_id
             join tickets t on t.tenant_id = ${scope.tenantId} and t.id = c.ticket_id
           ), '[]'::json) as crossed
  `);
  const [row] = rowsOf<{ claimed: number; crossed: Crossed[] | string; notes: NoteJson[] | string }>(result);
  const json = <T>(v: T[] | string | undefined): T[] =>
    typeof v === 'string' ? (JSON.parse(v) as T[]) : (v ?? []);
  return {
    claimed: Number(row?.claimed ?? 0),
    crossed: json(row?.crossed),
    notes: json(row?.notes).map(fromJson),
  };
}

const SEVERITY_UP: Record<string, string> = {
  low: 'normal',
  normal: 'high',
  high: 'critical',
  critical: 'critical',
};

export type Sweeper = ReturnType<typeof createSweeper>;

export function createSweeper({
  db,
  clock,
  engine,
  notifiers = [],
  batch = 5000,
}: {
  db: Db;
  clock: Clock;
  engine?: SlaEngine;
  notifiers?: Notifier[];
  batch?: number;
}) {
  async function sweepTenant(tenantId: string, now: Date): Promise<Omit<SweepResult, 'tenants'>> {
    const total = { due: 0, warnings: 0, breaches: 0, notifications: 0, escalations: 0 };
    for (let round = 0; round < 1000; round++) {
      const delivered: repo.NotificationRow[] = [];
      const claimed = await scopeTo(db, tenantId).transaction(async (tx) => {
        const { claimed, crossed, notes } = await sweepBatch(tx, now, batch);
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
        ...(await insertReturning(
          tx,
          extraSupervisor.map((c) => note(c, 'supervisor', null, now)),
        )),
      );
    }
    const raised = [...new Set(raise)];
    const actor = systemActor(tx.tenantId, 'sla escalation');
    if (raised.length) {
      await tx.db.execute(sql`
        update tickets set severity = case severity when 'low' then 'normal' when 'normal' then 'high' else 'critical' end,
                           updated_at = ${now}
        where tenant_id = ${tx.tenantId} and id = any(${sql.param(raised)}::uuid[])`);
    }
    for (const [assigneeId, ids] of reassign) {
      await tx.db.execute(sql`
        update tickets set assignee_id = ${assigneeId}, updated_at = ${now}
        where tenant_id = ${tx.tenantId} and id = any(${sql.param(ids)}::uuid[])`);
    }
    const byTicket = new Map(crossed.map((c) => [c.ticket_id, c]));
    const audits = [
      ...raised.map((id) => ({
        entityType: 'ticket',
        entityId: id,
        action: 'sla_escalated',
        before: { severity: byTicket.get(id)!.severity },
        after: { severity: SEVERITY_UP[byTicket.get(id)!.severity] },
      })),
      ...[...reassign].flatMap(([assigneeId, ids]) =>
        ids.map((id) => ({
          entityType: 'ticket',
          entityId: id,
          action: 'sla_escalated',
          before: { assigneeId: byTicket.get(id)!.assignee_id },
          after: { assigneeId },
        })),
      ),
    ];
    if (audits.length) await recordAudit(tx, actor, audits, now);
    // A raised priority may change the policy (critical runs 24×7): recompute those clocks.
    if (engine) for (const id of raised) await engine.recompute(tx, id, null);
    const escalations = raised.length + [...reassign.values()].reduce((n, ids) => n + ids.length, 0);
    if (escalations) {
      const notes = [
        ...raised.map((id) => ({
          ...note(byTicket.get(id)!, 'supervisor', null, now),
          kind: 'escalation' as const,
          dedupeKey: `${id}:escalated:${byTicket.get(id)!.key}`,
        })),
      ];
      delivered.push(...(await insertReturning(tx, notes)));
    }
    return escalations;
  }

  return {
    /** One sweep over every tenant: raises due warnings and breaches; safe to run on several workers. */
    async sweep(now = clock.now()): Promise<SweepResult> {
      // One round trip finds the tenants with due clocks: an index probe per tenant on
      // ticket_sla_next_check (tenant first), so the global sweep keeps the tenant-first rule.
      const tenants = rowsOf<{ tenant_id: string }>(
        await db.execute(sql`
          select t.tenant_id from tenants t
          where exists (select 1 from ticket_sla s where s.tenant_id = t.tenant_id and s.next_check_at <= ${now})`),
      );
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
      const tenants = rowsOf<{ tenant_id: string }>(await db.execute(sql`select tenant_id from tenants`));
      let alerts = 0;
      for (const { tenant_id } of tenants) {
        const scope = scopeTo(db, tenant_id);
        const inserted = await insertReturning(scope, await detectSurges(scope, now));
        alerts += inserted.length;
        for (const n of notifiers) if (inserted.length) await n.deliver(tenant_id, inserted);
      }
      return alerts;
    },
  };
}

type NewNote = Omit<repo.NotificationRow, 'tenantId' | 'readAt' | 'createdAt'> & { createdAt: Date };

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

async function insertReturning(scope: TenantScope, notes: NewNote[]): Promise<repo.NotificationRow[]> {
  if (!notes.length) return [];
  return (await scope.db
    .insert(slaNotifications)
    .values(notes.map((n) => ({ ...n, tenantId: scope.tenantId })))
    .onConflictDoNothing()
    .returning()) as repo.NotificationRow[];
}

/** The worker loop: sweeps every `intervalMs`, looks for surges every `surgeEveryMs`; returns stop(). */
export function startSlaWorker(
  sweeper: Sweeper,
  { intervalMs = 1000, surgeEveryMs = 5 * 60_000, onError = (_e: unknown) => {} } = {},
) {
  let stopped = false;
  let lastSurge = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      await sweeper.sweep();
      if (Date.now() - lastSurge >= surgeEveryMs) {
        lastSurge = Date.now();
        await sweeper.detectSurges();
      }
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  timer = setTimeout(() => (running = tick()), intervalMs);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
