import { describe, expect, test } from 'vitest';
import { erasedBody, maskPersonName, retentionCutoff } from './privacy-rules.js';

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
