import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { shops, tenantCounters, users } from '../db/schema/accounts.js';
import {
  slaCalendars,
  slaHolidayYears,
  slaNotifications,
  slaPeakEvents,
  slaPolicies,
  ticketSla,
} from '../db/schema/sla.js';
import { customers, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { TimelineEvent } from './clock.js';

export type PolicyRow = typeof slaPolicies.$inferSelect;
export type CalendarRow = typeof slaCalendars.$inferSelect;
export type PeakEventRow = typeof slaPeakEvents.$inferSelect;
export type TicketSlaRow = typeof ticketSla.$inferSelect;
export type NotificationRow = typeof slaNotifications.$inferSelect;
type New<T extends { $inferInsert: unknown }> = Omit<T['$inferInsert'], 'tenantId'>;

// Policies
export const listPolicies = (scope: TenantScope) =>
  scope.select(slaPolicies, [], {
    orderBy: [asc(slaPolicies.priority), asc(slaPolicies.createdAt)],
    limit: 500,
  });
export const findPolicy = (scope: TenantScope, id: string) =>
  scope.first(slaPolicies, eq(slaPolicies.id, id));
export const insertPolicies = (scope: TenantScope, rows: New<typeof slaPolicies>[]) =>
  scope.insert(slaPolicies, rows);
export const updatePolicy = async (scope: TenantScope, id: string, set: Partial<New<typeof slaPolicies>>) =>
  (await scope.update(slaPolicies, set, eq(slaPolicies.id, id)))[0];
export const deletePolicy = async (scope: TenantScope, id: string) =>
  (await scope.delete(slaPolicies, eq(slaPolicies.id, id)))[0];

/** True once per tenant: the caller seeds the default policies (concurrent first cases seed once). */
export async function claimDefaultSeeding(scope: TenantScope): Promise<boolean> {
  const rows = await scope.db
    .insert(tenantCounters)
    .values({ tenantId: scope.tenantId, name: 'sla_defaults', value: 1 })
    .onConflictDoNothing()
    .returning({ value: tenantCounters.value });
  return rows.length > 0;
}

// Calendars
export const listCalendars = (scope: TenantScope) =>
  scope.select(slaCalendars, [], { orderBy: [asc(slaCalendars.createdAt)], limit: 500 });
export const findCalendar = (scope: TenantScope, id: string) =>
  scope.first(slaCalendars, eq(slaCalendars.id, id));
export const insertCalendar = async (scope: TenantScope, row: New<typeof slaCalendars>) =>
  (await scope.insert(slaCalendars, row))[0]!;
export const updateCalendar = async (
  scope: TenantScope,
  id: string,
  set: Partial<New<typeof slaCalendars>>,
) => (await scope.update(slaCalendars, set, eq(slaCalendars.id, id)))[0];
export const deleteCalendar = async (scope: TenantScope, id: string) =>
  (await scope.delete(slaCalendars, eq(slaCalendars.id, id)))[0];
export const calendarsOfShop = (scope: TenantScope, shopId: string | null) =>
  scope.select(slaCalendars, [shopId ? eq(slaCalendars.shopId, shopId) : isNull(slaCalendars.shopId)]);

// Peak events
export const listPeakEvents = (scope: TenantScope, endingAfter?: Date) =>
  scope.select(slaPeakEvents, [endingAfter ? gt(slaPeakEvents.endsAt, endingAfter) : undefined], {
    orderBy: [asc(slaPeakEvents.startsAt)],
    limit: 500,
  });
export const findPeakEvent = (scope: TenantScope, id: string) =>
  scope.first(slaPeakEvents, eq(slaPeakEvents.id, id));
export const insertPeakEvent = async (scope: TenantScope, row: New<typeof slaPeakEvents>) =>
  (await scope.insert(slaPeakEvents, row))[0]!;
export const updatePeakEvent = async (
  scope: TenantScope,
  id: string,
  set: Partial<New<typeof slaPeakEvents>>,
) => (await scope.update(slaPeakEvents, set, eq(slaPeakEvents.id, id)))[0];
export const deletePeakEvent = async (scope: TenantScope, id: string) =>
  (await scope.delete(slaPeakEvents, eq(slaPeakEvents.id, id)))[0];

// The clock of a case
export const findTicketSla = (scope: TenantScope, ticketId: string) =>
  scope.first(ticketSla, eq(ticketSla.ticketId, ticketId));

/** Writes the clocks of many cases in one statement (insert, or replace what was there). */
export async function saveTicketSlas(scope: TenantScope, rows: New<typeof ticketSla>[]) {
  await scope.insertEach(ticketSla, rows, {
    onConflict: { target: [ticketSla.tenantId, ticketSla.ticketId], action: 'replace' },
    returning: false,
  });
}

export type DueTimes = {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaDueAt: Date | null;
  slaState: string;
  /** The first human response the buyer had (delivered): derived from the clock, never from a queued reply. */
  firstRespondedAt: Date | null;
};

/** The due times shown on each ticket (the inbox sorts by them): one statement for all. */
export const writeTicketDueTimes = (scope: TenantScope, rows: { id: string; set: DueTimes }[]) =>
  scope.updateEach(tickets, rows);

export type CaseClock = {
  severity: string;
  kind: string;
  timeline: TimelineEvent[] | null;
  alerts: string[];
};

/**
 * What the clock needs of each case, in one round trip: its current severity and kind (triage may
 * have raised them in this transaction) and its clock so far.
 */
export async function loadCaseClocks(
  scope: TenantScope,
  ticketIds: string[],
): Promise<Map<string, CaseClock>> {
  const rows = await scope.db
    .select({
      id: tickets.id,
      severity: tickets.severity,
      kind: tickets.kind,
      timeline: ticketSla.timeline,
      alerts: ticketSla.alerts,
    })
    .from(tickets)
    .leftJoin(ticketSla, and(eq(ticketSla.tenantId, tickets.tenantId), eq(ticketSla.ticketId, tickets.id)))
    .where(and(eq(tickets.tenantId, scope.tenantId), inArray(tickets.id, ticketIds)));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        severity: row.severity,
        kind: row.kind,
        timeline:
          typeof row.timeline === 'string'
            ? (JSON.parse(row.timeline) as TimelineEvent[])
            : ((row.timeline as TimelineEvent[] | null) ?? null),
        alerts: row.alerts ?? [],
      },
    ]),
  );
}

