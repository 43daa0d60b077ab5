import type { TenantScope } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import * as ticketRepo from '../tickets/ticket-repo.js';
import type { TicketHooks } from '../tickets/ticket-service.js';
import { acknowledgementText, buyerLocale } from './acknowledgement.js';
import {
  ALWAYS_OPEN,
  type BusinessCalendar,
  type CalendarSpec,
  compileCalendar,
  defaultCalendarSpec,
} from './calendar.js';
import {
  alertKey,
  computeSla,
  type SlaResult,
  type TargetClock,
  type TimelineEvent,
  thresholds,
} from './clock.js';
import { applyPeakEvent, DEFAULT_POLICIES, type PeakEvent, type Policy, selectPolicy } from './sla-policy.js';
import * as repo from './sla-repo.js';

const ALWAYS = compileCalendar(ALWAYS_OPEN);
const pending = (c: TargetClock | null) => (c?.pending ? c : null);
const CONFIG_TTL_MS = 5_000;
const AUTO_ACK_AUTHOR = 'Aftercare 自动回复';
// Public reviews and platform notices are not conversations: no form-letter acknowledgement.
const NO_ACK_CHANNELS = new Set(['review', 'platform_notice']);

type TenantConfig = { at: number; policies: Policy[]; calendars: repo.CalendarRow[]; events: PeakEvent[] };

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

