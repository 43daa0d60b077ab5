import type { Category } from './taxonomy.js';

/**
 * The built-in zh/en lexicon. A term matches as a substring of the lower-cased text (Latin terms only
 * on word boundaries). A Chinese term right after a negation (不/没/无/未/别/非, up to two characters
 * before it, within the clause) does not count, unless the rule says `negatable: false` (terms that
 * are themselves about something missing). `weight` < 1 marks a weak cue: a category needs a total
 * weight of 1. Tenants add their own terms in the console (triage_lexicon table) on top of these.
 */
export type LexiconRule = {
  term: string;
  category?: Category | undefined;
  /** 'critical' | 'high' raise the severity when the term is present. */
  severity?: 'critical' | 'high' | undefined;
  /** Severity-only cues used by the rules (not categories): anger, demand, hedge. */
  cue?: 'anger' | 'demand' | 'hedge' | undefined;
  weight?: number | undefined;
  negatable?: boolean | undefined;
  source?: 'builtin' | 'tenant';
};

const split = (s: string) =>
  s
    .split('|')
    .map((t) => t.trim())
    .filter(Boolean);

type Group = {
  category?: Category;
  severity?: 'critical' | 'high';
  cue?: LexiconRule['cue'];
  weight?: number;
  negatable?: boolean;
  zh?: string;
  en?: string;
};

const MISSING_THINGS = split(
  '赠品|发票|耳机|配件|说明书|数据线|充电器|充电头|保修卡|小礼品|礼品|贴膜|手机膜|保护套|手机壳|皮套|驱动盘|遥控器|附件|零件|螺丝|电池',
);

