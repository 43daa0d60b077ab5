import { DateTime } from 'luxon';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { RecallService } from '../recalls/recall-service.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import * as repo from './alert-repo.js';
import { skuLabels } from './facts-repo.js';
import { SPIKE_RULES, testSpike } from './spike.js';

/** The test window, and how long goods sold before it stay in buyers' hands. */
export const WINDOW_DAYS = 7;
const HANDS_DAYS = 21;
const BASELINE_DAYS = 56;

export type AlertService = ReturnType<typeof createAlertService>;

export function createAlertService({ db, clock, recalls }: { db: Db; clock: Clock; recalls: RecallService }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);
  const day = (d: DateTime) => d.toISODate()!;

  async function views(actor: Actor, rows: repo.AlertRow[]) {
    const labels = await skuLabels(scopeOf(actor), [...new Set(rows.map((r) => r.skuId))]);
    return rows.map((r) => ({ ...r, sku: labels.get(r.skuId) ?? r.skuId }));
  }

  return {
    /**
     * Tests every batch with goods complaints in the last week against its SKU's own baseline and
     * raises (or refreshes) a "possible recall" alert for each spike. Idempotent: run it as often
     * as the dashboard opens.
     */
    async detectSpikes(actor: Actor) {
      const scope = scopeOf(actor);
      const today = DateTime.fromJSDate(clock.now(), { zone: 'Asia/Shanghai' }).startOf('day');
      const windowFrom = today.minus({ days: WINDOW_DAYS - 1 });
      const baseTo = windowFrom.minus({ days: 1 });
      const baseFrom = windowFrom.minus({ days: BASELINE_DAYS });
      const minCount = Math.min(SPIKE_RULES.safety.minCount, SPIKE_RULES.quality.minCount);
      const candidates = await repo.windowCandidates(scope, day(windowFrom), day(today), minCount);
      if (!candidates.length) return [];
      const skuIds = [...new Set(candidates.map((c) => c.skuId))];
      const [inHands, baseline, baseLines, shop, decided] = await Promise.all([
        repo.linesSold(scope, skuIds, day(windowFrom.minus({ days: HANDS_DAYS })), day(today)),
        repo.skuComplaints(scope, skuIds, day(baseFrom), day(baseTo)),
        repo.linesSold(
          scope,
          skuIds,
          day(baseFrom.minus({ days: HANDS_DAYS })),
          day(baseTo.minus({ days: HANDS_DAYS })),
        ),
        repo.shopRates(scope, day(baseFrom), day(baseTo)),
        repo.recentlyDecided(scope, day(windowFrom)),
      ]);
      const raised: string[] = [];
      for (const c of candidates) {
        if (decided.has(`${c.skuId}|${c.batch}`)) continue;
        const windowLines = inHands
          .filter((l) => l.skuId === c.skuId && l.batch === c.batch)
          .reduce((s, l) => s + l.lines, 0);
        const baseComplaints = baseline.find((b) => b.skuId === c.skuId);
        const baselineLines = baseLines.filter((l) => l.skuId === c.skuId).reduce((s, l) => s + l.lines, 0);
        for (const signal of ['safety', 'quality'] as const) {
          const verdict = testSpike(
            {
              observed: c[signal],
              windowLines,
              baselineComplaints: baseComplaints?.[signal] ?? 0,
              baselineLines,
              fallbackRate: shop[signal],
            },
            SPIKE_RULES[signal],
          );
          if (!verdict.spike) continue;
          await repo.upsertOpenAlert(scope, {
            skuId: c.skuId,
            batch: c.batch,
            signal,
            windowFrom: day(windowFrom),
            windowTo: day(today),
            observed: verdict.observed,
            expected: verdict.expected,
            pValue: verdict.pValue,
            evidence: {
              ...verdict,
              windowLines,
              baselineLines,
              baselineComplaints: baseComplaints?.[signal] ?? 0,
              baselineFrom: day(baseFrom),
              baselineTo: day(baseTo),
              caseIds: c.caseIds,
              firstReportAt: c.firstAt.toISOString(),
            },
            raisedAt: clock.now(),
          });
          raised.push(`${c.skuId}|${c.batch}`);
          break; // safety first: one alert per batch
        }
      }
      return raised;
    },

    async list(actor: Actor) {
      return views(actor, await repo.listAlerts(scopeOf(actor), 100));
    },

    async dismiss(actor: Actor, id: string) {
      const row = await repo.decideAlert(scopeOf(actor), id, {
        status: 'dismissed',
        decidedByName: actor.name,
        updatedAt: clock.now(),
      });
      if (!row) throw new AppError('NOT_FOUND', `no open alert ${id}`);
      return (await views(actor, [row]))[0]!;
    },

    /** Opens a draft recall campaign scoped to the alert's SKU and batch, with its evidence. */
    async openRecall(actor: Actor, id: string, locale: 'zh-CN' | 'en') {
      const scope = scopeOf(actor);
      const alert = await repo.findAlert(scope, id);
      if (alert?.status !== 'open') throw new AppError('NOT_FOUND', `no open alert ${id}`);
      const sku = (await skuLabels(scope, [alert.skuId])).get(alert.skuId) ?? alert.skuId;
      const e = alert.evidence as { firstReportAt?: string; expected?: number };
      const batch = alert.batch || (locale === 'en' ? 'no batch' : '无批次');
      const hazard =
        locale === 'en'
          ? `${alert.observed} ${alert.signal} complaints on ${sku}, batch ${batch}, between ${alert.windowFrom} and ${alert.windowTo} where about ${e.expected ?? 0} were expected (p = ${alert.pValue.toExponential(1)}). To be investigated.`
          : `${alert.windowFrom} 至 ${alert.windowTo}，${sku} 批次 ${batch} 收到 ${alert.observed} 起${alert.signal === 'safety' ? '安全' : '质量'}投诉，按以往约为 ${e.expected ?? 0} 起（p = ${alert.pValue.toExponential(1)}），待调查。`;
      const recall = await recalls.create(actor, {
        title: locale === 'en' ? `Possible recall: ${sku}, batch ${batch}` : `疑似召回：${sku} 批次 ${batch}`,
        hazard,
        productName: sku,
        scope: { skuIds: [alert.skuId], ...(alert.batch ? { batches: [alert.batch] } : {}) },
        source: 'safety_spike',
        learnedAt: e.firstReportAt ? new Date(e.firstReportAt) : undefined,
      });
      await repo.decideAlert(scope, id, {
        status: 'recall_opened',
        recallId: recall.id,
        decidedByName: actor.name,
        updatedAt: clock.now(),
      });
      return { recallId: recall.id };
    },
  };
}
