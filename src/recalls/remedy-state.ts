import { type Delivery, deliveryOfOutbox } from '../ingest/delivery-state.js';

/** One platform step of a remedy's offer (the refund, the return instruction) as stored. */
export type RemedyStep = {
  taskId: string;
  kind: string;
  /** The outbox row carrying it; null when no platform API can (a manual shop): a person does it. */
  outboxId: string | null;
  outboxStatus: 'pending' | 'sent' | 'failed' | null;
  lastError: string | null;
  attempts: number;
  sentAt: Date | null;
  /** The task row's own status: a manual step is done when a person marked it done. */
  taskStatus: string;
};

export type RemedyState = 'queued' | 'retrying' | 'sent' | 'failed' | 'manual' | 'done_by_hand';

export type RemedyDelivery = {
  state: RemedyState;
  /** The stored reason (`[category] platform words`) of the step that failed or is being retried. */
  reason: string | null;
  /** The failed step's outbox row, to send it again. */
  retryOutboxId: string | null;
};

/** A step's delivery: its outbox row's, or failed-manual while a person has not done it. */
export function stepDelivery(s: RemedyStep): Delivery {
  if (s.outboxId && s.outboxStatus)
    return deliveryOfOutbox({ status: s.outboxStatus, lastError: s.lastError });
  if (s.taskStatus === 'done') return { state: 'sent' };
  return { state: 'failed', reason: '[manual_only]', manual: true };
}

/** Whether a person did this step by hand (no platform row carried it) and marked it done. */
export const doneByHand = (s: RemedyStep): boolean =>
  !(s.outboxId && s.outboxStatus) && s.taskStatus === 'done';

/**
 * The remedy's true state from its steps: sent only when the platform accepted every one (done by
 * hand when a person did one of them: the platform never said it took it); failed
 * (with the reason and the row to retry) as soon as one failed; manual while a step waits for a
 * person; otherwise retrying or queued. A remedy with no platform step at all is manual.
 */
export function remedyDelivery(steps: RemedyStep[]): RemedyDelivery {
  const ds = steps.map((s) => ({ s, d: stepDelivery(s) }));
  const failed = ds.find(({ d }) => d.state === 'failed' && !d.manual);
  if (failed) return { state: 'failed', reason: failed.d.reason ?? null, retryOutboxId: failed.s.outboxId };
  if (!ds.length || ds.some(({ d }) => d.manual)) {
    return { state: 'manual', reason: ds.length ? '[manual_only]' : null, retryOutboxId: null };
  }
  const retrying = ds.find(({ d }) => d.state === 'retrying');
  if (retrying) return { state: 'retrying', reason: retrying.d.reason ?? null, retryOutboxId: null };
  if (ds.some(({ d }) => d.state === 'queued')) return { state: 'queued', reason: null, retryOutboxId: null };
  const state = steps.some(doneByHand) ? 'done_by_hand' : 'sent';
  return { state, reason: null, retryOutboxId: null };
}
