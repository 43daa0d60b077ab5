import type { TicketChannel } from '../tickets/ticket-types.js';

/** Where a reply goes: a private chat, a public review reply, or the after-sale's own message box. */
export const REPLY_MEDIUMS = ['chat', 'review', 'after_sales'] as const;
export type ReplyMedium = (typeof REPLY_MEDIUMS)[number];

export type ReplyLimit = { limit: number; verified: boolean };

/**
 * The longest reply each platform takes, in characters (a Chinese character counts as one).
 * UNCERTAIN, every figure: the platforms' public documents we could read state no limit for these
 * message boxes; about 500 characters is the smallest limit seen among the four platforms' chat
 * APIs (the figure src/recalls/notice-texts.ts keeps platform notices within), so 500 stands for
 * each until a shop's own figure replaces it in its settings (`replyLimits`). A reply over the limit
 * is refused (422 REPLY_TOO_LONG), never cut.
 */
const UNVERIFIED_500: Record<ReplyMedium, ReplyLimit> = {
  chat: { limit: 500, verified: false },
  review: { limit: 500, verified: false },
  after_sales: { limit: 500, verified: false },
};
export const REPLY_LIMITS: Record<string, Record<ReplyMedium, ReplyLimit>> = {
  douyin: UNVERIFIED_500, // UNCERTAIN: 抖店 IM, the review reply box, the after-sale message (留言)
  pinduoduo: UNVERIFIED_500, // UNCERTAIN: 拼多多 chat (pdd.cs.*), 商家回复 on a review, the after-sale message
  taobao: UNVERIFIED_500, // UNCERTAIN: 千牛 chat, the review explanation (解释), the refund message
  tiktok: UNVERIFIED_500, // UNCERTAIN: TikTok Shop customer-service message, review reply, return message
};

/** Our own channels (hotline notes, e-mail, a manual shop): only the API's own cap. */
const OWN_CHANNEL: ReplyLimit = { limit: 20_000, verified: true };
/** Weibo: only about 140 characters show before 全文 (UNCERTAIN as a hard cap; see recalls/notice-texts.ts). */
const WEIBO: ReplyLimit = { limit: 140, verified: false };

export function replyMedium(channel: TicketChannel): ReplyMedium {
  if (channel === 'review' || channel === 'weibo') return 'review';
  if (channel === 'after_sales') return 'after_sales';
  return 'chat';
}

/** The limit for a reply on a case: the shop's override first, then the platform's table, then our own cap. */
export function replyLimitFor(
  channel: TicketChannel,
  platform: string | null | undefined,
  overrides: Partial<Record<ReplyMedium, number>> | undefined,
): ReplyLimit & { medium: ReplyMedium } {
  const medium = replyMedium(channel);
  const own = overrides?.[medium];
  if (own !== undefined) return { medium, limit: own, verified: true };
  if (channel === 'weibo') return { medium, ...WEIBO };
  const table = platform ? REPLY_LIMITS[platform] : undefined;
  return { medium, ...(table?.[medium] ?? OWN_CHANNEL) };
}

/** Length as the platforms count it: characters, so an emoji or a Chinese character is one. */
export const replyLength = (text: string): number => [...text].length;
