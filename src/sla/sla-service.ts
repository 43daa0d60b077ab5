import { type Actor, hasRole } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { EscalationRule, PolicyMatch } from '../db/schema/sla.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findShop } from '../shops/shop-repo.js';
import { checkReferences } from '../tickets/references.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { buyerLocale, expectedWaitText, type WaitReason } from './acknowledgement.js';
import {
  type Closure,
  compileCalendar,
  type DayOverride,
  validateCalendarSpec,
  type WorkingHours,
  workingDays,
} from './calendar.js';
import type { SlaTargets } from './clock.js';
import type { HolidayData } from './holiday-data.js';
import { calendarWarnings, createHolidayYears } from './holiday-service.js';
import type { SlaEngine } from './sla-engine.js';
import * as repo from './sla-repo.js';

export type PolicyInput = {
  name: string;
  priority: number;
  enabled: boolean;
  match: PolicyMatch;
  targets: SlaTargets;
  autoAck: boolean;
  escalation: EscalationRule[];
};

export type CalendarInput = {
  name: string;
  shopId: string | null;
  timezone: string;
  hours: WorkingHours[];
  holidays: 'CN' | 'none';
  overrides: DayOverride[];
  closures: Closure[];
  validFrom: string | null;
  validTo: string | null;
};

export type PeakEventInput = {
  name: string;
  kind: '618' | 'double11' | 'double12' | 'live_stream' | 'recall' | 'other';
  startsAt: Date;
  endsAt: Date;
  shopIds: string[];
  channels: string[];
  targets: SlaTargets;
};

export type SlaServiceDeps = { db: Db; clock: Clock; engine: SlaEngine; tickets: TicketService };

const rangesOverlap = (a: CalendarInput, b: repo.CalendarRow) =>
  (a.validFrom ?? '0000-00-00') <= (b.validTo ?? '9999-12-31') &&
  (b.validFrom ?? '0000-00-00') <= (a.validTo ?? '9999-12-31');

