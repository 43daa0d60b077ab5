import type { BlocklistService } from './blocklist-service.js';

/** The worker loop: every `intervalMs` closes the blocklist entries that ran out; returns stop(). */
export function startBlocklistExpiry(
  blocklist: Pick<BlocklistService, 'expireDue'>,
  { intervalMs = 60_000, onError = (_e: unknown) => {} } = {},
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      await blocklist.expireDue();
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  timer = setTimeout(() => (running = tick()), 1000);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
