import type { Remedy } from './offer-rules.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A satisfaction check goes out a few days after the buyer has the remedy. */
export const SATISFACTION_DELAY_MS = 3 * DAY;

export type TaskKind =
  | 'refund'
  | 'return_instruction'
  | 'ship_replacement'
  | 'notify_tracking'
  | 'watch_parcel'
  | 'watch_return_parcel'
  | 'issue_coupon'
  | 'send_gift'
  | 'pay_compensation'
  | 'satisfaction_check'
  | 'coaching_note'
  | 'follow_up';

/** One step to carry out: sent through the platform outbox, or a task for a person with a due time. */
export type PlannedStep = {
  kind: TaskKind;
  via: 'outbox' | 'task';
  dueAt: Date;
  data: Record<string, unknown>;
  templateKey?: string;
};

export type AcceptedOffer = {
  remedy: Remedy;
  amountFen: number;
  couponFen: number;
  returnShippingPaid: boolean;
  orderId: string | null;
  orderExternalId: string | null;
};

/** The execution steps and follow-up tasks of an accepted offer. */
export function planExecution(offer: AcceptedOffer, now: Date): PlannedStep[] {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const order = { orderId: offer.orderId, orderExternalId: offer.orderExternalId };
  const steps: PlannedStep[] = [];
  const satisfaction = (): PlannedStep => ({
    kind: 'satisfaction_check',
    via: 'task',
    dueAt: at(SATISFACTION_DELAY_MS),
    data: {},
    templateKey: 'satisfaction_check',
  });
  switch (offer.remedy) {
    case 'refund':
    case 'partial_refund':
      steps.push({
        kind: 'refund',
        via: 'outbox',
        dueAt: now,
        data: { ...order, amountFen: offer.amountFen },
      });
      steps.push(satisfaction());
      break;
    case 'return_and_refund':
      // The refund follows once the returned parcel is back (see afterTaskDone).
      steps.push({
        kind: 'return_instruction',
        via: 'outbox',
        dueAt: now,
        data: { ...order, returnShippingPaid: true, purpose: 'return_and_refund' },
      });
      steps.push({
        kind: 'watch_return_parcel',
        via: 'task',
        dueAt: at(3 * DAY),
        data: { ...order, refundFen: offer.amountFen },
      });
      break;
    case 'exchange':
      steps.push({
        kind: 'return_instruction',
        via: 'outbox',
        dueAt: now,
        data: { ...order, returnShippingPaid: true, purpose: 'exchange' },
      });
      steps.push({ kind: 'ship_replacement', via: 'task', dueAt: at(DAY), data: { ...order } });
      break;
    case 'reship':
      steps.push({ kind: 'ship_replacement', via: 'task', dueAt: at(DAY), data: { ...order } });
      break;
    case 'coupon':
      steps.push({ kind: 'issue_coupon', via: 'task', dueAt: at(DAY), data: { amountFen: offer.amountFen } });
      steps.push(satisfaction());
      break;
    case 'gift':
      steps.push({ kind: 'send_gift', via: 'task', dueAt: at(2 * DAY), data: { valueFen: offer.amountFen } });
      steps.push(satisfaction());
      break;
    case 'apology_only':
      steps.push(satisfaction());
      break;
    case 'statutory_compensation':
      // Paid by hand (bank transfer or the platform's compensation tool): a person does it and notes how.
      steps.push({
        kind: 'pay_compensation',
        via: 'task',
        dueAt: at(DAY),
        data: { ...order, amountFen: offer.amountFen },
      });
      steps.push(satisfaction());
      break;
  }
  if (offer.couponFen > 0) {
    steps.push({ kind: 'issue_coupon', via: 'task', dueAt: at(DAY), data: { amountFen: offer.couponFen } });
  }
  return steps;
}

export type TaskOutcome = { carrier?: string | undefined; trackingNo?: string | undefined };

/** What a finished task sets going: a shipped replacement is told and watched; a delivered parcel is followed by a check. */
export function afterTaskDone(
  task: { kind: string; data: Record<string, unknown> },
  outcome: TaskOutcome,
  now: Date,
): PlannedStep[] {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const order = { orderId: task.data.orderId ?? null, orderExternalId: task.data.orderExternalId ?? null };
  switch (task.kind) {
    case 'ship_replacement': {
      const shipment = { ...order, carrier: outcome.carrier, trackingNo: outcome.trackingNo };
      return [
        {
          kind: 'notify_tracking',
          via: 'task',
          dueAt: at(2 * HOUR),
          data: shipment,
          templateKey: 'exchange_shipped',
        },
        { kind: 'watch_parcel', via: 'task', dueAt: at(3 * DAY), data: shipment },
      ];
    }
    case 'watch_parcel':
      return [
        {
          kind: 'satisfaction_check',
          via: 'task',
          dueAt: at(SATISFACTION_DELAY_MS),
          data: {},
          templateKey: 'satisfaction_check',
        },
      ];
    case 'watch_return_parcel':
      return [
        {
          kind: 'refund',
          via: 'outbox',
          dueAt: now,
          data: { ...order, amountFen: task.data.refundFen ?? 0 },
        },
        {
          kind: 'satisfaction_check',
          via: 'task',
          dueAt: at(SATISFACTION_DELAY_MS),
          data: {},
          templateKey: 'satisfaction_check',
        },
      ];
    default:
      return [];
  }
}

/** Tasks that cannot be finished without the shipment's carrier and tracking number. */
export const NEEDS_TRACKING: ReadonlySet<string> = new Set(['ship_replacement']);
