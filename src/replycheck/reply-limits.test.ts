import { expect, test } from 'vitest';
import { replyLength, replyLimitFor } from './reply-limits.js';

test.each([
  ['review', 'douyin', undefined, 'review', 500, false],
  ['live_chat', 'tiktok', undefined, 'chat', 500, false],
  ['after_sales', 'pinduoduo', undefined, 'after_sales', 500, false],
  ['review', 'douyin', { review: 120 }, 'review', 120, true],
  ['hotline', 'manual', undefined, 'chat', 20_000, true],
  ['email', null, undefined, 'chat', 20_000, true],
  ['weibo', null, undefined, 'review', 140, false],
] as const)(
  '%s on %s (override %o): %s limit %i, verified %s',
  (channel, platform, overrides, medium, limit, verified) => {
    expect(replyLimitFor(channel, platform, overrides)).toEqual({ medium, limit, verified });
  },
);

test('length counts characters: a Chinese character or an emoji is one', () => {
  expect(replyLength('您好😀')).toBe(3);
});