/** The time zone of a shop (or of the tenant when the case has no shop). */
export async function zoneOf(scope: TenantScope, shopId: string | null) {
  const result = await scope.db.execute(sql`
    select (select timezone from shops where tenant_id = ${scope.tenantId} and id = ${shopId}::uuid) as shop_zone,
           (select timezone from tenants where tenant_id = ${scope.tenantId}) as tenant_zone`);
  const row = (result as unknown as { rows: { shop_zone: string | null; tenant_zone: string | null }[] })
    .rows[0];
  return row?.shop_zone ?? row?.tenant_zone ?? 'Asia/Shanghai';
}

/** The language of each buyer (customer id → locale). */
export async function customerLocales(scope: TenantScope, customerIds: string[]) {
  if (!customerIds.length) return new Map<string, string>();
  const rows = await scope.db
    .select({ id: customers.id, locale: customers.locale })
    .from(customers)
    .where(and(eq(customers.tenantId, scope.tenantId), inArray(customers.id, customerIds)));
  return new Map(rows.map((r) => [r.id, r.locale]));
}

// Supervisor view: open cases whose earliest due time falls before `until` (the inbox index).
export async function listDueBefore(scope: TenantScope, until: Date, limit: number) {
  return scope.db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      channel: tickets.channel,
      kind: tickets.kind,
      severity: tickets.severity,
      status: tickets.status,
      shopId: tickets.shopId,
      assigneeId: tickets.assigneeId,
      assigneeName: users.name,
      slaDueAt: tickets.slaDueAt,
      slaState: tickets.slaState,
    })
    .from(tickets)
    .leftJoin(users, and(eq(users.tenantId, tickets.tenantId), eq(users.id, tickets.assigneeId)))
    .where(
      scope.where(
        tickets,
        ne(tickets.status, 'closed'),
        lte(sql`coalesce(sla_due_at, 'infinity'::timestamptz)`, until),
      ),
    )
    .orderBy(sql`coalesce(sla_due_at, 'infinity'::timestamptz)`, tickets.id)
    .limit(limit);
}

