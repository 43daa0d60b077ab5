import type { Platform } from '../../channels/channel.js';
import { CATALOGUE } from './demo-data.js';

/**
 * The shop's product list as the platforms export it (商品导出): one listing per catalogue product,
 * most of them honest and a few with the faults merchants really make, so the compliance page has
 * something to show: absolute terms, a medical claim, a struck-through price never charged, a small
 * main image, a pure-gold bracelet without its inspection certificate.
 */
const FAULTY: Record<string, { title: string; description?: string; reference?: number; image?: string }> = {
  '3601000000001': { title: '全网最低价 不锈钢保温杯 500ml 国家级品质', reference: 199_00 },
  '3601000000002': { title: '便携榨汁杯 家用小型 USB充电', image: '400x400' },
  '3601000000003': { title: '纯棉短袖T恤 男女同款 宽松', description: '100%纯棉，透气吸汗' },
  '3601000000004': { title: '智利车厘子 2斤装 顺丰冷链' },
  '3601000000005': { title: '无线充电器 15W 快充 第一品牌', description: '治疗手机电池老化，延长寿命' },
  '3601000000006': { title: '婴儿洗发沐浴二合一 温和无泪配方' },
};

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function demoListings(platform: Platform): string {
  const header = '商品ID,商品标题,商品描述,商品类目,品牌,材质,款式,售价,划线价,主图,SKU编码';
  const rows = CATALOGUE.map((p) => {
    const f = FAULTY[p.id] ?? { title: p.name };
    const price = p.skus[0]![2];
    return [
      `${platform.slice(0, 2)}-${p.id}`,
      f.title,
      f.description ?? `${p.name}，${p.supplier}出品`,
      '',
      '示例',
      '',
      '',
      (price / 100).toFixed(2),
      f.reference ? (f.reference / 100).toFixed(2) : '',
      `https://img.example.com/${p.id}.jpg ${f.image ?? '800x800'}`,
      p.skus.map((s) => s[0]).join(';'),
    ];
  });
  rows.push([
    `${platform.slice(0, 2)}-3601000000099`,
    '足金手镯 999千足金 古法传承 女款',
    '足金999，送礼佳品',
    '黄金首饰',
    '示例',
    '足金',
    '古法',
    '2680.00',
    '3999.00',
    'https://img.example.com/gold.jpg 800x800',
    'ZJ-SZ-01',
  ]);
  return [header, ...rows.map((r) => r.map(cell).join(','))].join('\n');
}
