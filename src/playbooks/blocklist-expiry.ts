import { startIntervalWorker } from '../shared/interval-worker.js';
import type { BlocklistService } from './blocklist-service.js';

/** The worker loop: every `intervalMs` closes the blocklist entries that ran out; returns stop(). */
export function startBlocklistExpiry(
  blocklist: Pick<BlocklistService, 'expireDue'>,
  { intervalMs = 60_000, onError = (_e: unknown) => {} } = {},
) {
  return startIntervalWorker(() => blocklist.expireDue(), { intervalMs, firstAfterMs: 1000, onError });
}