const GROUPS: Group[] = [
  // Safety: injuries and dangerous events are critical on their own.
  {
    category: 'safety_hazard',
    severity: 'critical',
    zh: '起火|着火|失火|冒烟|冒火花|火花|爆炸|炸了|爆了|烧起来|烧坏|自燃|漏电|触电|电到我|电了一下|被电|烫伤|烧伤|灼伤|受伤|割伤|划伤手|划破手|流血|过敏|红肿|起疹子|疹子|皮疹|食物中毒|中毒|拉肚子|腹泻|呕吐|上吐下泻|吐了|肚子疼|肚子痛|胃疼|胃痛|头晕|发麻|舌头发麻|嘴发麻|嘴麻|住院|送医|急诊|窒息|噎住|噎到|卡喉|卡住喉咙|卡在喉咙|误食|吞下|农药|有毒|毒性|致癌|三聚氰胺|烧焦|焦味|短路',
    en: 'caught fire|on fire|fire hazard|smoke|smoking|exploded|explode|explosion|electric shock|electrocuted|shocked me|burned|burnt|burns|burn|injury|injured|hurt my|allergy|allergic|rash|food poisoning|poisoning|poisoned|vomit|vomiting|vomited|diarrhea|diarrhoea|hospital|choke|choking|choked|swallowed|toxic|bleeding|short circuit',
  },
  // Safety cues that are not an emergency by themselves (the label convention: itching scalp,
  // foreign objects, expired food).
  {
    category: 'safety_hazard',
    zh: '痒|发痒|头皮痒|掉头发|脱发|掉发|刺激性|辣眼睛|刺痛|过期|变质|异物|石头|虫子|蟑螂|头发丝|玻璃渣|安全隐患|不安全|危险|隐患|甲醛|刺鼻|有害|不敢喝|不敢吃|不敢用|保安|门打开|药味|不卫生',
    en: 'itchy|itching|itch|expired|unsafe|dangerous|hazard|formaldehyde|insect|cockroach|foreign object|glass in|hair loss',
  },
  // Threats to escalate → high.
  {
    severity: 'high',
    negatable: false,
    zh: '12315|315|消协|消费者协会|工商|市场监管|质监局|我要投诉|去投诉|准备投诉|已投诉|已经投诉|投诉你们|投诉到|要投诉|再投诉|会投诉|怎么投诉|投诉商家|投诉电话|投诉你|举报|曝光|媒体|记者|电视台|律师|起诉|告你们|法院|维权|报警|黑猫',
    en: '12315|lawyer|attorney|sue you|sue|lawsuit|court|media|journalist|report you|reporting you|consumer association|police|legal action|file a complaint|chargeback',
  },
  {
    category: 'counterfeit_suspected',
    severity: 'high',
    negatable: false,
    zh: '假货|假的|是假|买假|假冒|冒充|高仿|仿品|仿冒|山寨|冒牌|不是正品|非正品|不像正品|不是真货|是正品吗|正品吗|翻新|二手|被用过|用过的|有人用过|打开过|被拆|拆过|拆封过|已拆封|被打开|水货|低仿|a货|盗版|假酒|以次充好',
    en: 'fake|counterfeit|knockoff|knock-off|replica|not genuine|not authentic|not original|refurbished|second-hand|secondhand|used item|already opened|pirated|bootleg',
  },
  {
    category: 'damaged_in_transit',
    zh: '漏了|全漏|漏出来|漏出|漏液|漏得|漏的|洒了|撒了|摔坏|摔碎|摔裂|压坏|压扁|压碎|压烂|压瘪|挤压|挤坏|挤烂|碰坏|磕坏|磕碰|瘪了|包装破|包装坏|包装烂|外包装破|箱子破|盒子破|盒子坏|盒子烂|箱子烂|破损|运输中|路上坏|运坏|快递摔|被摔|暴力运输|暴力分拣|包装太差|包装简陋|包装不好|包装差',
    en: 'damaged in transit|damaged in shipping|damaged during shipping|damaged during delivery|arrived damaged|arrived broken|arrived cracked|arrived crushed|crushed|dented|box was damaged|box damaged|package damaged|package was damaged|packaging damaged|leaked|leaking|spilled|smashed',
  },
  {
    category: 'quality_defect',
    zh: '坏|烂|质量差|质量不好|质量太差|质量很差|质量一般|质量问题|质量不行|做工差|做工不好|做工粗糙|做工一般|做工太|粗糙|掉色|褪色|起球|开线|开胶|脱线|破洞|断了|裂|裂缝|裂开|裂了|碎了|屏碎|失灵|死机|蓝屏|自动重启|卡顿|很卡|太卡|有点卡|卡死|黑屏|花屏|闪屏|不能用|用不了|无法使用|没法用|开不了机|不开机|开不开|充不进电|充不上电|不充电|耗电|待机时间|发热|发烫|很热|噪音|噪声|异响|响声|杂音|漏水|不好用|难用|不好吃|难吃|不新鲜|不甜|太酸|很酸|偏酸|发霉|霉了|霉变|臭|异味|怪味|有味道|味道不对|次品|瑕疵|残次|劣质|毛病|故障|效果差|没效果|没有效果|不管用|头皮屑|掉毛|太薄|很薄|陈旧|太旧|很旧|老旧|像旧的|潮|不结实|易碎|松动|歪|变形|色差大|起皮|脱皮|掉漆|划痕|刮花|坏果|不灵|反应慢|速度慢|很慢|太差|越洗越|不控油|干枯|打结|软|不好|有问题|问题|巨慢|太慢|很慢|挺慢|比较慢|迟钝|不牢靠|间隙|晃动|糙|太糙|开裂|洞|小洞|破了|亮点|坏点|没法充电|不能充电|充电慢|不能开机|听不到|声音很小|声音小|枯草|头屑|差劲|别扭|发黄|发红|线缝|缝线|质量真差|质量非常差|质量极差|质量也一般|质量不怎么样|材质一般|面料一般|用料|做工|不舒服|刀痕|痕迹|脏|不干净|没水分|卡机|痒|硬|重',
    en: "broken|defective|faulty|doesn't work|does not work|not working|stopped working|won't turn on|wont turn on|cracked|crack|torn|ripped|poor quality|bad quality|cheap quality|low quality|stain|stained|scratch|scratched|rotten|moldy|mouldy|dead pixel|overheats|overheating|noisy|faded|peeling|falls apart|fell apart|flimsy|malfunction|battery drains|tastes bad|stale|smells",
  },
  {
    category: 'not_as_described',
    zh: '与描述不符|和描述不符|描述不符|与描述不一致|与图片不符|和图片不符|图片不符|和图片不一样|跟图片不一样|与图片不一样|跟图片|图片上|实物不符|实物与|不符|货不对板|颜色不对|尺码不准|码子不准|码数不准|码不准|偏大|偏小|太小|太大|个头小|个头太小|很小|不够重|重量不够|缺斤少两|分量不足|分量少|虚标|虚假宣传|宣传|骗人|夸大|名不副实|和说的不一样|说的不一样|不一样|标注|号称|标称|标的|缩水|上当|欺诈|不是全|版型|尺码|码子|色差|图片是|看着大|说明书上|说是|不像|不如描述|不标准|码子太|码数|太紧|很紧|偏紧|不合适|颜色也不对|明明|明明就是|吹牛|不够|都不够|勉强够|欺骗消费者|欺骗|这叫什么|这也叫|这哪是|哪是|名不符实|没想象中|没有想象中|想象中|比想象|没有描述的|描述|星级|星的标准|档次|大小不一|一丁点|这么点|短了',
    en: "not as described|not as pictured|not as advertised|different from the picture|different from the photo|doesn't match|does not match|misleading|false advertising|smaller than|bigger than expected|color is different|colour is different|looks nothing like|not what i ordered|not the same as",
  },
  {
    category: 'wrong_or_missing_item',
    negatable: false,
    zh: [
      '少发|漏发|少了一|只收到|没送货|没有带|少了|少一个|少一件|少一瓶|缺少|缺了|没发货|发错|发错货|错发|寄错|给错|不是我买的|不是我要的|不是我订的|型号不对|颜色发错|空盒|空包|说好的送|说好送|说好的赠|承诺的赠品|什么都不送|什么都没送|啥都不送|没送|不送|不带|没带|没给|定的是|订的是|要的是|买的是|结果是|到回来是|大了一号|小了一号|都没有',
      ...MISSING_THINGS.flatMap((x) => [
        `没有${x}`,
        `没${x}`,
        `无${x}`,
        `缺${x}`,
        `少了${x}`,
        `没送${x}`,
        `${x}没`,
        `${x}都没`,
        `${x}呢`,
      ]),
    ].join('|'),
    en: "wrong item|wrong product|wrong size sent|wrong color sent|sent the wrong|received the wrong|missing|not included|was not in the box|didn't receive the|did not receive the|missing parts|no invoice|empty box|free gift|gift was not",
  },
  {
    category: 'logistics_delay',
    negatable: false,
    zh: '物流慢|物流太慢|物流很慢|物流也慢|发货慢|发货太慢|发货很慢|送货慢|送货太慢|配送慢|快递慢|快递太慢|送得慢|送的慢|到货慢|迟迟|还没到|还没收到|没收到货|一直没到|几天才到|天才到|才到货|才收到|延迟|延误|超时|物流信息|不更新|没更新|不发货|还不发货|迟迟不发货|催单|催了|快递员|送货员|派送|配送|签收|自提点|自取点|驿站|丢件|丢了|次日达|当日达|送过最慢|送货上门|不送上门|配送员|快递员态度|没收到|不发短信|没发短信|电话也不打|不打电话|没打电话|不通知|物流|快递|发货|送货|到货|没见货|只收到',
    en: "late|delayed|delay|still not arrived|still hasn't arrived|hasn't arrived|has not arrived|never arrived|not delivered|never delivered|slow shipping|slow delivery|took weeks|took two weeks|tracking not updated|tracking hasn't|lost package|package lost|courier|delivery was slow",
  },
  {
    category: 'service_attitude',
    negatable: false,
    zh: '态度差|态度不好|态度恶劣|态度很差|态度极差|态度太差|态度超级差|态度也不好|态度一般|态度冷淡|服务差|服务不好|服务很差|服务太差|服务极差|服务一般|服务态度|服务意识|冷淡|爱理不理|爱搭不理|不理人|不耐烦|骂人|骂我|凶|推三阻四|推卸|踢皮球|敷衍|扯皮|忽悠|傲慢|高傲|不礼貌|没礼貌|没素质|素质差|硬说|狡辩|甩锅|客服也|客服说|客服是|服务员|前台|态度|态度很不好|态度很强硬|态度强硬|强硬|没丁点礼貌|礼貌|无礼|态度特别差|态度也很差',
    en: 'rude|impolite|unhelpful|unprofessional|bad attitude|attitude|ignored me|hung up|condescending|poor service|bad service|terrible service|customer service was|arrogant|yelled',
  },
  {
    category: 'slow_response',
    negatable: false,
    zh: '不回复|没回复|没人回复|不回消息|没回消息|没人回|没人理|没人管|无人回复|无人理|没反应|一直没反应|联系不上|联系不到|找不到人|打不通|电话打不通|回复慢|回复太慢|回复很慢|半天不回|一直没回|没人回答|不回答|石沉大海|等了半天|等了好久|处理慢|处理太慢|效率低|拖了|一拖再拖|好长时间|迟迟没有|找不到客服|找不到服务员|都找不到',
    en: "no reply|no response|never replied|never responded|not responding|didn't respond|did not respond|waiting for a reply|slow to respond|slow response|can't reach|cannot reach|couldn't reach|no one answers|nobody answers|ignored my messages|ignored my emails",
  },
  {
    category: 'refund_dispute',
    negatable: false,
    zh: '退款|不给退|不退|不让退|拒绝退|退不了|拒退|不给换|不给退换|不给换货|拒绝换货|换货|退货|退换|退运费|运费|仅退款|拒绝退款|没退款|三包|保修|不保修|不负责|不给修|返修|无法修|修不了|七天无理由|7天无理由|无理由|运费险|售后|退钱|赔偿|赔付|拒赔|不同意换|只能修|不同意退',
    en: "refund|refunded|refused refund|no refund|won't refund|return refused|money back|return shipping|warranty|replacement|exchange|compensation",
  },
  {
    category: 'price_dispute',
    negatable: false,
    zh: '降价|价格下降|降了|便宜了|便宜不少|差价|补差价|价保|保价|不值|不值这个价|不值得|太贵|贵了|价格高|价格太高|价格贵|偏贵|很贵|这么贵|买贵了|性价比低|性价比不高|性价比太低|坑钱|收费|另收|额外收费|乱收费|加价|涨价|优惠|优惠券|领券|满减|活动价|原价|折扣|标价|价格|价钱|房价|一分钱一分货|元|调价|秒杀|亏了|不划算|浪费钱|贵|颇贵|便宜|巨高|这价格',
    en: 'price drop|price dropped|overpriced|too expensive|expensive|not worth|price protection|price difference|cheaper elsewhere|cheaper|extra charge|hidden fee|discount|coupon|price',
  },
  {
    category: 'privacy_concern',
    negatable: false,
    zh: '隐私|泄露|个人信息|信息泄露|骚扰电话|推销电话|骚扰短信|不敲门|未敲门|没敲门|直接开门|开门进入|偷拍|号码泄露|地址泄露|被泄露|卖我信息',
    en: 'privacy|personal data|personal information|data leak|leaked my|spam calls|harassing calls|without knocking|sold my data',
  },
  // Severity cues.
  {
    cue: 'anger',
    negatable: false,
    zh: '垃圾|骗子|骗人|恶心|气愤|愤怒|坑人|太坑|无良|黑心|傻|妈的|他妈|tm|我靠|卧槽|滚|去死|再也不|最差|最烂|差差差|无语|太过分|过分|气死|窝火|欺骗|欺诈|！！！|!!!',
    en: 'scam|scammer|disgusting|furious|angry|outraged|worst|terrible|horrible|never again|ridiculous|unacceptable|!!!',
  },
  {
    cue: 'demand',
    negatable: false,
    zh: '退货|退款|赔偿|赔钱|给我|要求|必须|换货|给个说法|说法|解释|负责|处理一下|马上|立刻|尽快',
    en: 'refund|compensation|demand|i want|immediately|replace|explain|fix this',
  },
  {
    cue: 'hedge',
    negatable: false,
    zh: '有点|有些|一般|略|稍|比较|还行|还可以|还好|不过|但是|但|总体|凑合|勉强|不太|不怎么|不是很|不算|一般般|算了|就是',
    en: 'a bit|a little|somewhat|slightly|okay|ok|not great|not bad|but|however',
  },
];

