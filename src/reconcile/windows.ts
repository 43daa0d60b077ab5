/**
 * Which window of update times the reconciler asks a platform for next. Pure: time passed in.
 * Everything updated before a feed's watermark is in the inbox; a run walks from there in windows no
 * wider than the platform allows, up to `settleMs` before now (a push still on its way gets there
 * first), and a shop seen for the first time starts `firstLookbackMs` back.
 */
export type WindowRule = {
  settleMs: number;
  maxWindowMs: number;
  firstLookbackMs: number;
};

export type Window = { from: Date; to: Date };

export function nextWindow(watermark: Date | null, now: Date, rule: WindowRule): Window | null {
  // Platforms filter update times in whole seconds: windows start and end on a second.
  const end = Math.floor((now.getTime() - rule.settleMs) / 1000) * 1000;
  const start = watermark ? watermark.getTime() : end - rule.firstLookbackMs;
  if (start >= end) return null;
  return { from: new Date(start), to: new Date(Math.min(start + rule.maxWindowMs, end)) };
}

/** How far behind a shop's pulls are: from its oldest feed watermark to now (null before the first run). */
export function lagMs(watermarks: (Date | null)[], now: Date): number | null {
  const known = watermarks.filter((w): w is Date => w !== null);
  if (!known.length || known.length < watermarks.length) return null;
  return Math.max(0, now.getTime() - Math.min(...known.map((w) => w.getTime())));
}

/** When a failed shop is tried again: 30 s, doubling, never later than its schedule. */
export function retryDelayMs(consecutiveFailures: number, intervalMs: number): number {
  return Math.min(intervalMs, 30_000 * 2 ** Math.min(Math.max(consecutiveFailures - 1, 0), 10));
}
