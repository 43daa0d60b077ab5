import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import {
  ADJUSTMENT_FORMAT,
  type Adjustment,
  type AdjustmentExample,
  beforeAfter,
  MIN_EXAMPLES,
  trainAdjustment,
} from './adjustment.js';
import * as repo from './adjustment-repo.js';
import { decideCategories } from './categories.js';
import type { Matcher } from './matcher.js';
import { prepare, wellFormed } from './prepare.js';
import { CATEGORIES, type Category } from './taxonomy.js';
import { createTenantJobs } from './tenant-jobs.js';

/**
 * The per-tenant adjustment layers (adjustment.ts): which layer a tenant's analyses use (cached like
 * the lexicon), and the background retraining after agents correct cases. A correction only
 * schedules a retrain; the request never waits for it. Training yields to the event loop between
 * cases and between folds, so the API keeps answering while it runs.
 */
export type AdjustmentStatus = repo.AdjustmentRow;

/** The latest corrected cases a layer learns from (newest first). */
const MAX_EXAMPLES = 2000;
const LAYER_TTL_MS = 30_000;
/** Corrections arrive in bursts: one retrain a little after the last of them. */
export const RETRAIN_DELAY_MS = 5_000;

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export type AdjustmentServiceDeps = {
  db: Db;
  clock: Clock;
  matcherOf: (scope: TenantScope) => Promise<Matcher | undefined>;
  /** null: never retrain on its own (tests call retrain()). */
  retrainDelayMs?: number | null;
};

export function createAdjustmentService({
  db,
  clock,
  matcherOf,
  retrainDelayMs = RETRAIN_DELAY_MS,
}: AdjustmentServiceDeps) {
  const cache = new Map<string, { at: number; layer: Adjustment | undefined }>();

  async function layerFor(scope: TenantScope): Promise<Adjustment | undefined> {
    const hit = cache.get(scope.tenantId);
    const now = Date.now();
    if (hit && now - hit.at < LAYER_TTL_MS) return hit.layer;
    const row = await repo.findAdjustment(scope);
    const layer =
      row?.status === 'ready' && (row.layer as { format?: string } | null)?.format === ADJUSTMENT_FORMAT
        ? (row.layer as unknown as Adjustment)
        : undefined;
    cache.set(scope.tenantId, { at: now, layer });
    return layer;
  }

  /** The tenant's corrected cases as examples: the latest category correction per ticket. */
  async function examplesOf(scope: TenantScope): Promise<AdjustmentExample[]> {
    const rows = await repo.categoryCorrections(scope, MAX_EXAMPLES * 3);
    const latest = new Map<string, Category[]>();
    for (const r of rows) {
      if (latest.size >= MAX_EXAMPLES) break;
      if (latest.has(r.ticketId)) continue;
      const gold = (Array.isArray(r.agentValue) ? r.agentValue : [r.agentValue]).filter((c) =>
        CATEGORIES.includes(c as Category),
      ) as Category[];
      latest.set(r.ticketId, gold);
    }
    if (!latest.size) return [];
    const ids = [...latest.keys()];
    const found = await repo.ticketsByIds(scope, ids);
    const inbound = await repo.inboundMessagesOf(scope, ids);
    const firstBody = new Map<string, string>();
    for (const m of inbound) if (!firstBody.has(m.ticketId)) firstBody.set(m.ticketId, m.body);
    const matcher = await matcherOf(scope);
    const out: AdjustmentExample[] = [];
    for (const [i, t] of found.entries()) {
      if (i % 100 === 99) await yieldToRequests();
      const body = firstBody.get(t.id);
      // The same text the triage step read when the case was opened.
      const p = prepare(wellFormed(body ? `${t.subject}\n${body}` : t.subject), matcher);
      const d = decideCategories(p);
      if (!d.margins) continue;
      out.push({ ids: p.ids, margins: d.margins, auto: d.categories, gold: latest.get(t.id)! });
    }
    return out;
  }

  async function save(scope: TenantScope, row: Omit<AdjustmentStatus, 'tenantId'>) {
    await repo.saveAdjustment(scope, row);
    cache.delete(scope.tenantId);
  }

  /** Retrains one tenant's layer now; the before/after figure is measured on the same examples. */
  const jobs = createTenantJobs({
    delayMs: retrainDelayMs,
    onFailure: (tenantId, error) =>
      save(scopeTo(db, tenantId), {
        status: 'failed',
        layer: null,
        examples: 0,
        before: null,
        after: null,
        error,
        trainedAt: clock.now(),
      }),
  });

  async function retrain(tenantId: string): Promise<AdjustmentStatus> {
    const scope = scopeTo(db, tenantId);
    const examples = await examplesOf(scope);
    const trainedAt = clock.now();
    if (examples.length < MIN_EXAMPLES) {
      const row = {
        status: 'too_few' as const,
        layer: null,
        examples: examples.length,
        before: null,
        after: null,
        error: null,
        trainedAt,
      };
      await save(scope, row);
      return { tenantId, ...row };
    }
    await yieldToRequests();
    const figure = beforeAfter(examples);
    await yieldToRequests();
    const layer = trainAdjustment(examples);
    const row = {
      status: 'ready' as const,
      layer: layer as unknown as Record<string, unknown>,
      examples: examples.length,
      before: figure?.before ?? null,
      after: figure?.after ?? null,
      error: null,
      trainedAt,
    };
    await save(scope, row);
    return { tenantId, ...row };
  }

  return {
    layerFor,
    retrain,

    /** After a correction: one retrain of this tenant, a little later, off the request. */
    schedule(tenantId: string) {
      jobs.later(tenantId, retrain);
    },

    /** A supervisor asked for a retrain now: started, not awaited. */
    start(tenantId: string) {
      void jobs.run(tenantId, retrain);
    },

    async status(tenantId: string) {
      return (await repo.findAdjustment(scopeTo(db, tenantId))) ?? null;
    },

    /** Resolves when no retrain is running (tests, shutdown). */
    settled: jobs.settled,
    stop: jobs.stop,
  };
}

export type AdjustmentService = ReturnType<typeof createAdjustmentService>;
