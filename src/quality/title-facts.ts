import type { ListingClass } from './listing-class.js';
import type { TitleFact } from './quality-settings.js';

// biome-ignore format: packed lists read best
const MATERIALS = [
  '纯棉', '全棉', '精梳棉', '棉', '涤纶', '聚酯纤维', '锦纶', '尼龙', '氨纶', '莫代尔', '粘纤', '人造棉',
  '天丝', '莱赛尔', '亚麻', '麻', '真丝', '桑蚕丝', '丝', '羊毛', '羊绒', '马海毛', '兔毛', '腈纶',
  '牛仔', '雪纺', '蕾丝', '针织', '灯芯绒', '真皮', '牛皮', '羊皮', 'PU', '皮革', '羽绒',
  '足金', '千足金', '万足金', '纯金', '黄金', '18K', 'K金', '铂金', '纯银', '925银', '银', '钛钢',
  '翡翠', '和田玉', '玉', '钻石', '珍珠', '水晶', '玛瑙', '琥珀', '蜜蜡',
];
// biome-ignore format: packed lists read best
const STYLES = [
  '修身', '宽松', '直筒', '阔腿', '休闲', '商务', '正装', '运动', '韩版', '日系', '复古', '国潮',
  '简约', '百搭', '中式', '法式', '港风', '潮牌', '短袖', '长袖', '圆领', 'V领', '翻领', '立领',
  '连帽', '高腰', '中腰', '低腰', '收腰', 'A字', 'oversize', '碎花', '条纹', '格子', '纯色',
  '古法', '镂空', '素圈', '开口', '串珠',
];

const findFirst = (title: string, words: string[]) => {
  const lower = title.toLowerCase();
  for (const w of words) {
    const at = lower.indexOf(w.toLowerCase());
    if (at >= 0) return w;
  }
  return undefined;
};

export type TitleFactGap = { fact: TitleFact; given: string | null };

/**
 * The facts the class requires that the title does not name. A fact given as an attribute must
 * appear in the title; a fact not given is looked for in the title by dictionary (material, style);
 * a brand that was not given cannot be checked and is not reported.
 */
export function missingTitleFacts(
  cls: ListingClass,
  title: string,
  given: Partial<Record<TitleFact, string | null | undefined>>,
  required: Partial<Record<ListingClass, readonly TitleFact[]>>,
): TitleFactGap[] {
  const gaps: TitleFactGap[] = [];
  const lower = title.toLowerCase();
  for (const fact of required[cls] ?? []) {
    const value = given[fact]?.trim();
    if (value) {
      // Materials are given as compositions ("棉95% 氨纶5%"): the title names the main fibre.
      const names = fact === 'material' ? value.split(/[\s,，、/;；%\d.]+/).filter(Boolean) : [value];
      if (!names.some((n) => lower.includes(n.toLowerCase()))) gaps.push({ fact, given: value });
      continue;
    }
    if (fact === 'brand') continue;
    if (!findFirst(title, fact === 'material' ? MATERIALS : STYLES)) gaps.push({ fact, given: null });
  }
  return gaps;
}

/**
 * Claims of a material that the stated composition contradicts: "纯棉" with polyester in it,
 * "真皮" that is PU, "足金" that is plated. Each entry: the claim and what must not be in the
 * composition (or, for 纯棉, anything but cotton).
 */
// biome-ignore format: a table
const CLAIMS: { claim: RegExp; contradicts: RegExp }[] = [
  { claim: /纯棉|全棉|100%棉|百分百棉/g, contradicts: /涤|聚酯|锦纶|尼龙|氨纶|腈纶|粘纤|莫代尔|天丝|莱赛尔|麻|丝|毛|(?<!100%)(?<![\d.])(?:[1-9]\d?(?:\.\d+)?)%\s*棉|棉\s*(?:[1-9]\d?(?:\.\d+)?)%/ },
  { claim: /真丝|桑蚕丝/g, contradicts: /涤|聚酯|仿真丝|人造丝|粘纤|醋酸/ },
  { claim: /真皮|头层牛皮|牛皮|羊皮/g, contradicts: /PU|人造革|合成革|超纤|PVC/i },
  { claim: /足金|千足金|纯金|24K金/gi, contradicts: /镀金|包金|合金|铜|K金|18K|14K|银镀/i },
  { claim: /纯羊毛|100%羊毛|纯羊绒/g, contradicts: /涤|聚酯|腈纶|锦纶|尼龙|粘纤/ },
];

export type ClaimSpan = { start: number; end: number; text: string };

/** Material claims in the text that the stated material contradicts, with their spans. */
export function contradictedClaims(text: string, material: string | null | undefined): ClaimSpan[] {
  if (!material?.trim()) return [];
  const spans: ClaimSpan[] = [];
  for (const { claim, contradicts } of CLAIMS) {
    if (!contradicts.test(material)) continue;
    for (const m of text.matchAll(claim)) {
      spans.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Material claims in a text (for linking complaints to the claim that misled). */
export function materialClaims(text: string): ClaimSpan[] {
  const spans: ClaimSpan[] = [];
  for (const { claim } of CLAIMS) {
    for (const m of text.matchAll(claim))
      spans.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return spans.sort((a, b) => a.start - b.start);
}
