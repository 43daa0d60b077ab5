import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type EscalationRule, slaNotifications } from '../db/schema/sla.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { NotificationRow } from './sla-repo.js';

/** The SLA sweeper's and surge detector's statements (the rules that use them: sweeper.ts, surge.ts). */

export type Crossed = {
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
  kind: NotificationRow['kind'];
  ticket_id: string | null;
  ticket_number: number | null;
  target: string | null;
  audience: NotificationRow['audience'];
  user_id: string | null;
  due_at: string | null;
  params: Record<string, unknown>;
  dedupe_key: string;
  created_at: string;
};

const fromJson = (n: NoteJson): Omit<NotificationRow, 'tenantId'> => ({
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
 * raised (which moves the generated `next_check_at` to the next threshold) — all in one statement, under
 * `FOR UPDATE SKIP LOCKED`, so parallel sweepers split the work and a retried one raises nothing twice.
 */
export async function sweepBatch(scope: TenantScope, now: Date, batch: number) {
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
      -- The thresholds not yet raised, keyed by sla_alert_key (drizzle/0021_sla_alert_key.sql), the
      -- same key and rule sla_next_check derives ticket_sla.next_check_at from.
      select d.ticket_id, m.target, m.level, m.at, m.due_at, sla_alert_key(m.target, m.level, m.due_at) as key
      from due d
      cross join lateral (values
        ('firstResponse', 'warning', d.first_warn_at, d.first_due_at),
        ('firstResponse', 'breach', d.first_due_at, d.first_due_at),
        ('nextResponse', 'warning', d.next_warn_at, d.next_due_at),
        ('nextResponse', 'breach', d.next_due_at, d.next_due_at),
        ('resolution', 'warning', d.resolution_warn_at, d.resolution_due_at),
        ('resolution', 'breach', d.resolution_due_at, d.resolution_due_at)
      ) as m(target, level, at, due_at)
      where m.due_at is not null and (m.level = 'breach' or m.at < m.due_at)
        and not (sla_alert_key(m.target, m.level, m.due_at) = any(d.alerts))
    ),
    crossed as (select * from marks where at <= ${now}),
    per_ticket as (
      select d.ticket_id,
             coalesce(array_agg(m.key) filter (where m.at <= ${now}), '{}') as keys,
             coalesce(bool_or(m.level = 'breach' and m.at <= ${now}), false) as breach,
             coalesce(bool_or(m.level = 'warning' and m.at <= ${now}), false) as warning
      from due d left join marks m on m.ticket_id = d.ticket_id
      group by d.ticket_id
    ),
    upd as (
      update ticket_sla s
      -- next_check_at follows from the alerts (a generated column): the next threshold not raised.
      set alerts = s.alerts || p.keys,
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

export type NewNote = Omit<NotificationRow, 'tenantId' | 'readAt' | 'createdAt'> & { createdAt: Date };

export async function insertNotificationsReturning(
  scope: TenantScope,
  notes: NewNote[],
): Promise<NotificationRow[]> {
  if (!notes.length) return [];
  return (await scope.db
    .insert(slaNotifications)
    .values(notes.map((n) => ({ ...n, tenantId: scope.tenantId })))
    .onConflictDoNothing()
    .returning()) as NotificationRow[];
}

/** The tenants with a clock due by `now`: an index probe per tenant on ticket_sla_next_check (tenant first). */
export const tenantsWithDueClocks = async (db: Db, now: Date) =>
  rowsOf<{ tenant_id: string }>(
    await db.execute(sql`
      select t.tenant_id from tenants t
      where exists (select 1 from ticket_sla s where s.tenant_id = t.tenant_id and s.next_check_at <= ${now})`),
  );

export const allTenants = async (db: Db) =>
  rowsOf<{ tenant_id: string }>(await db.execute(sql`select tenant_id from tenants`));

/**
 * New cases per shop in the hour before `now`, and the mean over the same hour of the previous
 * `weeks` weeks (every window is a range on the (tenant_id, created_at) index).
 */
export async function surgeCounts(scope: TenantScope, now: Date, weeks: number) {
  const windows = Array.from({ length: weeks }, (_, i) => i + 1)
    .map(
      (w) =>
        sql`(created_at > ${now}::timestamptz - interval '${sql.raw(String(w * 7 * 24 + 1))} hours' and created_at <= ${now}::timestamptz - interval '${sql.raw(String(w * 7 * 24))} hours')`,
    )
    .reduce((a, b) => sql`${a} or ${b}`);
  const result = await scope.db.execute(sql`
    select shop_id,
           count(*) filter (where created_at > ${now}::timestamptz - interval '1 hour')::int as current,
           (count(*) filter (where created_at <= ${now}::timestamptz - interval '1 hour'))::float8 / ${weeks} as usual
    from tickets
    where tenant_id = ${scope.tenantId}
      and ((created_at > ${now}::timestamptz - interval '1 hour' and created_at <= ${now}) or ${windows})
    group by shop_id`);
  return (result as unknown as { rows: { shop_id: string | null; current: number; usual: number }[] }).rows;
}
