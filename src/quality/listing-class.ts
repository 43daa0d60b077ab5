/**
 * What the listing rules need to know about a product, read from its category and title: which
 * qualification documents and title facts apply, and whether medical wording may appear at all.
 * First match wins; unknown stays 'general'.
 */
export const LISTING_CLASSES = [
  'gold_jewellery',
  'jewellery',
  'collectibles',
  'apparel',
  'medicine',
  'health_food',
  'food',
  'cosmetics',
  'general',
] as const;
export type ListingClass = (typeof LISTING_CLASSES)[number];

const JEWELLERY_ITEM =
  /手镯|手链|项链|戒指|吊坠|耳环|耳钉|耳饰|脚链|金条|金饰|首饰|转运珠|金镯|金豆|金币|饰品/;
// Pure gold as named by GB 11887 (足金 ≥ 990‰, 千足金 ≥ 999‰) and the usual shop words for it.
const PURE_GOLD = /足金|千足金|万足金|纯金|24k金?|999金|黄金/i;

const RULES: [ListingClass, (category: string, title: string) => boolean][] = [
  ['medicine', (c) => /药品|药店|医疗器械|中西药|处方药|非处方|OTC/i.test(c)],
  [
    'gold_jewellery',
    (c, t) => /黄金|贵金属|足金|金饰/.test(c) || (PURE_GOLD.test(t) && JEWELLERY_ITEM.test(`${c}${t}`)),
  ],
  [
    'jewellery',
    (c, t) =>
      /珠宝|翡翠|玉石|和田玉|钻石|珍珠|宝石|水晶|铂金|K金|银饰/i.test(`${c}${t}`) &&
      JEWELLERY_ITEM.test(`${c}${t}`),
  ],
  ['jewellery', (c) => /珠宝|翡翠|玉石|钻石|首饰|饰品/.test(c)],
  ['collectibles', (c, t) => /文玩|收藏|古董|古玩|字画|纪念币|邮票|钱币|藏品/.test(`${c}${t}`)],
  ['health_food', (c) => /保健食品|保健品|膳食补充/.test(c)],
  ['cosmetics', (c) => /化妆品|护肤|彩妆|美妆|面膜|洗发|沐浴/.test(c)],
  ['food', (c) => /食品|零食|饮料|茶叶|酒水|生鲜|水果|粮油|调味/.test(c)],
  [
    'apparel',
    (c, t) =>
      /服装|服饰|女装|男装|童装|内衣|鞋|T恤|衬衫|外套|裤|裙/i.test(c) ||
      (!c && /T恤|衬衫|卫衣|外套|夹克|连衣裙|半身裙|牛仔裤|休闲裤|毛衣|针织衫|羽绒服|风衣|polo衫/i.test(t)),
  ],
];

export function classifyListing(category: string | null | undefined, title: string): ListingClass {
  const c = category ?? '';
  for (const [cls, test] of RULES) if (test(c, title)) return cls;
  return 'general';
}
