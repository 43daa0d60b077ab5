import type * as ticketRepo from '../tickets/ticket-repo.js';
import type { CalendarSpec } from './calendar.js';
import type { TimelineEvent } from './clock.js';
import { BUILTIN_HOLIDAYS, type HolidayData, holidayData } from './holiday-data.js';
import type { Policy } from './sla-policy.js';
import type * as repo from './sla-repo.js';

// From stored rows to the SLA rules' own types (pure: no I/O).

/** The tenant's holiday years: the built-in ones with those an admin uploaded over them. */
export const holidaysOf = (rows: repo.HolidayYearRow[]): HolidayData =>
  rows.length
    ? holidayData(
        rows.map((r) => ({ year: r.year, source: r.source, holidays: r.holidays, workdays: r.workdays })),
        // Compiled calendars are cached per process, across tenants: the tenant is part of the key.
        `${rows[0]!.tenantId}:${rows.map((r) => `${r.year}@${r.updatedAt.getTime()}`).join(',')}`,
      )
    : BUILTIN_HOLIDAYS;

export const toPolicy = (r: repo.PolicyRow): Policy => ({
  id: r.id,
  name: r.name,
  priority: r.priority,
  enabled: r.enabled,
  match: r.match,
  targets: r.targets,
  autoAck: r.autoAck,
  escalation: r.escalation,
});

export const calendarSpecOf = (c: repo.CalendarRow): CalendarSpec => ({
  timezone: c.timezone,
  hours: c.hours,
  holidays: c.holidays,
  overrides: c.overrides,
  closures: c.closures,
});

/** The buyer has had an answer on this case already (an automatic one counts: it is in front of them). */
export const alreadyAnswered = (timeline: readonly TimelineEvent[]) =>
  timeline.some((e) => e.type === 'outbound' || e.type === 'outbound_pending');

/**
 * What a new message does to the clock. A human reply counts as a response only once the buyer has
 * it: one queued for the platform is 'outbound_pending' until the sender reports it delivered
 * (`recordDeliveries`). A reply on a channel with no delivery report counts at once.
 */
export function messageEvent(
  message: Pick<ticketRepo.MessageRow, 'direction' | 'createdAt' | 'deliveryStatus'>,
  automatic: boolean,
): TimelineEvent {
  const at = message.createdAt.getTime();
  if (message.direction === 'inbound') return { type: 'inbound', at };
  if (!automatic && message.deliveryStatus === 'queued') return { type: 'outbound_pending', at };
  return { type: 'outbound', at, automatic };
}
