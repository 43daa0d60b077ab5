import { fold } from '../quality/term-matcher.js';
import { toSimplified } from './simplify.js';

/** The basic questions the assistant may answer (issue 19 §2), and the two that always go to a person. */
export const INTENTS = [
  'where_is_parcel',
  'ship_time',
  'return_how',
  'size_fit',
  'invoice',
  'how_to_use',
  'is_genuine',
] as const;
export type Intent = (typeof INTENTS)[number];

/** A buyer who asks for a person, or accuses or threatens, always gets one. */
export type Escalation = 'ask_human' | 'accusation';

export type IntentResult = {
  intent: Intent | null;
  confidence: number;
  escalation: Escalation | null;
  /** The cues that decided it, for the log and the console. */
  cues: string[];
  /** What the classifier read: traditional characters simplified, full-width folded, emoji dropped. */
  normalised: string;
};

type Cue = { re: RegExp; w: number };
const cue = (source: string, w: number): Cue => ({ re: new RegExp(source, 'u'), w });

/**
 * Rules and a lexicon, written for Chinese buyer messages. Strong cues are a phrase that asks the
 * question ("到哪了", "什么时候发货"); weak cues a topic word ("快递"). Weights were set by hand and
 * checked on the labelled questions (src/assistant/eval/, tune half).
 */
const CUES: Record<Intent, Cue[]> = {
  where_is_parcel: [
    cue('(快递|物流|包裹|货|件)(到|走到)?(哪|哪里|哪儿)了?', 0.9),
    cue('到哪(了|里了|儿了)', 0.85),
    cue('(还|怎么还|为什么还|咋还)(没|没有|未)(收到|到|送到|送来)', 0.85),
    cue('(没|没有|未)(收到|到货)', 0.6),
    cue('(什么时候|啥时候|何时|几时|多久|几天)(能|可以|才能|会)?(到|送到|收到|到货|送达)', 0.8),
    cue('(物流|快递)(信息|状态|进度|轨迹|单号)', 0.6),
    cue('(物流|快递)(不动|没动|没更新|不更新|停了)', 0.8),
    cue('(显示|已经)签收', 0.6),
    cue('谁签收', 0.8),
    cue('(货|快递|包裹|东西)呢', 0.75),
    cue('查(一下)?(物流|快递|单号)', 0.8),
    cue('(快递|物流)', 0.25),
  ],
  ship_time: [
    cue('(什么时候|啥时候|何时|几时|多久|几天|哪天)(能|可以|会|才|才能)?发(货|出)?', 0.9),
    cue('(还|怎么还|为什么还|咋还)(没|不)(发货|发)', 0.85),
    cue('发货了(吗|没)', 0.9),
    cue('(发|发货)了吗', 0.85),
    cue('(能|可以)(今天|明天)?发(货|吗)', 0.6),
    cue('(不|没|没有)发(货|书)', 0.55),
    cue('发货', 0.3),
  ],
  return_how: [
    cue('(怎么|如何|怎样|能不能|能|可以|可不可以)(申请)?(退|退货|退款|换货|换|退换)', 0.85),
    cue('(退|退货|退款|换货|换)(吗|不|么)', 0.8),
    cue('七天无理由|7天无理由|无理由退', 0.7),
    cue('(退货|退款|换货|退换货?)', 0.45),
    cue('(维权|售后)', 0.25),
  ],
  size_fit: [
    cue('(穿|选|拿|买)(多大|什么|哪个|几)码', 0.9),
    cue('(尺码|码数|尺寸)', 0.55),
    cue('(偏大|偏小|大一码|小一码|大了一号|小了一号|买大了|买小了|合身|修身)', 0.5),
    cue('(身高|体重)\\s*\\d*', 0.4),
    cue('\\b(xs|s|m|l|xl|xxl|2xl|3xl)\\b码?', 0.3),
  ],
  invoice: [cue('(发票|开票|税号|抬头)', 0.85)],
  how_to_use: [
    cue('(怎么|如何|怎样)(使用|用|安装|装|充电|连接|配对|清洗|洗|调|设置|操作|保养)', 0.85),
    cue('(使用方法|用法|说明书|安装方法)', 0.75),
    cue('(能|可以|可不可以|能不能)(装|放|用|盛|泡|加热|机洗|水洗|进微波炉|微波炉|洗碗机|下水)', 0.7),
    cue('(开水|热水|微波炉|洗碗机|机洗|手洗)', 0.25),
    cue('(安装|驱动|充电)', 0.3),
  ],
  is_genuine: [
    cue('(是不是|是否|是)(正品|真货|真的|原装|正版)', 0.9),
    cue('(正品|真货|正版|原装)(吗|么|嘛)', 0.9),
    cue('(假货|假的|高仿|仿品|山寨|盗版|水货)', 0.6),
    cue('(正品|正版|授权|防伪)', 0.45),
  ],
};

