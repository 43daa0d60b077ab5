import { describe, expect, test } from 'vitest';
import { findPii, luhn, maskPii, validResidentId } from './pii.js';

describe('resident ID check digit (GB 11643)', () => {
  test.each([
    ['11010519491231002X', true],
    ['440524188001010014', true],
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['440524188013010014', false],
    ['4405241880010100', false],
  ])('%s → %s', (id, ok) => expect(validResidentId(id)).toBe(ok));
});

test('Luhn', () => {
  expect(luhn('4111111111111111')).toBe(true);
  expect(luhn('4111111111111112')).toBe(false);
});

describe('findPii', () => {
  test('mobile numbers per the platform regex, with or without +86, not inside longer digit runs', () => {
    expect(findPii('call 13812345678 or +8613912345678').map((h) => h.masked)).toEqual([
      '138****5678',
      '139****5678',
    ]);
    expect(findPii('订单号 2138123456789')).toEqual([]);
    expect(findPii('12345678901')).toEqual([]);
  });

  test('an ID with a wrong check digit is not an ID, and a card failing Luhn is not a card', () => {
    expect(findPii('110105194912310021').map((h) => h.type)).not.toContain('id_card');
    expect(findPii('4111 1111 1111 1112')).toEqual([]);
  });

  test('addresses in Chinese and English', () => {
    expect(findPii('寄到上海市浦东新区世纪大道100号')[0]).toMatchObject({ type: 'address' });
    expect(findPii('ship to 221 Baker Street, London')[0]).toMatchObject({ type: 'address', masked: '***' });
  });

  test('maskPii replaces every hit and leaves the rest', () => {
    expect(maskPii('我是王女士，电话13812345678，邮箱a.b@qq.com，谢谢')).toBe(
      '我是王女士，电话138****5678，邮箱a***@qq.com，谢谢',
    );
    expect(maskPii('没有个人信息')).toBe('没有个人信息');
  });
});
