import { expect, test } from 'vitest';
import { tagLabel, tagValue } from './tag-label.js';

test.each([
  ['import', 'zh-CN', '导入'],
  ['import', 'en', 'Imported'],
  ['质量', 'zh-CN', '质量'],
  ['VIP', 'en', 'VIP'],
])('the tag %s reads %s in %s', (tag, lang, label) => {
  expect(tagLabel(tag, lang)).toBe(label);
});

test.each([
  ['导入', 'import'],
  ['Imported', 'import'],
  ['imported', 'import'],
  [' import ', 'import'],
  ['质量', '质量'],
])('typing %s into a tag box means the tag %s', (typed, tag) => {
  expect(tagValue(typed)).toBe(tag);
});
