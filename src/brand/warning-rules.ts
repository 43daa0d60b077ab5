import type { DraftLocale } from './defence-draft.js';

const DAY_MS = 86_400_000;

/** Days a reseller gets to restore its price before the merchant follows up (the merchant may change it). */
export const WARNING_FOLLOW_UP_DAYS = 3;

export type WarningOutcome = 'price_restored' | 'no_change' | 'escalated' | 'authorisation_revoked';

export type WarningState =
  /** Waiting for the reseller, before the follow-up date. */
  | 'awaiting'
  /** The follow-up date passed with no outcome recorded. */
  | 'follow_up_due'
  /** A price at or above the floor was seen after the warning: confirm and close. */
  | 'price_back'
  | 'closed';

/** Where a warning stands: its outcome, else what the prices seen since it was recorded say, else the date. */
export function warningState(
  w: { outcome: WarningOutcome | null; createdAt: Date; followUpDueAt: Date | null; floorFen: number },
  seenSince: { priceFen: number; observedAt: Date }[],
  now: Date,
): WarningState {
  if (w.outcome) return 'closed';
  const latest = seenSince
    .filter((p) => p.observedAt > w.createdAt)
    .sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime())[0];
  if (latest && latest.priceFen >= w.floorFen) return 'price_back';
  if (w.followUpDueAt && w.followUpDueAt <= now) return 'follow_up_due';
  return 'awaiting';
}

export const followUpDue = (createdAt: Date, days = WARNING_FOLLOW_UP_DAYS) =>
  new Date(createdAt.getTime() + days * DAY_MS);

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The warning text the merchant sends the reseller (editable), in its language. */
export function draftWarning(
  input: {
    partyName: string;
    productName: string;
    sku: string;
    priceFen: number;
    floorFen: number;
    url: string;
    followUpDays: number;
    earlier: number;
  },
  locale: DraftLocale,
): string {
  const again = input.earlier > 0;
  if (locale === 'en') {
    return [
      `${input.partyName}: your listing of ${input.productName || input.sku} (${input.url}) is priced at ¥${yuan(input.priceFen)}, below the minimum advertised price of ¥${yuan(input.floorFen)} in our authorisation.`,
      `${again ? `This is warning no. ${input.earlier + 1}. ` : ''}Please restore the price within ${input.followUpDays} days; otherwise we will act under the authorisation agreement, up to withdrawing it.`,
    ].join('\n');
  }
  return [
    `${input.partyName}：贵店在售的「${input.productName || input.sku}」（${input.url}）标价 ¥${yuan(input.priceFen)}，低于授权协议约定的最低售价 ¥${yuan(input.floorFen)}。`,
    `${again ? `这是第 ${input.earlier + 1} 次提醒。` : ''}请在 ${input.followUpDays} 天内恢复价格，否则我方将按授权协议处理，直至取消授权。`,
  ].join('\n');
}
