/**
 * Aspects of a review, each with its own polarity (issue 16, part 6): "物流慢但质量很好" is a
 * logistics complaint and a quality compliment, whatever the stars say.
 *
 * Pure: the text's jieba words (punctuation kept as tokens) are cut into clauses at punctuation and
 * at contrast words (但, 可是, 不过, 就是…); in each clause an aspect word (物流, 包装, 质量, 价格,
 * 客服, 正品, 尺码, 味道…) names the aspect, and the clause's polarity is the sum of the sentiment
 * model's weights of its words and word bigrams (`clauseScore`, passed in so this file needs no
 * model). Some words carry their own polarity (便宜, 贵, 假货, 偏小, 新鲜) and win over the clause,
 * flipped after a negation (不贵, 不新鲜).
 */
export const ASPECTS = [
  'logistics',
  'packaging',
  'quality',
  'price',
  'service',
  'authenticity',
  'fit_size',
  'taste_freshness',
] as const;
export type Aspect = (typeof ASPECTS)[number];
export type Polarity = 'positive' | 'negative' | 'neutral';
export type AspectMention = { aspect: Aspect; polarity: Polarity; terms: string[] };

type Term = { aspect: Aspect; polarity?: 1 | -1 };

const TERMS = new Map<string, Term>();
function add(aspect: Aspect, words: string, polarity?: 1 | -1) {
  for (const w of words.split('|')) TERMS.set(w, polarity ? { aspect, polarity } : { aspect });
}
add('logistics', '物流|快递|发货|送货|配送|到货|速度|快递员|送货员|运输|邮寄|shipping|delivery|courier');
add('logistics', '神速|及时', 1);
add('packaging', '包装|盒子|外包装|包装盒|箱子|纸箱|瓶子|瓶身|封口|泡沫|packaging|package|box');
add('quality', '质量|做工|品质|材质|面料|用料|手感|屏幕|电池|效果|性能|quality|material');
add('quality', '破损|坏了|掉色|起球|开线|卡顿|死机', -1);
add('price', '价格|价钱|价位|性价比|优惠|活动|降价|保价|差价|price|value');
add('price', '便宜|实惠|划算|cheap', 1);
add('price', '贵|太贵|偏贵|不值|expensive|overpriced', -1);
add('service', '客服|服务|态度|卖家|商家|店家|掌柜|售后|前台|服务员|service|seller|support');
add('service', '耐心|热情|周到', 1);
add('authenticity', '正品|真假|正版|原装|官方|genuine|authentic');
add('authenticity', '假货|假的|山寨|盗版|高仿|翻新|fake|counterfeit', -1);
add('fit_size', '尺码|尺寸|大小|码数|号码|版型|长度|个头|个儿|个子|size|fit');
add('fit_size', '合身|合适|刚好', 1);
add('fit_size', '偏大|偏小|太大|太小|不合身|小了|大了', -1);
add('taste_freshness', '味道|口感|口味|新鲜|甜度|水分|taste|fresh|flavor|flavour');
add('taste_freshness', '好吃|好喝|香甜|甘甜|脆甜|多汁|tasty|delicious', 1);
add('taste_freshness', '难吃|难喝|不新鲜|烂了|酸涩|发霉', -1);

/**
 * Words whose weight the model underrates in a short clause (质量一般 is a mild complaint) and the
 * English the model never saw: added to the clause's score, flipped after a negation.
 */
const CUES = new Map<string, number>([
  ...'一般|凑合|马马虎虎|失望|慢|差|烂|垃圾|糟糕|不行|粗糙|小|slow|late|bad|poor|broken|rude|terrible|awful|damaged|worst'
    .split('|')
    .map((w) => [w, -1] as const),
  ...'给力|舒服|满意|不错|很好|好|快|结实|完好|标准|fast|quick|good|great|excellent|perfect|nice|helpful|fine'
    .split('|')
    .map((w) => [w, 1] as const),
]);

const CONTRAST = new Set(['但', '但是', '可是', '不过', '就是', '只是', '然而', '却', 'but', 'however']);
const NEGATION = new Set(['不', '没', '没有', '不是', '并不', '一点也不', '不太', '不够', '无', 'not', 'no']);
const BREAK = /^[，。！？；、,.!?;:：…~～\n\r]+$/;