const ASK_HUMAN = /(转?人工|真人|找客服|人工客服|客服呢|有人吗|叫你们(老板|店长|主管)|找(老板|主管|店长))/u;
const ACCUSATION =
  /(骗子|骗人|诈骗|欺诈|坑人|黑店|投诉|12315|工商|消协|律师|起诉|报警|曝光|举报|差评|垃圾|退一赔三|假一赔|赔偿|索赔)/u;
// Words of a complaint that make a question rhetorical ("难道发货的是色盲吗"): lower the confidence.
const RHETORICAL = /(难道|还敢|凭什么|什么鬼|什么质量|有意思吗|搞什么|气死|无语|失望|醉了|呵呵|坑)/u;
const QUESTION = /[?？]|吗|么|呢|怎么|如何|多久|什么时候|啥时候|几天|能不能|可以吗|请问/u;
/** Set on the tune half of the labelled questions (src/assistant/eval/LABELS.md). */
export const RECOGNISED_FLOOR = 0.5;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D}/gu;

export function normaliseBuyerText(text: string): string {
  return toSimplified(fold(text)).replace(EMOJI, '').replace(/\s+/g, ' ').trim();
}

/** The intent of a buyer's message with a confidence in [0, 1]; null when none is clear. */
export function recogniseIntent(text: string): IntentResult {
  const normalised = normaliseBuyerText(text);
  const base = { normalised, cues: [] as string[] };
  // Pinyin, emoji only, digits only: nothing a rule can read.
  if (!/\p{Script=Han}/u.test(normalised)) return { ...base, intent: null, confidence: 0, escalation: null };
  if (ASK_HUMAN.test(normalised)) {
    return {
      ...base,
      intent: null,
      confidence: 1,
      escalation: 'ask_human',
      cues: [ASK_HUMAN.exec(normalised)![0]],
    };
  }
  const scored = INTENTS.map((intent) => {
    let score = 0;
    const cues: string[] = [];
    for (const c of CUES[intent]) {
      const m = c.re.exec(normalised);
      if (m) {
        // Cues add up with diminishing returns: two strong cues are surer than one, never above 1.
        score = score + c.w * (1 - score);
        cues.push(m[0]);
      }
    }
    return { intent, score, cues };
  }).sort((a, b) => b.score - a.score);
  const [best, second] = [scored[0]!, scored[1]!];
  const accusation = ACCUSATION.exec(normalised);
  if (accusation) {
    return {
      ...base,
      intent: best.score > 0 ? best.intent : null,
      confidence: 1,
      escalation: 'accusation',
      cues: [accusation[0], ...best.cues],
    };
  }
  if (best.score === 0) return { ...base, intent: null, confidence: 0, escalation: null };
  let confidence = best.score - 0.5 * second.score;
  if (QUESTION.test(normalised)) confidence += 0.1;
  if (RHETORICAL.test(normalised)) confidence -= 0.35;
  confidence = Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100;
  // A topic word alone ("物流超快") is no question: below the floor nothing is recognised.
  if (confidence < RECOGNISED_FLOOR)
    return { ...base, intent: null, confidence, escalation: null, cues: best.cues };
  return { ...base, intent: best.intent, confidence, escalation: null, cues: best.cues };
}
