import { systemActor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { optedOut, sentToBuyers } from './care-repo.js';
import { type CareSettings, limitFor } from './care-rules.js';
import { dueFollowUps, followUpsToBuyers, insertFollowUps, type NewFollowUp } from './follow-up-repo.js';
import { decideFollowUp, followUpText, PRIVATE_CHANNELS } from './follow-up-rules.js';

const DAY = 86_400_000;
const PLATFORMS = new Set(['douyin', 'pinduoduo', 'tiktok', 'taobao']);

/** Proactive messages (care and follow-ups) these buyers got since `since`, per platform. */
export async function proactiveSent(scope: TenantScope, buyers: string[], since: Date) {
  // One after another: the care worker reads these in its transaction, one client, one query at a time.
  const care = await sentToBuyers(scope, buyers, since);
  const followUps = await followUpsToBuyers(scope, buyers, since);
  return [
    ...care.map((c) => ({ customerId: c.customerId, platform: c.platform, createdAt: c.createdAt })),
    ...followUps.map((f) => ({
      customerId: f.customerId,
      platform: f.platform ?? '',
      createdAt: f.createdAt,
    })),
  ];
}

/**
 * Follow-ups (回访) for cases closed `followUpDays` ago (up to `withinDays` later, then it is too
 * late to ask): written into the case by the ticket service as an automatic message, so the thread
 * shows it and the outbox sends it to the buyer's own conversation (or shows it for a person to
 * send where the platform's API cannot). One per case; skipped cases are recorded with the reason,
 * and a random share of the eligible ones (the care hold-out share) gets none, for the report.
 */
export async function runFollowUps(
  scope: TenantScope,
  tickets: TicketService,
  settings: CareSettings,
  now: Date,
  limit: number,
  /** Uniform in [0, 100): below the hold-out share, an eligible case gets no follow-up. */
  roll: () => number,
): Promise<number> {
  const to = new Date(now.getTime() - settings.followUpDays * DAY);
  const due = await dueFollowUps(scope, new Date(to.getTime() - settings.withinDays * DAY), to, limit);
  if (!due.length) return 0;
  const buyers = [...new Set(due.flatMap((d) => (d.customerId ? [d.customerId] : [])))];
  const stopped = await optedOut(scope, buyers);
  const longest = Math.max(...Object.values(settings.limits).map((l) => l.days), 1);
  const history = new Map<string, Date[]>();
  for (const s of await proactiveSent(scope, buyers, new Date(now.getTime() - longest * DAY))) {
    const key = `${s.customerId}|${s.platform}`;
    history.set(key, [...(history.get(key) ?? []), s.createdAt]);
  }
  const rows: NewFollowUp[] = [];
  const writes: { index: number; ticketId: string; body: string }[] = [];
  for (const d of due) {
    const platform = d.platform && PLATFORMS.has(d.platform) ? d.platform : null;
    const key = `${d.customerId}|${platform}`;
    const decision = decideFollowUp(
      {
        closed: d.status === 'closed',
        hasBuyer: d.customerId !== null,
        optedOut: d.customerId !== null && stopped.has(d.customerId),
        channel: d.channel,
        onPlatform: platform !== null,
        sentToBuyer: history.get(key) ?? [],
      },
      limitFor(settings, platform ?? 'other'),
      now,
    );
    // Only eligible cases are split, as for care messages: the groups differ only in the follow-up.
    const held = decision.send && roll() < settings.holdoutPercent;
    rows.push({
      id: newId(),
      ticketId: d.ticketId,
      shopId: d.shopId,
      customerId: d.customerId,
      platform,
      closedAt: d.closedAt,
      state: decision.send ? (held ? 'holdout' : 'written') : 'skipped',
      skipReason: decision.send ? null : decision.reason,
      messageId: null,
    });
    if (!decision.send || held) continue;
    history.set(key, [...(history.get(key) ?? []), now]);
    const locale = d.locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
    writes.push({ index: rows.length - 1, ticketId: d.ticketId, body: followUpText(locale, d) });
  }
  const system = systemActor(scope.tenantId, 'Aftercare');
  const written = !writes.length
    ? []
    : await tickets.within(scope).addMessages(
        system,
        writes.map((w) => ({
          id: w.ticketId,
          by: system,
          msg: {
            direction: 'outbound' as const,
            body: w.body,
            automatic: true,
            purpose: 'follow_up',
            authorName: 'Aftercare',
          },
        })),
      );
  writes.forEach((w, i) => {
    rows[w.index] = { ...rows[w.index]!, messageId: written[i]!.message.id };
  });
  await insertFollowUps(scope, rows);
  return writes.length;
}

/**
 * Closed cases whose follow-up is still to come (or due at the worker's next run): the private
 * conversations of a buyer on a platform, closed within the window the worker looks at.
 */
export async function upcomingFollowUps(
  scope: TenantScope,
  settings: CareSettings,
  now: Date,
  limit: number,
) {
  if (!settings.followUpEnabled) return [];
  const from = new Date(now.getTime() - (settings.followUpDays + settings.withinDays) * DAY);
  const due = await dueFollowUps(scope, from, now, limit);
  return due
    .filter(
      (d) =>
        d.customerId !== null &&
        d.platform !== null &&
        PLATFORMS.has(d.platform) &&
        (PRIVATE_CHANNELS as readonly string[]).includes(d.channel),
    )
    .map((d) => ({ ...d, dueAt: new Date(d.closedAt.getTime() + settings.followUpDays * DAY) }));
}