// Holiday years uploaded by an admin
export type HolidayYearRow = typeof slaHolidayYears.$inferSelect;
export const listHolidayYears = (scope: TenantScope) =>
  scope.select(slaHolidayYears, [], { orderBy: [asc(slaHolidayYears.year)] });

export async function upsertHolidayYears(scope: TenantScope, rows: New<typeof slaHolidayYears>[]) {
  return scope.insertEach(slaHolidayYears, rows, {
    onConflict: { target: [slaHolidayYears.tenantId, slaHolidayYears.year], action: 'replace' },
  });
}

export const deleteHolidayYear = (scope: TenantScope, year: number) =>
  scope.delete(slaHolidayYears, eq(slaHolidayYears.year, year));

// Notifications
const visibleTo = (userId: string | null, isSupervisor: boolean) => {
  const mine = userId ? eq(slaNotifications.userId, userId) : undefined;
  return (isSupervisor ? or(mine, eq(slaNotifications.audience, 'supervisor')) : mine) ?? sql`false`;
};

export async function listNotifications(
  scope: TenantScope,
  userId: string | null,
  isSupervisor: boolean,
  unreadOnly: boolean,
  limit: number,
) {
  // The shop each one is about (a case's shop, or the shop of a surge): a merchant with several
  // shops must see which one without opening it.
  const shopId = sql`coalesce(${tickets.shopId}, case when ${slaNotifications.params}->>'shopId' ~* ${UUID_RE}
    then (${slaNotifications.params}->>'shopId')::uuid end)`;
  const rows = await scope.db
    .select({ n: slaNotifications, shopName: shops.name, shopPlatform: shops.platform })
    .from(slaNotifications)
    .leftJoin(
      tickets,
      and(eq(tickets.tenantId, slaNotifications.tenantId), eq(tickets.id, slaNotifications.ticketId)),
    )
    .leftJoin(shops, and(eq(shops.tenantId, slaNotifications.tenantId), sql`${shops.id} = ${shopId}`))
    .where(
      scope.where(
        slaNotifications,
        visibleTo(userId, isSupervisor),
        unreadOnly ? isNull(slaNotifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(slaNotifications.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.n, shopName: r.shopName, shopPlatform: r.shopPlatform }));
}

const UUID_RE = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

export async function markNotificationsRead(
  scope: TenantScope,
  ids: string[] | 'all',
  at: Date,
  userId: string | null,
  isSupervisor: boolean,
) {
  const rows = await scope.update(
    slaNotifications,
    { readAt: at },
    isNull(slaNotifications.readAt),
    visibleTo(userId, isSupervisor),
    ids === 'all' ? undefined : sql`${slaNotifications.id} = any(${sql.param(ids)}::uuid[])`,
  );
  return rows.length;
}

export async function insertNotifications(scope: TenantScope, rows: New<typeof slaNotifications>[]) {
  if (!rows.length) return 0;
  const inserted = await scope.db
    .insert(slaNotifications)
    .values(rows.map((r) => ({ ...r, tenantId: scope.tenantId })))
    .onConflictDoNothing()
    .returning({ id: slaNotifications.id });
  return inserted.length;
}

export async function findUser(scope: TenantScope, id: string) {
  return scope.first(users, eq(users.id, id));
}
