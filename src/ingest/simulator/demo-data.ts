import type { Platform } from '../../channels/channel.js';
import { catalogueTexts, textsOfProduct } from './demo-texts.js';
import { createRng } from './events.js';

/** A small believable catalogue: products with SKUs (code, variant, price in fen), suppliers and batches. */
type DemoProduct = { id: string; name: string; supplier: string; skus: [string, string, number][] };
export const CATALOGUE: DemoProduct[] = [
  {
    id: '3601000000001',
    name: '不锈钢保温杯 500ml',
    supplier: '永康杯业有限公司',
    skus: [
      ['BWB-500-BLUE', '星空蓝', 59_90],
      ['BWB-500-PINK', '樱花粉', 59_90],
    ],
  },
  {
    id: '3601000000002',
    name: '便携榨汁杯',
    supplier: '深圳小电器厂',
    skus: [
      ['ZZB-WHITE', '白色', 129_00],
      ['ZZB-GREEN', '薄荷绿', 129_00],
    ],
  },
  {
    id: '3601000000003',
    name: '纯棉短袖T恤',
    supplier: '佛山织造服饰',
    skus: [
      ['TX-M-BLK', '黑色 M', 49_00],
      ['TX-L-BLK', '黑色 L', 49_00],
      ['TX-L-WHT', '白色 L', 49_00],
    ],
  },
  {
    id: '3601000000004',
    name: '智利车厘子 2斤装',
    supplier: '云仓生鲜供应链',
    skus: [
      ['CLZ-JJ', 'JJ级', 168_00],
      ['CLZ-JJJ', 'JJJ级', 218_00],
    ],
  },
  {
    id: '3601000000005',
    name: '无线充电器 15W',
    supplier: '东莞聚能电子',
    skus: [['WXC-15W', '快充版', 89_00]],
  },
  {
    id: '3601000000006',
    name: '婴儿洗发沐浴二合一',
    supplier: '广州柔护日化',
    skus: [
      ['YE-300', '300ml', 69_00],
      ['YE-500', '500ml', 99_00],
    ],
  },
];

/** The stock an order came from: made about three weeks before it sold (B<yymm>-0n). */
const batchOf = (paidAtMs: number, n: number) => {
  const d = new Date(paidAtMs - 21 * 86_400_000);
  return `B${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, '0')}-0${n}`;
};
const CARRIERS = ['中通快递', '圆通速递', '顺丰速运', '韵达快递'];
const PREFIX: Record<Platform, string> = {
  douyin: '6921',
  pinduoduo: '241111-',
  tiktok: '5770',
  taobao: '3901',
};

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csvOf = (rows: (string | number)[][]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
const yuan = (fen: number) => (fen / 100).toFixed(2);
const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export type DemoOrder = { id: string; productIndex: number; sku: string; paidAtMs: number };

/** An order export (one line per item) for a shop, the same on every run so re-runs skip duplicates. */
export function demoOrders(
  platform: Platform,
  count: number,
  nowMs: number,
): { csv: string; orders: DemoOrder[] } {
  const rng = createRng(platform.length * 7919 + count);
  const rows: (string | number)[][] = [
    [
      '订单编号',
      '商品ID',
      '商品名称',
      'SKU编码',
      '商品规格',
      '数量',
      '单价(元)',
      '实付金额(元)',
      '批次号',
      '供应商',
      '订单状态',
      '付款时间',
      '发货时间',
      '签收时间',
      '物流公司',
      '运单号',
    ],
  ];
  const orders: DemoOrder[] = [];
  const day = 86_400_000;
  // Completed orders (已完成): paid 13 to 35 days ago, so each was signed for at least 8 days ago —
  // never in the future, and before the window of care after delivery (the export has no buyer).
  const start = Math.floor(nowMs / day) * day - 35 * day;
  for (let i = 0; i < count; i++) {
    const id = `${PREFIX[platform]}${String(10_000_000 + i * 37 + rng.int(0, 30)).padStart(10, '0')}`;
    const paidAt = start + rng.int(0, 22 * day);
    const items = rng.chance(0.25) ? 2 : 1;
    for (let k = 0; k < items; k++) {
      const productIndex = rng.int(0, CATALOGUE.length - 1);
      const product = CATALOGUE[productIndex]!;
      const [code, spec, price] = rng.pick(product.skus);
      const qty = rng.chance(0.8) ? 1 : 2;
      const discount = rng.chance(0.3) ? rng.int(1_00, 10_00) : 0;
      rows.push([
        id,
        product.id,
        product.name,
        code,
        spec,
        qty,
        yuan(price),
        yuan(price * qty - discount),
        batchOf(paidAt, rng.int(1, 3)),
        product.supplier,
        '已完成',
        beijing(paidAt),
        beijing(paidAt + rng.int(2, 30) * 3600_000),
        beijing(paidAt + rng.int(2, 5) * day),
        rng.pick(CARRIERS),
        `7350${rng.int(100_000_000, 999_999_999)}`,
      ]);
      if (k === 0) orders.push({ id, productIndex, sku: code, paidAtMs: paidAt });
    }
  }
  return { csv: csvOf(rows), orders };
}

/** A Douyin back-office review export for some of the orders: mostly good, some bad, each about its product. */
export function demoReviews(orders: DemoOrder[], count: number): string {
  const rng = createRng(4242 + count);
  const rows: (string | number)[][] = [
    [
      '评价日期',
      '订单ID',
      '商品ID',
      '商品名称',
      '商品规格',
      '商品评价得分',
      '评价内容',
      '用户昵称',
      '评价等级',
      '商家是否回复',
    ],
  ];
  for (const order of orders.slice(0, count)) {
    const product = CATALOGUE[order.productIndex]!;
    const texts = textsOfProduct(product.name) ?? catalogueTexts();
    const negative = rng.chance(0.35);
    const score = negative ? rng.int(1, 3) : rng.int(4, 5);
    rows.push([
      beijing(order.paidAtMs + rng.int(3, 7) * 86_400_000),
      order.id,
      product.id,
      product.name,
      product.skus.find((s) => s[0] === order.sku)?.[1] ?? '',
      score,
      negative ? rng.pick(texts.negative) : rng.pick(texts.positive),
      `${rng.pick(['小', '王', '李', '张', '陈'])}***${rng.pick(['鱼', '士', '生', '三', '猫'])}`,
      score <= 2 ? '差评' : score === 3 ? '中评' : '好评',
      '否',
    ]);
  }
  return csvOf(rows);
}
