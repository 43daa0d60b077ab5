import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import relativeTime from 'dayjs/plugin/relativeTime.js';
import i18next from 'i18next';
import { afterAll, expect, test } from 'vitest';
import { dueText, durationText, responseText } from './durations.js';
import { common } from './i18n-common.js';

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

dayjs.extend(relativeTime);
afterAll(() => {
  dayjs.locale('en');
});

test.each([
  [-3 * 86_400_000, 'zh-CN', '超时 3 天'],
  [-2 * 3_600_000, 'en', '2 hours overdue'],
  [2 * 3_600_000, 'zh-CN', '2 小时内'],
  [3 * 86_400_000, 'en', 'in 3 days'],
])('a case due %i ms from now reads in %s: %s (overdue is never "3 天前")', async (offset, lang, text) => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: lang, resources: { [lang]: { common: common[lang as 'en'] } }, ns: ['common'] });
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  expect(dueText(i18n.t, new Date(Date.now() + offset).toISOString())).toBe(text);
});
