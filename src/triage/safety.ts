import type { LexiconRule } from './lexicon.js';
import { type Match, Matcher } from './matcher.js';

/**
 * The safety detector: a risk to someone's health must not be missed (the critical lane and the
 * recall trigger depend on it), so it is built for recall — a wide lexicon of the ways buyers write
 * harm and hazards, OR the category model's safety probability above a low threshold chosen by
 * cross-validation for ≥ 98% recall (train-categories.ts). Precision is what it pays (measured and
 * reported in bench/results/triage.json).
 *
 * Two kinds of evidence:
 * - harm: someone was hurt or is in acute danger (fire, shock, burns, illness after eating, an
 *   allergic reaction, choking, a stranger at the hotel-room door) → severity `critical`;
 * - hazard: a risk without harm told (itching, hair loss, expired or foreign objects in food, a
 *   chemical smell, "不敢喝") → category `safety_hazard`, severity from the other rules.
 * Weak terms (吐, 麻, 不舒服, 医院…) are everyday words too: they count only beside a use or eating
 * context (吃了, 喝了, 用了, a child) or another safety term.
 */
const HARM = [
  '起火|着火|失火|冒烟|冒火花|冒火|爆炸|自燃|烧起来|漏电|触电|被电到|电到我|电到手|电了一下|电击|酥麻感|麻手|电手',
  '烫伤|烧伤|灼伤|被烫|烫到手|烫到我|烫着了|受伤|割伤|割破|划破|割手|流血|出血|摔伤|砸伤|夹伤|扎伤|扎手|伤到',
  '过敏|红肿|肿了|肿起来|肿痛|越来越肿|起疹子|疹子|皮疹|红疹|湿疹|起红包|红包包|长痘|长包|起包|烂脸|脸烂|火烧一样|火辣辣|灼痛|灼热感|蜕皮',
  '食物中毒|中毒|拉肚子|拉稀|闹肚子|腹泻|呕吐|上吐下泻|恶心想吐|想吐|肚子疼|肚子痛|胃疼|胃痛|胃不舒服|肠胃炎|发烧|低烧|高烧|发热了|嘴发麻|舌头发麻|舌头麻|嘴麻|嘴巴麻|麻嘴|发麻|头晕|晕倒',
  '住院|送医|急诊|挂水|输液|打点滴|打吊瓶|看医生|看病|窒息|噎住|噎到|呛到|卡喉|卡住喉咙|卡在喉咙|卡嗓子|误食|吞下|吞了',
  '扭伤|崴脚|摔倒|滑倒|摔了一跤|起疙瘩|满是疙瘩|全是疙瘩|一身疙瘩|被虫咬|被咬了|药了我|入室|爬窗|撬门|撬锁|破门而入',
  '皮肤发红|起水泡|起泡了|水泡|麻电|外壳带电|摸着有电|碰到有电|有点电手|像针扎|针扎一样|针扎似的|耳朵疼|耳朵痛|咬到石头|硌牙|崩牙|牙崩|牙齿崩',
  // Traditional characters (the same words as buyers in Hong Kong and Taiwan write them).
  '過敏|觸電|漏電|冒煙|燙傷|燒傷|受傷|嘔吐|腹瀉|窒息|爆炸|著火|起火|中毒|拉肚子|住院',
  '毒死|差点被毒|被毒|燃气味|煤气味|燃气的味道|煤气的味道|天然气味|漏气|煤气泄漏|燃气泄漏|有人能把|把门打开|门打开|闯进|进我房间|有人进|床就翻|床翻了|塌了|砸到|掉下来砸',
  'caught fire|on fire|fire|smoke|smoking|smoked|sparks|sparked|sparking|burnt|burned|burning|melted|exploded|explode|explosion|electric shock|shocked me|got shocked|electrocuted|burned me|burnt me|burned my|burn my|burns|injury|injured|hurt my|cut my|bleeding|allergic reaction|allergic|hives|swollen|swelling|rash|food poisoning|poisoning|poisoned|vomit|vomiting|vomited|threw up|diarrhea|diarrhoea|got sick|made me sick|hospital|choke|choking|choked',
];
const HARM_WEAK =
  '吐了|吐|不舒服|难受|麻的|麻麻|麻|头疼|头痛|医院|刺痛|炸了|爆了|火花|烧坏|烧焦|焦味|糊味|短路|发烫|烫手|很烫|太烫|sick|pain';

