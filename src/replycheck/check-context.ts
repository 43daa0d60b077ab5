import { isPlatform } from '../channels/channel.js';
import type { TicketChannel } from '../tickets/ticket-types.js';
import type { CheckContext, RulePlatform } from './check-types.js';

// Everyone reads a review reply or a Weibo post; the rest reach the buyer alone.
const PUBLIC_CHANNELS: ReadonlySet<TicketChannel> = new Set(['review', 'weibo']);

export function checkContextOf(
  channel: TicketChannel,
  shopPlatform: string | null | undefined,
  locale: CheckContext['locale'],
): { table: RulePlatform; ctx: CheckContext } {
  const platform = shopPlatform && isPlatform(shopPlatform) ? shopPlatform : null;
  return { table: platform ?? 'all', ctx: { platform, publicChannel: PUBLIC_CHANNELS.has(channel), locale } };
}