/** Per-process caches of tenant SLA settings and compiled calendars; CRUD invalidates them. */
export function createSlaEngine({ clock }: { clock: Clock }) {
  const configs = new Map<string, TenantConfig>();
  const compiled = new Map<string, BusinessCalendar>();
  // Shop time zones change rarely: cached for a minute per process.
  const zones = new Map<string, { at: number; zone: string }>();

  async function shopZone(scope: TenantScope, shopId: string | null) {
    const key = `${scope.tenantId}:${shopId ?? ''}`;
    const hit = zones.get(key);
    if (hit && Date.now() - hit.at < 60_000) return hit.zone;
    const zone = await repo.zoneOf(scope, shopId);
    if (zones.size > 10_000) zones.clear();
    zones.set(key, { at: Date.now(), zone });
    return zone;
  }

  async function seedDefaults(scope: TenantScope) {
    if (!(await repo.claimDefaultSeeding(scope))) return;
    const now = clock.now();
    await repo.insertPolicies(
      scope,
      DEFAULT_POLICIES.map((p) => ({ ...p, id: newId(), createdAt: now, updatedAt: now })),
    );
  }

  async function configOf(scope: TenantScope): Promise<TenantConfig> {
    const cached = configs.get(scope.tenantId);
    if (cached && Date.now() - cached.at < CONFIG_TTL_MS) return cached;
    let policies = await repo.listPolicies(scope);
    if (!policies.length) {
      await seedDefaults(scope);
      policies = await repo.listPolicies(scope);
    }
    const since = new Date(clock.now().getTime() - 400 * 86_400_000);
    const config: TenantConfig = {
      at: Date.now(),
      policies: policies.map(toPolicy),
      calendars: await repo.listCalendars(scope),
      events: (await repo.listPeakEvents(scope, since)).map((e) => ({ ...e })),
    };
    configs.set(scope.tenantId, config);
    return config;
  }

  function calendarFor(config: TenantConfig, shopId: string | null, shopZone: string, at: Date) {
    const applies = (c: repo.CalendarRow) => {
      const date = at.toISOString().slice(0, 10);
      return (!c.validFrom || c.validFrom <= date) && (!c.validTo || date <= c.validTo);
    };
    const row =
      (shopId ? config.calendars.find((c) => c.shopId === shopId && applies(c)) : undefined) ??
      config.calendars.find((c) => c.shopId === null && applies(c));
    const key = row ? `${row.id}:${row.updatedAt.getTime()}` : `default:${shopZone}`;
    let cal = compiled.get(key);
    if (!cal) {
      cal = compileCalendar(row ? calendarSpecOf(row) : defaultCalendarSpec(shopZone));
      if (compiled.size > 1000) compiled.clear();
      compiled.set(key, cal);
    }
    return { calendar: cal, calendarId: row?.id ?? null, zone: cal.spec.timezone };
  }

  /** Recomputes a case's clock after `event` and writes it to ticket_sla and the ticket. */
  async function recompute(
    scope: TenantScope,
    ticketOrId: ticketRepo.TicketRow | string,
    event: TimelineEvent | null,
    options: { acknowledge?: boolean } = {},
  ) {
    const row = typeof ticketOrId === 'string' ? await ticketRepo.findTicket(scope, ticketOrId) : ticketOrId;
    if (!row) return null;
    const ticketId = row.id;
    const context = await repo.loadCaseClock(scope, ticketId);
    if (!context) return null;
    const ticket = {
      ...row,
      severity: context.severity as ticketRepo.TicketRow['severity'],
      kind: context.kind as ticketRepo.TicketRow['kind'],
    };
    const timeline: TimelineEvent[] = context.timeline ?? [
      { type: 'opened', at: ticket.createdAt.getTime() },
    ];
    if (event) timeline.push(event);
    const config = await configOf(scope);
    const facts = {
      channel: ticket.channel,
      kind: ticket.kind,
      severity: ticket.severity,
      shopId: ticket.shopId,
    };
    const policy = selectPolicy(config.policies, facts);
    const peak = applyPeakEvent(policy?.targets ?? {}, config.events, facts, ticket.createdAt);
    const { calendar, calendarId, zone } = calendarFor(
      config,
      ticket.shopId,
      await shopZone(scope, ticket.shopId),
      ticket.createdAt,
    );
    const now = clock.now().getTime();
    const result = computeSla(
      policy ? peak.targets : {},
      { business: calendar, always: ALWAYS },
      timeline,
      now,
    );
    // The automatic acknowledgement joins the timeline in the same write (it moves no due time).
    const acknowledge =
      options.acknowledge === true &&
      policy?.autoAck === true &&
      !NO_ACK_CHANNELS.has(ticket.channel) &&
      ticket.kind !== 'platform_notice';
    if (acknowledge) timeline.push({ type: 'outbound', at: now, automatic: true });
    const alerts = context.alerts;
    const marks = thresholds(result).filter((m) => !alerts.includes(alertKey(m.target, m.level, m.dueAt)));
    const nextCheck = marks.length ? Math.min(...marks.map((m) => m.at)) : null;
    const d = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));
    await repo.saveTicketSla(scope, {
      ticketId,
      policyId: policy?.id ?? null,
      policyName: policy?.name ?? null,
      peakEventId: peak.event?.id ?? null,
      calendarId,
      targets: policy ? peak.targets : {},
      timeline,
      // Only pending targets carry thresholds here: the sweeper never raises a met target.
      firstWarnAt: d(pending(result.firstResponse)?.warnAt),
      firstDueAt: d(pending(result.firstResponse)?.dueAt),
      nextWarnAt: d(pending(result.nextResponse)?.warnAt),
      nextDueAt: d(pending(result.nextResponse)?.dueAt),
      resolutionWarnAt: d(pending(result.resolution)?.warnAt),
      resolutionDueAt: d(pending(result.resolution)?.dueAt),
      alerts,
      nextCheckAt: d(nextCheck),
      state: result.state,
      warnings: result.warnings,
      escalation: policy?.escalation ?? [],
      updatedAt: new Date(now),
    });
    await repo.writeTicketDueTimes(scope, ticketId, {
      firstResponseDueAt: d(result.firstResponseDueAt),
      nextResponseDueAt: d(result.nextResponseDueAt),
      resolutionDueAt: d(result.resolutionDueAt),
      slaDueAt: d(result.dueAt),
      slaState: result.state,
    });
    return { ticket, result, policy, zone, acknowledge };
  }

  /** The automatic acknowledgement, written in the creating transaction and handed to the other hooks (outbox). */
  async function acknowledge(
    scope: TenantScope,
    ticket: ticketRepo.TicketRow,
    result: SlaResult,
    zone: string,
    locale: string | null,
    siblings: TicketHooks[],
  ) {
    const now = clock.now();
    const due = result.firstResponseDueAt === null ? null : new Date(result.firstResponseDueAt);
    const message = await ticketRepo.insertMessage(scope, {
      id: newId(),
      ticketId: ticket.id,
      direction: 'outbound',
      channel: ticket.channel,
      authorType: 'system',
      authorId: null,
      authorName: AUTO_ACK_AUTHOR,
      body: acknowledgementText(buyerLocale(locale), due, now, zone),
      attachments: [],
      externalId: null,
      createdAt: now,
    });
    for (const hook of siblings) await hook.afterMessage?.(scope, ticket, message, { automatic: true });
  }

  /**
   * The SLA ticket hook. `siblings` returns the other registered hooks, so the acknowledgement
   * reaches the outbox hook just like a message written through the ticket service.
   */
  function hooks(siblings: () => TicketHooks[] = () => []): TicketHooks {
    return {
      async afterCreate(scope, ticket, first) {
        const done = await recompute(
          scope,
          ticket,
          first ? { type: 'inbound', at: first.createdAt.getTime() } : null,
          { acknowledge: first !== null },
        );
        if (!done?.acknowledge) return;
        const locale = await repo.customerLocale(scope, ticket.customerId);
        await acknowledge(scope, done.ticket, done.result, done.zone, locale, siblings());
      },
      async afterMessage(scope, ticket, message, context) {
        if (message.direction === 'note') return;
        const at = message.createdAt.getTime();
        const event: TimelineEvent =
          message.direction === 'inbound'
            ? { type: 'inbound', at }
            : { type: 'outbound', at, automatic: context?.automatic === true };
        await recompute(scope, ticket, event);
      },
      async afterStatus(scope, ticket) {
        await recompute(scope, ticket, {
          type: 'status',
          at: clock.now().getTime(),
          status: ticket.status,
        });
      },
      async afterUpdate(scope, ticket, before) {
        const relevant =
          ticket.severity !== before.severity ||
          ticket.kind !== before.kind ||
          ticket.shopId !== before.shopId;
        if (relevant) await recompute(scope, ticket, null);
      },
    };
  }

  return {
    hooks,
    recompute,
    configOf,
    calendarFor,
    invalidate(tenantId: string) {
      configs.delete(tenantId);
    },
  };
}

export type SlaEngine = ReturnType<typeof createSlaEngine>;
