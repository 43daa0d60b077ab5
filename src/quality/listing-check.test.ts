import { describe, expect, test } from 'vitest';
import { type CheckContext, checkListing, type ListingInput, worstSeverity } from './listing-check.js';
import { classifyListing } from './listing-class.js';
import { DEFAULT_SETTINGS } from './quality-settings.js';
import { lowestChargedBefore } from './reference-price.js';

const now = new Date('2025-06-10T00:00:00Z');
const ctx = (extra: Partial<CheckContext> = {}): CheckContext => ({
  now,
  settings: DEFAULT_SETTINGS,
  ...extra,
});
const listing = (extra: Partial<ListingInput> = {}): ListingInput => ({
  platform: 'douyin',
  title: '陶瓷马克杯',
  ...extra,
});
const rules = (input: ListingInput, c = ctx()) => checkListing(input, c).map((f) => f.rule);
const day = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('the acceptance title', () => {
  const gold = listing({
    title: '全网最低价 国家级品质 足金手镯',
    priceFen: 2_999_00,
    referencePriceFen: 3_999_00,
  });

  test('is flagged three ways: absolute terms, no inspection certificate, fictitious discount', () => {
    const found = checkListing(gold, ctx({ charged: [{ priceFen: 2_999_00, at: day(3) }] }));
    expect(found.filter((f) => f.rule === 'absolute_term').map((f) => f.text)).toEqual([
      '全网最低价',
      '国家级',
    ]);
    expect(
      found.some((f) => f.rule === 'qualification_missing' && f.params.document === 'inspection_certificate'),
    ).toBe(true);
    expect(found.find((f) => f.rule === 'fictitious_discount')).toMatchObject({
      severity: 'critical',
      params: { lowest: 2_999_00, reference: 3_999_00 },
    });
  });

  test('every text finding spans exactly its text', () => {
    for (const f of checkListing(gold, ctx())) {
      if (f.start !== null) expect(gold.title.slice(f.start, f.end!)).toBe(f.text);
    }
  });

  test('a clean title with its documents and an honest reference price has no findings', () => {
    const clean = listing({
      title: '周大福 足金手镯 古法',
      category: '黄金饰品',
      brand: '周大福',
      material: '足金',
      priceFen: 2_999_00,
      referencePriceFen: 2_999_00,
    });
    const documents = [
      { kind: 'inspection_certificate' as const, expiresOn: null },
      { kind: 'category_whitelist' as const, expiresOn: new Date('2026-01-01') },
      { kind: 'business_licence' as const, expiresOn: null },
    ];
    expect(checkListing(clean, ctx({ documents }))).toEqual([]);
  });
});

test.each([
  ['纯棉短袖T恤 宽松', '棉65% 涤纶35%', ['material_contradiction']],
  ['纯棉短袖T恤 宽松', '棉100%', []],
  ['纯棉短袖T恤 宽松', '棉95% 氨纶5%', ['material_contradiction']],
  ['真皮钱包', 'PU', ['material_contradiction']],
])('title %s with material %s', (title, material, expected) => {
  expect(rules(listing({ title, material, platform: 'manual' }))).toEqual(expected);
});

test.each([
  [[{ width: 800, height: 800 }], []],
  [[{ width: 500, height: 800 }], ['image_too_small']],
  [[{ width: null, height: null }], ['image_size_unknown']],
])('douyin main images %j', (images, expected) => {
  expect(rules(listing({ images }))).toEqual(expected);
});

test('apparel titles must name brand, material and style; a brand given must be in the title', () => {
  const found = checkListing(listing({ title: '男士T恤', category: '男装', brand: '优衣库' }), ctx());
  expect(found.filter((f) => f.rule === 'title_fact_missing').map((f) => f.params.fact)).toEqual([
    'brand',
    'material',
    'style',
  ]);
  expect(rules(listing({ title: '优衣库 纯棉 宽松 男士T恤', category: '男装', brand: '优衣库' }))).toEqual(
    [],
  );
});

test('medical wording is fine on medicine and flagged on ordinary goods', () => {
  expect(rules(listing({ title: '草本茶 降血压', category: '茶叶' }))).toEqual(['medical_claim']);
  expect(rules(listing({ title: '降血压药', category: '药品' }))).toEqual([]);
});

test.each([
  // [charged (days before, fen), reference, expected finding basis or null]
  [[[3, 100_00]], 100_00, null],
  [
    [
      [3, 80_00],
      [5, 100_00],
    ],
    100_00,
    'window_lowest',
  ],
  [[[10, 90_00]], 100_00, 'last_before'],
  [[[10, 100_00]], 100_00, null],
  [[], 100_00, 'never_sold'],
  [[[-1, 50_00]], 100_00, 'never_sold'],
])('charged %j, reference %i → %s', (charged, reference, basis) => {
  const points = (charged as [number, number][]).map(([d, priceFen]) => ({ priceFen, at: day(d) }));
  const found = checkListing(
    listing({ priceFen: 79_00, referencePriceFen: reference }),
    ctx({ charged: points }),
  );
  expect(found.find((f) => f.rule === 'fictitious_discount')?.params.basis ?? null).toBe(basis);
});

test('without price history the reference price is flagged as unproven', () => {
  const [f] = checkListing(listing({ priceFen: 79_00, referencePriceFen: 100_00 }), ctx());
  expect(f).toMatchObject({ rule: 'fictitious_discount', severity: 'high', params: { basis: 'no_history' } });
});

test('an expired certificate is reported with its date', () => {
  const found = checkListing(
    listing({ title: '千足金项链', category: '黄金' }),
    ctx({
      documents: [
        { kind: 'inspection_certificate', expiresOn: day(1) },
        { kind: 'category_whitelist', expiresOn: null },
        { kind: 'business_licence', expiresOn: null },
      ],
    }),
  );
  expect(found.map((f) => [f.rule, f.params.document])).toContainEqual([
    'qualification_expired',
    'inspection_certificate',
  ]);
});

test('jewellery above the price threshold needs an inspection certificate', () => {
  const docs = [
    { kind: 'category_whitelist' as const, expiresOn: null },
    { kind: 'business_licence' as const, expiresOn: null },
  ];
  expect(rules(listing({ title: '天然翡翠手镯', priceFen: 5_000_00 }), ctx({ documents: docs }))).toEqual([
    'qualification_missing',
  ]);
  expect(rules(listing({ title: '天然翡翠手镯', priceFen: 500_00 }), ctx({ documents: docs }))).toEqual([]);
});

test('a publicly flagged SKU is a critical finding', () => {
  const found = checkListing(listing(), ctx({ flagged: [{ skuCode: 'A1', reason: '差评率高' }] }));
  expect(worstSeverity(found)).toBe('critical');
});

test.each([
  ['黄金饰品', '手镯', 'gold_jewellery'],
  [null, '足金手镯', 'gold_jewellery'],
  [null, '黄金周特惠 马克杯', 'general'],
  ['文玩', '小叶紫檀手串', 'collectibles'],
  [null, '纯棉衬衫', 'apparel'],
])('category %s, title %s → %s', (category, title, cls) => {
  expect(classifyListing(category, title)).toBe(cls);
});

test('the lowest price is taken before the promotion only', () => {
  const start = new Date('2025-06-10T00:00:00Z');
  expect(lowestChargedBefore([{ priceFen: 1, at: new Date('2025-06-10T00:00:00Z') }], start, 7)).toBeNull();
});
