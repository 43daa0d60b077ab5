import { expect, test } from 'vitest';
import { statutoryExposureFen } from './exposure.js';

test.each([
  [
    'alleged counterfeit of ¥300: three times',
    { paidFen: 300_00, productCategory: '数码', counterfeit: true, safety: false },
    900_00,
  ],
  [
    'alleged counterfeit of ¥50: the ¥500 floor',
    { paidFen: 50_00, productCategory: null, counterfeit: true, safety: false },
    500_00,
  ],
  [
    'unsafe snack of ¥30: ten times, at least ¥1,000',
    { paidFen: 30_00, productCategory: '零食', counterfeit: false, safety: true },
    1_000_00,
  ],
  [
    'unsafe snack of ¥300: ten times',
    { paidFen: 300_00, productCategory: '食品/零食', counterfeit: false, safety: true },
    3_000_00,
  ],
  [
    'unsafe kettle: no statutory multiple',
    { paidFen: 200_00, productCategory: '家用电器', counterfeit: false, safety: true },
    0,
  ],
  [
    'fake and unsafe food: the larger claim',
    { paidFen: 100_00, productCategory: '食品', counterfeit: true, safety: true },
    1_000_00,
  ],
  ['neither: nothing', { paidFen: 100_00, productCategory: '食品', counterfeit: false, safety: false }, 0],
])('%s', (_name, input, expected) => {
  expect(statutoryExposureFen(input)).toBe(expected);
});
