import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import {
  type AnalyticsFilters,
  daysBetween,
  type MoneyGroup,
  type MoneyRow,
  per1000,
  type QualityGroup,
  type QualityRow,
  RATE_MIN_ORDERS,
  type ServiceGroup,
  type ServiceRow,
} from './analytics-types.js';
import { statutoryExposureFen } from './exposure.js';
import { namesOf, skuLabels } from './facts-repo.js';
import * as money from './money-repo.js';
import * as quality from './quality-repo.js';
import { readableKeyPart } from './search-key.js';
import * as service from './service-repo.js';
import { refreshSummaries, tenantsWithDirtyDays } from './summary-repo.js';

/** A dashboard reads at most a year and a little: the rollups answer that fast, longer is a report. */
export const MAX_RANGE_DAYS = 400;

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

type Focus = { group: QualityGroup; key: string } | null;

/** Ties in a ranking are broken by key, so an answer never depends on the order rows were read in. */
const keyOrder = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Rows of SKU ids (or SKU|batch keys) merged per SKU code: the same goods sold in several shops. */
async function mergeSkuSiblings<T extends { key: string }>(
  scope: TenantScope,
  rows: T[],
  add: (into: T, row: T) => void,
): Promise<T[]> {
  const reps = await quality.skuRepresentatives(scope, [
    ...new Set(rows.map((r) => quality.splitBatchKey(r.key)[0])),
  ]);
  const merged = new Map<string, T>();
  for (const r of rows) {
    const [sku, batch] = quality.splitBatchKey(r.key);
    const rep = reps.get(sku) ?? sku;
    const key = r.key.includes('|') ? `${rep}|${batch}` : rep;
    const into = merged.get(key);
    if (into) add(into, r);
    else merged.set(key, { ...r, key });
  }
  return [...merged.values()];
}

