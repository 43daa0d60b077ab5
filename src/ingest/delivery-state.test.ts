import { describe, expect, test } from 'vitest';
import { deliveryOfMessage, deliveryOfOutbox, isDelivered } from './delivery-state.js';

describe('delivery state', () => {
  test.each([
    [null, null, null],
    ['queued', null, { state: 'queued' }],
    ['queued', '[platform_busy] HTTP 503', { state: 'retrying', reason: '[platform_busy] HTTP 503' }],
    ['sent', null, { state: 'sent' }],
    ['failed', '[wrong_state] 40004', { state: 'failed', reason: '[wrong_state] 40004' }],
    ['failed', null, { state: 'failed', reason: '[unknown]' }],
    [
      'manual',
      '[manual_only] pinduoduo: no_api',
      { state: 'failed', reason: '[manual_only] pinduoduo: no_api', manual: true },
    ],
  ] as const)('a message %s with error %s is %j', (status, error, expected) => {
    expect(deliveryOfMessage(status, error)).toEqual(expected);
  });

  test.each([
    ['pending', null, { state: 'queued' }],
    ['pending', 'HTTP 503', { state: 'retrying', reason: 'HTTP 503' }],
    ['sent', null, { state: 'sent' }],
    ['failed', 'HTTP 400', { state: 'failed', reason: 'HTTP 400' }],
  ] as const)('an outbox row %s with error %s is %j', (status, lastError, expected) => {
    expect(deliveryOfOutbox({ status, lastError })).toEqual(expected);
  });

  test('only a sent act (or one with nothing to deliver) reached the buyer', () => {
    expect(isDelivered(null)).toBe(true);
    expect(isDelivered({ state: 'sent' })).toBe(true);
    expect(isDelivered({ state: 'queued' })).toBe(false);
    expect(isDelivered({ state: 'retrying', reason: 'x' })).toBe(false);
    expect(isDelivered({ state: 'failed', reason: 'x' })).toBe(false);
  });
});
