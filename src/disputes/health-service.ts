import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { HealthMetric } from '../db/schema/disputes.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findShop } from '../shops/shop-repo.js';
import { deleteThreshold, insertHealthScores, loadShopHealth, upsertThreshold } from './health-repo.js';

/** The scale of each platform score (the console draws its axis from it; values outside are refused). */
export const METRIC_RANGE: Record<HealthMetric, { min: number; max: number }> = {
  douyin_quality: { min: 0, max: 100 },
  douyin_experience: { min: 0, max: 5 },
  pdd_rating: { min: 0, max: 5 },
  tiktok_performance: { min: 0, max: 100 },
  taobao_dsr: { min: 0, max: 5 },
};

export type Alert = { metric: HealthMetric; value: number; threshold: number; measuredAt: Date };

/** Scores below the merchant's line: the latest value of each metric decides. */
export function alertsOf(
  latest: { metric: HealthMetric; value: number; measuredAt: Date }[],
  thresholds: { metric: HealthMetric; minValue: number }[],
): Alert[] {
  return latest.flatMap((s) => {
    const line = thresholds.find((t) => t.metric === s.metric);
    return line && s.value < line.minValue
      ? [{ metric: s.metric, value: s.value, threshold: line.minValue, measuredAt: s.measuredAt }]
      : [];
  });
}

export type HealthService = ReturnType<typeof createHealthService>;

export function createHealthService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustShop(actor: Actor, shopId: string) {
    const shop = await findShop(scopeOf(actor), shopId);
    if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${shopId} not found`);
    return shop;
  }

  async function overview(actor: Actor, shopId: string, days: number) {
    const scope = scopeOf(actor);
    await mustShop(actor, shopId);
    const from = new Date(clock.now().getTime() - days * 86_400_000);
    const {
      scores,
      thresholds,
      penalties: shopPenalties,
      disputes: shopDisputes,
    } = await loadShopHealth(scope, shopId, from);
    const latest = new Map<HealthMetric, (typeof scores)[number]>();
    for (const s of scores) latest.set(s.metric, s);
    return {
      scores,
      thresholds,
      alerts: alertsOf([...latest.values()], thresholds),
      events: [
        ...shopPenalties.map((p) => ({
          type: 'penalty' as const,
          id: p.id,
          at: p.penalizedAt,
          label: p.kind,
          points: p.points,
        })),
        ...shopDisputes.map((d) => ({
          type: 'dispute' as const,
          id: d.id,
          at: d.openedAt,
          label: d.type,
          points: null,
        })),
      ].sort((x, y) => x.at.getTime() - y.at.getTime()),
    };
  }

  return {
    overview,

    /** Scores entered by hand or imported; answers the alerts they raise. */
    async record(
      actor: Actor,
      shopId: string,
      list: { metric: HealthMetric; value: number; measuredAt: Date }[],
      source: 'manual' | 'import' = 'manual',
    ) {
      await mustShop(actor, shopId);
      for (const s of list) {
        const range = METRIC_RANGE[s.metric];
        if (s.value < range.min || s.value > range.max) {
          throw new AppError(
            'VALIDATION_FAILED',
            `${s.metric} is between ${range.min} and ${range.max}; got ${s.value}`,
          );
        }
      }
      const now = clock.now();
      await insertHealthScores(
        scopeOf(actor),
        list.map((s) => ({ id: newId(), shopId, ...s, source, createdByName: actor.name, createdAt: now })),
      );
      return (await overview(actor, shopId, 3650)).alerts;
    },

    async setThreshold(actor: Actor, shopId: string, metric: HealthMetric, minValue: number | null) {
      await mustShop(actor, shopId);
      const scope = scopeOf(actor);
      if (minValue === null) {
        await deleteThreshold(scope, shopId, metric);
        return;
      }
      await upsertThreshold(scope, { shopId, metric, minValue, updatedAt: clock.now() });
    },
  };
}
