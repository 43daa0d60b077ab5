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

export const SentimentAdaptationView = z.object({
  status: z.enum(['none', 'ready', 'too_few', 'failed']),
  texts: z.number(),
  pseudoLabelled: z.number(),
  minTexts: z.number(),
  /** The latest texts a training reads, at most. */
  maxTexts: z.number(),
  figures: AdaptationFiguresView.nullable(),
  trainedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
});
