import { describe, expect, test } from 'vitest';
import { type PrecheckInput, precheck } from './precheck.js';

const now = new Date('2026-06-01T00:00:00Z');
const mark = {
  kind: 'trademark' as const,
  name: '银月',
  classes: [14],
  patentType: null,
  validFrom: new Date('2020-01-01T00:00:00Z'),
  validUntil: new Date('2030-01-01T00:00:00Z'),
};
const capture = {
  kind: 'listing_snapshot' as const,
  sha256: 'a'.repeat(64),
  createdAt: new Date('2026-05-30T00:00:00Z'),
};

const input = (
  over: Partial<Omit<PrecheckInput, 'listing'>> & { listing?: Partial<PrecheckInput['listing']> } = {},
): PrecheckInput => ({
  right: mark,
  evidence: [capture],
  seller: 'unknown',
  history: { decided: 0, succeeded: 0 },
  now,
  ...over,
  listing: {
    infringement: 'trademark_listing_misuse',
    goodsClass: 14,
    similarity: 'identical',
    fromRightsHolder: false,
    testPurchaseRef: null,
    ...over.listing,
  },
});

describe('the pre-filing check of a link', () => {
  test.each([
    ['a valid mark, class 14 goods, captured, identical', input(), 'strong', []],
    [
      'the mark expired',
      input({ right: { ...mark, validUntil: new Date('2026-01-01T00:00:00Z') } }),
      'weak',
      ['right_valid'],
    ],
    ['the goods are in class 25', input({ listing: { goodsClass: 25 } }), 'weak', ['class_covers']],
    ['nothing captured', input({ evidence: [] }), 'weak', ['evidence_captured']],
    [
      'the seller is our authorised reseller',
      input({ seller: 'authorised_reseller' }),
      'weak',
      ['not_from_rights_holder'],
    ],
    [
      'goods from the rights holder',
      input({ listing: { fromRightsHolder: true } }),
      'weak',
      ['not_from_rights_holder'],
    ],
    [
      'counterfeit without a test purchase',
      input({ listing: { infringement: 'counterfeit_goods' } }),
      'weak',
      ['test_purchase'],
    ],
    [
      'counterfeit with a test purchase',
      input({ listing: { infringement: 'counterfeit_goods', testPurchaseRef: 'PDD-1' } }),
      'strong',
      [],
    ],
    ['only similar', input({ listing: { similarity: 'similar' } }), 'fair', ['similarity']],
    [
      'a copyright named for a trademark complaint',
      input({ right: { ...mark, kind: 'copyright' } }),
      'weak',
      ['right_kind'],
    ],
    [
      'a design patent for a utility-model complaint',
      input({
        right: { ...mark, kind: 'patent', patentType: 'design' },
        listing: { infringement: 'patent_utility_model' },
      }),
      'weak',
      ['right_kind'],
    ],
    ['no right named', input({ right: null }), 'weak', ['right_named']],
    ['class not known', input({ listing: { goodsClass: null } }), 'fair', ['class_covers']],
  ] as const)('%s: %s', (_name, given, verdict, failing) => {
    const result = precheck(given);
    expect(result.verdict).toBe(verdict);
    expect(result.reasons.map((r) => r.code)).toEqual(failing);
  });

  test('a failed check means no chance; a clean one scores 100', () => {
    expect(precheck(input()).score).toBe(100);
    expect(precheck(input({ evidence: [] })).estimate).toBe(0);
  });

  test("the account's own record moves the estimate", () => {
    const good = precheck(input({ history: { decided: 20, succeeded: 20 } })).estimate;
    const bad = precheck(input({ history: { decided: 20, succeeded: 6 } }));
    expect(good).toBeGreaterThan(0.9);
    expect(bad.estimate).toBeLessThan(0.5);
    expect(bad.verdict).toBe('weak');
  });

  test('a mark expiring within 30 days warns', () => {
    const r = precheck(input({ right: { ...mark, validUntil: new Date('2026-06-20T00:00:00Z') } }));
    expect(r.reasons[0]).toMatchObject({
      code: 'right_valid',
      state: 'warn',
      params: { until: '2026-06-20' },
    });
  });
});
