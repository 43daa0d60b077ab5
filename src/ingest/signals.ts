import { EventEmitter } from 'node:events';

/**
 * In-process wake-ups: the webhook route and the outbox wake the workers right away instead of
 * waiting for the next poll (on PostgreSQL, LISTEN/NOTIFY carries the same across processes).
 */
export const ingestSignals = new EventEmitter();
ingestSignals.setMaxListeners(100);

export type Queue = 'inbox' | 'outbox';
export const INBOX_CHANNEL = 'aftercare_inbox';
export const OUTBOX_CHANNEL = 'aftercare_outbox';

export function wake(queue: Queue, delayMs = 0): void {
  if (delayMs > 0) setTimeout(() => ingestSignals.emit(queue), delayMs).unref();
  else ingestSignals.emit(queue);
}
