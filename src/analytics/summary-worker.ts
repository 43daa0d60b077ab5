import type { AnalyticsService } from './analytics-service.js';

/**
 * Folds the days that writes marked into the dashboards' summaries, every half minute by default.
 * Readers never wait for it (a marked day is read from the facts), so it only keeps them fast;
 * several workers may run it (a lock per tenant).
 */
export function startSummaryWorker(
  analytics: AnalyticsService,
  options: { intervalMs?: number; onError: (error: unknown) => void },
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = analytics
      .refreshSummaries()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 30_000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
