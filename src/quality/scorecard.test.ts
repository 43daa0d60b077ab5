import { expect, test } from 'vitest';
import { judgeSupplier, STANDARD_CODE, supplierNameKey } from './scorecard.js';

test.each([
  [{ unitsSold: 10, defectComplaints: 5 }, 'too_few_units', 50],
  [{ unitsSold: 100, defectComplaints: 3 }, 'ok', 3],
  [{ unitsSold: 100, defectComplaints: 4 }, 'consider_replacing', 4],
  [{ unitsSold: 0, defectComplaints: 0 }, 'too_few_units', null],
  [{ unitsSold: 300, defectComplaints: 1 }, 'ok', 0.33],
])('%j with a 3%% threshold and 20 units minimum → %s', (n, status, rate) => {
  expect(judgeSupplier(n, 3, 20)).toMatchObject({ status, ratePct: rate });
});

test.each([
  ['GB 18401-2010', true],
  ['GB/T 18401-2010', true],
  ['FZ/T 73020-2019', true],
  ['GB 4806.7-2016', true],
  ['T/CNTAC 8-2018', true],
  ['ISO 9001', false],
  ['随便写的', false],
])('standard code %s is recognised: %s', (code, ok) => {
  expect(STANDARD_CODE.test(code)).toBe(ok);
});

test('supplier names compare without case and extra spaces', () => {
  expect(supplierNameKey('  Shenzhen  Gold Co ')).toBe(supplierNameKey('shenzhen gold co'));
});
