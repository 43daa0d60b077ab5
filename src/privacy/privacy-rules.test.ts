import { describe, expect, test } from 'vitest';
import { erasedBody, erasedPayload, maskPersonName, retentionCutoff } from './privacy-rules.js';

describe('maskPersonName', () => {
  test.each([
    ['王女士', '王**'],
    ['欧阳娜娜', '欧**'],
    ['john smith', 'J***'],
    ['  李  ', '李**'],
    ['', '**'],
    ['😀 buyer', '😀***'],
  ])('%s → %s', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });
});

test('message bodies lose phone numbers and other identifiers, not their meaning', () => {
  const body = erasedBody('杯子漏水了，电话13812345678，尽快联系我');
  expect(body).not.toContain('13812345678');
  expect(body).toContain('杯子漏水了');
});

test('the retention cutoff is whole days before now', () => {
  expect(retentionCutoff(new Date('2026-12-05T00:00:00Z'), 30).toISOString()).toBe(
    '2026-11-05T00:00:00.000Z',
  );
});

test("the buyer's name inside replies is masked too", () => {
  expect(erasedBody('王女士您好，抱歉让您久等了', '王女士')).toBe('王**您好，抱歉让您久等了');
  expect(erasedBody('王先生您好', '王')).toBe('王先生您好');
});

test('a raw platform payload keeps its ids and shape, not the buyer', () => {
  const payload = {
    tid: '3301234567890',
    refund_id: 'R-88',
    buyer_nick: '小明同学',
    receiver_name: '王小明',
    receiver_mobile: '13812345678',
    receiver_address: '浙江省杭州市西湖区文三路 100 号',
    reason: '王小明说杯子漏水，电话13812345678',
    amount: 59.9,
    items: [{ sku_id: 'KT-1', contact_phone: '021-12345678' }],
    empty_name: '',
  };
  const erased = erasedPayload(payload, '王小明') as typeof payload;
  expect(erased).toMatchObject({ tid: '3301234567890', refund_id: 'R-88', amount: 59.9, empty_name: '' });
  expect(erased.items[0]!.sku_id).toBe('KT-1');
  const text = JSON.stringify(erased);
  for (const secret of ['小明同学', '王小明', '13812345678', '文三路', '021-12345678']) {
    expect(text).not.toContain(secret);
  }
  expect(erased.reason).toContain('杯子漏水');
});

test('a payload nested deeper than the limit is cut, not kept', () => {
  let deep: unknown = '王小明 13812345678';
  for (let i = 0; i < 100; i++) deep = { next: deep };
  expect(JSON.stringify(erasedPayload(deep))).not.toContain('13812345678');
});