export function createSlaService({ db, clock, engine, tickets }: SlaServiceDeps) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);
  const holidayYears = createHolidayYears({ db, clock, engine });

  /** Shops and users a policy or peak event names are this tenant's own (404 otherwise). */
  async function checkNamed(
    actor: Actor,
    named: { shopIds?: string[] | undefined; escalation?: EscalationRule[] | undefined },
  ) {
    await checkReferences(scopeOf(actor), [
      ...(named.shopIds ?? []).map((shopId) => ({ shopId })),
      ...(named.escalation ?? []).map((r) => ({ assigneeId: r.assigneeId })),
    ]);
  }

  async function checkCalendar(actor: Actor, input: CalendarInput, exceptId?: string) {
    const problems = validateCalendarSpec(input);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems.join('; '));
    if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
      throw new AppError('VALIDATION_FAILED', 'validTo is before validFrom');
    }
    const scope = scopeOf(actor);
    if (input.shopId && !(await findShop(scope, input.shopId))) {
      throw new AppError('SHOP_NOT_FOUND', `shop ${input.shopId} not found`);
    }
    const siblings = await repo.calendarsOfShop(scope, input.shopId);
    const clash = siblings.find((c) => c.id !== exceptId && rangesOverlap(input, c));
    if (clash) {
      throw new AppError(
        'CALENDAR_OVERLAP',
        `calendar "${clash.name}" already covers ${input.shopId ? 'this shop' : 'the tenant default'} for an overlapping period (${clash.validFrom ?? '…'} to ${clash.validTo ?? '…'})`,
      );
    }
  }

  const calendarView = (c: repo.CalendarRow, data: HolidayData) => ({
    ...c,
    warnings: calendarWarnings(c, clock.now(), data),
  });
  const viewsOf = async (actor: Actor, rows: repo.CalendarRow[]) => {
    const data = await holidayYears.holidayDataOf(actor);
    return rows.map((c) => calendarView(c, data));
  };

  return {
    // Policies
    async listPolicies(actor: Actor) {
      await engine.configOf(scopeOf(actor)); // seeds the defaults on first use
      return repo.listPolicies(scopeOf(actor));
    },
    async getPolicy(actor: Actor, id: string) {
      const row = await repo.findPolicy(scopeOf(actor), id);
      if (!row) throw new AppError('SLA_POLICY_NOT_FOUND', `SLA policy ${id} not found`);
      return row;
    },
    async createPolicy(actor: Actor, input: PolicyInput) {
      await checkNamed(actor, { shopIds: input.match.shopIds, escalation: input.escalation });
      const scope = scopeOf(actor);
      await engine.configOf(scope);
      const now = clock.now();
      const [row] = await repo.insertPolicies(scope, [
        { ...input, id: newId(), createdAt: now, updatedAt: now },
      ]);
      engine.invalidate(actor.tenantId);
      return row!;
    },
    async updatePolicy(actor: Actor, id: string, patch: Partial<PolicyInput>) {
      await checkNamed(actor, { shopIds: patch.match?.shopIds, escalation: patch.escalation });
      const row = await repo.updatePolicy(scopeOf(actor), id, { ...patch, updatedAt: clock.now() });
      if (!row) throw new AppError('SLA_POLICY_NOT_FOUND', `SLA policy ${id} not found`);
      engine.invalidate(actor.tenantId);
      return row;
    },
    async deletePolicy(actor: Actor, id: string) {
      const row = await repo.deletePolicy(scopeOf(actor), id);
      if (!row) throw new AppError('SLA_POLICY_NOT_FOUND', `SLA policy ${id} not found`);
      engine.invalidate(actor.tenantId);
    },

    // Calendars
    async listCalendars(actor: Actor) {
      return viewsOf(actor, await repo.listCalendars(scopeOf(actor)));
    },
    async getCalendar(actor: Actor, id: string) {
      const row = await repo.findCalendar(scopeOf(actor), id);
      if (!row) throw new AppError('SLA_CALENDAR_NOT_FOUND', `calendar ${id} not found`);
      return (await viewsOf(actor, [row]))[0]!;
    },
    async createCalendar(actor: Actor, input: CalendarInput) {
      await checkCalendar(actor, input);
      const now = clock.now();
      const row = await repo.insertCalendar(scopeOf(actor), {
        ...input,
        id: newId(),
        createdAt: now,
        updatedAt: now,
      });
      engine.invalidate(actor.tenantId);
      return (await viewsOf(actor, [row]))[0]!;
    },
    async updateCalendar(actor: Actor, id: string, patch: Partial<CalendarInput>) {
      const current = await this.getCalendar(actor, id);
      const next: CalendarInput = { ...current, ...patch };
      await checkCalendar(actor, next, id);
      const row = await repo.updateCalendar(scopeOf(actor), id, { ...patch, updatedAt: clock.now() });
      engine.invalidate(actor.tenantId);
      return (await viewsOf(actor, [row!]))[0]!;
    },
    async deleteCalendar(actor: Actor, id: string) {
      const row = await repo.deleteCalendar(scopeOf(actor), id);
      if (!row) throw new AppError('SLA_CALENDAR_NOT_FOUND', `calendar ${id} not found`);
      engine.invalidate(actor.tenantId);
    },
    /** Working intervals of the next days, with notes (holiday, 调休, closure) and warnings. */
    async previewCalendar(actor: Actor, id: string, from: Date, days: number) {
      const row = await this.getCalendar(actor, id);
      const cal = compileCalendar({ ...row }, await holidayYears.holidayDataOf(actor));
      return { calendarId: id, timezone: row.timezone, days: workingDays(cal, from.getTime(), days) };
    },

    holidays: holidayYears.holidays,
    uploadHolidayYears: holidayYears.uploadHolidayYears,
    deleteHolidayYear: holidayYears.deleteHolidayYear,

    // Peak events
    listPeakEvents: (actor: Actor) => repo.listPeakEvents(scopeOf(actor)),
    async createPeakEvent(actor: Actor, input: PeakEventInput) {
      if (input.endsAt <= input.startsAt)
        throw new AppError('VALIDATION_FAILED', 'endsAt must be after startsAt');
      await checkNamed(actor, { shopIds: input.shopIds });
      const now = clock.now();
      const row = await repo.insertPeakEvent(scopeOf(actor), {
        ...input,
        id: newId(),
        createdAt: now,
        updatedAt: now,
      });
      engine.invalidate(actor.tenantId);
      return row;
    },
    async updatePeakEvent(actor: Actor, id: string, patch: Partial<PeakEventInput>) {
      const scope = scopeOf(actor);
      const current = await repo.findPeakEvent(scope, id);
      if (!current) throw new AppError('PEAK_EVENT_NOT_FOUND', `peak event ${id} not found`);
      if ((patch.endsAt ?? current.endsAt) <= (patch.startsAt ?? current.startsAt)) {
        throw new AppError('VALIDATION_FAILED', 'endsAt must be after startsAt');
      }
      await checkNamed(actor, { shopIds: patch.shopIds });
      const row = await repo.updatePeakEvent(scope, id, { ...patch, updatedAt: clock.now() });
      engine.invalidate(actor.tenantId);
      return row!;
    },
    async deletePeakEvent(actor: Actor, id: string) {
      const row = await repo.deletePeakEvent(scopeOf(actor), id);
      if (!row) throw new AppError('PEAK_EVENT_NOT_FOUND', `peak event ${id} not found`);
      engine.invalidate(actor.tenantId);
    },

    // Cases
    async ticketClock(actor: Actor, ticketId: string) {
      await tickets.get(actor, ticketId); // 404 for another tenant's case
      const row = await repo.findTicketSla(scopeOf(actor), ticketId);
      return row ?? null;
    },

    async atRisk(actor: Actor, withinMinutes: number, limit: number) {
      const until = new Date(clock.now().getTime() + withinMinutes * 60_000);
      return repo.listDueBefore(scopeOf(actor), until, limit);
    },

    /** Tells the buyer it will take longer and by when; moves the next-response due time there. */
    async expectedWait(
      actor: Actor,
      ticketId: string,
      input: { until: Date; reason: WaitReason; body?: string | undefined },
    ) {
      const now = clock.now();
      if (input.until <= now) throw new AppError('VALIDATION_FAILED', 'until must be in the future');
      const { ticket, shop, customer } = await tickets.get(actor, ticketId);
      if (ticket.status === 'closed') throw new AppError('ILLEGAL_TRANSITION', 'the case is closed');
      const zone = shop?.timezone ?? 'Asia/Shanghai';
      const body =
        input.body ?? expectedWaitText(buyerLocale(customer?.locale), input.reason, input.until, now, zone);
      const sent = await tickets.addMessage(actor, ticketId, { direction: 'outbound', body });
      await scopeOf(actor).transaction((tx) =>
        engine.recompute(tx, ticketId, {
          type: 'expected_wait',
          at: now.getTime(),
          until: input.until.getTime(),
        }),
      );
      return { message: sent.message, ticket: (await tickets.get(actor, ticketId)).ticket };
    },

    // Notifications
    listNotifications: (actor: Actor, unreadOnly: boolean, limit: number) =>
      repo.listNotifications(scopeOf(actor), actor.id, hasRole(actor.role, 'supervisor'), unreadOnly, limit),
    async markRead(actor: Actor, ids: string[] | 'all') {
      return {
        updated: await repo.markNotificationsRead(
          scopeOf(actor),
          ids,
          clock.now(),
          actor.id,
          hasRole(actor.role, 'supervisor'),
        ),
      };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
