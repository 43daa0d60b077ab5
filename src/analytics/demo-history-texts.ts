import type { ComplaintCategory, RootCause } from '../tickets/ticket-types.js';

/**
 * The demo merchant's catalogue and what buyers say about each product: complaint texts that match
 * the product (a cherry box never "leaks", a charger never "shrinks in the wash").
 */
export type HistoryProduct = {
  name: string;
  category: string;
  supplier: string;
  skus: { code: string; name: string; priceFen: number }[];
  /** Complaints buyers make about it: category, subject, words, the usual root cause. */
  complaints: { category: ComplaintCategory; subject: string; body: string; cause: RootCause }[];
  /** Orders per day relative to the others. */
  weight: number;
};

export const HISTORY_PRODUCTS: HistoryProduct[] = [
  {
    name: '不锈钢保温杯 500ml',
    category: '家居/杯具',
    supplier: '永康杯业有限公司',
    weight: 3,
    skus: [
      { code: 'BWB-500-BLUE', name: '星空蓝', priceFen: 59_90 },
      { code: 'BWB-500-PINK', name: '樱花粉', priceFen: 59_90 },
    ],
    complaints: [
      {
        category: 'quality_defect',
        subject: '杯盖漏水',
        body: '保温杯用了两天杯盖就漏水，包里的东西全湿了，质量太差了。',
        cause: 'supplier_defect',
      },
      {
        category: 'quality_defect',
        subject: '保温效果差',
        body: '早上装的热水中午就凉了，根本不保温，和描述的12小时保温差太多。',
        cause: 'manufacturing',
      },
      {
        category: 'damaged_in_transit',
        subject: '收到杯身凹陷',
        body: '快递到的时候盒子压扁了，杯身有一个明显的凹坑，要求换货。',
        cause: 'transit_damage',
      },
    ],
  },
  {
    name: '便携榨汁杯',
    category: '厨房小电器',
    supplier: '深圳小电器厂',
    weight: 2,
    skus: [
      { code: 'ZZB-WHITE', name: '白色', priceFen: 129_00 },
      { code: 'ZZB-GREEN', name: '薄荷绿', priceFen: 129_00 },
    ],
    complaints: [
      {
        category: 'quality_defect',
        subject: '充不进电',
        body: '榨汁杯充了一晚上电还是开不了机，指示灯也不亮。',
        cause: 'supplier_defect',
      },
      {
        category: 'not_as_described',
        subject: '打不碎冰块',
        body: '详情页说可以打冰沙，实际放两块冰就卡住不转了，和宣传不符。',
        cause: 'listing_mismatch',
      },
    ],
  },
  {
    name: '纯棉短袖T恤',
    category: '服饰/T恤',
    supplier: '佛山织造服饰',
    weight: 3,
    skus: [
      { code: 'TX-M-BLK', name: '黑色 M', priceFen: 49_00 },
      { code: 'TX-L-BLK', name: '黑色 L', priceFen: 49_00 },
      { code: 'TX-L-WHT', name: '白色 L', priceFen: 49_00 },
    ],
    complaints: [
      {
        category: 'quality_defect',
        subject: '洗一次就缩水',
        body: 'T恤按标签洗了一次就缩了一个码，领口也变形了。',
        cause: 'manufacturing',
      },
      {
        category: 'wrong_or_missing_item',
        subject: '发错尺码',
        body: '我买的是L码，收到的是M码，麻烦给换一下。',
        cause: 'warehouse_error',
      },
    ],
  },
  {
    name: '智利车厘子 2斤装',
    category: '生鲜/水果',
    supplier: '云仓生鲜供应链',
    weight: 2,
    skus: [
      { code: 'CLZ-JJ', name: 'JJ级', priceFen: 168_00 },
      { code: 'CLZ-JJJ', name: 'JJJ级', priceFen: 218_00 },
    ],
    complaints: [
      {
        category: 'damaged_in_transit',
        subject: '到货有烂果',
        body: '车厘子到的时候有十几颗烂了还发霉，冰袋也化了。',
        cause: 'transit_damage',
      },
      {
        category: 'logistics_delay',
        subject: '物流太慢',
        body: '说好次日达，等了四天才到，生鲜放这么久还能吃吗？',
        cause: 'service_process',
      },
    ],
  },
  {
    name: '无线充电器 15W',
    category: '数码配件',
    supplier: '东莞聚能电子',
    weight: 2,
    skus: [{ code: 'WXC-15W', name: '快充版', priceFen: 89_00 }],
    complaints: [
      {
        category: 'quality_defect',
        subject: '手机放上去不充电',
        body: '无线充电器时好时坏，手机放上去经常不充电。',
        cause: 'supplier_defect',
      },
    ],
  },
  {
    name: '婴儿洗发沐浴二合一',
    category: '母婴/洗护',
    supplier: '广州柔护日化',
    weight: 1,
    skus: [
      { code: 'YE-300', name: '300ml', priceFen: 69_00 },
      { code: 'YE-500', name: '500ml', priceFen: 99_00 },
    ],
    complaints: [
      {
        category: 'quality_defect',
        subject: '泵头按不出来',
        body: '沐浴露的泵头按不下去，挤不出来，只能拧开盖子倒。',
        cause: 'supplier_defect',
      },
    ],
  },
];

/** The problem batch: a charger batch that overheats in the last weeks (safety complaints). */
export const PROBLEM = {
  productIndex: 4,
  batch: 'B2611-07',
  complaints: [
    {
      category: 'safety_hazard' as const,
      subject: '充电时发烫冒烟',
      body: '无线充电器充电时烫得不能碰，还闻到焦味冒烟了，吓得我赶紧拔掉，太危险了！',
      cause: 'supplier_defect' as const,
    },
    {
      category: 'safety_hazard' as const,
      subject: '充电器外壳烧焦',
      body: '充电器用了三天外壳有一块烧焦发黑，差点着火，孩子就在旁边，必须给个说法。',
      cause: 'supplier_defect' as const,
    },
  ],
};

export const REVIEW_TEXTS: { subject: string; body: string }[] = [
  { subject: '差评：质量一般', body: '东西一般，用了几天就有问题，不推荐。' },
  { subject: '差评：和图片不一样', body: '实物和图片颜色差很多，有点失望。' },
  { subject: '差评：包装破损', body: '包装破了，东西倒是没坏，但是体验很差。' },
];

export const REPLIES = [
  '您好，非常抱歉给您带来不好的体验！麻烦您拍几张照片发给我们，我们马上为您处理。',
  '亲，实在抱歉，这个问题我们已经记录，马上为您安排处理，请您放心。',
  '您好，给您添麻烦了。我们已经联系仓库核实，今天之内给您答复。',
];

export const REVIEW_REPLIES = [
  '感谢您的反馈，给您带来不好的体验非常抱歉，我们已联系您为您处理。',
  '抱歉让您失望了，已安排客服私信您处理，希望能给我们一次改进的机会。',
];

/** Buyers as the platforms show them to a shop: masked names and nicknames. */
export const BUYER_NAMES = [
  '王**',
  '李**',
  '张**',
  '刘**',
  '陈**',
  '杨**',
  '赵**',
  '黄**',
  '周**',
  '吴**',
  '小***鱼',
  '木***子',
  '柠***檬',
  'j***3',
  '阿***呀',
  '晴***天',
];
