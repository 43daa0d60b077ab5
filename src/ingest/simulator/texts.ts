import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export type ReviewTexts = { negative: string[]; positive: string[]; source: string };

/** The shared review corpus, beside the repository (never copied into it); absent on most installs. */
export const SHARED_REVIEWS = fileURLToPath(
  new URL('../../../../shared/data/online_shopping_10_cats/dev.csv', import.meta.url),
);

/** Used when the corpus is not there: short reviews in the style of real ones. */
export const BUILT_IN_REVIEWS: ReviewTexts = {
  source: 'built-in sample',
  negative: [
    '收到杯子盖子是裂的，漏水严重，客服也不回消息！',
    '衣服有色差，洗了一次就掉色，质量太差了',
    '等了一个星期才发货，物流也慢，再也不买了',
    '和图片完全不一样，感觉是假货，要求退款',
    '充电器用了两天就坏了，还有一股焦味，太危险了',
    '水果到的时候已经烂了一半，包装也压坏了',
    '少发了一件赠品，问客服一直说在查',
    '尺码偏小两个码，退换货还要自己出运费',
    '屏幕有坏点，申请换货被拒绝了',
    '洗发水用完头皮很痒，起了红疹',
    '说好的七天无理由，结果商家不同意退货',
    '价格刚买完就降了五十，申请价保没人理',
  ],
  positive: [
    '保温效果很好，一整天水都是热的，包装也很用心。',
    '质量不错，物流很快，客服态度很好',
    '衣服面料舒服，尺码标准，已经回购了',
    '水果很新鲜，个头大，甜度刚好',
    '性价比很高，和描述的一样，推荐购买',
    '发货速度快，包装完好，宝贝很满意',
  ],
};

/** Review texts from the shared corpus when present (label 0 negative, 1 positive), else the sample. */
export function loadReviewTexts(path = SHARED_REVIEWS, limit = 4000): ReviewTexts {
  if (!existsSync(path)) return BUILT_IN_REVIEWS;
  try {
    // The corpus is ~9 MB; the first part is plenty for traffic and keeps start-up short.
    const head = readFileSync(path, 'utf8').slice(0, 2_000_000);
    const rows = parse(head.slice(0, head.lastIndexOf('\n') + 1), {
      columns: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }) as { label?: string; review?: string }[];
    const pick = (label: string) =>
      rows
        .filter((r) => r.label === label && r.review && r.review.length >= 6 && r.review.length <= 300)
        .slice(0, limit)
        .map((r) => r.review!.trim());
    const negative = pick('0');
    const positive = pick('1');
    if (!negative.length || !positive.length) return BUILT_IN_REVIEWS;
    return { negative, positive, source: 'online_shopping_10_cats/dev.csv' };
  } catch {
    return BUILT_IN_REVIEWS;
  }
}
