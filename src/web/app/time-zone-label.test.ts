import { expect, test } from 'vitest';
import { timeZoneLabel } from './time-zone-label.js';

test.each([
  ['Asia/Shanghai', 'zh-CN', '中国标准时间（GMT+08:00）'],
  ['Asia/Shanghai', 'en', 'China Standard Time (GMT+08:00)'],
  ['Not/AZone', 'zh-CN', 'Not/AZone'],
])('the time zone %s reads in %s as %s', (tz, lang, label) => {
  expect(timeZoneLabel(tz, lang)).toBe(label);
});
