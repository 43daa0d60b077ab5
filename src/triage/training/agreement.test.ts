import { expect, test } from 'vitest';
import {
  agreement,
  agreementSample,
  kappa,
  nominalKappa,
  PER_GROUP,
  paired,
  readSecondPass,
} from './agreement.js';

test.each([
  { name: 'identical', a: [true, false, true, false], b: [true, false, true, false], k: 1 },
  { name: 'opposite', a: [true, false, true, false], b: [false, true, false, true], k: -1 },
  // po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5 → 0.4
  {
    name: 'textbook',
    a: [true, true, true, true, true, false, false, false, false, false],
    b: [true, true, true, true, false, true, true, false, false, false],
    k: 0.4,
  },
])('kappa: $name', ({ a, b, k }) => {
  expect(kappa(a, b)).toBeCloseTo(k, 10);
});

test('kappa is undefined when nobody ever says yes (chance agreement is total)', () => {
  expect(kappa([false, false], [false, false])).toBeUndefined();
  expect(nominalKappa(['low', 'low'], ['low', 'low'])).toBeUndefined();
  expect(nominalKappa(['low', 'high', 'normal'], ['low', 'high', 'normal'])).toBe(1);
});

test('agreement counts each category both ways and scores F1 without `other`', () => {
  const first = [
    { categories: ['quality_defect' as const], severity: 'normal' as const },
    { categories: ['quality_defect' as const, 'other' as const], severity: 'low' as const },
    { categories: ['safety_hazard' as const], severity: 'normal' as const },
  ];
  const second = [
    { row: 1, sha: 'x', categories: ['quality_defect' as const], severity: 'normal' as const },
    { row: 2, sha: 'y', categories: ['quality_defect' as const], severity: 'low' as const },
    { row: 3, sha: 'z', categories: ['other' as const], severity: 'low' as const },
  ];
  const r = agreement(first, second);
  expect(r.perCategory.quality_defect).toMatchObject({ both: 2, firstOnly: 0, secondOnly: 0, f1: 1 });
  expect(r.perCategory.safety_hazard).toMatchObject({ both: 0, firstOnly: 1, secondOnly: 0, f1: 0 });
  expect(r.perCategory.other).toMatchObject({ both: 0, firstOnly: 1, secondOnly: 1 });
  expect(r.macroF1ExcludingOther).toBe(0.5);
  expect(r.exactSetAgreement).toBe(0.333);
  expect(r.severity.agreement).toBe(0.667);
});

test('the shipped second pass names each sampled row once, by its hash, half from each first labeller', () => {
  const sample = agreementSample();
  expect(sample).toHaveLength(2 * PER_GROUP);
  const second = readSecondPass();
  expect(second).toHaveLength(sample.length);
  const pairs = paired(sample, second);
  expect(new Set(pairs.map((p) => p.first.row)).size).toBe(pairs.length);
  expect(pairs.filter((p) => p.first.group === 'stage 6')).toHaveLength(PER_GROUP);
});
