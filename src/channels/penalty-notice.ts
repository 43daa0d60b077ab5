import type { PlatformSignal } from './channel.js';

type Penalty = Extract<PlatformSignal, { type: 'penalty' }>;

const DAY_MS = 86_400_000;

/** The first amount after a deposit word, in fen ("扣除保证金 ¥500" → 50000). */
function depositFen(text: string): number | null {
  const m = /保证金[^\d¥￥]{0,6}[¥￥]?\s*([\d,]+(?:\.\d{1,2})?)\s*元?/.exec(text);
  if (!m) return null;
  const yuan = Number(m[1]!.replaceAll(',', ''));
  return Number.isFinite(yuan) ? Math.round(yuan * 100) : null;
}

/**
 * Reads a platform's violation notice written for people ("店铺违规通知：… 已扣除保证金 ¥500，请在 7 天内
 * 申诉"): what was done, points, deposit and the appeal period. Null when the notice announces no
 * penalty. Wording differs between platforms and years (UNCERTAIN): a notice it cannot read stays a
 * case, and the merchant records the penalty by hand.
 */
export function readPenaltyNotice(ref: string, text: string, at: Date | null): Penalty | null {
  const points = /扣(?:除)?\s*(\d{1,4})\s*分/.exec(text);
  const deposit = /(?:扣除|扣|冻结|罚没)[^。，,]{0,4}保证金/.test(text) ? depositFen(text) : null;
  const kind: Penalty['kind'] | null = /清退|关闭店铺|店铺(?:被|已)?关闭|关店/.test(text)
    ? 'shop_closed'
    : points
      ? 'points'
      : deposit !== null
        ? 'deposit_deducted'
        : /禁售|封禁|禁止(?:销售|发布)/.test(text)
          ? 'product_banned'
          : /下架/.test(text)
            ? 'product_delisted'
            : /(?:限制|暂停|冻结)[^。，,]{0,6}(?:经营|营业|提现|上新|报名|活动|流量)|限流/.test(text)
              ? 'business_restricted'
              : null;
  if (!kind) return null;
  const days = /(\d{1,2})\s*(?:个)?(?:自然|工作)?[天日]内[^。]{0,6}申诉/.exec(text);
  const appealDueAt = days && at ? new Date(at.getTime() + Number(days[1]) * DAY_MS) : null;
  const firstLine = text.split('\n')[0]!.trim();
  return {
    type: 'penalty',
    ref,
    kind,
    points: points ? Number(points[1]) : null,
    depositFen: deposit,
    reason: firstLine.slice(0, 200),
    appealDueAt,
  };
}
