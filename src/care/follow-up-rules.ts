import type { ProactiveLimit } from './care-rules.js';

/** Case channels that are the buyer's private conversation with the shop on a platform. */
export const PRIVATE_CHANNELS = ['live_chat', 'platform_message', 'after_sales'] as const;

export type FollowUpSkip = 'no_buyer' | 'opted_out' | 'public_channel' | 'not_closed' | 'rate_limited';

export type FollowUpCandidate = {
  hasBuyer: boolean;
  optedOut: boolean;
  channel: string;
  /** The case is on a platform shop, whose API (or a person) can reach the buyer's conversation. */
  onPlatform: boolean;
  /** Still closed when the follow-up is due (a reopened case is being handled again). */
  closed: boolean;
  /** When this buyer got proactive messages (care or follow-ups) on this platform. */
  sentToBuyer: readonly Date[];
};

/**
 * Whether a closed case gets its follow-up: never on a public channel (a review thread) or off the
 * platforms (a hotline case would show as sent with nobody to receive it), never to a buyer who asked
 * for no more messages, and within the platform's proactive-message limit shared with care messages.
 */
export function decideFollowUp(
  c: FollowUpCandidate,
  limit: ProactiveLimit,
  now: Date,
): { send: true } | { send: false; reason: FollowUpSkip } {
  if (!c.closed) return { send: false, reason: 'not_closed' };
  if (!c.hasBuyer) return { send: false, reason: 'no_buyer' };
  if (!c.onPlatform || !(PRIVATE_CHANNELS as readonly string[]).includes(c.channel))
    return { send: false, reason: 'public_channel' };
  if (c.optedOut) return { send: false, reason: 'opted_out' };
  const since = now.getTime() - limit.days * 86_400_000;
  if (c.sentToBuyer.filter((d) => d.getTime() > since).length >= limit.max)
    return { send: false, reason: 'rate_limited' };
  return { send: true };
}

/** The follow-up: was it really solved, how to reach us, how to stop. */
export function followUpText(locale: 'zh-CN' | 'en', i: { number: number }): string {
  if (locale === 'en') {
    return [
      `Hello, we are following up on your request #${i.number}, which we closed a few days ago.`,
      'Is everything in order now? If anything is still not right, just reply here and a person will take care of it.',
      'Reply "STOP" to receive no more messages like this.',
    ].join('\n');
  }
  return [
    `您好，您之前反馈的问题（工单 #${i.number}）已处理完成几天了，想回访一下：现在一切都好吗？`,
    '如果还有任何不满意，直接回复我们，会有专人为您跟进。',
    '回复“退订”将不再收到此类消息。',
  ].join('\n');
}