// Weak Chinese cues: short or common words that only count together with another cue.
const WEAK = new Set(
  split(
    '炸了|爆了|中毒|受伤|割伤|头晕|吐了|住院|发麻|农药|火花|烧坏|裂|潮|软|臭|不好|太差|问题|巨慢|太慢|很慢|挺慢|比较慢|洞|做工|不舒服|痕迹|脏|不干净|硬|重|陈旧|老旧|很旧|明明|不够|描述|星级|档次|物流|快递|发货|送货|到货|贵|便宜|态度|礼貌|少了|不合适|哪是|想象中|这么点|短了|欺骗|没收到|只收到|不通知|很慢|说是|不像|宣传|标的|不一样|太小|太大|很小|价格|价钱|元|房价|优惠|原价|折扣|收费|运费|售后|换货|退货|退换|前台|服务员|配送|派送|签收|快递员|送货上门|石头|保安|门打开|药味|版型|尺码|码子|就是|都没有|定的是|订的是|要的是|买的是|结果是|不送|不带|没带|没给|图片上|看着大|cheaper|price|discount|attitude|expensive|late|delay|missing|exchange|replacement|warranty|smoke|smoking|burn|sue|court|media',
  ),
);

export const BUILTIN_RULES: LexiconRule[] = GROUPS.flatMap((g) =>
  [...split(g.zh ?? ''), ...split(g.en ?? '')].map((term) => ({
    term: term.toLowerCase(),
    category: g.category,
    severity: g.severity,
    cue: g.cue,
    weight: g.weight ?? (WEAK.has(term) ? 0.5 : 1),
    negatable: g.negatable ?? true,
    source: 'builtin' as const,
  })),
);