const HAZARD = [
  '痒|发痒|发氧|瘙痒|掉头发|脱头发|脱发|掉发|狂掉|头发掉|越洗越掉|越掉越多|头发越掉|掉好多头发|掉很多头发|掉了好多头发|掉了很多头发|掉一大把|大把大把|掉的比|掉得比|刺激性|辣眼睛|蜇|刺痛感|伤皮肤|烧头皮|伤头发',
  '过期|临期|变质|异物|吃出|喝出|吃到虫|吃到头发|吃到玻璃|回收料|回收原料|黑心棉|地沟油|细菌|大肠杆菌|超标|重金属|含铅|质量安全|食品安全|残害|消防|应急灯|灭火器|逃生|安全通道|划手|刮手|电池膨胀|膨胀了|呛鼻|呛人|熏眼|熏得眼|蛆|蟑螂|玻璃渣|玻璃碴|铁丝|钉子|沙子|杂质|鼠咬|被咬过|咬过的|失窃|小偷|被盗|盗窃|篡改产品日期|篡改日期|日期造假',
  '慢性自杀|砒霜|慢性毒药|蜈蚣|蝎子|毒蛇|药的味道|农药味|打手|害小孩|害孩子|差点烫|有人入住了|已经有人住|甲醛|刺鼻|有毒|毒奶|毒牛奶|太毒|毒害|毒品|百毒|剧毒|篡改生产日期|改生产日期|改日期|坑害|害人|害死|三聚氰胺|致癌|农药|打药|打了药|药味|色素|激素|添加剂|防腐剂|化学味|塑料味|油漆味',
  '没有安全感|没安全感|无安全感|不敢喝|不敢吃|不敢用|不敢穿|不敢给|没敢喝|没敢吃|没敢用|危险|不安全|安全隐患|隐患|安全问题|安全阀|安全性|珍爱生命|珍惜生命|远离蒙牛|生命危险|冒着生命|拿命|伤身',
  '鼓包|发涨|电池涨|电池鼓|电池热|电池很热|电池好烫|电池发烫|烫得|门锁坏|锁不上|门锁不',
  // Hotel security (LABELLING.md §2: strangers can open the door): a room door or window that does
  // not shut, touts knocking at the room door. Not 关不上/关不紧 alone: air conditioning, noise.
  '门关不|窗关不|窗均关不|门锁不上|房门锁不|敲房门|小姐来敲|要不要按摩|要不要小姐',
  '過期|異物|發霉|甲醛|發癢|掉髮|脫髮|有毒|危險',
  'itchy|itching|itch|hair loss|hair falling|expired|insect|bug in|bugs in|hair in|glass in|foreign object|mold|mould|moldy|mouldy|formaldehyde|chemical smell|toxic|unsafe|dangerous|hazard',
];

function rules(groups: string[], harm: boolean, weight: number): LexiconRule[] {
  return groups
    .flatMap((g) => g.split('|'))
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .map((term) => ({
      term,
      category: 'safety_hazard' as const,
      severity: harm ? ('critical' as const) : undefined,
      weight,
      negatable: true,
      source: 'builtin' as const,
    }));
}

// Worry words: a hazard only beside a use context or another safety term.
const HAZARD_WEAK =
  '敢让|敢给|会不会有事|会不会中毒|有没有事|沉淀|凝固|结块|絮状|上霉|霉点|长霉|生虫|多虫|好多虫|很多虫|虫卵|三无|辐射|接触皮肤|不堪设想|老鼠|虫子|有虫|小虫|长虫|苍蝇|蚂蚁|头发丝|毛发|石头|发霉|霉味|霉变|长毛|保安|安保|不放心|害死|害人|要命|健康|生命|吓死|恐怖|可怕|温度很高|温度高|不死|喝死|吃死|找死|想不开|罪过|能喝吗|还能喝|敢喝吗|能吃吗|还能吃|别喝|不要喝|不能喝|自杀|毒药|塑料片|塑料渣|塑料碎片|铁屑|金属屑|玻璃片|被撬|被偷|偷走|偷东西|不敢听|不敢碰|不敢摸|不敢充|不敢开|scary|health';

export const SAFETY_RULES: LexiconRule[] = [
  ...rules(HARM, true, 1),
  ...rules([HARM_WEAK], true, 0.5),
  ...rules(HAZARD, false, 1),
  ...rules([HAZARD_WEAK], false, 0.5),
];

