import { expect, test } from 'vitest';
import { durationText, responseText } from './durations.js';

test.each([
  [3, 'zh-CN', '3 分钟'],
  [60, 'zh-CN', '1 小时'],
  [240, 'zh-CN', '4 小时'],
  [1440, 'zh-CN', '1 天'],
  [4320, 'zh-CN', '3 天'],
  [1500, 'zh-CN', '1 天 1 小时'],
  [90, 'zh-CN', '1 小时 30 分钟'],
  [0, 'zh-CN', '0 分钟'],
  [4320, 'en', '3 d'],
  [45, 'en', '45 min'],
])('%i minutes in %s read %s', (minutes, lang, text) => {
  expect(durationText(minutes, lang)).toBe(text);
});

test.each([
  [null, 'zh-CN', '—'],
  [20, 'zh-CN', '20 秒'],
  [2070, 'zh-CN', '35 分钟'],
  [86_400, 'zh-CN', '1 天'],
  [18_000, 'en', '5 h'],
  [20, 'en', '20 s'],
])('a response time of %s s in %s reads %s', (seconds, lang, text) => {
  expect(responseText(seconds, lang)).toBe(text);
});
