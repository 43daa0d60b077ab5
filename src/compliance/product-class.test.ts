import { expect, test } from 'vitest';
import { classifyProduct, isFood } from './product-class.js';

test.each([
  ['生鲜水果', 'fresh_perishable'],
  ['定制T恤', 'custom_made'],
  ['话费充值', 'digital_download'],
  ['期刊杂志', 'newspaper_periodical'],
  ['内衣', 'hygiene_sealed'],
  ['手机', 'activation_value_drop'],
  ['临期食品', 'near_expiry_or_defective'],
  ['休闲零食', 'food'],
  ['陶瓷杯', 'general'],
  ['', 'general'],
  [null, 'general'],
])('category %s is classed %s', (category, expected) => {
  expect(classifyProduct(category)).toBe(expected);
});

test.each([
  ['坚果零食', true],
  ['生鲜海鲜', true],
  ['鲜花', false],
  ['陶瓷杯', false],
])('%s is food: %s', (category, expected) => {
  expect(isFood(category)).toBe(expected);
});
