import { type InboundEvent, isPlatform, type Platform } from '../channels/channel.js';
import { PULL } from '../channels/pull-registry.js';
import { CHANNELS } from '../channels/registry.js';
import type { Database } from '../db/client.js';
import { errorBody } from '../http/errors.js';
import type { Clock } from '../shared/clock.js';
import { UUID_PATTERN } from '../shared/ids.js';
import type { ShopRow } from '../shops/shop-repo.js';
import { createGroupInserter } from './group-insert.js';
import { notifyInboxListeners } from './ingest-repo.js';
import type { IngestSettings } from './ingest-settings.js';
import type { ShopAccess } from './shop-access.js';
import { wake } from './signals.js';

export type WebhookAnswer = {
  status: number;
  body: unknown;
  accepted?: number;
  duplicates?: number;
  /** Set when the push was refused for a security reason (signature, timestamp): log it. */
  security?: string;
};

export type WebhookIntake = ReturnType<typeof createWebhookIntake>;

/** The webhook path: verify a push, store its events raw in the inbox (idempotent), then acknowledge. */
export function createWebhookIntake(deps: {
  database: Database;
  clock: Clock;
  shops: ShopAccess;
  settings: Pick<IngestSettings, 'notify'>;
}) {
  const { database, clock, shops } = deps;
  const inserter = createGroupInserter(database);
  let lastNotify = 0;

  async function notifyInbox() {
    wake('inbox');
    if (database.engine !== 'postgres' || !deps.settings.notify) return;
    const now = Date.now();
    if (now - lastNotify < 50) return; // a burst needs one wake-up, not one per event
    lastNotify = now;
    await notifyInboxListeners(database);
  }

  /** Writes verified events to the inbox (a repeat is a no-op) and wakes the workers; resolves once committed. */
  async function storeEvents(
    shop: Pick<ShopRow, 'tenantId' | 'id' | 'platform'>,
    events: InboundEvent[],
    now: Date = clock.now(),
  ): Promise<number> {
    const inserted = await inserter.insert(
      events.map((e) => ({
        tenantId: shop.tenantId,
        shopId: shop.id,
        platform: shop.platform,
        externalEventId: e.externalEventId.slice(0, 200),
        eventType: e.eventType.slice(0, 200),
        payload: jsonbText(e.payload),
        receivedAt: now,
        versionKey: versionKeyOf(shop.platform, e),
      })),
    );
    if (inserted) await notifyInbox();
    return inserted;
  }

  /** POST /hooks/<platform>/<shopId>: verify, store raw, then acknowledge. */
  async function acceptWebhook(input: {
    platform: string;
    shopId: string;
    rawBody: Buffer;
    headers: Record<string, string | string[] | undefined>;
  }): Promise<WebhookAnswer> {
    if (!isPlatform(input.platform)) {
      return refuse(null, 404, 'NOT_FOUND', `no webhook for platform ${input.platform}`);
    }
    const platform = input.platform;
    const shop = UUID_PATTERN.test(input.shopId) ? await shops.webhookShop(input.shopId) : undefined;
    if (!shop || shop.platform !== platform) {
      return refuse(platform, 404, 'SHOP_NOT_FOUND', `no ${platform} shop ${input.shopId}`);
    }
    if (!shop.enabled) {
      return refuse(
        platform,
        403,
        'SHOP_DISABLED',
        `shop ${shop.id} is disabled: enable it to receive events`,
      );
    }
    const auth = shops.shopAuth(shop);
    if (!auth) {
      return refuse(platform, 409, 'SHOP_NOT_CONFIGURED', `shop ${shop.id} has no app key and secret`);
    }
    const now = clock.now();
    const verdict = CHANNELS[platform].acceptPush(
      { rawBody: input.rawBody, headers: input.headers, now },
      auth,
    );
    if (!verdict.ok) {
      const answer = refuse(
        platform,
        verdict.status,
        verdict.status === 401 ? 'BAD_SIGNATURE' : 'BAD_REQUEST',
        verdict.reason,
      );
      return verdict.status === 401 ? { ...answer, security: verdict.reason } : answer;
    }
    const inserted = await storeEvents(shop, verdict.events, now);
    return {
      status: 200,
      body: CHANNELS[platform].ackBody(verdict.events, now),
      accepted: inserted,
      duplicates: verdict.events.length - inserted,
    };
  }

  return { acceptWebhook, storeEvents };
}

/** A refusal in the platform's own failure shape, with our error body beside it. */
function refuse(platform: Platform | null, status: number, code: string, message: string): WebhookAnswer {
  return {
    status,
    body: {
      ...(platform ? (CHANNELS[platform].failBody(message) as object) : {}),
      ...errorBody(code, message),
    },
  };
}

/** The record version an event carries (a broken payload has none: it is never matched, only stored). */
function versionKeyOf(platform: string, event: InboundEvent): string | null {
  if (!isPlatform(platform)) return null;
  try {
    return PULL[platform].versionKey(event)?.slice(0, 300) ?? null;
  } catch {
    return null;
  }
}

/** JSON for a jsonb column: PostgreSQL cannot store U+0000, so a NUL escape becomes U+FFFD. */
export function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u0000') ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : text;
}
