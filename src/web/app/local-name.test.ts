import { expect, test } from 'vitest';
import { localName } from './local-name.js';

test.each([
  ['紧急（安全）案件 · Critical (safety), 24×7', 'zh-CN', '紧急（安全）案件'],
  ['紧急（安全）案件 · Critical (safety), 24×7', 'en', 'Critical (safety), 24×7'],
  ['在线客服 · Live chat', 'en', 'Live chat'],
  ['双11 大促 · 加急', 'en', '双11 大促 · 加急'], // both halves Chinese: a name someone typed
  ['My rule', 'zh-CN', 'My rule'],
  ['差评', 'en', '差评'],
])('%s in %s reads %s', (name, lang, shown) => {
  expect(localName(name, lang)).toBe(shown);
});
