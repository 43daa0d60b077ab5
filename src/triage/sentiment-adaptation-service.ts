import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import { distinctIds, featureIds, tokens } from './features.js';
import { cleanForAnalysis, detectLanguage, wellFormed } from './prepare.js';
import { sentimentVerdict, shippedWeights } from './sentiment.js';
import * as repo from './sentiment-adaptation-repo.js';
import {
  DELTA_DEFAULTS,
  type DeltaTable,
  decodeDelta,
  deltaLogit,
  encodeDelta,
  type StoredDelta,
  tailIds,
  trainSentimentDeltaInSlices,
} from './sentiment-delta.js';
import {
  CHECK_EVERY,
  type DeltaFigures,
  deltaFigures,
  GUARD_DEFAULTS,
  type GuardLimits,
  type GuardVerdict,
  judgeDelta,
  positiveShift,
} from './sentiment-guard.js';
import { createTenantJobs } from './tenant-jobs.js';

/**
 * The per-tenant sentiment adaptations (sentiment-delta.ts): which delta a tenant's analyses use
 * (cached like the adjustment layer), and the background training on the tenant's own buyers'
 * texts. New texts only schedule a check; no request waits for it. Reading the texts yields to the
 * event loop every hundred texts, the training every five hundred (a full-size training is about
 * 1.8 s of CPU in slices of a few tens of ms). A delta the guard holds is never used.
 */
export type SentimentAdaptationRow = repo.SentimentAdaptationRow;

/** Fewer of the tenant's texts (Chinese or mixed) than this: no adaptation. */
export const MIN_TEXTS = 200;
/** The latest texts a delta learns from: the work and the delta's size stay bounded. */
export const MAX_TEXTS = 5_000;
/** A retrain once the tenant has this many more texts than at the last one, or a quarter more. */
export const RETRAIN_NEW_TEXTS = 200;
const DELTA_TTL_MS = 30_000;
/** New texts arrive in bursts (an inbox batch, an import): one check a little after the last. */
export const CHECK_DELAY_MS = 30_000;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the guard recorded about the latest delta: its verdict and its figures on both parts. */
export type GuardRecord = GuardVerdict & { learn: DeltaFigures; check: DeltaFigures };

/** The guard's verdict as the console shows it (rows trained before the guard have none). */
function guardView(g: GuardRecord | null | undefined) {
  if (!g?.check) return null;
  return {
    adopted: g.adopt,
    reason: g.reason,
    checkTexts: g.check.texts,
    changedShare: g.check.texts ? g.check.changed / g.check.texts : 0,
    shiftLearnt: positiveShift(g.learn),
    shiftAside: positiveShift(g.check),
    leanGap: g.leanGap,
    limit: g.limit,
  };
}

export function needsTraining(
  row: Pick<SentimentAdaptationRow, 'status' | 'totalTexts'> | undefined,
  total: number,
): boolean {
  if (!row) return true; // "too few" is recorded too, so the console can say how many there are
  if (total < MIN_TEXTS) return total !== row.totalTexts;
  // A held delta waits for new texts like an adopted one: retraining on the same texts would only
  // try the same drift again.
  if (row.status !== 'ready' && row.status !== 'held') return true;
  return total - row.totalTexts >= Math.max(RETRAIN_NEW_TEXTS, Math.ceil(row.totalTexts / 4));
}

export type SentimentAdaptationDeps = {
  db: Db;
  clock: Clock;
  /** null: never check on its own (tests call check() or retrain()). */
  checkDelayMs?: number | null;
  /** The guard's limits (sentiment-guard.ts; MODEL.md says how the default was chosen). */
  guard?: GuardLimits;
};

