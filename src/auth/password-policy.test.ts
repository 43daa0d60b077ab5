import { describe, expect, test } from 'vitest';
import { passwordProblem } from './password-policy.js';

const account = { email: 'li.ming@shop.example.cn', name: 'Li Ming', tenantName: 'Plum Blossom Tea' };

describe('a new password', () => {
  test.each([
    ['password', /at least 10/],
    ['12345678', /at least 10/],
    ['password123', /easy to guess/],
    ['1234567890', /easy to guess/],
    ['qwertyuiop', /easy to guess/],
    ['woaini1314!', /easy to guess/],
    ['iloveyou520', /easy to guess/],
    ['li.ming@shop.example.cn', /e-mail address or name/],
    ['li.ming2024!', /e-mail address or name/],
    ['Li Ming 1990', /e-mail address or name/],
    ['plum blossom tea', /e-mail address or name/],
    ['x'.repeat(201), /at most 200/],
  ])('%s is refused (%s)', (password, reason) => {
    expect(passwordProblem(password, account)).toMatch(reason);
  });

  test.each(['Tanhua-梅子-2718', 'correct horse battery staple', 'river-晚霞-guitar-48'])(
    '%s is accepted',
    (password) => {
      expect(passwordProblem(password, account)).toBeNull();
    },
  );
});
