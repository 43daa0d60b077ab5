import type { TicketStatus } from '../tickets/ticket-types.js';
import { addWorkingTime, type BusinessCalendar, workingTimeBetween } from './calendar.js';

export const SLA_TARGET_NAMES = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGET_NAMES)[number];

/** One target: minutes of business time (the calendar) or of wall time around the clock. */
export type Target = { minutes: number; clock: 'business' | '24x7' };
export type SlaTargets = Partial<Record<SlaTargetName, Target | null>>;

/** What happened to a case, in order: the clock reads nothing else. */
export type TimelineEvent =
  | { type: 'opened'; at: number }
  | { type: 'inbound'; at: number }
  /** A response the buyer has (delivered, or sent through a channel with no delivery report). */
  | { type: 'outbound'; at: number; automatic?: boolean }
  /** A human reply written but not delivered yet: it meets nothing, the clock keeps running. */
  | { type: 'outbound_pending'; at: number }
  /** A human reply the platform did not take: still no response. */
  | { type: 'outbound_failed'; at: number }
  | { type: 'status'; at: number; status: TicketStatus }
  /** An expected-wait notice: a human reply that promises the next one by `until`. */
  | { type: 'expected_wait'; at: number; until: number };

export type SlaState = 'none' | 'ok' | 'warning' | 'breached' | 'paused' | 'met';

export type TargetClock = {
  startedAt: number;
  dueAt: number | null;
  warnAt: number | null;
  metAt: number | null;
  /** Still running (not met); a paused target is pending with no due time. */
  pending: boolean;
  paused: boolean;
};

export type SlaResult = {
  firstResponse: TargetClock | null;
  nextResponse: TargetClock | null;
  resolution: TargetClock | null;
  firstResponseDueAt: number | null;
  nextResponseDueAt: number | null;
  resolutionDueAt: number | null;
  /** The earliest pending due time: the inbox sorts by it. */
  dueAt: number | null;
  state: SlaState;
  warnings: string[];
  /** When the buyer first had a human response (delivered): what reports count as first response. */
  firstRespondedAt: number | null;
  /** The latest human reply has not reached the buyer: 'pending' (queued, retrying) or 'failed'. */
  undelivered: 'pending' | 'failed' | null;
};

export const WARNING_SHARE = 0.75;

type Calendars = { business: BusinessCalendar; always: BusinessCalendar };

/**
 * Due times of a case: (targets, calendars, timeline, now) → due times and state. Pure.
 * The clock stops while the case awaits the customer; automatic messages are no human response.
 */
