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
    return (
      await recomputeMany(scope, [{ ticket: row, event, acknowledge: options.acknowledge === true }])
    )[0]!;
  }

  /**
   * Recomputes the clocks of several cases (each at most once) after their events, and writes them
   * to ticket_sla and the tickets: a few statements whatever the count. Null for a vanished case.
   */
  async function recomputeMany(
    scope: TenantScope,
    items: { ticket: ticketRepo.TicketRow; event: TimelineEvent | null; acknowledge?: boolean }[],
  ) {
    if (!items.length) return [];
    const contexts = await repo.loadCaseClocks(
      scope,
      items.map((i) => i.ticket.id),
    );
    const config = await configOf(scope);
    const now = clock.now().getTime();
    const d = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));
    const slaRows: Parameters<typeof repo.saveTicketSlas>[1] = [];
    const dueRows: { id: string; set: repo.DueTimes }[] = [];
    const out = [];
    for (const item of items) {
      const context = contexts.get(item.ticket.id);
      if (!context) {
        out.push(null);
        continue;
      }
      const ticket = {
        ...item.ticket,
        severity: context.severity as ticketRepo.TicketRow['severity'],
        kind: context.kind as ticketRepo.TicketRow['kind'],
      };
      const timeline: TimelineEvent[] = context.timeline ?? [
        { type: 'opened', at: ticket.createdAt.getTime() },
      ];
      if (item.event) timeline.push(item.event);
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
      const result = computeSla(
        policy ? peak.targets : {},
        { business: calendar, always: ALWAYS },
        timeline,
        now,
      );
      // The automatic acknowledgement joins the timeline in the same write (it moves no due time).
      const acknowledge =
        item.acknowledge === true &&
        policy?.autoAck === true &&
        !NO_ACK_CHANNELS.has(ticket.channel) &&
        ticket.kind !== 'platform_notice';
      if (acknowledge) timeline.push({ type: 'outbound', at: now, automatic: true });
      const alerts = context.alerts;
      const marks = thresholds(result).filter((m) => !alerts.includes(alertKey(m.target, m.level, m.dueAt)));
      const nextCheck = marks.length ? Math.min(...marks.map((m) => m.at)) : null;
      slaRows.push({
        ticketId: ticket.id,
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
      dueRows.push({
        id: ticket.id,
        set: {
          firstResponseDueAt: d(result.firstResponseDueAt),
          nextResponseDueAt: d(result.nextResponseDueAt),
          resolutionDueAt: d(result.resolutionDueAt),
          slaDueAt: d(result.dueAt),
          slaState: result.state,
        },
      });
      out.push({ ticket, result, policy, zone, acknowledge });
    }
    await repo.saveTicketSlas(scope, slaRows);
    await repo.writeTicketDueTimes(scope, dueRows);
    return out;
  }

  /** The automatic acknowledgements, written in the creating transaction and handed to the other hooks (outbox). */
  async function acknowledge(
    scope: TenantScope,
    cases: { ticket: ticketRepo.TicketRow; result: SlaResult; zone: string }[],
    siblings: TicketHooks[],
  ) {
    if (!cases.length) return;
    const now = clock.now();
    const locales = await repo.customerLocales(scope, [
      ...new Set(cases.flatMap((c) => (c.ticket.customerId ? [c.ticket.customerId] : []))),
    ]);
    const rows = cases.map(({ ticket, result, zone }) => {
      const due = result.firstResponseDueAt === null ? null : new Date(result.firstResponseDueAt);
      const locale = ticket.customerId ? (locales.get(ticket.customerId) ?? null) : null;
      return {
        id: newId(),
        ticketId: ticket.id,
        direction: 'outbound' as const,
        channel: ticket.channel,
        authorType: 'system' as const,
        authorId: null,
        authorName: AUTO_ACK_AUTHOR,
        body: acknowledgementText(buyerLocale(locale), due, now, zone),
        attachments: [],
        externalId: null,
        createdAt: now,
      };
    });
    const stored = new Map((await ticketRepo.insertMessages(scope, rows)).map((m) => [m.id, m]));
    const written = cases.map(({ ticket }, i) => ({
      ticket,
      message: stored.get(rows[i]!.id)!,
      automatic: true,
    }));
    for (const hook of siblings) await hook.afterMessage?.(scope, written);
  }

  /**
   * The SLA ticket hook. `siblings` returns the other registered hooks, so the acknowledgement
   * reaches the outbox hook just like a message written through the ticket service.
   */
  function hooks(siblings: () => TicketHooks[] = () => []): TicketHooks {
    return {
      async afterCreate(scope, created) {
        const done = await recomputeMany(
          scope,
          created.map(({ ticket, first }) => ({
            ticket,
            event: first ? { type: 'inbound' as const, at: first.createdAt.getTime() } : null,
            acknowledge: first !== null,
          })),
        );
        await acknowledge(
          scope,
          done.flatMap((c) => (c?.acknowledge ? [c] : [])),
          siblings(),
        );
      },
      async afterMessage(scope, written) {
        await recomputeMany(
          scope,
          written
            .filter((w) => w.message.direction !== 'note')
            .map(({ ticket, message, automatic }) => {
              const at = message.createdAt.getTime();
              const event: TimelineEvent =
                message.direction === 'inbound'
                  ? { type: 'inbound', at }
                  : { type: 'outbound', at, automatic };
              return { ticket, event };
            }),
        );
      },
      async afterStatus(scope, moved) {
        const at = clock.now().getTime();
        await recomputeMany(
          scope,
          moved.map(({ ticket }) => ({
            ticket,
            event: { type: 'status' as const, at, status: ticket.status },
          })),
        );
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
    recomputeMany,
    configOf,
    calendarFor,
    invalidate(tenantId: string) {
      configs.delete(tenantId);
    },
  };
}

export type SlaEngine = ReturnType<typeof createSlaEngine>;
