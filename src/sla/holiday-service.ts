// Holiday years from a file: an admin adds the State Council notice of a year the release does not
// carry (2027 and later), without a new release. Validated, audited, per tenant.
import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { type HolidayData, holidayYearIssues, issuesDetail, issueText } from './holiday-data.js';
import { HOLIDAY_SOURCE, type HolidayYear } from './holidays-cn.js';
import type { SlaEngine } from './sla-engine.js';
import * as repo from './sla-repo.js';

/** Years a calendar touches that the tenant's holiday data does not cover (a visible warning). */
export function calendarWarnings(
  c: { holidays: string; validFrom?: string | null; validTo?: string | null },
  now: Date,
  data: HolidayData,
) {
  if (c.holidays !== 'CN') return [];
  const from = Number((c.validFrom ?? now.toISOString()).slice(0, 4));
  const to = Number((c.validTo ?? `${now.getUTCFullYear() + 1}`).slice(0, 4));
  const covered = [...data.covered];
  const missing: number[] = [];
  for (let y = Math.max(from, now.getUTCFullYear()); y <= to; y++) if (!data.covered.has(y)) missing.push(y);
  return missing.map(
    (y) =>
      `no mainland China holiday data for ${y} (the data covers ${Math.min(...covered)}–${Math.max(...covered)}): Monday–Friday working days are assumed until an admin adds the State Council notice (SLA settings → public holidays → add from file)`,
  );
}

/** Audited as one entity per tenant, its holiday data (audit ids are uuids; the year is in before/after). */
export const HOLIDAYS_ENTITY = 'sla_holidays';

const summary = (y: HolidayYear) => ({
  year: y.year,
  source: y.source,
  holidays: y.holidays.length,
  workdays: y.workdays.length,
});

export function createHolidayYears({ db, clock, engine }: { db: Db; clock: Clock; engine: SlaEngine }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);
  const dataOf = async (actor: Actor) => (await engine.configOf(scopeOf(actor))).holidays;

  async function holidays(actor: Actor) {
    const data = await dataOf(actor);
    const uploaded = data.years.filter((y) => y.uploaded);
    return {
      source: [HOLIDAY_SOURCE, ...uploaded.map((y) => y.source)].join('；'),
      coveredYears: [...data.covered].sort((a, b) => a - b),
      years: data.years.map((y) => ({ ...y })),
      warnings: calendarWarnings({ holidays: 'CN' }, clock.now(), data),
      missingYears: [clock.now().getUTCFullYear(), clock.now().getUTCFullYear() + 1].filter(
        (y) => !data.covered.has(y),
      ),
    };
  }

  return {
    /** The tenant's holiday data (built-in years and uploaded ones), for its calendars. */
    holidayDataOf: dataOf,
    holidays,

    /** Adds (or replaces) years from an admin's file; every problem of every year is named, nothing half-stored. */
    async uploadHolidayYears(actor: Actor, years: HolidayYear[]) {
      const seen = new Set<number>();
      const issues = years.flatMap((y, i) => {
        const own = holidayYearIssues(y).map((p) => ({ ...p, at: `years.${i}.${p.at}` }));
        if (seen.has(y.year)) own.push({ at: `years.${i}`, code: 'year_twice', year: y.year });
        seen.add(y.year);
        return own;
      });
      if (issues.length)
        throw new AppError('VALIDATION_FAILED', issues.map(issueText).join('; '), {
          detail: issuesDetail(issues),
        });
      const scope = scopeOf(actor);
      const now = clock.now();
      await scope.transaction(async (tx) => {
        const before = new Map((await repo.listHolidayYears(tx)).map((r) => [r.year, r]));
        await repo.upsertHolidayYears(
          tx,
          years.map((y) => ({ ...y, uploadedBy: actor.id, createdAt: now, updatedAt: now })),
        );
        await recordAudit(
          tx,
          actor,
          years.map((y) => {
            const old = before.get(y.year);
            return {
              entityType: HOLIDAYS_ENTITY,
              entityId: actor.tenantId,
              action: old ? 'holiday_year_replaced' : 'holiday_year_added',
              before: old ? summary(old) : null,
              after: summary(y),
            };
          }),
          now,
        );
      });
      engine.invalidate(actor.tenantId);
      return holidays(actor);
    },

    /** Removes an uploaded year (a built-in one of the same number applies again, if any). */
    async deleteHolidayYear(actor: Actor, year: number) {
      const scope = scopeOf(actor);
      const now = clock.now();
      await scope.transaction(async (tx) => {
        const [removed] = await repo.deleteHolidayYear(tx, year);
        if (!removed) throw new AppError('NOT_FOUND', `no holiday year ${year} was added from a file`);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: HOLIDAYS_ENTITY,
              entityId: actor.tenantId,
              action: 'holiday_year_removed',
              before: summary(removed),
            },
          ],
          now,
        );
      });
      engine.invalidate(actor.tenantId);
      return holidays(actor);
    },
  };
}
