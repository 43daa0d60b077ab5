import type { PrivacyService } from './privacy-service.js';

const HOUR_MS = 3_600_000;

/** Applies every tenant's retention rule once an hour (idempotent: several workers may run it). */
export function startRetentionWorker(
  privacy: PrivacyService,
  options: { intervalMs?: number; onError: (error: unknown) => void },
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = privacy
      .runAllRetention()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? HOUR_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
