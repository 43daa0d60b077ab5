/**
 * The true delivery state of an outbound act (a reply, an acknowledgement, a survey, an offer, a
 * refund, a return instruction, a recall notice), as every screen and the API show it. Pure: the
 * console imports it too.
 *
 * - queued: waiting for its first attempt
 * - retrying: an attempt failed for a reason that may pass (the sender tries again later)
 * - sent: the platform took it (or it went through a channel with no delivery report); `byHand`
 *   when a person sent it from the platform's back office and said so — the platform never confirmed it
 * - failed: it will not go out by itself (with the reason); `manual` when the platform has no API
 *   for it and a person must do it in the platform's back office
 */
export const DELIVERY_STATES = ['queued', 'retrying', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type Delivery = {
  state: DeliveryState;
  /** The stored reason (`[category] platform words`) for failed and retrying. */
  reason?: string;
  /** Failed because no platform API exists for it: a person does it by hand. */
  manual?: true;
  /** Sent by a person in the platform's back office (they marked it; no platform receipt). */
  byHand?: true;
};

/** A message's delivery from its own columns (the sender keeps them in step with the outbox row). */
export function deliveryOfMessage(
  status: 'queued' | 'sent' | 'failed' | 'manual' | 'sent_by_hand' | null,
  error: string | null,
): Delivery | null {
  switch (status) {
    case null:
      return null;
    case 'queued':
      return error ? { state: 'retrying', reason: error } : { state: 'queued' };
    case 'sent':
      return { state: 'sent' };
    case 'failed':
      return { state: 'failed', reason: error ?? '[unknown]' };
    case 'manual':
      return { state: 'failed', reason: error ?? '[manual_only]', manual: true };
    case 'sent_by_hand':
      return { state: 'sent', byHand: true };
  }
}

/** An outbox row's delivery: pending with an error is being retried. */
export function deliveryOfOutbox(row: {
  status: 'pending' | 'sent' | 'failed';
  lastError: string | null;
}): Delivery {
  if (row.status === 'sent') return { state: 'sent' };
  if (row.status === 'failed') return { state: 'failed', reason: row.lastError ?? '[unknown]' };
  return row.lastError ? { state: 'retrying', reason: row.lastError } : { state: 'queued' };
}

/** Whether the buyer has it: what counts for SLA clocks, playbook progress and "done". */
export const isDelivered = (d: Delivery | null): boolean => d === null || d.state === 'sent';
