/**
 * What the buyer gave as the after-sale's reason. Douyin's refund messages (doudian_refund_*) carry
 * only a numeric `reason_code`; the text (`reason`) is in the after-sale detail, which the push does
 * not include. UNCERTAIN, every entry: the code list is not in the public message documentation we
 * could read, so these are the reasons 抖店's buyer app offers, in the order we believe the codes
 * follow, to be corrected per shop with settings.douyinReasonCodes = { "<code>": "<中文原因>" } (the
 * shop's entries win). A code in neither is named as unrecognised, never guessed.
 */
export const DOUYIN_REASON_CODES: Readonly<Record<string, string>> = {
  '1': '七天无理由退货',
  '2': '不想要了',
  '3': '商品质量问题',
  '4': '商品与描述不符',
  '5': '少件/漏发',
  '6': '发错货',
  '7': '商品破损或污渍',
  '8': '假冒品牌',
  '9': '未按约定时间发货',
  '10': '快递一直未送达',
  '11': '拍错/多拍',
  '12': '效果不好/不喜欢',
  '13': '包装破损',
  '14': '生产日期或保质期问题',
  '15': '价格变化（价保）',
};

export type DouyinReason = { code: string; text: string | null };

/** The reason of a code: the shop's own table first, then ours; `text` null when neither knows it. */
export function douyinReason(code: number | string, settings?: Record<string, unknown>): DouyinReason {
  const key = String(code);
  const own = settings?.douyinReasonCodes;
  const mine =
    own && typeof own === 'object' && !Array.isArray(own) ? (own as Record<string, unknown>)[key] : undefined;
  if (typeof mine === 'string' && mine.trim()) return { code: key, text: mine.trim() };
  return { code: key, text: DOUYIN_REASON_CODES[key] ?? null };
}
