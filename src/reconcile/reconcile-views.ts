import { z } from 'zod';
import { RECONCILE_OUTCOMES } from '../db/schema/reconcile.js';
import { IsoDate } from '../http/json-dates.js';

/** One shop's reconciliation as channel health shows it. */
export const ReconcileShopView = z.object({
  shopId: z.string(),
  name: z.string(),
  platform: z.string(),
  /** What this shop is pulled for (after_sales, orders, reviews): the platform's, less those turned off. */
  feeds: z.array(z.string()),
  /** The platform has list APIs but the shop's settings turned reconciliation (or every feed) off. */
  turnedOff: z.boolean(),
  enabled: z.boolean(),
  simulated: z.boolean(),
  lastStartedAt: IsoDate.nullable(),
  lastFinishedAt: IsoDate.nullable(),
  lastOutcome: z.enum(RECONCILE_OUTCOMES).nullable(),
  lastErrorCategory: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Events the last run brought in that no webhook had delivered. */
  lastFound: z.number().int(),
  /** Records the last run read (already known or not). */
  lastSeen: z.number().int(),
  totalFound: z.number().int(),
  consecutiveFailures: z.number().int(),
  /** Everything changed before this is in the inbox (the oldest feed's watermark). */
  watermark: IsoDate.nullable(),
  lagSeconds: z.number().int().nullable(),
  nextRunAt: IsoDate.nullable(),
  requested: z.boolean(),
  running: z.boolean(),
});
