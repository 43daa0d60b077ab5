import { describe, expect, test } from 'vitest';
import { type RemedyStep, remedyDelivery } from './remedy-state.js';

const step = (over: Partial<RemedyStep>): RemedyStep => ({
  taskId: 't',
  kind: 'refund',
  outboxId: 'o1',
  outboxStatus: 'pending',
  lastError: null,
  attempts: 0,
  sentAt: null,
  taskStatus: 'queued',
  ...over,
});

describe('a recall remedy shows its true delivery state', () => {
  test.each([
    ['queued until its first attempt', [step({})], 'queued'],
    ['retrying after a failure that may pass', [step({ lastError: '[rate_limited] 稍后再试' })], 'retrying'],
    ['sent only when the platform took every step', [step({ outboxStatus: 'sent' })], 'sent'],
    [
      'not sent while one of two steps waits',
      [step({ outboxStatus: 'sent' }), step({ outboxId: 'o2', kind: 'return_instruction' })],
      'queued',
    ],
    [
      'failed when the platform refused',
      [step({ outboxStatus: 'failed', lastError: '[auth] token' })],
      'failed',
    ],
    [
      'failed wins over a sent step',
      [step({ outboxStatus: 'sent' }), step({ outboxId: 'o2', outboxStatus: 'failed', lastError: '[x] y' })],
      'failed',
    ],
    [
      'manual while a person has not done it (no platform)',
      [step({ outboxId: null, outboxStatus: null, taskStatus: 'open' })],
      'manual',
    ],
    [
      'done by hand (never "sent") once the person marked the manual step done',
      [step({ outboxId: null, outboxStatus: null, taskStatus: 'done' })],
      'done_by_hand',
    ],
    [
      'done by hand when the platform took one step and a person did the other',
      [step({ outboxStatus: 'sent' }), step({ outboxId: null, outboxStatus: null, taskStatus: 'done' })],
      'done_by_hand',
    ],
    ['manual when there is no platform step at all', [], 'manual'],
  ] as const)('%s', (_name, steps, state) => {
    expect(remedyDelivery([...steps]).state).toBe(state);
  });

  test('a failure carries the reason and the row to send again', () => {
    const d = remedyDelivery([
      step({ outboxId: 'o9', outboxStatus: 'failed', lastError: '[auth] 授权过期' }),
    ]);
    expect(d).toEqual({ state: 'failed', reason: '[auth] 授权过期', retryOutboxId: 'o9' });
  });
});