// A use or eating context: weak harm words count when the text says someone ate, drank or used it,
// or — for words of burning only — beside something electrical (烧坏 next to 充电器 is a burnt
// charger; a hot adapter, 烫手, stays a quality complaint).
const CONTEXT =
  /吃|喝|奶|蒙牛|用了|用后|用完|使用|洗了|洗完|洗头|涂|抹|穿了|孩子|宝宝|婴儿|小孩|儿子|女儿|老人|\b(ate|eat|drank|drink|used|after using)\b/;

const BURNING = new Set(['烧坏', '烧焦', '焦味', '糊味', '短路', '火花', '炸了', '爆了', '不堪设想']);
const ELECTRIC = /充电|插座|插头|电压|电源|电线|适配器|电器|电路/;

const CONTEXT_WINDOW = 20;

// Everyday words that contain a weak safety word (麻烦 holds 麻, 吐槽 holds 吐): blanked out, at the
// same length, before the lexicon pass so that offsets and the context window stay right.
const BENIGN = /麻烦|麻利|密密麻麻|麻点|麻将|芝麻|亚麻|肉麻|麻袋|麻绳|吐槽|受伤的心|头疼的是/g;
const blank = (lower: string) =>
  lower.includes('麻') || lower.includes('吐') || lower.includes('伤') || lower.includes('疼')
    ? lower.replace(BENIGN, (m) => '\u3000'.repeat(m.length))
    : lower;

let matcher: Matcher | undefined;
const safetyMatcher = () => {
  matcher ??= new Matcher(SAFETY_RULES);
  return matcher;
};

export type SafetyVerdict = {
  /** Some risk to health or safety: the category `safety_hazard`. */
  hazard: boolean;
  /** Someone was harmed or is in acute danger: severity `critical`. */
  critical: boolean;
  harm: string[];
  hazards: string[];
  /** The category model's safety probability put it there (no lexicon term did). */
  byModel: boolean;
};

export type SafetyLexicon = {
  harm: string[];
  harmWeak: string[];
  hazards: string[];
  hazardsWeak: string[];
  /** A weak term stands within a few characters of a use or eating context. */
  context: boolean;
};

/**
 * The lexicon pass alone (also a feature of the category model). `found`: the matches of
 * SAFETY_RULES in `lower` when already found (lexicon-pass.ts); a text with an everyday word to
 * blank is searched again.
 */
export function safetyLexicon(lower: string, found?: Match[]): SafetyLexicon {
  const out: SafetyLexicon = { harm: [], harmWeak: [], hazards: [], hazardsWeak: [], context: false };
  if (!lower) return out;
  const text = blank(lower);
  const matches = found && text === lower ? found : safetyMatcher().search(text);
  for (const m of matches) {
    if (m.negated) continue;
    const r = m.rule;
    const strong = (r.weight ?? 1) >= 1;
    const list =
      r.severity === 'critical' ? (strong ? out.harm : out.harmWeak) : strong ? out.hazards : out.hazardsWeak;
    if (!list.includes(r.term)) list.push(r.term);
    // The use context must be near the weak term (a long hotel review mentions 吃饭 somewhere).
    if (!strong && !out.context) {
      const from = Math.max(0, m.start - CONTEXT_WINDOW);
      const near = text.slice(from, m.start + r.term.length + CONTEXT_WINDOW);
      out.context = CONTEXT.test(near) || (BURNING.has(r.term) && ELECTRIC.test(near));
    }
  }
  return out;
}

/**
 * The verdict from the lexicon and (when the model ran) the model's safety probability against the
 * cross-validated recall threshold.
 */
export function judgeSafety(lex: SafetyLexicon, modelProbability = 0, threshold = 1): SafetyVerdict {
  const beside = lex.context || lex.hazards.length > 0 || lex.harm.length > 0;
  const harm = lex.harmWeak.length && beside ? [...lex.harm, ...lex.harmWeak] : lex.harm;
  // Two different worry words together (上霉 … 很多虫) are a hazard without a use context.
  // A worry word beside a weak harm word (电池发烫 … 不敢听) is a hazard too, not yet harm.
  const hazards =
    lex.hazardsWeak.length && (beside || lex.hazardsWeak.length >= 2 || lex.harmWeak.length > 0)
      ? [...lex.hazards, ...lex.hazardsWeak]
      : lex.hazards;
  const critical = harm.length > 0;
  const byLexicon = critical || hazards.length > 0;
  const byModel = !byLexicon && modelProbability >= threshold;
  return {
    hazard: byLexicon || byModel,
    critical,
    harm: harm.slice(0, 5),
    hazards: hazards.slice(0, 5),
    byModel,
  };
}
