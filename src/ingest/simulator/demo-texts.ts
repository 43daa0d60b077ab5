import { HISTORY_PRODUCTS, PROBLEM } from '../../analytics/demo-history-texts.js';
import type { ReviewTexts } from './texts.js';

/**
 * What the demo's buyers say about each product of its catalogue, so a complaint, a chat or a
 * review on an order speaks of what that order holds (a cherry box never "leaks", a T-shirt never
 * "overheats"). The review corpus mixes books, hotels and phones: it stays for `npm run simulate`.
 */
const MORE: Record<string, { negative: string[]; positive: string[] }> = {
  '不锈钢保温杯 500ml': {
    negative: [
      '杯子内胆有一股怪味，洗了好几遍还在，不敢用来喝水。',
      '杯盖的硅胶圈掉了，拧上去还是漏，要求换一个。',
    ],
    positive: ['保温效果很好，早上装的热水晚上还烫嘴。', '杯子颜色很好看，拧紧了倒过来也不漏。'],
  },
  便携榨汁杯: {
    negative: ['榨汁杯用了一周就不转了，按键没反应。', '刀头那里漏水，榨到一半果汁流了一桌子。'],
    positive: ['榨汁杯小巧方便，打橙汁很细腻，充一次电能用好几天。', '颜色很清新，带去办公室用刚好。'],
  },
  纯棉短袖T恤: {
    negative: ['T恤领口有线头，腋下还开了一道缝。', '白色T恤有点透，和详情页说的加厚不一样。'],
    positive: ['T恤面料很舒服，洗了两次没有变形。', '尺码标准，黑色很正，已经回购了。'],
  },
  '智利车厘子 2斤装': {
    negative: ['车厘子个头比图片小很多，还有不少是软的。', '打开箱子车厘子都压坏了，汁水流了一箱。'],
    positive: ['车厘子很新鲜，个头大，甜度刚好。', '冰袋还没化，果子很脆，家里人都说好吃。'],
  },
  '无线充电器 15W': {
    negative: ['无线充电器充电特别慢，一个小时才充了百分之二十。', '充电器指示灯一直闪，手机放上去没反应。'],
    positive: ['无线充电器充电挺快，放上去就能充，很方便。', '做工不错，晚上指示灯也不刺眼。'],
  },
  婴儿洗发沐浴二合一: {
    negative: [
      '宝宝用了洗发沐浴露后身上起了小红点，已经停用了。',
      '瓶子到的时候漏了一半，包装袋里全是沐浴露。',
    ],
    positive: ['味道很淡，宝宝洗完皮肤滑滑的，不辣眼睛。', '泡沫丰富好冲洗，宝宝洗澡不哭了。'],
  },
};

/** The buyer's words about one product (by its catalogue name), or undefined for an unknown name. */
export function textsOfProduct(name: string): ReviewTexts | undefined {
  const index = HISTORY_PRODUCTS.findIndex((p) => p.name === name);
  const more = MORE[name];
  if (index < 0 || !more) return undefined;
  const complaints = [
    ...HISTORY_PRODUCTS[index]!.complaints,
    // The charger's safety complaints: what fills the critical lane today.
    ...(index === PROBLEM.productIndex ? PROBLEM.complaints : []),
  ];
  return {
    source: `demo catalogue: ${name}`,
    negative: [...complaints.map((c) => c.body), ...more.negative],
    positive: more.positive,
  };
}

/** All the catalogue's words together: for a chat that names no order. */
export function catalogueTexts(): ReviewTexts {
  const all = Object.keys(MORE).flatMap((name) => {
    const t = textsOfProduct(name);
    return t ? [t] : [];
  });
  return {
    source: 'demo catalogue (each order’s words match its product)',
    negative: all.flatMap((t) => t.negative),
    positive: all.flatMap((t) => t.positive),
  };
}
