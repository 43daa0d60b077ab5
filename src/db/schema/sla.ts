import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Closure, DayOverride, WorkingHours } from '../../sla/calendar.js';
import type { SlaTargets, TimelineEvent } from '../../sla/clock.js';
import { createdAt, tenantId, ts, updatedAt } from './columns.js';

export type PolicyMatch = {
  channels?: string[] | undefined;
  kinds?: string[] | undefined;
  severities?: string[] | undefined;
  shopIds?: string[] | undefined;
};

export type EscalationRule = {
  on: 'warning' | 'breach';
  target?: 'firstResponse' | 'nextResponse' | 'resolution' | undefined;
  action: 'raise_priority' | 'reassign' | 'notify_supervisor';
  /** For reassign: the user who takes the case over. */
  assigneeId?: string | undefined;
};

/** SLA targets by channel, kind, severity and shop; the first enabled match by priority wins. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    priority: integer('priority').notNull().default(100),
    enabled: boolean('enabled').notNull().default(true),
    match: jsonb('match').$type<PolicyMatch>().notNull().default({}),
    targets: jsonb('targets').$type<SlaTargets>().notNull(),
    autoAck: boolean('auto_ack').notNull().default(true),
    escalation: jsonb('escalation').$type<EscalationRule[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('sla_policies_priority').on(t.tenantId, t.priority),
  ],
);

/** Business calendars: the tenant default (shop_id null) or one shop's, optionally for a date range. */
export const slaCalendars = pgTable(
  'sla_calendars',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    shopId: uuid('shop_id'),
    timezone: text('timezone').notNull(),
    hours: jsonb('hours').$type<WorkingHours[]>().notNull(),
    holidays: text('holidays', { enum: ['CN', 'none'] })
      .notNull()
      .default('CN'),
    overrides: jsonb('overrides').$type<DayOverride[]>().notNull().default([]),
    closures: jsonb('closures').$type<Closure[]>().notNull().default([]),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('sla_calendars_shop').on(t.tenantId, t.shopId)],
);

/** Peak events (618, 双11, live-stream sessions, a recall) with their own targets. */
export const slaPeakEvents = pgTable(
  'sla_peak_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['618', 'double11', 'double12', 'live_stream', 'recall', 'other'] }).notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    shopIds: uuid('shop_ids').array().notNull().default(sql`'{}'::uuid[]`),
    channels: text('channels').array().notNull().default(sql`'{}'::text[]`),
    targets: jsonb('targets').$type<SlaTargets>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('sla_peak_events_window').on(t.tenantId, t.endsAt),
  ],
);

/**
 * The clock of one case: its timeline, the targets it was given and the thresholds the sweeper
 * watches. `next_check_at` is the earliest warning/breach not yet raised; the sweeper reads it
 * through `ticket_sla_next_check` (tenant first) and never scans open cases that are not due.
 */
export const ticketSla = pgTable(
  'ticket_sla',
  {
    tenantId: tenantId(),
    ticketId: uuid('ticket_id').notNull(),
    policyId: uuid('policy_id'),
    policyName: text('policy_name'),
    peakEventId: uuid('peak_event_id'),
    calendarId: uuid('calendar_id'),
    targets: jsonb('targets').$type<SlaTargets>().notNull(),
    timeline: jsonb('timeline').$type<TimelineEvent[]>().notNull().default([]),
    firstWarnAt: ts('first_warn_at'),
    firstDueAt: ts('first_due_at'),
    nextWarnAt: ts('next_warn_at'),
    nextDueAt: ts('next_due_at'),
    resolutionWarnAt: ts('resolution_warn_at'),
    resolutionDueAt: ts('resolution_due_at'),
    alerts: text('alerts').array().notNull().default(sql`'{}'::text[]`),
    // The earliest threshold not yet raised: computed by the database (sla_next_check in
    // drizzle/0021_sla_alert_key.sql, with the alert key), never by the writer of the clock.
    nextCheckAt: ts('next_check_at').generatedAlwaysAs(
      sql`sla_next_check(first_warn_at, first_due_at, next_warn_at, next_due_at, resolution_warn_at, resolution_due_at, alerts)`,
    ),
    state: text('state').notNull().default('ok'),
    warnings: text('warnings').array().notNull().default(sql`'{}'::text[]`),
    escalation: jsonb('escalation').$type<EscalationRule[]>().notNull().default([]),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId] }),
    index('ticket_sla_next_check').on(t.tenantId, t.nextCheckAt).where(sql`next_check_at is not null`),
  ],
);

/**
 * Mainland holiday years an admin added from a file (the State Council notice of a year the release
 * does not carry); they win over a built-in year of the same number for this tenant's calendars.
 */
export const slaHolidayYears = pgTable(
  'sla_holiday_years',
  {
    tenantId: tenantId(),
    year: integer('year').notNull(),
    source: text('source').notNull(),
    holidays: jsonb('holidays')
      .$type<{ from: string; to: string; name: string; nameZh: string }[]>()
      .notNull(),
    workdays: jsonb('workdays').$type<{ date: string; name: string }[]>().notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

/** Console notifications (warnings, breaches, escalations, surges); a notifier may forward them. */
export const slaNotifications = pgTable(
  'sla_notifications',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: ['warning', 'breach', 'escalation', 'surge'] }).notNull(),
    ticketId: uuid('ticket_id'),
    ticketNumber: integer('ticket_number'),
    target: text('target'),
    audience: text('audience', { enum: ['assignee', 'supervisor'] }).notNull(),
    userId: uuid('user_id'),
    dueAt: ts('due_at'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    // Makes every raise idempotent: a second sweeper (or a retried one) inserts nothing.
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('sla_notifications_dedupe').on(t.tenantId, t.dedupeKey),
    index('sla_notifications_recent').on(t.tenantId, t.createdAt),
  ],
);
