import { describe, expect, test } from 'vitest';
import { formatDueBy, formatMoney, renderTemplate, unknownVariables } from './template-vars.js';

describe('template variables', () => {
  test.each([
    ['您好{customer_name}，订单{order_id}', []],
    ['Hi {customer_name}, {voucher_code}', ['voucher_code']],
    ['{foo}{foo}{bar}', ['foo', 'bar']],
    ['a lone { brace } and {} stay prose', []],
  ])('%s has unknown variables %j', (body, expected) => {
    expect(unknownVariables(body)).toEqual(expected);
  });

  test('rendering fills what it knows and lists what is missing', () => {
    const { text, missing } = renderTemplate('{customer_name}您好，单号{tracking_no}（{carrier}）', {
      customer_name: '王女士',
      carrier: '顺丰',
    });
    expect(text).toBe('王女士您好，单号{tracking_no}（顺丰）');
    expect(missing).toEqual(['tracking_no']);
  });

  test.each([
    [10_00, 'zh-CN', '10元'],
    [12_50, 'zh-CN', '12.50元'],
    [10_00, 'en', '¥10.00'],
  ] as const)('%i fen reads %s in %s', (fen, locale, expected) => {
    expect(formatMoney(fen, locale)).toBe(expected);
  });

  test('due times read in the shop time zone', () => {
    const at = new Date('2026-11-25T10:00:00Z');
    expect(formatDueBy(at, 'zh-CN', 'Asia/Shanghai')).toBe('11月25日 18:00');
    expect(formatDueBy(at, 'en', 'Asia/Shanghai')).toBe('25 Nov, 18:00');
  });
});