export function createAnalyticsService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  function checkRange(q: AnalyticsFilters) {
    const days = daysBetween(q.from, q.to);
    if (days === null) throw new AppError('VALIDATION_FAILED', 'to must not be before from');
    if (days > MAX_RANGE_DAYS)
      throw new AppError('VALIDATION_FAILED', `a dashboard covers at most ${MAX_RANGE_DAYS} days`);
  }

  /** Names for the keys of a grouping (platform, month and category keys name themselves). */
  async function labelsFor(
    scope: TenantScope,
    group: QualityGroup | MoneyGroup | ServiceGroup,
    keys: string[],
  ): Promise<Map<string, string>> {
    const ids = keys.filter((k) => /^[0-9a-f-]{36}/.test(k));
    switch (group) {
      case 'sku':
        return skuLabels(scope, ids);
      case 'batch': {
        const skuIds = [...new Set(ids.map((k) => quality.splitBatchKey(k)[0]))];
        const skus = await skuLabels(scope, skuIds);
        return new Map(
          keys.map((k) => {
            const [sku, batch] = quality.splitBatchKey(k);
            return [k, `${batch || '—'} · ${skus.get(sku) ?? sku}`];
          }),
        );
      }
      case 'supplier':
        return namesOf(scope, 'suppliers', ids);
      case 'shop':
        return namesOf(scope, 'shops', ids);
      case 'agent':
        return namesOf(scope, 'users', ids);
      default:
        return new Map(keys.map((k) => [k, k]));
    }
  }

  /** A SKU or batch focus covers every SKU of its code. */
  async function resolved(scope: TenantScope, focus: Focus): Promise<quality.Focus | null> {
    if (!focus || (focus.group !== 'sku' && focus.group !== 'batch')) return focus;
    return { ...focus, skuIds: await quality.skuSiblings(scope, quality.splitBatchKey(focus.key)[0]) };
  }

  return {
    /** Rebuilds the summaries of the days marked since the last run, for one tenant or all of them. */
    async refreshSummaries(tenantId?: string): Promise<{ tenants: number; days: number }> {
      const tenants = tenantId ? [tenantId] : await tenantsWithDirtyDays(db);
      let days = 0;
      for (const t of tenants) days += (await refreshSummaries(scopeTo(db, t)))?.days ?? 0;
      return { tenants: tenants.length, days };
    },

    async quality(
      actor: Actor,
      group: QualityGroup,
      q: AnalyticsFilters,
      search?: string,
      minOrders = RATE_MIN_ORDERS,
    ): Promise<QualityRow[]> {
      checkRange(q);
      const scope = scopeOf(actor);
      const byId = await quality.qualityByGroup(scope, group, q);
      const counts =
        group === 'sku' || group === 'batch'
          ? await mergeSkuSiblings(scope, byId, (into, r) => {
              into.orders += r.orders;
              into.complaints += r.complaints;
              into.negativeReviews += r.negativeReviews;
              into.goodsComplaints += r.goodsComplaints;
              into.safetyComplaints += r.safetyComplaints;
            })
          : byId;
      const labels = await labelsFor(
        scope,
        group,
        counts.map((c) => c.key),
      );
      const needle = search?.trim().toLowerCase();
      return counts
        .map((c) => ({
          key: c.key,
          label: labels.get(c.key) ?? c.key,
          orders: c.orders,
          complaints: c.complaints,
          complaintsPer1000Orders: per1000(c.complaints, c.orders),
          smallSample: c.orders < minOrders,
          negativeReviews: c.negativeReviews,
          negativeReviewsPer1000Orders: per1000(c.negativeReviews, c.orders),
          goodsComplaints: c.goodsComplaints,
          safetyComplaints: c.safetyComplaints,
        }))
        .filter(
          (r) =>
            !needle ||
            r.label.toLowerCase().includes(needle) ||
            readableKeyPart(group, r.key).toLowerCase().includes(needle),
        )
        .sort(
          (a, b) =>
            b.complaints - a.complaints ||
            b.negativeReviews - a.negativeReviews ||
            b.orders - a.orders ||
            keyOrder(a, b),
        );
    },

    async qualityTrend(actor: Actor, q: AnalyticsFilters, focus: Focus) {
      checkRange(q);
      const scope = scopeOf(actor);
      const points = await quality.qualityTrend(scope, q, await resolved(scope, focus));
      return points.map((p) => ({
        ...p,
        complaintsPer1000Orders: per1000(p.complaints, p.orders),
        negativeReviewsPer1000Orders: per1000(p.negativeReviews, p.orders),
      }));
    },

    /** Root causes and categories, largest first, each with the running share (the Pareto line). */
    async causes(actor: Actor, q: AnalyticsFilters, focus: Focus) {
      checkRange(q);
      const scope = scopeOf(actor);
      const { rootCauses, categories } = await quality.causeCounts(scope, q, await resolved(scope, focus));
      const pareto = (rows: { key: string; count: number }[]) => {
        const total = rows.reduce((s, r) => s + r.count, 0);
        let running = 0;
        return rows.map((r) => {
          running += r.count;
          return { ...r, share: total ? r.count / total : 0, cumulativeShare: total ? running / total : 0 };
        });
      };
      return { rootCauses: pareto(rootCauses), categories: pareto(categories) };
    },

    async cases(
      actor: Actor,
      q: AnalyticsFilters,
      focus: Focus,
      only: Parameters<typeof quality.drillCases>[3],
      after: { at: Date; id: string } | null,
      limit: number,
    ) {
      checkRange(q);
      const scope = scopeOf(actor);
      const rows = await quality.drillCases(scope, q, await resolved(scope, focus), only, after, limit + 1);
      const page = rows.slice(0, limit);
      const skus = await skuLabels(scope, [...new Set(page.flatMap((r) => (r.skuId ? [r.skuId] : [])))]);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({ ...r, sku: r.skuId ? (skus.get(r.skuId) ?? null) : null })),
        nextCursor:
          rows.length > limit && last
            ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url')
            : null,
      };
    },

    async money(actor: Actor, group: MoneyGroup, q: AnalyticsFilters): Promise<MoneyRow[]> {
      checkRange(q);
      const scope = scopeOf(actor);
      const [spent, exposed] = await Promise.all([
        money.moneyByGroup(scope, group, q),
        money.exposureCases(scope, group, q),
      ]);
      const byKey = new Map<string, MoneyRow>();
      const row = (key: string) => {
        let r = byKey.get(key);
        if (!r) {
          r = {
            key,
            label: key,
            cases: 0,
            refundFen: 0,
            compensationFen: 0,
            couponFen: 0,
            reships: 0,
            reshipValueFen: 0,
            totalFen: 0,
            statutoryExposureFen: 0,
            exposureCases: 0,
          };
          byKey.set(key, r);
        }
        return r;
      };
      for (const s of spent) {
        Object.assign(row(s.key), s, { totalFen: s.refundFen + s.compensationFen + s.couponFen });
      }
      for (const e of exposed) {
        const fen = statutoryExposureFen(e);
        if (fen <= 0 || e.key === null) continue;
        const r = row(e.key);
        r.statutoryExposureFen += fen * e.cases;
        r.exposureCases += e.cases;
      }
      const rows =
        group === 'sku'
          ? await mergeSkuSiblings(scope, [...byKey.values()], (into, r) => {
              into.cases += r.cases;
              into.refundFen += r.refundFen;
              into.compensationFen += r.compensationFen;
              into.couponFen += r.couponFen;
              into.reships += r.reships;
              into.reshipValueFen += r.reshipValueFen;
              into.totalFen += r.totalFen;
              into.statutoryExposureFen += r.statutoryExposureFen;
              into.exposureCases += r.exposureCases;
            })
          : [...byKey.values()];
      const labels = await labelsFor(
        scope,
        group,
        rows.map((r) => r.key),
      );
      for (const r of rows) r.label = labels.get(r.key) ?? r.key;
      return rows.sort(
        (a, b) =>
          b.totalFen - a.totalFen || b.statutoryExposureFen - a.statutoryExposureFen || keyOrder(a, b),
      );
    },

    async service(actor: Actor, group: ServiceGroup, q: AnalyticsFilters): Promise<ServiceRow[]> {
      checkRange(q);
      const scope = scopeOf(actor);
      const [figures, csat] = await Promise.all([
        service.serviceByGroup(scope, group, q, clock.now()),
        service.csatByGroup(scope, group, q),
      ]);
      const csatByKey = new Map<string, { answers: number; sum: number }>();
      for (const c of csat) {
        const s = csatByKey.get(c.key) ?? { answers: 0, sum: 0 };
        csatByKey.set(c.key, { answers: s.answers + c.answers, sum: s.sum + c.sum });
      }
      const labels = await labelsFor(
        scope,
        group,
        figures.map((f) => f.key),
      );
      return figures.map((f) => {
        const c = csatByKey.get(f.key);
        return {
          ...f,
          label: labels.get(f.key) ?? f.key,
          csatAverage: c?.answers ? Math.round((c.sum / c.answers) * 100) / 100 : null,
          csatAnswers: c?.answers ?? 0,
        };
      });
    },

    async serviceTrend(actor: Actor, group: ServiceGroup | null, q: AnalyticsFilters) {
      checkRange(q);
      const scope = scopeOf(actor);
      const [weeks, csat] = await Promise.all([
        service.serviceTrend(scope, group, q, clock.now()),
        service.csatByGroup(scope, group, q),
      ]);
      const labels = group ? await labelsFor(scope, group, [...new Set(weeks.map((w) => w.key))]) : new Map();
      const csatAt = new Map(csat.map((c) => [`${c.week}|${c.key}`, c]));
      return weeks.map((w) => {
        const c = csatAt.get(`${w.week}|${w.key}`);
        return {
          ...w,
          label: labels.get(w.key) ?? w.key,
          csatAverage: c?.answers ? Math.round((c.sum / c.answers) * 100) / 100 : null,
          csatAnswers: c?.answers ?? 0,
        };
      });
    },

    async backlog(actor: Actor, group: ServiceGroup, q: Omit<AnalyticsFilters, 'from' | 'to'>) {
      const scope = scopeOf(actor);
      const rows = await service.backlog(scope, group, q, clock.now());
      const labels = await labelsFor(
        scope,
        group,
        rows.map((r) => r.key),
      );
      return rows.map((r) => ({ ...r, label: labels.get(r.key) ?? r.key }));
    },

    async reviews(actor: Actor, group: ServiceGroup, q: AnalyticsFilters) {
      checkRange(q);
      const scope = scopeOf(actor);
      const rows = await service.reviewTurnarounds(scope, group, q);
      const labels = await labelsFor(
        scope,
        group,
        rows.map((r) => r.key),
      );
      return rows.map((r) => ({
        ...r,
        label: labels.get(r.key) ?? r.key,
        turnedPositiveShare: r.replied ? Math.round((r.turnedPositive / r.replied) * 10_000) / 10_000 : null,
      }));
    },
  };
}
