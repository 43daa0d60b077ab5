import { describe, expect, test } from 'vitest';
import { explainDeliveryFailure } from '../../../channels/delivery-reasons.js';
import { platformWords } from './delivery-note.js';

describe('platformWords: the platform’s own words, without our prefix and without the code twice', () => {
  test.each([
    [
      '[wrong_state] taobao 15/isv.refund-status-not-support: Remote service error · isv.refund-status-not-support · 模拟平台：售后单状态已变更',
      '15/isv.refund-status-not-support',
      'Remote service error · 模拟平台：售后单状态已变更',
    ],
    [
      '[auth_expired] taobao 27/session-expired: Invalid session · session-expired · access_token 已过期',
      '27/session-expired',
      'Invalid session · access_token 已过期',
    ],
    [
      '[wrong_state] tiktok 25001004: The current return status does not allow this operation',
      '25001004',
      'The current return status does not allow this operation',
    ],
    ['[timeout] request timed out after 10000 ms', null, 'request timed out after 10000 ms'],
  ])('%s', (stored, code, words) => {
    const why = explainDeliveryFailure(stored, 'zh')!;
    expect(why.code).toBe(code);
    expect(platformWords(why)).toBe(words);
  });
});