export function createSentimentAdaptationService({
  db,
  clock,
  checkDelayMs = CHECK_DELAY_MS,
  guard: limits = GUARD_DEFAULTS,
}: SentimentAdaptationDeps) {
  const cache = new Map<string, { at: number; delta: DeltaTable | undefined }>();

  async function deltaFor(scope: TenantScope): Promise<DeltaTable | undefined> {
    const hit = cache.get(scope.tenantId);
    const now = Date.now();
    if (hit && now - hit.at < DELTA_TTL_MS) return hit.delta;
    const row = await repo.findSentimentAdaptation(scope);
    const delta = row?.delta ? decodeDelta(row.delta as StoredDelta) : undefined;
    cache.set(scope.tenantId, { at: now, delta });
    return delta;
  }

  /** The tenant's latest texts as the sentiment model reads them (Chinese or mixed only). */
  async function textsOf(scope: TenantScope, tail: boolean) {
    const bodies = await repo.latestInboundTexts(scope, MAX_TEXTS);
    // ids: what the delta learns from (the tail's ids too when it has them); base: the shipped ids.
    const out: { ids: number[]; base: number[]; words: string[] }[] = [];
    for (const [i, body] of bodies.entries()) {
      if (i % 100 === 99) await yieldToRequests();
      const text = cleanForAnalysis(wellFormed(body));
      const { language } = detectLanguage(text);
      // English texts are read by a word list, not the model: nothing to adapt.
      if (language !== 'zh' && language !== 'mixed') continue;
      const lower = text.toLowerCase();
      const words = tokens(lower, true);
      if (!words.length) continue;
      const ids = distinctIds(featureIds(lower, words));
      out.push({ ids: tail ? [...ids, ...new Set(tailIds(words))] : ids, base: ids, words });
    }
    return out;
  }

  async function save(scope: TenantScope, row: Omit<SentimentAdaptationRow, 'tenantId'>) {
    await repo.saveSentimentAdaptation(scope, row);
    cache.delete(scope.tenantId);
  }

  const jobs = createTenantJobs({
    delayMs: checkDelayMs,
    // A failed training leaves the delta in use as it was (the shop's earlier one, or none).
    onFailure: async (tenantId, error) => {
      const scope = scopeTo(db, tenantId);
      const previous = await repo.findSentimentAdaptation(scope);
      await save(scope, {
        status: 'failed',
        delta: previous?.delta ?? null,
        deltaTrainedAt: previous?.deltaTrainedAt ?? (previous?.delta ? previous.trainedAt : null),
        guard: null,
        texts: 0,
        pseudoLabelled: 0,
        totalTexts: 0,
        figures: null,
        error,
        trainedAt: clock.now(),
      });
    },
  });

  /**
   * Trains one tenant's delta now from four fifths of its latest texts; the guard judges it on the
   * fifth kept aside (sentiment-guard.ts) and the figures shown are measured on all of them.
   */
  async function retrain(tenantId: string): Promise<SentimentAdaptationRow> {
    const scope = scopeTo(db, tenantId);
    const [previous, totalTexts] = await Promise.all([
      repo.findSentimentAdaptation(scope),
      repo.countInboundTexts(scope),
    ]);
    const texts = await textsOf(scope, DELTA_DEFAULTS.tail);
    const trainedAt = clock.now();
    if (texts.length < MIN_TEXTS) {
      const row = {
        status: 'too_few' as const,
        delta: null,
        deltaTrainedAt: null,
        guard: null,
        texts: texts.length,
        pseudoLabelled: 0,
        totalTexts,
        figures: null,
        error: null,
        trainedAt,
      };
      await save(scope, row);
      return { tenantId, ...row };
    }
    await yieldToRequests();
    const base = shippedWeights();
    // Every fifth text is kept aside: the guard judges the delta on texts it never learnt from.
    const learn = texts.filter((_, i) => i % CHECK_EVERY !== 0);
    const aside = texts.filter((_, i) => i % CHECK_EVERY === 0);
    const trained = await trainSentimentDeltaInSlices(base, learn, yieldToRequests);
    const stored = encodeDelta(trained, DELTA_DEFAULTS.tail);
    const table = decodeDelta(stored)!;
    await yieldToRequests();
    // The shipped model's P(positive) and the delta's, as stored (int8) and as analyses read it.
    const pairs = (ts: typeof texts) =>
      ts.map((t) => {
        let z = base.bias;
        for (const id of t.base) z += base.weight(id);
        return [sigmoid(z), sigmoid(z + deltaLogit(table, t.base, t.words))] as const;
      });
    const figuresOf = (ts: typeof texts) =>
      deltaFigures(pairs(ts), sentimentVerdict, DELTA_DEFAULTS.confidence);
    const learnt = figuresOf(learn);
    const check = figuresOf(aside);
    const verdict = judgeDelta({ learn: learnt, check }, limits);
    const guard: GuardRecord = { ...verdict, learn: learnt, check };
    const figures = figuresOf(texts);
    const shared = {
      texts: texts.length,
      pseudoLabelled: trained.pseudoLabelled,
      totalTexts,
      figures: figures as unknown as Record<string, number>,
      guard: guard as unknown as Record<string, unknown>,
      error: null,
      trainedAt,
    };
    // A held delta is never used: the previous one (if any) stays, with its own training time.
    const row = verdict.adopt
      ? {
          status: 'ready' as const,
          delta: stored as unknown as Record<string, unknown>,
          deltaTrainedAt: trainedAt,
          ...shared,
        }
      : {
          status: 'held' as const,
          delta: previous?.delta ?? null,
          deltaTrainedAt: previous?.delta ? (previous.deltaTrainedAt ?? previous.trainedAt) : null,
          ...shared,
        };
    await save(scope, row);
    return { tenantId, ...row };
  }

  /** Trains when the tenant has enough texts, or enough new ones since the last training. */
  async function check(tenantId: string): Promise<SentimentAdaptationRow | undefined> {
    const scope = scopeTo(db, tenantId);
    const [row, total] = await Promise.all([
      repo.findSentimentAdaptation(scope),
      repo.countInboundTexts(scope),
    ]);
    return needsTraining(row, total) ? retrain(tenantId) : undefined;
  }

  return {
    deltaFor,
    retrain,
    check,

    /** New buyers' texts were analysed: one check of this tenant, a little later, off the request. */
    noteTexts(tenantId: string) {
      jobs.later(tenantId, check);
    },

    /** A supervisor asked for a retrain now: started, not awaited. */
    start(tenantId: string) {
      void jobs.run(tenantId, retrain);
    },

    async status(tenantId: string) {
      return (await repo.findSentimentAdaptation(scopeTo(db, tenantId))) ?? null;
    },

    /** As the console shows it (never the delta's weights). */
    async view(tenantId: string) {
      const row = await repo.findSentimentAdaptation(scopeTo(db, tenantId));
      return {
        status: row?.status ?? ('none' as const),
        texts: row?.texts ?? 0,
        pseudoLabelled: row?.pseudoLabelled ?? 0,
        minTexts: MIN_TEXTS,
        maxTexts: MAX_TEXTS,
        figures: (row?.figures ?? null) as DeltaFigures | null,
        trainedAt: row?.trainedAt.toISOString() ?? null,
        inUse:
          Boolean(row?.delta) &&
          (row?.status === 'ready' || row?.status === 'held' || row?.status === 'failed'),
        deltaTrainedAt: row?.delta ? (row.deltaTrainedAt ?? row.trainedAt).toISOString() : null,
        guard: guardView(row?.guard as GuardRecord | null | undefined),
        error: row?.error ?? null,
      };
    },

    /** Resolves when no training is running (tests, shutdown). */
    settled: jobs.settled,
    stop: jobs.stop,
  };
}

export type SentimentAdaptationService = ReturnType<typeof createSentimentAdaptationService>;
