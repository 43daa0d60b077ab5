import { describe, expect, test } from 'vitest';
import { readableDuration, TEXT } from './weekly-report-pdf.js';

const words = (locale: 0 | 1) =>
  Object.entries(TEXT).map(([key, pair]) => [key, pair[locale].replace(/\{\w+\}/g, '')] as const);

describe('the weekly report speaks one language at a time', () => {
  test.each(words(0))('the Chinese %s has no Latin letters (no P50/P90 jargon)', (_key, text) => {
    expect(text).not.toMatch(/[A-Za-z]/);
  });

  test.each(words(1))('the English %s has no Chinese', (_key, text) => {
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });

  test('percentiles read as a merchant says them', () => {
    expect([TEXT.median[0], TEXT.p90[0]]).toEqual(['首响中位数', '首响 90 分位']);
    expect([TEXT.median[1], TEXT.p90[1]]).toEqual(['Median', '90th percentile']);
  });
});

test.each([
  [null, 'zh-CN', '—'],
  [90_000, 'zh-CN', '1.5 分钟'],
  [5 * 3_600_000, 'en', '5 h'],
  [3 * 86_400_000, 'en', '3 days'],
] as const)('%s ms reads %s as %s', (ms, locale, expected) => {
  expect(readableDuration(ms, locale)).toBe(expected);
});
