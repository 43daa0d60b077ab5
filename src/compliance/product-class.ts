/**
 * What the return and food rules need to know about a product, read from its free-text category
 * (merchants type "生鲜", "食品/零食", "定制T恤"…). Matching is by keyword; unknown stays 'general'.
 */
export const PRODUCT_CLASSES = [
  'general',
  'custom_made',
  'fresh_perishable',
  'digital_download',
  'audio_video_software',
  'newspaper_periodical',
  'hygiene_sealed',
  'activation_value_drop',
  'near_expiry_or_defective',
  'food',
] as const;
export type ProductClass = (typeof PRODUCT_CLASSES)[number];

// Order matters: the first match wins ("生鲜食品" is fresh before it is food).
const KEYWORDS: [ProductClass, RegExp][] = [
  ['custom_made', /定制|定做|订制|刻字|custom|made[ -]to[ -]order|personali[sz]ed/i],
  ['fresh_perishable', /生鲜|鲜活|鲜花|水果|蔬菜|冷鲜|冷冻|海鲜|鲜肉|蛋糕|perishable|fresh|flower|seafood/i],
  ['digital_download', /虚拟|充值|卡密|下载|数字|digital|download|e-?book|gift ?card/i],
  ['audio_video_software', /音像|光盘|cd|dvd|软件|software/i],
  ['newspaper_periodical', /报纸|期刊|杂志|newspaper|periodical|magazine/i],
  ['near_expiry_or_defective', /临期|瑕疵|残次|清仓|near[ -]expiry|defective|seconds/i],
  [
    'hygiene_sealed',
    /内衣|内裤|袜|贴身|化妆品|护肤|彩妆|口红|医疗器械|隐形眼镜|成人|underwear|lingerie|cosmetic|skincare|makeup|contact lens/i,
  ],
  ['activation_value_drop', /手机|电脑|平板|数码|激活|phone|laptop|tablet|activation/i],
  [
    'food',
    /食品|零食|食物|饮料|酒|茶叶|奶粉|保健|调味|粮油|糕点|坚果|food|snack|beverage|drink|wine|tea|milk powder|supplement/i,
  ],
];

export function classifyProduct(category: string | null | undefined): ProductClass {
  if (!category) return 'general';
  for (const [cls, pattern] of KEYWORDS) if (pattern.test(category)) return cls;
  return 'general';
}

/** Food for the Food Safety Law: fresh produce is food too. */
export function isFood(category: string | null | undefined): boolean {
  const cls = classifyProduct(category);
  return cls === 'food' || (cls === 'fresh_perishable' && !/鲜花|flower/i.test(category ?? ''));
}
