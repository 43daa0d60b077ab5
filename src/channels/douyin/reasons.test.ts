import { describe, expect, test } from 'vitest';
import type { InboundEvent } from '../channel.js';
import { normaliseDouyin } from './normalise.js';
import { douyinReason } from './reasons.js';

describe('Douyin reason codes', () => {
  test.each([
    // [code, shop settings, reason]
    [3, undefined, '商品质量问题'],
    ['6', undefined, '发错货'],
    [3, { douyinReasonCodes: { '3': '做工瑕疵' } }, '做工瑕疵'], // the shop's table wins
    [77, { douyinReasonCodes: { '77': '  物流丢件 ' } }, '物流丢件'],
    [77, undefined, null], // unknown: named as unrecognised, never guessed
    [3, { douyinReasonCodes: ['x'] }, '商品质量问题'], // a malformed setting is ignored
    [3, { douyinReasonCodes: { '3': '   ' } }, '商品质量问题'],
  ])('code %j with %j → %j', (code, settings, text) => {
    expect(douyinReason(code, settings as Record<string, unknown> | undefined).text).toBe(text);
  });

  const created = (reasonCode: number): InboundEvent => ({
    externalEventId: 'm1',
    eventType: 'doudian_refund_RefundCreated',
    payload: {
      tag: '200',
      msg_id: 'm1',
      data: {
        aftersale_id: '7301234567890123456',
        aftersale_status: 6,
        aftersale_type: 0,
        p_id: '6920123456789012345',
        reason_code: reasonCode,
        refund_amount: 12990,
        apply_time: 1764000000,
      },
    },
  });

  test('a known code reads as a Chinese reason in the thread and reaches the title', () => {
    const e = normaliseDouyin(created(3));
    expect(e.reason).toBe('商品质量问题');
    expect(e.text).toContain('原因：商品质量问题');
    expect(e.text).not.toMatch(/原因代码/);
  });

  test('an unknown code falls back: no reason in the title, the thread says it is unrecognised', () => {
    const e = normaliseDouyin(created(999));
    expect(e.reason).toBeUndefined();
    expect(e.text).toContain('原因未收录（平台原因码 999）');
  });
});
