import { describe, expect, test } from 'vitest';
import { guessNiceClass } from './nice-classes.js';
import { sourcingGaps } from './sourcing-rules.js';
import { validityOn } from './validity.js';

const now = new Date('2026-06-01T00:00:00Z');
const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('validity of rights and authorisations', () => {
  test.each([
    [{ validFrom: d('2020-01-01'), validUntil: d('2030-01-01') }, 'valid'],
    [{ validFrom: null, validUntil: d('2026-07-01') }, 'expiring'],
    [{ validFrom: null, validUntil: d('2026-05-01') }, 'expired'],
    [{ validFrom: d('2026-07-01'), validUntil: null }, 'not_yet_valid'],
    [{ validFrom: null, validUntil: null }, 'valid'],
    [{ validFrom: null, validUntil: null, revokedAt: d('2026-05-01') }, 'revoked'],
  ] as const)('%o is %s', (period, state) => {
    expect(validityOn(period, now).state).toBe(state);
  });
});

describe('the Nice class guessed from a title', () => {
  test.each([
    ['银月 925 银手镯 女款', 14],
    ['明星同款卫衣 银月联名', 25],
    ['银月手机壳 iPhone', 9],
    ['something else entirely', null],
  ])('%s → %s', (title, cls) => {
    expect(guessNiceClass(title)).toBe(cls);
  });
});

describe('sourcing proof of a SKU', () => {
  test.each([
    ['complete', 'in_force', ['invoice', 'inspection_report'], d('2026-05-01'), []],
    [
      'nothing',
      'none',
      [],
      null,
      ['no_authorisation', 'no_invoice', 'no_inspection_report', 'sampling_overdue'],
    ],
    [
      'sampling 120 days ago',
      'in_force',
      ['invoice', 'inspection_report'],
      d('2026-02-01'),
      ['sampling_overdue'],
    ],
    [
      'authorisation lapsed',
      'expired',
      ['invoice', 'inspection_report'],
      d('2026-05-01'),
      ['authorisation_expired'],
    ],
  ] as const)('%s', (_n, authorisation, evidence, lastSampledAt, gaps) => {
    expect(
      sourcingGaps({ authorisation, evidence: [...evidence], samplingIntervalDays: 90, lastSampledAt, now }),
    ).toEqual(gaps);
  });
});