/** Polarity of a clause's score (logit units of the sentiment model); small scores say nothing. */
export const POLARITY_BAND = 0.4;

/**
 * The aspects in a text. `words`: the lower-cased jieba words in order (punctuation included);
 * `clauseScore(from, to)`: the sentiment of words[from, to) (logit units, + is positive).
 */
export function findAspects(
  words: readonly string[],
  clauseScore: (from: number, to: number) => number,
): AspectMention[] {
  const found = new Map<Aspect, { score: number; terms: string[]; fixed: number }>();
  let start = 0;
  const close = (end: number) => {
    if (end <= start) return;
    const hits: { i: number; term: Term }[] = [];
    for (let i = start; i < end; i++) {
      const t = TERMS.get(words[i]!);
      if (t) hits.push({ i, term: t });
    }
    if (hits.length) {
      let score = clauseScore(start, end);
      for (let i = start; i < end; i++) {
        const c = CUES.get(words[i]!);
        if (c) score += i > start && NEGATION.has(words[i - 1]!) ? -c : c;
      }
      for (const { i, term } of hits) {
        const negated = i > start && NEGATION.has(words[i - 1]!);
        const own = term.polarity ? (negated ? -term.polarity : term.polarity) : 0;
        const entry = found.get(term.aspect) ?? { score: 0, terms: [], fixed: 0 };
        if (own) entry.fixed += own;
        else entry.score += score;
        const w = words[i]!;
        if (!entry.terms.includes(w) && entry.terms.length < 4) entry.terms.push(w);
        found.set(term.aspect, entry);
      }
    }
    start = end + 1;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // A Han word is never punctuation: the regular expression only for the rest.
    const c = w.charCodeAt(0);
    if ((c < 0x4e00 || c > 0x9fff) && BREAK.test(w)) close(i);
    else if (CONTRAST.has(w)) {
      close(i);
    }
  }
  close(words.length);
  const out: AspectMention[] = [];
  for (const aspect of ASPECTS) {
    const e = found.get(aspect);
    if (!e) continue;
    const s = e.fixed !== 0 ? e.fixed : e.score;
    const polarity: Polarity =
      e.fixed !== 0
        ? s > 0
          ? 'positive'
          : 'negative'
        : s >= POLARITY_BAND
          ? 'positive'
          : s <= -POLARITY_BAND
            ? 'negative'
            : 'neutral';
    out.push({ aspect, polarity, terms: e.terms });
  }
  return out;
}

/** A case's aspects are those of its messages merged: a negative mention wins (a complaint stays). */
export function mergeAspects(a: readonly AspectMention[], b: readonly AspectMention[]): AspectMention[] {
  const rank = { negative: 2, positive: 1, neutral: 0 } as const;
  const by = new Map<Aspect, AspectMention>();
  for (const m of [...a, ...b]) {
    const prev = by.get(m.aspect);
    if (!prev) by.set(m.aspect, { ...m, terms: [...m.terms] });
    else {
      const polarity = rank[m.polarity] > rank[prev.polarity] ? m.polarity : prev.polarity;
      by.set(m.aspect, {
        aspect: m.aspect,
        polarity,
        terms: [...new Set([...prev.terms, ...m.terms])].slice(0, 4),
      });
    }
  }
  return ASPECTS.filter((x) => by.has(x)).map((x) => by.get(x)!);
}

export type AspectCounts = Record<Aspect, Record<Polarity, number>>;

/** Per aspect and polarity, how many of the given cases mention it (the report's table). */
export function countAspects(lists: readonly (readonly AspectMention[])[]): AspectCounts {
  const out = Object.fromEntries(
    ASPECTS.map((x) => [x, { positive: 0, negative: 0, neutral: 0 }]),
  ) as AspectCounts;
  for (const list of lists) for (const m of list) if (out[m.aspect]) out[m.aspect][m.polarity]++;
  return out;
}

/** The table from counted rows (aspect, polarity, n); unknown names are left out. */
export function aspectTable(rows: readonly { aspect: string; polarity: string; n: number }[]): AspectCounts {
  const out = countAspects([]);
  for (const r of rows) {
    const row = out[r.aspect as Aspect];
    if (row && (r.polarity === 'positive' || r.polarity === 'negative' || r.polarity === 'neutral'))
      row[r.polarity] += r.n;
  }
  return out;
}
