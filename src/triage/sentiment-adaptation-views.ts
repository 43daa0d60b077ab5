import { z } from 'zod';

/**
 * The tenant's sentiment adaptation as the console shows it: whether it is on, how many of the
 * shop's texts it read and when, and the one figure measurable without labels — how often it agrees
 * with the shipped model on those texts, and which way the others changed. Never the delta itself.
 */
export const AdaptationFiguresView = z.object({
  agree: z.number(),
  changed: z.number(),
  toPositive: z.number(),
  toNegative: z.number(),
  toNeutral: z.number(),
});

/**
 * The guard's verdict on the latest delta (sentiment-guard.ts): measured on the shop's texts kept
 * aside from the training. Shares are of texts; a shift is the share moved to the positive side
 * (negative: to the negative side).
 */
export const SentimentGuardView = z.object({
  adopted: z.boolean(),
  reason: z.enum(['lean']).nullable(),
  checkTexts: z.number(),
  changedShare: z.number(),
  shiftLearnt: z.number(),
  shiftAside: z.number(),
  leanGap: z.number(),
  limit: z.number(),
});

export const SentimentAdaptationView = z.object({
  /** 'held': the guard refused the latest delta; `inUse` says whether an earlier one still applies. */
  status: z.enum(['none', 'ready', 'held', 'too_few', 'failed']),
  texts: z.number(),
  pseudoLabelled: z.number(),
  minTexts: z.number(),
  /** The latest texts a training reads, at most. */
  maxTexts: z.number(),
  figures: AdaptationFiguresView.nullable(),
  trainedAt: z.iso.datetime().nullable(),
  /** Whether the shop's analyses use a delta, and when that one was trained. */
  inUse: z.boolean(),
  deltaTrainedAt: z.iso.datetime().nullable(),
  guard: SentimentGuardView.nullable(),
  error: z.string().nullable(),
});
