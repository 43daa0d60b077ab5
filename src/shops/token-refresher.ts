import type { AuthorisationService } from './authorisation-service.js';

const FIVE_MINUTES_MS = 5 * 60_000;

/**
 * Renews shops' access tokens before they expire, every few minutes. Several workers may run it: each
 * shop's refresh is claimed first, so a refresh token is never spent twice.
 */
export function startTokenRefresher(
  authorisation: Pick<AuthorisationService, 'refreshDue'>,
  options: { intervalMs?: number; aheadMs?: number; onError: (error: unknown) => void },
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = authorisation
      .refreshDue(options.aheadMs)
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? FIVE_MINUTES_MS);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
