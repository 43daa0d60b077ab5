import { describe, expect, test } from 'vitest';
import { ACCOUNT_RULE, ADDRESS_RULE, createLoginThrottle, delayAfter } from './login-throttle.js';

describe('login throttle', () => {
  test.each([
    [1, 0],
    [5, 0],
    [6, 2_000],
    [7, 4_000],
    [10, 32_000],
    [20, 15 * 60_000],
    [500, 15 * 60_000],
  ])('after %i failures on one account the next try waits %i ms', (failures, wait) => {
    expect(delayAfter(failures, ACCOUNT_RULE)).toBe(wait);
  });

  test('many accounts tried from one address are slowed down by the address count', () => {
    const throttle = createLoginThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < 25; i++) {
      const keys = [
        { key: `acct:user${i}@example.cn`, rule: ACCOUNT_RULE },
        { key: 'ip:203.0.113.9', rule: ADDRESS_RULE },
      ];
      throttle.fail(keys, t0 + i);
    }
    const next = [
      { key: 'acct:someone-new@example.cn', rule: ACCOUNT_RULE },
      { key: 'ip:203.0.113.9', rule: ADDRESS_RULE },
    ];
    expect(throttle.retryAfterMs(next, t0 + 30)).toBeGreaterThan(0);
    expect(throttle.retryAfterMs([{ key: 'ip:198.51.100.1', rule: ADDRESS_RULE }], t0 + 30)).toBe(0);
  });

  test('one account tried from many addresses is slowed down by the account count', () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 8; i++) {
      throttle.fail(
        [
          { key: 'acct:boss@example.cn', rule: ACCOUNT_RULE },
          { key: `ip:10.0.0.${i}`, rule: ADDRESS_RULE },
        ],
        1000 + i,
      );
    }
    expect(throttle.retryAfterMs([{ key: 'acct:boss@example.cn', rule: ACCOUNT_RULE }], 1010)).toBe(
      8_000 - 3,
    );
  });

  test('a right password clears the account; quiet time forgets the address', () => {
    const throttle = createLoginThrottle();
    const keys = [
      { key: 'acct:a@example.cn', rule: ACCOUNT_RULE },
      { key: 'ip:203.0.113.1', rule: ADDRESS_RULE },
    ];
    for (let i = 0; i < 30; i++) throttle.fail(keys, 0);
    throttle.succeed('acct:a@example.cn');
    expect(throttle.retryAfterMs([keys[0]!], 1)).toBe(0);
    expect(throttle.retryAfterMs([keys[1]!], 1)).toBeGreaterThan(0);
    expect(throttle.retryAfterMs([keys[1]!], ADDRESS_RULE.forgetAfterMs + 1)).toBe(0);
  });

  test('the table of addresses is bounded', () => {
    const throttle = createLoginThrottle({ maxKeys: 10 });
    for (let i = 0; i < 25; i++) throttle.fail([{ key: 'ip:0', rule: ADDRESS_RULE }], 0);
    expect(throttle.retryAfterMs([{ key: 'ip:0', rule: ADDRESS_RULE }], 0)).toBeGreaterThan(0);
    for (let i = 1; i < 100; i++) throttle.fail([{ key: `ip:${i}`, rule: ADDRESS_RULE }], 0);
    expect(throttle.retryAfterMs([{ key: 'ip:0', rule: ADDRESS_RULE }], 0)).toBe(0);
  });
});
