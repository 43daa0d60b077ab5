import {
  BRAND_PLATFORMS,
  type BrandPlatform,
  COMPLAINT_TYPES,
  type ComplaintType,
} from '../db/schema/brand.js';
import { parseYuan } from './listing-links.js';
import type { ListingInput } from './watch-service.js';

type Field =
  | 'url'
  | 'platform'
  | 'sellerName'
  | 'sellerId'
  | 'title'
  | 'price'
  | 'referencePrice'
  | 'sku'
  | 'infringement'
  | 'goodsClass'
  | 'similarity'
  | 'testPurchaseRef'
  | 'rightNo';

/** Header names as merchants and crawler exports write them, Chinese and English. */
const ALIASES: Record<Field, string[]> = {
  url: ['链接', '商品链接', '侵权链接', 'url', 'link', 'listing url'],
  platform: ['平台', 'platform'],
  sellerName: ['店铺', '店铺名称', '店铺名', '卖家', 'seller', 'shop', 'seller name', 'shop name'],
  sellerId: ['店铺id', '卖家id', 'seller id', 'shop id'],
  title: ['标题', '商品标题', '商品名称', 'title', 'product title'],
  price: ['价格', '售价', '现价', '到手价', 'price'],
  referencePrice: ['原价', '划线价', 'reference price', 'original price'],
  sku: ['sku', '货号', '款号', '商品编码'],
  infringement: ['侵权类型', '投诉类型', 'type', 'infringement'],
  goodsClass: ['类别', '商品类别', '尼斯分类', 'class', 'nice class'],
  similarity: ['相同/近似', '近似', 'similarity'],
  testPurchaseRef: ['测试购买', '测试购买订单', '购买订单号', 'test purchase', 'test order'],
  rightNo: ['注册号', '商标注册号', '权利编号', '专利号', '登记号', 'registration no', 'right'],
};

const PLATFORM_WORDS: Record<string, BrandPlatform> = {
  拼多多: 'pinduoduo',
  抖音: 'douyin',
  抖店: 'douyin',
  淘宝: 'taobao',
  天猫: 'taobao',
  tiktok: 'tiktok',
};
const TYPE_WORDS: Record<string, ComplaintType> = {
  假冒商标: 'trademark_counterfeit',
  商标: 'trademark_listing_misuse',
  店铺名称: 'trademark_shop_name',
  盗图: 'copyright_image',
  盗版: 'copyright_pirated',
  美术作品: 'copyright_artwork',
  外观专利: 'patent_design',
  外观设计: 'patent_design',
  实用新型: 'patent_utility_model',
  发明专利: 'patent_invention',
  厂名厂址: 'factory_name_address',
  假货: 'counterfeit_goods',
};

export function mapColumns(headers: string[]): { columns: Partial<Record<Field, number>>; missing: Field[] } {
  const columns: Partial<Record<Field, number>> = {};
  headers.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    for (const [field, names] of Object.entries(ALIASES) as [Field, string[]][]) {
      if (columns[field] === undefined && names.includes(name)) columns[field] = i;
    }
  });
  const missing = (['url', 'sellerName'] as Field[]).filter((f) => columns[f] === undefined);
  return { columns, missing };
}

/** One data row as listing input, or the reason it cannot be read (a price that is not a price…). */
export function readRow(
  cells: string[],
  columns: Partial<Record<Field, number>>,
  defaults: Pick<ListingInput, 'rightId' | 'infringement' | 'platform'>,
): { ok: true; input: ListingInput } | { ok: false; reason: string } {
  const cell = (f: Field) => (columns[f] === undefined ? '' : (cells[columns[f]!] ?? '').trim());
  const price = cell('price');
  const priceFen = price ? parseYuan(price) : null;
  if (price && priceFen === null)
    return { ok: false, reason: `the price "${price.slice(0, 30)}" is not an amount in yuan` };
  const reference = cell('referencePrice');
  const referencePriceFen = reference ? parseYuan(reference) : null;
  if (reference && referencePriceFen === null) {
    return { ok: false, reason: `the reference price "${reference.slice(0, 30)}" is not an amount in yuan` };
  }
  const platformText = cell('platform').toLowerCase();
  const platform = (BRAND_PLATFORMS as readonly string[]).includes(platformText)
    ? (platformText as BrandPlatform)
    : (Object.entries(PLATFORM_WORDS).find(([w]) => platformText.includes(w))?.[1] ?? defaults.platform);
  const typeText = cell('infringement');
  const infringement = (COMPLAINT_TYPES as readonly string[]).includes(typeText)
    ? (typeText as ComplaintType)
    : (Object.entries(TYPE_WORDS).find(([w]) => typeText.includes(w))?.[1] ?? defaults.infringement);
  const classText = cell('goodsClass').replace(/^第|类$/g, '');
  const goodsClass = classText ? Number(classText) : null;
  if (goodsClass !== null && !(Number.isInteger(goodsClass) && goodsClass >= 1 && goodsClass <= 45)) {
    return { ok: false, reason: `the class "${cell('goodsClass').slice(0, 20)}" is not a Nice class (1–45)` };
  }
  const sim = cell('similarity');
  return {
    ok: true,
    input: {
      url: cell('url'),
      platform,
      sellerName: cell('sellerName'),
      sellerId: cell('sellerId') || null,
      title: cell('title'),
      priceFen,
      referencePriceFen,
      sku: cell('sku') || null,
      infringement: infringement ?? null,
      rightId: defaults.rightId ?? null,
      goodsClass,
      similarity: /相同|identical/i.test(sim) ? 'identical' : /近似|similar/i.test(sim) ? 'similar' : null,
      testPurchaseRef: cell('testPurchaseRef') || null,
      rightNo: cell('rightNo') || undefined,
    },
  };
}
