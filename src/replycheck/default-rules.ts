import type { CheckRule } from './check-types.js';

/**
 * The default rule table. Each rule names its source; the platform-specific ones are what the
 * platforms' customer-service rules say in their public summaries. UNCERTAIN: the exact wording and
 * scope of those platform rules were not verified here, which is why every rule is editable per
 * tenant (terms, allow-list, patterns, on/off, warning or blocking).
 */
const ALL = ['all', 'douyin', 'pinduoduo', 'tiktok', 'taobao'] as const;
const MARKETPLACES = ['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const;

// Each source twice: the original Chinese wording, and in English a name and our own one-line account
// of what it says (not a translation of the law's text, which has no official English version).
const DOUYIN_CS = '抖店《客服服务规范》：辱骂、威胁、推诿消费者属违规 (UNCERTAIN: 条款编号未核实)';
const DOUYIN_CS_EN =
  'Douyin shop customer-service rules: insulting, threatening or stonewalling a buyer is a violation (UNCERTAIN: the clause number)';
const PLATFORM_CONTACT =
  '平台规则：禁止引导消费者站外联系或交易 (抖店/拼多多/淘宝/TikTok Shop; UNCERTAIN: 各平台条款编号未核实)';
const PLATFORM_CONTACT_EN =
  'Platform rules: no steering buyers to contact or pay off the platform (Douyin, Pinduoduo, Taobao, TikTok Shop; UNCERTAIN: the clause numbers)';
const PIPL_EN = 'Personal Information Protection Law, art. 10';

// biome-ignore format: packed lists read best
const INSULTS = [
  '傻逼', '傻b', '煞笔', '沙比', '傻x', 'sb', '神经病', '有病吧', '你有病', '脑子有病', '脑子进水', '脑残', '白痴', '弱智',
  '智障', '蠢货', '蠢猪', '笨蛋', '废物', '垃圾人', '滚蛋', '滚开', '你滚', '给我滚', '滚吧', '滚远点', '滚，', '滚！', '去死', '死开', '穷逼', '穷鬼', '屌丝',
  '爱买不买', '不买拉倒', '买不起别买', '买不起就别买', '穷就别买', '没钱别买', '活该', '你配吗', '事儿多', '事儿妈',
  '事多', '烦不烦', '烦死了', '有完没完', '少废话', '别废话', '你瞎啊', '你瞎吗', '眼瞎', '没文化', '你懂不懂',
  '听不懂人话', '不识字', '有毛病', '神经质', '贱', '奇葩', '老赖', '无赖', '刁民', '泼妇', '骗子吧你',
];

// biome-ignore format: packed lists read best
const THREATS = [
  '你等着', '走着瞧', '后果自负', '小心点', '你小心', '别逼我', '给你点颜色', '知道你住哪', '知道你家在哪',
  '找人收拾', '收拾你', '弄死', '打死你', '曝光你', '人肉你', '开盒', '挂你', '告死你', '让你好看',
  '拉黑你', '封你号', '举报你', '你会后悔',
];

// biome-ignore format: packed lists read best
const BLAME = [
  '怪谁', '你自己不会用', '自己不会用', '你自己的问题', '你自己的原因', '是你自己', '你自己看', '你不会看吗', '自己不看',
  '你没看详情', '不看详情', '谁让你', '关我们什么事', '关我什么事', '跟我们没关系', '和我们没关系', '不关我们的事',
  '不是我们的问题', '你的责任', '你操作不当', '你用错了', '你不会用', '说了你也不懂', '早干嘛去了', '你自找的',
  '您自己的问题', '你自己弄坏',
];

// biome-ignore format: packed lists read best
const PROMISE_TERMS = [
  '全额退款', '双倍赔偿', '三倍赔偿', '十倍赔偿', '假一赔十', '假一赔三', '假一罚十', '包退包换', '保证今天到',
  '保证明天到', '保证到货', '保证送达', '一定今天到', '一定明天到', '肯定今天到', '肯定明天到', '马上给你退',
  '立刻给你退', '直接给你退', '我给你退', '我给您退', '给您赔', '给你赔', '我来赔',
];

// Amounts and dates an agent promises: "退您50元", "赔偿100块", "补偿你20", "保证3天内到".
const PROMISE_PATTERNS = [
  '(退|赔|补偿|补|返)(给)?(你|您)?\\s*\\d+(\\.\\d+)?\\s*(元|块|rmb|¥)',
  '(赔偿|补偿)(你|您)\\s*\\d+',
  '(保证|一定|肯定|绝对)\\s*\\d+\\s*(天|小时|日)(之?内)?\\s*(到|送达|发货|发出|退款|到账)',
  '(保证|一定|肯定|绝对)(在)?(今天|明天|后天|\\d+号|\\d+月\\d+[日号])(之前|前|内)?(就)?(能)?(到|送达|发货|发出|退款|到账)',
];

// biome-ignore format: packed lists read best
const ABSOLUTE = [
  '最佳', '最优', '最强', '最高级', '最先进', '最低价', '最便宜', '全网最低', '史上最低', '全网第一', '全国第一',
  '销量第一', '行业第一', '第一品牌', '唯一', '独一无二', '国家级', '世界级', '顶级', '极品', '终极', '万能',
  '百分百', '100%', '绝对正品', '绝对安全', '绝对有效', '永久', '零风险', '无副作用', '国家免检', '特供', '专供',
];
// biome-ignore format: packed lists read best
const ABSOLUTE_ALLOW = [
  '唯一的办法', '唯一的方式', '唯一途径', '唯一的途径', '唯一标识', '永久地址', '100%退款',
];

// biome-ignore format: packed lists read best
const OTHER_PLATFORMS = [
  '淘宝', '天猫', '拼多多', '京东', '抖音商城', '快手', '闲鱼', '唯品会', '苏宁', '得物', '小红书',
  'taobao', 'tmall', 'pinduoduo', 'jd.com', 'shein', 'temu', 'amazon', 'lazada', 'shopee',
];

// biome-ignore format: packed lists read best
const CONTACT_TERMS = [
  '微信', '加微', '威信', '薇信', '徽信', 'vx', 'v信', 'wx号', 'weixin', 'wechat', 'qq号', '加qq', '扣扣', '企鹅号',
  '私聊我', '加我好友', '加好友', '支付宝转账', '转账给我', '直接转账', '线下交易', '私下交易', '私下转', '站外',
  '手机联系', '打我电话', 'whatsapp', 'telegram', 'line id',
];
const CONTACT_PATTERNS = [
  // A QQ number: "qq 123456789", "Q:123456"
  '(?<![a-z])(qq|扣扣|q)\\s*[:：号]?\\s*\\d{5,11}',
];

// What the platforms' order numbers look like, so one typed by hand is caught even when it is not this
// case's own. UNCERTAIN (shapes seen in the platforms' documents and exports, not a published rule):
// Pinduoduo order_sn YYMMDD-<15 digits>; Douyin and Taobao/Tmall order ids and Douyin after-sale ids
// 16–19 digits, TikTok Shop order ids 18 digits. Editable like every rule (a tenant whose SKU codes
// are long digit runs can turn it to a warning).
const ORDER_NUMBER_PATTERNS = ['(?<!\\d)\\d{6}-\\d{15}(?!\\d)', '(?<![\\d.])\\d{15,20}(?![\\d.])'];
const ORDER_NUMBER_SOURCE =
  '《个人信息保护法》第10条；订单号样式：拼多多 YYMMDD-15位，抖店/淘宝 16–19 位，TikTok Shop 18 位 (UNCERTAIN)';
const ORDER_NUMBER_SOURCE_EN = `${PIPL_EN}; order number shapes: Pinduoduo YYMMDD-15 digits, Douyin and Taobao 16–19 digits, TikTok Shop 18 digits (UNCERTAIN)`;

/** The platform whose own name is fine on its own shops. */
export const OWN_NAMES: Record<string, readonly string[]> = {
  taobao: ['淘宝', '天猫', 'taobao', 'tmall'],
  pinduoduo: ['拼多多', 'pinduoduo'],
  douyin: ['抖音商城'],
  tiktok: [],
};

export const DEFAULT_RULES: readonly CheckRule[] = [
  {
    id: 'insult.abuse',
    category: 'insult',
    platforms: ALL,
    terms: INSULTS,
    patterns: [],
    allow: [
      '不贱',
      '贱卖',
      '奇葩说',
      '事多少',
      '事多久',
      '有事多',
      'usb',
      'sbs',
      '滚开的水',
      '滚开水',
      '你滚动',
    ],
    severity: 'block',
    enabled: true,
    message: {
      zh: '辱骂或轻蔑的用语：平台会处罚，请换成礼貌的说法',
      en: 'Insulting or contemptuous wording: the platform penalises it; rephrase politely',
    },
    source: `${DOUYIN_CS}；《消费者权益保护法》第14条：消费者享有人格尊严受到尊重的权利`,
    sourceEn: `${DOUYIN_CS_EN}; Consumer Rights Protection Law, art. 14 (the consumer's right to respect for their dignity)`,
  },
  {
    id: 'threat.intimidation',
    category: 'threat',
    platforms: ALL,
    terms: THREATS,
    patterns: [],
    allow: ['小心点击', '小心点儿使用', '请小心点', '您小心'],
    severity: 'block',
    enabled: true,
    message: {
      zh: '威胁或恐吓买家：不允许发送',
      en: 'Threatening the buyer: not allowed',
    },
    source: `${DOUYIN_CS}；《治安管理处罚法》第42条（威胁他人人身安全）`,
    sourceEn: `${DOUYIN_CS_EN}; Public Security Administration Punishments Law, art. 42 (threats to a person's safety)`,
  },
  {
    id: 'blame.buyer',
    category: 'blame',
    platforms: ALL,
    terms: BLAME,
    patterns: [],
    allow: [
      '我们自己的问题',
      '不怪您',
      '不是您自己的问题',
      '不是你自己的问题',
      '不是您的问题',
      '并不是您自己的问题',
    ],
    severity: 'block',
    enabled: true,
    message: {
      zh: '指责或推诿买家：先道歉、再说明原因和解决办法',
      en: 'Blaming the buyer: apologise first, then explain the cause and the remedy',
    },
    source: `${DOUYIN_CS}；拼多多《客服服务规范》：推诿、指责消费者 (UNCERTAIN)`,
    sourceEn: `${DOUYIN_CS_EN}; Pinduoduo customer-service rules: stonewalling or blaming a buyer (UNCERTAIN)`,
  },
  {
    id: 'promise.authority',
    category: 'promise',
    platforms: ALL,
    terms: PROMISE_TERMS,
    patterns: PROMISE_PATTERNS,
    allow: ['给您赔个不是', '给你赔个不是', '给您赔不是', '给您赔礼', '赔个不是'],
    severity: 'warning',
    enabled: true,
    message: {
      zh: '承诺了金额、赔偿或日期：请先确认在你的权限内（退款和补偿走“方案”审批），写成“为您申请”',
      en: 'Promises an amount, compensation or a date: make sure it is within your authority (refunds and compensation go through an offer) and say "I will request it for you"',
    },
    source: '店铺规定：退款与补偿按审批额度执行；平台规则：客服承诺须履行，否则按虚假承诺处理 (UNCERTAIN)',
    sourceEn:
      'Shop policy: refunds and compensation within the approval limits; platform rules: what customer service promises must be kept, or it counts as a false promise (UNCERTAIN)',
  },
  {
    id: 'personal_data.public',
    category: 'personal_data',
    platforms: ALL,
    terms: [],
    patterns: [],
    allow: [],
    detector: 'pii',
    publicOnly: true,
    severity: 'block',
    enabled: true,
    message: {
      zh: '公开渠道（评价回复等）中含有个人信息：手机号、身份证、银行卡、邮箱或地址不能公开',
      en: 'Personal data in a public channel (a review reply…): phone, ID, card, e-mail or address must not be public',
    },
    source: '《个人信息保护法》第10条、第28条（敏感个人信息）；平台评价回复规范',
    sourceEn:
      'Personal Information Protection Law, arts. 10 and 28 (sensitive personal information); the platforms’ rules for review replies',
  },
  {
    id: 'personal_data.case',
    category: 'personal_data',
    platforms: ALL,
    terms: [],
    patterns: [],
    allow: [],
    detector: 'case_data',
    publicOnly: true,
    severity: 'block',
    enabled: true,
    message: {
      zh: '公开回复中出现了本单的订单号、售后单号、运单号或买家姓名/昵称，不能公开',
      en: 'A public reply names this case’s order, after-sale or tracking number, or the buyer’s name',
    },
    source: '《个人信息保护法》第10条；平台评价回复规范（不得公开买家订单信息）',
    sourceEn: `${PIPL_EN}; the platforms’ rules for review replies (no buyer’s order details in public)`,
  },
  {
    id: 'personal_data.order_number',
    category: 'personal_data',
    platforms: ALL,
    terms: [],
    patterns: ORDER_NUMBER_PATTERNS,
    allow: [],
    publicOnly: true,
    severity: 'block',
    enabled: true,
    message: {
      zh: '公开回复中像是订单号（一长串数字），订单号不能公开',
      en: 'A public reply holds what looks like an order number (a long run of digits): order numbers must not be public',
    },
    source: ORDER_NUMBER_SOURCE,
    sourceEn: ORDER_NUMBER_SOURCE_EN,
  },
  {
    id: 'absolute_claim.ad_law',
    category: 'absolute_claim',
    platforms: ALL,
    terms: ABSOLUTE,
    patterns: [],
    allow: ABSOLUTE_ALLOW,
    severity: 'warning',
    enabled: true,
    message: {
      zh: '绝对化用语：广告法禁止“最佳”“第一”“国家级”之类的说法',
      en: 'Absolute claim: the Advertising Law forbids terms like "best", "No. 1", "national-grade"',
    },
    source: '《广告法》第9条第3项、第57条',
    sourceEn: 'Advertising Law, art. 9(3) (no absolute terms) and art. 57 (fines)',
  },
  {
    id: 'other_platform.name',
    category: 'other_platform',
    platforms: MARKETPLACES,
    terms: OTHER_PLATFORMS,
    // Alibaba's wholesale site, but not the digits inside an order or tracking number.
    patterns: ['(?<!\\d)1688(?!\\d)'],
    allow: ['快手机', '快手快脚', '京东快递', '京东物流'],
    severity: 'warning',
    enabled: true,
    message: {
      zh: '提到了其他平台：本平台不允许在会话中引导到其他平台',
      en: 'Names another platform: this platform forbids pointing buyers to another marketplace',
    },
    source: PLATFORM_CONTACT,
    sourceEn: PLATFORM_CONTACT_EN,
  },
  {
    id: 'off_platform.contact',
    category: 'off_platform_contact',
    platforms: MARKETPLACES,
    terms: CONTACT_TERMS,
    patterns: CONTACT_PATTERNS,
    allow: ['微信支付'],
    severity: 'block',
    enabled: true,
    message: {
      zh: '站外联系方式或交易：平台禁止引导买家到站外联系或付款',
      en: 'Off-platform contact or payment: the platform forbids moving the buyer off the platform',
    },
    source: PLATFORM_CONTACT,
    sourceEn: PLATFORM_CONTACT_EN,
  },
];
