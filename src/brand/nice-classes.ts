/**
 * A first guess at the Nice class (尼斯分类, 1–45) of the goods a listing sells, from words in its
 * title. It only suggests: the merchant sets the class where the guess is wrong or missing. The
 * words are the common consumer-goods headings of the classification (11th edition, as used by
 * CNIPA's 类似商品和服务区分表); the list is short on purpose and ordered so that the more specific
 * word wins (手机壳 is class 9, 手机 too; 表带 is 14).
 */
const CLASS_WORDS: [number, string[]][] = [
  [
    14,
    [
      '手镯',
      '项链',
      '戒指',
      '耳环',
      '耳钉',
      '手链',
      '吊坠',
      '首饰',
      '珠宝',
      '手表',
      '腕表',
      '表带',
      'bracelet',
      'necklace',
      'jewelry',
      'jewellery',
      'watch',
    ],
  ],
  [
    3,
    [
      '口红',
      '面霜',
      '精华',
      '洗面奶',
      '香水',
      '化妆品',
      '面膜',
      '洗发水',
      '沐浴露',
      'lipstick',
      'perfume',
      'cosmetic',
      'shampoo',
    ],
  ],
  [5, ['药', '保健品', '维生素', '膏药', 'vitamin', 'medicine']],
  [
    9,
    [
      '手机壳',
      '耳机',
      '数据线',
      '充电器',
      '眼镜',
      '墨镜',
      '音箱',
      '手机',
      'earphone',
      'charger',
      'sunglasses',
      'phone case',
    ],
  ],
  [11, ['台灯', '电风扇', '加湿器', '热水器', '灯具', 'lamp', 'humidifier']],
  [16, ['笔记本', '文具', '书籍', '图书', '贴纸', 'notebook', 'sticker']],
  [18, ['背包', '钱包', '手提包', '行李箱', '雨伞', '包包', 'handbag', 'wallet', 'backpack', 'umbrella']],
  [20, ['枕头', '家具', '床垫', 'pillow', 'furniture', 'mattress']],
  [21, ['水杯', '保温杯', '锅', '碗', '餐具', '牙刷', 'cup', 'mug', 'toothbrush']],
  [24, ['毛巾', '床单', '被套', '窗帘', 'towel', 'bed sheet']],
  [
    25,
    [
      'T恤',
      '衬衫',
      '连衣裙',
      '外套',
      '裤',
      '鞋',
      '袜',
      '帽',
      '服装',
      '卫衣',
      'shirt',
      'dress',
      'jacket',
      'shoes',
      'socks',
      'hat',
    ],
  ],
  [28, ['玩具', '积木', '公仔', '手办', '游戏机', 'toy', 'doll', 'figure']],
  [29, ['牛肉干', '坚果', '奶粉', '牛奶', '肉松', 'milk powder', 'nuts']],
  [30, ['茶叶', '咖啡', '饼干', '巧克力', '糖果', '月饼', 'tea', 'coffee', 'biscuit', 'chocolate', 'candy']],
  [32, ['饮料', '矿泉水', '果汁', 'beverage', 'juice']],
  [33, ['白酒', '葡萄酒', '啤酒', 'wine', 'liquor']],
];

export function guessNiceClass(title: string): number | null {
  const text = title.toLowerCase();
  let best: { cls: number; at: number; length: number } | null = null;
  for (const [cls, words] of CLASS_WORDS) {
    for (const word of words) {
      const at = text.indexOf(word.toLowerCase());
      // The longest matching word decides (手机壳 over 手机); ties go to the earlier word in the title.
      if (at >= 0 && (!best || word.length > best.length || (word.length === best.length && at < best.at))) {
        best = { cls, at, length: word.length };
      }
    }
  }
  return best?.cls ?? null;
}
