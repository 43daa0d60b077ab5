import { z } from 'zod';
import { IsoDate } from '../http/json-dates.js';
import { SEVERITIES, TICKET_CHANNELS, TICKET_KINDS } from '../tickets/ticket-types.js';
import { SLA_TARGET_NAMES } from './clock.js';

/** The answers of the SLA routes: the response schemas, and through `Json<…>` the console's types. */

export const PEAK_EVENT_KINDS = ['618', 'double11', 'double12', 'live_stream', 'recall', 'other'] as const;

export const TargetView = z.object({ minutes: z.number().int(), clock: z.enum(['business', '24x7']) });
export const TargetsView = z.object({
  firstResponse: TargetView.nullable().optional(),
  nextResponse: TargetView.nullable().optional(),
  resolution: TargetView.nullable().optional(),
});

export const EscalationRuleView = z.object({
  on: z.enum(['warning', 'breach']),
  target: z.enum(SLA_TARGET_NAMES).optional(),
  action: z.enum(['raise_priority', 'reassign', 'notify_supervisor']),
  assigneeId: z.uuid().optional(),
});

export const PolicyView = z.object({
  id: z.uuid(),
  name: z.string(),
  priority: z.number().int(),
  enabled: z.boolean(),
  match: z.object({
    // Checked against the case taxonomy when written (sla-routes Match).
    channels: z.array(z.string()).optional(),
    kinds: z.array(z.string()).optional(),
    severities: z.array(z.string()).optional(),
    shopIds: z.array(z.string()).optional(),
  }),
  targets: TargetsView,
  autoAck: z.boolean(),
  escalation: z.array(EscalationRuleView),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

export const CalendarView = z.object({
  id: z.uuid(),
  name: z.string(),
  shopId: z.uuid().nullable(),
  timezone: z.string(),
  hours: z.array(z.object({ day: z.number().int(), start: z.string(), end: z.string() })),
  holidays: z.enum(['CN', 'none']),
  overrides: z.array(
    z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string().optional() }),
  ),
  closures: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string().optional() })),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** What the merchant should know (holiday data missing for a year the calendar covers…). */
  warnings: z.array(z.string()),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

export const CalendarPreviewView = z.object({
  calendarId: z.uuid(),
  timezone: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      intervals: z.array(z.tuple([IsoDate, IsoDate])),
      note: z.string().nullable(),
    }),
  ),
});

export const HolidaysView = z.object({
  source: z.string(),
  coveredYears: z.array(z.number().int()),
  years: z.array(
    z.object({
      year: z.number().int(),
      source: z.string(),
      holidays: z.array(z.object({ from: z.string(), to: z.string(), nameZh: z.string(), name: z.string() })),
      workdays: z.array(z.object({ date: z.string(), name: z.string() })),
      /** Added from a file by an admin (else built in). */
      uploaded: z.boolean(),
    }),
  ),
  warnings: z.array(z.string()),
  /** The years from now to next year with no holiday data (the console words its own warning). */
  missingYears: z.array(z.number().int()),
});

export const PeakEventView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(PEAK_EVENT_KINDS),
  startsAt: IsoDate,
  endsAt: IsoDate,
  shopIds: z.array(z.uuid()),
  channels: z.array(z.string()),
  targets: TargetsView,
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

const TimelineEventView = z
  .object({ type: z.string(), at: z.number() })
  .catchall(z.unknown())
  .describe('an event on the clock (opened, inbound, outbound, status, wait…), `at` in epoch ms');

/** The clock of one case ('none' when the case has none yet). */
export const TicketClockView = z.union([
  z.object({
    ticketId: z.uuid(),
    policyId: z.uuid().nullable(),
    policyName: z.string().nullable(),
    peakEventId: z.uuid().nullable(),
    calendarId: z.uuid().nullable(),
    targets: TargetsView,
    timeline: z.array(TimelineEventView),
    firstWarnAt: IsoDate.nullable(),
    firstDueAt: IsoDate.nullable(),
    nextWarnAt: IsoDate.nullable(),
    nextDueAt: IsoDate.nullable(),
    resolutionWarnAt: IsoDate.nullable(),
    resolutionDueAt: IsoDate.nullable(),
    nextCheckAt: IsoDate.nullable(),
    state: z.string(),
    warnings: z.array(z.string()),
    escalation: z.array(EscalationRuleView),
    updatedAt: IsoDate,
  }),
  z.object({ ticketId: z.uuid(), state: z.literal('none') }),
]);

export const AtRiskView = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  channel: z.enum(TICKET_CHANNELS),
  kind: z.enum(TICKET_KINDS),
  severity: z.enum(SEVERITIES),
  status: z.string(),
  shopId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  slaDueAt: IsoDate.nullable(),
  slaState: z.string(),
});

export const NotificationView = z.object({
  id: z.uuid(),
  kind: z.enum(['warning', 'breach', 'escalation', 'surge']),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.number().int().nullable(),
  /** The SLA target (firstResponse, nextResponse, resolution); null for a surge. */
  target: z.string().nullable(),
  audience: z.enum(['assignee', 'supervisor']),
  userId: z.uuid().nullable(),
  dueAt: IsoDate.nullable(),
  params: z.record(z.string(), z.unknown()),
  /** The shop it is about (the case's shop, or the surging shop); null when none. */
  shopName: z.string().nullable(),
  shopPlatform: z.string().nullable(),
  createdAt: IsoDate,
  readAt: IsoDate.nullable(),
});

export const MarkedReadView = z.object({ updated: z.number().int() });

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
