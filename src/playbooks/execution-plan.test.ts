import { describe, expect, test } from 'vitest';
import { type AcceptedOffer, afterTaskDone, planExecution } from './execution-plan.js';

const now = new Date('2026-11-25T02:00:00Z');
const anOffer = (extra: Partial<AcceptedOffer>): AcceptedOffer => ({
  remedy: 'refund',
  amountFen: 0,
  couponFen: 0,
  returnShippingPaid: false,
  orderId: 'o1',
  orderExternalId: 'DY1',
  ...extra,
});
const kinds = (steps: { kind: string; via: string }[]) => steps.map((s) => `${s.via}:${s.kind}`);

describe('what an accepted offer sets going', () => {
  test.each<[Partial<AcceptedOffer>, string[]]>([
    [{ remedy: 'refund', amountFen: 199_00 }, ['outbox:refund', 'task:satisfaction_check']],
    [{ remedy: 'partial_refund', amountFen: 20_00 }, ['outbox:refund', 'task:satisfaction_check']],
    [
      { remedy: 'return_and_refund', amountFen: 199_00 },
      ['outbox:return_instruction', 'task:watch_return_parcel'],
    ],
    [
      { remedy: 'exchange', couponFen: 10_00 },
      ['outbox:return_instruction', 'task:ship_replacement', 'task:issue_coupon'],
    ],
    [{ remedy: 'reship' }, ['task:ship_replacement']],
    [{ remedy: 'coupon', amountFen: 10_00 }, ['task:issue_coupon', 'task:satisfaction_check']],
    [{ remedy: 'gift', amountFen: 15_00 }, ['task:send_gift', 'task:satisfaction_check']],
    [{ remedy: 'apology_only' }, ['task:satisfaction_check']],
  ])('%j → %j', (offer, expected) => {
    expect(kinds(planExecution(anOffer(offer), now))).toEqual(expected);
  });

  test('the satisfaction check is due three days later; the refund at once', () => {
    const [refund, check] = planExecution(anOffer({ amountFen: 5_00 }), now);
    expect(refund?.dueAt).toEqual(now);
    expect(check?.dueAt.toISOString()).toBe('2026-11-28T02:00:00.000Z');
  });
});

describe('what a finished task sets going', () => {
  test('a shipped replacement: tell the buyer the tracking number, then watch the parcel', () => {
    const steps = afterTaskDone(
      { kind: 'ship_replacement', data: { orderId: 'o1' } },
      { carrier: '顺丰', trackingNo: 'SF1234567890' },
      now,
    );
    expect(kinds(steps)).toEqual(['task:notify_tracking', 'task:watch_parcel']);
    expect(steps[0]?.data).toMatchObject({ carrier: '顺丰', trackingNo: 'SF1234567890' });
  });
  test('the return parcel is back: the refund goes out', () => {
    const steps = afterTaskDone(
      { kind: 'watch_return_parcel', data: { orderId: 'o1', refundFen: 199_00 } },
      {},
      now,
    );
    expect(kinds(steps)).toEqual(['outbox:refund', 'task:satisfaction_check']);
    expect(steps[0]?.data.amountFen).toBe(199_00);
  });
  test('a delivered replacement is followed by a satisfaction check', () => {
    expect(kinds(afterTaskDone({ kind: 'watch_parcel', data: {} }, {}, now))).toEqual([
      'task:satisfaction_check',
    ]);
  });
  test('a satisfaction check ends the chain', () => {
    expect(afterTaskDone({ kind: 'satisfaction_check', data: {} }, {}, now)).toEqual([]);
  });
});
