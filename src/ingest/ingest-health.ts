import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import { listShops } from '../shops/shop-repo.js';
import { failedDeliveriesByShop, readInboxHealth } from './ingest-repo.js';
import { readPddMessageStatus } from './pdd-message-status.js';

/** Per shop: events in the last hour and 5 minutes, last event, retrying, dead, unhandled, outbox. */
export async function channelHealth(database: Database, clock: Clock, actor: Actor) {
  const scope = scopeTo(database.db, actor.tenantId);
  const now = clock.now();
  const shopRows = await listShops(scope);
  const counts = await readInboxHealth(
    database,
    actor.tenantId,
    new Date(now.getTime() - 3600_000),
    new Date(now.getTime() - 300_000),
  );
  // Long-lived connections (Pinduoduo message service) as the process holding them last reported.
  const reported = await readPddMessageStatus(scope, now);
  const failures = new Map((await failedDeliveriesByShop(scope)).map((f) => [f.shopId, f]));
  return shopRows.map((s) => {
    const failure = failures.get(s.id);
    const r = counts.recent.find((x) => x.shop_id === s.id);
    const last = counts.lastEver.find((x) => x.shop_id === s.id)?.last_event_at ?? null;
    const state = (status: string) => counts.states.find((x) => x.shop_id === s.id && x.status === status);
    const out = (status: string) =>
      counts.outbox.find((x) => x.shop_id === s.id && x.status === status)?.n ?? 0;
    return {
      shopId: s.id,
      name: s.name,
      platform: s.platform,
      enabled: s.enabled,
      eventsLastHour: r?.last_hour ?? 0,
      eventsPerMinute: Math.round(((r?.last_5m ?? 0) / 5) * 10) / 10,
      lastEventAt: last ? new Date(last).toISOString() : null,
      pending: state('pending')?.n ?? 0,
      failing: state('pending')?.failing ?? 0,
      dead: state('dead')?.n ?? 0,
      unhandled: state('unhandled')?.n ?? 0,
      outboxPending: out('pending'),
      outboxFailed: out('failed'),
      lastDeliveryError: failure?.lastError ?? null,
      lastDeliveryErrorAt: failure?.lastAt?.toISOString() ?? null,
      messageService: reported.get(s.id) ?? null,
    };
  });
}
