import { systemActor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { CaseStep, StepContext } from '../tickets/case-pipeline.js';
import * as ticketRepo from '../tickets/ticket-repo.js';
import { acknowledgementText, buyerLocale } from './acknowledgement.js';
import { ALWAYS_OPEN, type BusinessCalendar, compileCalendar, defaultCalendarSpec } from './calendar.js';
import { computeSla, type SlaResult, type TargetClock, type TimelineEvent } from './clock.js';
import type { HolidayData } from './holiday-data.js';
import { applyPeakEvent, DEFAULT_POLICIES, type PeakEvent, type Policy, selectPolicy } from './sla-policy.js';
import * as repo from './sla-repo.js';
import { alreadyAnswered, calendarSpecOf, holidaysOf, messageEvent, toPolicy } from './sla-rows.js';

const ALWAYS = compileCalendar(ALWAYS_OPEN);
const pending = (c: TargetClock | null) => (c?.pending ? c : null);
const CONFIG_TTL_MS = 5_000;
const AUTO_ACK_AUTHOR = 'Aftercare 自动回复';
// Public reviews and platform notices are not conversations: no form-letter acknowledgement.
const NO_ACK_CHANNELS = new Set(['review', 'platform_notice']);

/** A pipeline run's SLA clocks: read once per case, written once at the run's end. */
type RunClocks = {
  clocks: Map<string, repo.CaseClock>;
  unsaved: Map<string, Parameters<typeof repo.saveTicketSlas>[1][number]>;
};

const dueTimesThrough = (ctx: StepContext) => (rows: { id: string; set: repo.DueTimes }[]) =>
  ctx.cases.setFields(ctx.actor, rows);

type TenantConfig = {
  at: number;
  policies: Policy[];
  calendars: repo.CalendarRow[];
  events: PeakEvent[];
  holidays: HolidayData;
};

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

  // The claim and the policies commit together: a concurrent first reader's claim waits for this
  // one's commit and then finds the policies (claimed apart, it could read none and cache that).
  async function seedDefaults(scope: TenantScope) {
    await scope.transaction(async (tx) => {
      if (!(await repo.claimDefaultSeeding(tx))) return;
      const now = clock.now();
      await repo.insertPolicies(
        tx,
        DEFAULT_POLICIES.map((p) => ({ ...p, id: newId(), createdAt: now, updatedAt: now })),
      );
    });
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
      holidays: holidaysOf(await repo.listHolidayYears(scope)),
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
    const key = `${row ? `${row.id}:${row.updatedAt.getTime()}` : `default:${shopZone}`}|${config.holidays.version}`;
    let cal = compiled.get(key);
    if (!cal) {
      cal = compileCalendar(row ? calendarSpecOf(row) : defaultCalendarSpec(shopZone), config.holidays);
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
    /** In the case pipeline: the step's context (the due times reach the tickets through the ticket service). */
    pipeline?: StepContext,
  ) {
    if (!items.length) return [];
    const throughPipeline = pipeline ? dueTimesThrough(pipeline) : undefined;
    const writeDueTimes = throughPipeline ?? ((rows) => repo.writeTicketDueTimes(scope, rows));
    // In a pipeline run a case's clock is read once and written once, at the run's end: a new case
    // with an acknowledgement, or a message that moves a case's status, recomputes it two to four
    // times in a run, each of which read and upserted its ticket_sla row before.
    const kept = pipeline?.run.kept('sla', (): RunClocks => ({ clocks: new Map(), unsaved: new Map() }));
    const ids = items.map((i) => i.ticket.id);
    const unread = kept ? ids.filter((id) => !kept.clocks.has(id)) : ids;
    const contexts = unread.length
      ? await repo.loadCaseClocks(scope, unread)
      : new Map<string, repo.CaseClock>();
    if (kept) {
      for (const [id, c] of contexts) kept.clocks.set(id, c);
      for (const id of ids) {
        const c = kept.clocks.get(id);
        if (c) contexts.set(id, c);
      }
    }
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
      // In the case pipeline the rows given are the latest (the ticket service writes a run's changes
      // at its end, so the table may lag them); elsewhere the table's severity and kind count.
      const ticket = throughPipeline
        ? item.ticket
        : {
            ...item.ticket,
            severity: context.severity as ticketRepo.TicketRow['severity'],
            kind: context.kind as ticketRepo.TicketRow['kind'],
          };
      const timeline: TimelineEvent[] = context.timeline ?? [
        { type: 'opened', at: ticket.createdAt.getTime() },
      ];
      if (item.event) timeline.push(item.event);
      kept?.clocks.set(ticket.id, { ...context, timeline });
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
      // The acknowledgement itself comes back through the pipeline as an automatic message. A buyer
      // already answered on this case (the assistant, earlier in the same pipeline run) gets no form
      // letter on top: one coherent first reply, never two automatic messages.
      const acknowledge =
        item.acknowledge === true &&
        !alreadyAnswered(timeline) &&
        policy?.autoAck === true &&
        !NO_ACK_CHANNELS.has(ticket.channel) &&
        ticket.kind !== 'platform_notice';
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
        // The alerts already raised stay; the database derives the next check from them and the
        // thresholds above (ticket_sla.next_check_at, generated by sla_next_check).
        alerts: context.alerts,
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
          firstRespondedAt: d(result.firstRespondedAt),
        },
      });
      out.push({ ticket, result, policy, zone, acknowledge });
    }
    if (kept) {
      for (const r of slaRows) kept.unsaved.set(r.ticketId, r);
      pipeline!.run.atEnd('sla', (runScope) => repo.saveTicketSlas(runScope, [...kept.unsaved.values()]));
    } else await repo.saveTicketSlas(scope, slaRows);
    const written = new Map((await writeDueTimes(dueRows)).map((t) => [t.id, t]));
    return out.map((c) => (c ? { ...c, row: written.get(c.ticket.id) ?? c.ticket } : null));
  }

  /** The automatic acknowledgements: messages like any other, written through the ticket service. */
  async function acknowledge(
    ctx: StepContext,
    cases: { ticket: ticketRepo.TicketRow; result: SlaResult; zone: string }[],
  ) {
    if (!cases.length) return [];
    const now = clock.now();
    const locales = await repo.customerLocales(ctx.scope, [
      ...new Set(cases.flatMap((c) => (c.ticket.customerId ? [c.ticket.customerId] : []))),
    ]);
    const system = systemActor(ctx.scope.tenantId);
    const sent = await ctx.cases.addMessages(
      system,
      cases.map(({ ticket, result, zone }) => {
        const due = result.firstResponseDueAt === null ? null : new Date(result.firstResponseDueAt);
        const locale = ticket.customerId ? (locales.get(ticket.customerId) ?? null) : null;
        return {
          id: ticket.id,
          by: system,
          msg: {
            direction: 'outbound' as const,
            body: acknowledgementText(buyerLocale(locale), due, now, zone),
            automatic: true,
            purpose: 'acknowledgement',
            authorName: AUTO_ACK_AUTHOR,
          },
        };
      }),
    );
    return sent.map((s) => s.ticket);
  }

  /** The rows a recompute wrote, by id: the step's answer. */
  const rowsOf = (done: ({ row: ticketRepo.TicketRow } | null)[]) => done.flatMap((c) => (c ? [c.row] : []));

  const changedRows = (...lists: ticketRepo.TicketRow[][]) => {
    const byId = new Map<string, ticketRepo.TicketRow>();
    for (const list of lists) for (const t of list) byId.set(t.id, t);
    return { tickets: [...byId.values()] };
  };

  /** The SLA step: due times after every change; the acknowledgement of a new case with a buyer's message. */
  const step: CaseStep = {
    name: 'sla',
    async afterCreate(ctx, created) {
      const done = await recomputeMany(
        ctx.scope,
        created.map(({ ticket, first }) => ({
          ticket,
          event: first ? { type: 'inbound' as const, at: first.createdAt.getTime() } : null,
          acknowledge: first !== null,
        })),
        ctx,
      );
      const acked = await acknowledge(
        ctx,
        done.flatMap((c) => (c?.acknowledge ? [c] : [])),
      );
      return changedRows(rowsOf(done), acked);
    },
    async afterMessage(ctx, written) {
      const done = await recomputeMany(
        ctx.scope,
        written
          .filter((w) => w.message.direction !== 'note')
          .map(({ ticket, message, automatic }) => ({
            ticket,
            event: messageEvent(message, automatic),
          })),
        ctx,
      );
      return changedRows(rowsOf(done));
    },
    async afterStatus(ctx, moved) {
      const at = clock.now().getTime();
      const done = await recomputeMany(
        ctx.scope,
        moved.map(({ ticket }) => ({
          ticket,
          event: { type: 'status' as const, at, status: ticket.status },
        })),
        ctx,
      );
      return changedRows(rowsOf(done));
    },
    async afterUpdate(ctx, edited) {
      const relevant = edited.filter(
        ({ ticket, before }) =>
          ticket.severity !== before.severity ||
          ticket.kind !== before.kind ||
          ticket.shopId !== before.shopId,
      );
      const done = await recomputeMany(
        ctx.scope,
        relevant.map(({ ticket }) => ({ ticket, event: null })),
        ctx,
      );
      return changedRows(rowsOf(done));
    },
  };

  /**
   * The sender's report on human replies: delivered ones meet the clock at the moment of delivery,
   * failed ones leave it running and say so. (Called by the outbox sender after it marks the row.)
   */
  async function recordDeliveries(
    scope: TenantScope,
    list: { ticketId: string; outcome: 'sent' | 'failed'; at: Date }[],
  ) {
    const rows = await ticketRepo.findTickets(scope, [...new Set(list.map((l) => l.ticketId))]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = list.flatMap((l) => {
      const ticket = byId.get(l.ticketId);
      if (!ticket) return [];
      const at = l.at.getTime();
      const event: TimelineEvent =
        l.outcome === 'sent' ? { type: 'outbound', at } : { type: 'outbound_failed', at };
      return [{ ticket, event }];
    });
    // One recompute per case: several deliveries of one case are applied one after another.
    for (const item of items) await recomputeMany(scope, [item]);
  }

  return {
    step,
    recompute,
    recordDeliveries,
    recomputeMany,
    configOf,
    calendarFor,
    invalidate(tenantId: string) {
      configs.delete(tenantId);
    },
  };
}

export type SlaEngine = ReturnType<typeof createSlaEngine>;