export function computeSla(
  targets: SlaTargets,
  calendars: Calendars,
  timeline: readonly TimelineEvent[],
  now: number,
): SlaResult {
  const warnings = new Set<string>();
  const pauses: [number, number][] = [];
  let status: TicketStatus = 'new';
  let openedAt: number | null = null;
  let firstMet: number | null = null;
  let nextStart: number | null = null;
  let nextPromised: number | null = null;
  let resolutionStart: number | null = null;
  let resolutionMet: number | null = null;
  let undelivered: 'pending' | 'failed' | null = null;

  for (const e of timeline) {
    switch (e.type) {
      case 'opened':
        openedAt ??= e.at;
        resolutionStart ??= e.at;
        break;
      case 'inbound':
        // After the first reply, every buyer message waiting for an answer starts the next-response clock.
        if (firstMet !== null && nextStart === null && nextPromised === null) {
          nextStart = e.at;
        }
        break;
      case 'outbound':
        // A human reply meets the first response and any pending next response.
        if (!e.automatic) {
          if (openedAt !== null && firstMet === null) firstMet = e.at;
          nextStart = null;
          nextPromised = null;
          undelivered = null;
        }
        break;
      case 'outbound_pending':
        undelivered = 'pending';
        break;
      case 'outbound_failed':
        undelivered = 'failed';
        break;
      case 'expected_wait':
        if (openedAt !== null && firstMet === null) firstMet = e.at;
        nextStart = null;
        nextPromised = e.until;
        break;
      case 'status': {
        const from = status;
        status = e.status;
        if (status === 'awaiting_customer' && from !== 'awaiting_customer') pauses.push([e.at, Infinity]);
        if (from === 'awaiting_customer' && status !== 'awaiting_customer') {
          const open = pauses[pauses.length - 1];
          if (open && open[1] === Infinity) open[1] = e.at;
        }
        if (status === 'closed') resolutionMet ??= e.at;
        if (from === 'closed' && status !== 'closed') {
          // A reopened case gets a fresh resolution target from the reopening.
          resolutionStart = e.at;
          resolutionMet = null;
        }
        break;
      }
    }
  }

  const closed = status === 'closed';
  // Said on the case's clock: the latest reply has not reached the buyer, so nothing was met by it.
  if (undelivered && !closed) warnings.add(`reply_${undelivered}`);
  const firstResponse = clockFor(
    targets,
    calendars,
    pauses,
    warnings,
    closed,
    'firstResponse',
    openedAt,
    firstMet,
  );
  let nextResponse: TargetClock | null;
  if (nextPromised !== null) {
    nextResponse = {
      startedAt: nextPromised,
      dueAt: nextPromised,
      warnAt: nextPromised,
      metAt: null,
      pending: !closed,
      paused: false,
    };
  } else {
    nextResponse = clockFor(targets, calendars, pauses, warnings, closed, 'nextResponse', nextStart, null);
  }
  const resolution = clockFor(
    targets,
    calendars,
    pauses,
    warnings,
    closed,
    'resolution',
    resolutionStart,
    resolutionMet,
  );

  const clocks = [firstResponse, nextResponse, resolution];
  const pendingDue = clocks.flatMap((c) => (c?.pending && c.dueAt !== null ? [c.dueAt] : []));
  const dueAt = pendingDue.length ? Math.min(...pendingDue) : null;

  let state: SlaState;
  if (!clocks.some(Boolean)) state = 'none';
  else if (closed) {
    // Closing a case answers nothing: a target never met before its due time is breached.
    const closedAt = resolutionMet ?? now;
    const late = clocks.some(
      (c) => c && c.dueAt !== null && (c.metAt !== null ? c.metAt > c.dueAt : closedAt > c.dueAt),
    );
    state = late ? 'breached' : 'met';
  } else if (clocks.some((c) => c?.pending && c.dueAt !== null && now >= c.dueAt)) state = 'breached';
  else if (clocks.some((c) => c?.pending && c.warnAt !== null && now >= c.warnAt)) state = 'warning';
  else if (clocks.some((c) => c?.paused)) state = 'paused';
  else state = 'ok';

  return {
    firstResponse,
    nextResponse,
    resolution,
    firstResponseDueAt: firstResponse?.dueAt ?? null,
    nextResponseDueAt: nextResponse?.pending ? (nextResponse?.dueAt ?? null) : null,
    resolutionDueAt: resolution?.dueAt ?? null,
    dueAt,
    state,
    warnings: [...warnings],
    firstRespondedAt: firstMet,
    undelivered: closed ? null : undelivered,
  };
}

// Module-level helpers, not closures: computeSla runs 100,000+ times a second.
function clockFor(
  targets: SlaTargets,
  calendars: Calendars,
  pauses: readonly [number, number][],
  warnings: Set<string>,
  closed: boolean,
  name: SlaTargetName,
  start: number | null,
  met: number | null,
): TargetClock | null {
  const target = targets[name];
  if (!target || start === null) return null;
  const cal = target.clock === '24x7' ? calendars.always : calendars.business;
  const ms = target.minutes * 60_000;
  const [warnAt = null, dueAt = null] = dueAfter(
    cal,
    start,
    [Math.round(ms * WARNING_SHARE), ms],
    pauses,
    warnings,
  );
  const pending = met === null && !(closed && name !== 'resolution');
  return { startedAt: start, dueAt, warnAt, metAt: met, pending, paused: pending && dueAt === null };
}

/**
 * When each of `amounts` (ascending ms) of working time has run from `start`, skipping the pauses;
 * null for an amount not reached before an open pause (the clock is stopped).
 */
function dueAfter(
  cal: BusinessCalendar,
  start: number,
  amounts: readonly number[],
  pauses: readonly [number, number][],
  warnings: Set<string>,
): (number | null)[] {
  const out: (number | null)[] = amounts.map(() => null);
  let cursor = start;
  let used = 0;
  let i = 0;
  for (const [from, to] of pauses) {
    if (to <= cursor) continue;
    if (from > cursor) {
      const available = workingTimeBetween(cal, cursor, from, warnings);
      while (i < amounts.length && amounts[i]! - used <= available) {
        out[i] = addWorkingTime(cal, cursor, amounts[i]! - used, warnings);
        i++;
      }
      if (i === amounts.length) return out;
      used += available;
    }
    if (to === Infinity) return out;
    cursor = to;
  }
  // No pause ahead: walk on from each result to the next (the shorter walk).
  for (; i < amounts.length; i++) {
    const at = addWorkingTime(cal, cursor, amounts[i]! - used, warnings);
    out[i] = at;
    cursor = at;
    used = amounts[i]!;
  }
  return out;
}
