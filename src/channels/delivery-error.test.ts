import { describe, expect, test } from 'vitest';
import {
  DELIVERY_ADVICE,
  DELIVERY_CATEGORIES,
  deliveryAdvice,
  formatDeliveryError,
  parseDeliveryError,
} from './delivery-error.js';

describe('delivery failures in the merchant’s words', () => {
  test.each([
    [
      '[auth_expired] pinduoduo 10019: access_token已过期',
      'auth_expired',
      'pinduoduo 10019: access_token已过期',
    ],
    ['[manual_only] douyin: no_target', 'manual_only', 'douyin: no_target'],
    ['HTTP 503: busy', 'unknown', 'HTTP 503: busy'],
    ['timed out', 'timeout', 'timed out'],
    ['[not_a_category] x', 'unknown', '[not_a_category] x'],
  ])('%s reads as %s', (text, category, detail) => {
    expect(parseDeliveryError(text)).toEqual({ category, detail });
  });

  test('a stored failure round-trips and every category says what to do in Chinese and English', () => {
    for (const c of DELIVERY_CATEGORIES) {
      expect(parseDeliveryError(formatDeliveryError(c, 'detail'))?.category).toBe(c);
      expect(DELIVERY_ADVICE[c].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(DELIVERY_ADVICE[c].en).toMatch(/^[\x20-\x7e’—]+$/);
    }
    expect(deliveryAdvice('[rate_limited] x', 'zh')).toContain('自动重试');
    expect(deliveryAdvice(null, 'en')).toBeNull();
  });
});
