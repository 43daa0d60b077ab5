import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import { affectedTotals } from './affected-repo.js';
import { reportsOf } from './duty-service.js';
import { listInquiries } from './inquiries-repo.js';
import { expectedInquiries } from './inquiry-matcher.js';
import { REVIEW_KEYS } from './investigation-service.js';
import { recallClock } from './legal-clocks.js';
import { completionPermille, minutesToAnnounce } from './lifecycle.js';
import { noticeCounts } from './notices-repo.js';
import { stagesOf } from './progress.js';
import { completionByShop, monitoringSeries, trustResponse } from './progress-repo.js';
import * as repo from './recall-repo.js';
import type { RecallService } from './recall-service.js';

const DAY = 86_400_000;

export type ProgressService = ReturnType<typeof createProgressService>;

export function createProgressService({
  db,
  clock,
  recalls,
}: {
  db: Db;
  clock: Clock;
  recalls: RecallService;
}) {
  return {
    /** The ten stages with their figures: what the campaign page shows step by step. */
    async progress(actor: Actor, id: string) {
      const scope = scopeTo(db, actor.tenantId);
      const r = await recalls.mustFind(actor, id);
      const [totals, tasks, zh, en, counts, byShop, inquiries, actions] = await Promise.all([
        affectedTotals(scope, recalls.sourceOf(r)),
        repo.listTasks(scope, id),
        repo.latestStatement(scope, id, 'zh-CN'),
        repo.latestStatement(scope, id, 'en'),
        noticeCounts(scope, id),
        r.frozenAt ? completionByShop(scope, id) : Promise.resolve([]),
        listInquiries(scope, id, 10_000),
        repo.listActions(scope, id),
      ]);
      const trustWave = r.noticeWaves.find((w) => w.wave === 'trust');
      const trust = trustWave ? await trustResponse(scope, id, new Date(trustWave.at)) : null;
      const reports = reportsOf(r, tasks, clock.now());
      const legal = recallClock(r.hazardLevel, r.learnedAt, r.announcedAt, r.clockOverride);
      const stateCount = (wave: string, state: string) =>
        counts.find((c) => c.wave === wave && c.state === state)?.count ?? 0;
      const count = (kind: string, status?: string) =>
        tasks.filter((t) => t.kind === kind && (!status || t.status === status)).length;
      const remediedUnits = byShop.reduce((s, x) => s + x.remediedUnits, 0);
      const inProgressUnits = byShop.reduce((s, x) => s + x.inProgressUnits, 0);
      const notices = {
        queued: stateCount('first', 'queued') + stateCount('first', 'retrying'),
        sent: stateCount('first', 'sent'),
        failed: stateCount('first', 'failed'),
        unsendable: stateCount('first', 'unsendable'),
        firstSent: r.noticeWaves.some((w) => w.wave === 'first'),
      };
      const facts = {
        status: r.status,
        startMet: legal.startMet,
        frozen: r.frozenAt !== null,
        stopSale: { done: count('stop_sale', 'done'), total: count('stop_sale') },
        platforms: { done: count('platform_notice', 'done'), total: count('platform_notice') },
        reports: {
          overdue: reports.filter((x) => x.state === 'overdue').length,
          unfiled: reports.filter((x) => !x.filedAt).length,
          total: reports.length,
        },
        statementSaved: !!(zh || en),
        notices,
        remedies: { remediedUnits, inProgressUnits, affectedUnits: totals.units },
        inquiries: {
          total: inquiries.length,
          unanswered: inquiries.filter((i) => i.answerState !== 'answered').length,
        },
        investigation: {
          rootCause: !!r.rootCause,
          actions: actions.length,
          verified: actions.filter((a) => a.verifiedAt).length,
          findingsPublished: r.findingsPublishedAt !== null,
        },
        review: {
          done: r.review.filter((i) => i.done).length,
          total: REVIEW_KEYS.length,
          trustSent: !!trustWave,
        },
      };
      return {
        stages: stagesOf(facts),
        facts,
        totals,
        clock: legal,
        reports,
        minutesToAnnounce: minutesToAnnounce(r.learnedAt, r.announcedAt),
        completionPermille: r.completionRate ?? completionPermille(remediedUnits, totals.units),
        byShop,
        waves: r.noticeWaves,
        noticeCounts: counts,
        expectedInquiries: expectedInquiries(totals.customers),
        trust,
      };
    },

    /** Post-recall monitoring from 30 days before the first report. */
    async monitoring(actor: Actor, id: string) {
      const r = await recalls.mustFind(actor, id);
      const from = new Date(r.learnedAt.getTime() - 30 * DAY);
      const series = await monitoringSeries(scopeTo(db, actor.tenantId), id, from);
      return { from, learnedAt: r.learnedAt, announcedAt: r.announcedAt, ...series };
    },
  };
}
