import { and, desc, eq, lt, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '../auth/roles.js';
import {
  CHANNELS,
  type InboundEvent,
  isPlatform,
  type Platform,
  type ShopAuth,
} from '../channels/channel.js';
import type { Database, Db } from '../db/client.js';
import { shops } from '../db/schema/accounts.js';
import { type InboxStatus, inboxEvents, type OutboxStatus, outbox } from '../db/schema/ingest.js';
import { messages } from '../db/schema/tickets.js';
import { scopeTo } from '../db/tenant-scope.js';
import { errorBody } from '../http/errors.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { errorReason } from '../shared/error-reason.js';
import { groupBy } from '../shared/group-by.js';
import { UUID_PATTERN } from '../shared/ids.js';
import type { SecretBox } from '../shared/secret-box.js';
import { findShopForWebhook } from '../shops/shop-repo.js';
import { adapterSettings } from '../shops/shop-settings.js';
import { reserveTicketNumbers } from '../tickets/ticket-repo.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { backoffMs } from './backoff.js';
import { processInboxBatch } from './batch-processor.js';
import { createGroupInserter } from './group-insert.js';
import { readPddMessageStatus } from './pdd-message-service.js';
import { type InboxRow, type Outcome, processInboxEvent } from './processor.js';
import { INBOX_CHANNEL, wake } from './signals.js';

export type IngestSettings = {
  /** Events claimed and processed per transaction (default 200 on PostgreSQL, 20 on PGlite). */
  inboxBatchSize: number;
  inboxMaxAttempts: number;
  outboxBatchSize: number;
  outboxMaxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  sendTimeoutMs: number;
  /** How long a claimed outbox row stays invisible to other senders (longer than sendTimeoutMs). */
  leaseMs: number;
  /** Platform API base URLs (a shop's settings.apiBaseUrl wins). */
  apiBaseUrls: Partial<Record<Platform, string>>;
  /** NOTIFY the workers of other processes on PostgreSQL after each webhook insert. */
  notify: boolean;
  /** How long the webhook path reuses a shop's row (credentials, enabled): a change shows after at most this. */
  shopCacheMs: number;
};

export const DEFAULT_INGEST_SETTINGS: IngestSettings = {
  inboxBatchSize: 200,
  inboxMaxAttempts: 6,
  outboxBatchSize: 10,
  outboxMaxAttempts: 6,
  backoffBaseMs: 2000,
  backoffMaxMs: 5 * 60_000,
  sendTimeoutMs: 10_000,
  leaseMs: 60_000,
  apiBaseUrls: {},
  notify: true,
  shopCacheMs: 2000,
};

/** The platforms' production gateways; tests and staging point shops elsewhere. */
export const DEFAULT_API_BASE: Record<Platform, string> = {
  douyin: 'https://openapi-fxg.jinritemai.com',
  pinduoduo: 'https://gw-api.pinduoduo.com',
  tiktok: 'https://open-api.tiktokglobalshop.com',
  taobao: 'https://eco.taobao.com',
};

export type WebhookAnswer = {
  status: number;
  body: unknown;
  accepted?: number;
  duplicates?: number;
  /** Set when the push was refused for a security reason (signature, timestamp): log it. */
  security?: string;
};

export type IngestDeps = {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  /** The ticket service bound to a transaction, with the app's ticket hooks. */
  ticketsOn: (db: Db) => TicketService;
  settings?: Partial<IngestSettings>;
};

type ShopRow = typeof shops.$inferSelect;

export type IngestService = ReturnType<typeof createIngestService>;

export function createIngestService(deps: IngestDeps) {
  const settings: IngestSettings = {
    ...DEFAULT_INGEST_SETTINGS,
    // PGlite is one connection: a long batch transaction would hold every webhook behind it.
    inboxBatchSize: deps.database.engine === 'pglite' ? 20 : DEFAULT_INGEST_SETTINGS.inboxBatchSize,
    ...Object.fromEntries(Object.entries(deps.settings ?? {}).filter(([, v]) => v !== undefined)),
  };
  const { database, clock, secretBox } = deps;
  const db = database.db;
  const side = database.side;
  let lastNotify = 0;
  const inserter = createGroupInserter(database);

  /** The hot path's shop lookup: one indexed raw query (the global id index), no ORM mapping. */
  const shopCache = new Map<string, { row: ShopRow; until: number }>();
  async function webhookShop(id: string): Promise<ShopRow | undefined> {
    const cached = shopCache.get(id);
    if (cached && cached.until > Date.now()) return cached.row;
    const row = await loadWebhookShop(id);
    if (row && settings.shopCacheMs > 0) {
      if (shopCache.size > 10_000) shopCache.clear();
      shopCache.set(id, { row, until: Date.now() + settings.shopCacheMs });
    }
    return row;
  }

  async function loadWebhookShop(id: string): Promise<ShopRow | undefined> {
    const [r] = await database.query<{
      tenant_id: string;
      id: string;
      platform: ShopRow['platform'];
      enabled: boolean;
      app_key: string | null;
      app_secret_sealed: string | null;
      external_shop_id: string | null;
      settings: Record<string, unknown> | null;
    }>(
      'select tenant_id, id, platform, enabled, app_key, app_secret_sealed, external_shop_id, settings from shops where id = $1',
      [id],
    );
    if (!r) return undefined;
    return {
      tenantId: r.tenant_id,
      id: r.id,
      platform: r.platform,
      enabled: r.enabled,
      appKey: r.app_key,
      appSecretSealed: r.app_secret_sealed,
      externalShopId: r.external_shop_id,
      settings: r.settings ?? {},
    } as ShopRow;
  }

  const opened = new Map<string, string>();
  const openSecret = (sealed: string) => {
    let plain = opened.get(sealed);
    if (plain === undefined) {
      plain = secretBox.open(sealed);
      if (opened.size > 10_000) opened.clear();
      opened.set(sealed, plain);
    }
    return plain;
  };

  function shopAuth(shop: ShopRow): ShopAuth | null {
    if (!shop.appKey || !shop.appSecretSealed) return null;
    return {
      id: shop.id,
      appKey: shop.appKey,
      appSecret: openSecret(shop.appSecretSealed),
      externalShopId: shop.externalShopId,
      settings: adapterSettings(shop.settings, { open: openSecret }),
    };
  }

  async function notifyInbox() {
    wake('inbox');
    if (database.engine !== 'postgres' || !settings.notify) return;
    const now = Date.now();
    if (now - lastNotify < 50) return; // a burst needs one wake-up, not one per event
    lastNotify = now;
    await database.query(`select pg_notify('${INBOX_CHANNEL}', '')`);
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
      })),
    );
    if (inserted) await notifyInbox();
    return inserted;
  }

  const refuse = (
    platform: Platform | null,
    status: number,
    code: string,
    message: string,
  ): WebhookAnswer => ({
    status,
    body: {
      ...(platform ? (CHANNELS[platform].failBody(message) as object) : {}),
      ...errorBody(code, message),
    },
  });

  let batchFallbacks = 0;

  return {
    settings,
    storeEvents,
    shopAuth,
    /** How many batches failed set-wise and were processed one event at a time (since start). */
    batchFallbacks: () => batchFallbacks,

    /** POST /hooks/<platform>/<shopId>: verify, store raw, then acknowledge. */
    async acceptWebhook(input: {
      platform: string;
      shopId: string;
      rawBody: Buffer;
      headers: Record<string, string | string[] | undefined>;
    }): Promise<WebhookAnswer> {
      if (!isPlatform(input.platform)) {
        return refuse(null, 404, 'NOT_FOUND', `no webhook for platform ${input.platform}`);
      }
      const platform = input.platform;
      const shop = UUID_PATTERN.test(input.shopId) ? await webhookShop(input.shopId) : undefined;
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
      const auth = shopAuth(shop);
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
    },

    /**
     * Claims up to a batch of due events and processes them set-wise in a savepoint; if that fails,
     * processes them again one by one, each in its own savepoint, so one bad event only fails
     * itself (retry with back-off, then the dead-letter list). All marks commit together.
     */
    async runInboxBatch(): Promise<number> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const rows: InboxRow[] = await tx
          .select()
          .from(inboxEvents)
          .where(and(eq(inboxEvents.status, 'pending'), lte(inboxEvents.nextAttemptAt, now)))
          .orderBy(inboxEvents.nextAttemptAt)
          .limit(settings.inboxBatchSize)
          .for('update', { skipLocked: true });
        if (!rows.length) return 0;
        const shopRows = new Map<string, ShopRow | undefined>();
        for (const id of new Set(rows.map((r) => r.shopId))) {
          shopRows.set(id, await findShopForWebhook(tx as Db, id));
        }
        const results = new Map<string, Outcome | { error: unknown }>();
        const items: { row: InboxRow; shop: ShopRow }[] = [];
        for (const row of rows) {
          const shop = shopRows.get(row.shopId);
          if (shop) items.push({ row, shop });
          else results.set(row.id, { error: new Error(`shop ${row.shopId} no longer exists`) });
        }
        let batched: Awaited<ReturnType<typeof processInboxBatch>> | null = null;
        if (items.length > 1) {
          try {
            batched = await tx.transaction((sp) =>
              processInboxBatch(sp as unknown as Db, deps.ticketsOn(sp as unknown as Db), items, {
                // PGlite has one connection, taken by this transaction: numbers come from inside it.
                ...(side
                  ? {
                      reserveNumbers: (tenantId, count) =>
                        reserveTicketNumbers(scopeTo(side, tenantId), count),
                    }
                  : {}),
              }),
            );
          } catch {
            batchFallbacks++;
            batched = null; // rolled back: every event gets its own try below
          }
        }
        for (const { row, shop } of items) {
          const done = batched?.get(row.id);
          if (done) {
            results.set(row.id, done);
            continue;
          }
          try {
            results.set(
              row.id,
              await tx.transaction((sp) =>
                processInboxEvent(sp as unknown as Db, deps.ticketsOn(sp as unknown as Db), row, shop),
              ),
            );
          } catch (error) {
            results.set(row.id, { error });
          }
        }
        await markInbox(tx as unknown as Db, rows, results, now);
        return rows.length;
      });
    },

    /** Claims due outbox rows (a lease: attempts+1 is the fencing token), sends them, marks each once. */
    async runOutboxBatch(): Promise<number> {
      const now = clock.now();
      const claimed = await db.transaction(async (tx) => {
        const due = await tx
          .select({ tenantId: outbox.tenantId, id: outbox.id })
          .from(outbox)
          .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
          .orderBy(outbox.nextAttemptAt)
          .limit(settings.outboxBatchSize)
          .for('update', { skipLocked: true });
        const rows: (typeof outbox.$inferSelect)[] = [];
        for (const d of due) {
          const [row] = await tx
            .update(outbox)
            .set({
              attempts: sql`${outbox.attempts} + 1`,
              nextAttemptAt: new Date(now.getTime() + settings.leaseMs),
              updatedAt: now,
            })
            .where(and(eq(outbox.tenantId, d.tenantId), eq(outbox.id, d.id)))
            .returning();
          if (row) rows.push(row);
        }
        return rows;
      });
      await Promise.all(claimed.map((row) => deliver(row)));
      return claimed.length;
    },

    async listEvents(
      actor: Actor,
      filter: { status?: InboxStatus | undefined; shopId?: string | undefined },
      limit: number,
      cursor: { at: string; id: string } | null,
    ) {
      const scope = scopeTo(db, actor.tenantId);
      const rows = await scope.select(
        inboxEvents,
        [
          filter.status ? eq(inboxEvents.status, filter.status) : undefined,
          filter.shopId ? eq(inboxEvents.shopId, filter.shopId) : undefined,
          cursor
            ? or(
                lt(inboxEvents.receivedAt, new Date(cursor.at)),
                and(eq(inboxEvents.receivedAt, new Date(cursor.at)), lt(inboxEvents.id, cursor.id)),
              )
            : undefined,
        ],
        { orderBy: [desc(inboxEvents.receivedAt), desc(inboxEvents.id)], limit: limit + 1 },
      );
      const more = rows.length > limit;
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, next: more && last ? { at: last.receivedAt.toISOString(), id: last.id } : null };
    },

    async getEvent(actor: Actor, id: string) {
      const row = await scopeTo(db, actor.tenantId).first(inboxEvents, eq(inboxEvents.id, id));
      if (!row) throw new AppError('NOT_FOUND', `event ${id} not found`);
      return row;
    },

    /** Puts a dead or unhandled event back in the queue. */
    async replay(actor: Actor, id: string) {
      const scope = scopeTo(db, actor.tenantId);
      const row = await scope.first(inboxEvents, eq(inboxEvents.id, id));
      if (!row) throw new AppError('NOT_FOUND', `event ${id} not found`);
      if (row.status !== 'dead' && row.status !== 'unhandled') {
        throw new AppError(
          'CONFLICT',
          `event ${id} is ${row.status}: only dead or unhandled events are replayed`,
        );
      }
      const [updated] = await scope.update(
        inboxEvents,
        { status: 'pending', attempts: 0, nextAttemptAt: clock.now(), processedAt: null, outcome: null },
        eq(inboxEvents.id, id),
        or(eq(inboxEvents.status, 'dead'), eq(inboxEvents.status, 'unhandled')),
      );
      if (!updated) throw new AppError('CONFLICT', `event ${id} changed meanwhile`);
      wake('inbox');
      return updated;
    },

    /** Per shop: events in the last hour and 5 minutes, last event, retrying, dead, unhandled, outbox. */
    async health(actor: Actor) {
      const scope = scopeTo(db, actor.tenantId);
      const now = clock.now();
      const hourAgo = new Date(now.getTime() - 3600_000);
      const fiveAgo = new Date(now.getTime() - 300_000);
      const shopRows = await scope.select(shops, [], { orderBy: [shops.createdAt], limit: 1000 });
      const recent = await database.query<{
        shop_id: string;
        last_hour: number;
        last_5m: number;
        last_event_at: string | Date | null;
      }>(
        `select shop_id, count(*)::int as last_hour,
                count(*) filter (where received_at >= $3)::int as last_5m,
                max(received_at) as last_event_at
           from inbox_events where tenant_id = $1 and received_at >= $2 group by shop_id`,
        [actor.tenantId, hourAgo.toISOString(), fiveAgo.toISOString()],
      );
      const lastEver = await database.query<{ shop_id: string; last_event_at: string | Date }>(
        `select s.id as shop_id,
                (select max(received_at) from inbox_events i where i.tenant_id = s.tenant_id and i.shop_id = s.id) as last_event_at
           from shops s where s.tenant_id = $1`,
        [actor.tenantId],
      );
      const states = await database.query<{ shop_id: string; status: string; failing: number; n: number }>(
        `select shop_id, status, count(*) filter (where attempts > 0)::int as failing, count(*)::int as n
           from inbox_events where tenant_id = $1 and status in ('pending', 'dead', 'unhandled')
          group by shop_id, status`,
        [actor.tenantId],
      );
      const out = await database.query<{ shop_id: string; status: string; n: number }>(
        `select shop_id, status, count(*)::int as n from outbox
          where tenant_id = $1 and status in ('pending', 'failed') group by shop_id, status`,
        [actor.tenantId],
      );
      // Long-lived connections (Pinduoduo message service) as the process holding them last reported.
      const reported = await readPddMessageStatus(scope, now);
      return shopRows.map((s) => {
        const r = recent.find((x) => x.shop_id === s.id);
        const last = lastEver.find((x) => x.shop_id === s.id)?.last_event_at ?? null;
        const count = (status: string) => states.find((x) => x.shop_id === s.id && x.status === status);
        return {
          shopId: s.id,
          name: s.name,
          platform: s.platform,
          enabled: s.enabled,
          eventsLastHour: r?.last_hour ?? 0,
          eventsPerMinute: Math.round(((r?.last_5m ?? 0) / 5) * 10) / 10,
          lastEventAt: last ? new Date(last).toISOString() : null,
          pending: count('pending')?.n ?? 0,
          failing: count('pending')?.failing ?? 0,
          dead: count('dead')?.n ?? 0,
          unhandled: count('unhandled')?.n ?? 0,
          outboxPending: out.find((x) => x.shop_id === s.id && x.status === 'pending')?.n ?? 0,
          outboxFailed: out.find((x) => x.shop_id === s.id && x.status === 'failed')?.n ?? 0,
          messageService: reported.get(s.id) ?? null,
        };
      });
    },

    async listOutbox(
      actor: Actor,
      filter: { status?: OutboxStatus | undefined; ticketId?: string | undefined },
      limit: number,
    ) {
      return scopeTo(db, actor.tenantId).select(
        outbox,
        [
          filter.status ? eq(outbox.status, filter.status) : undefined,
          filter.ticketId ? eq(outbox.ticketId, filter.ticketId) : undefined,
        ],
        { orderBy: [desc(outbox.createdAt), desc(outbox.id)], limit },
      );
    },

    /** Sends a failed outbox row again (by its id, or by the message it carries). */
    async retry(actor: Actor, ref: { outboxId?: string; messageId?: string }) {
      const scope = scopeTo(db, actor.tenantId);
      const row = ref.outboxId
        ? await scope.first(outbox, eq(outbox.id, ref.outboxId))
        : (
            await scope.select(outbox, [eq(outbox.messageId, ref.messageId!)], {
              orderBy: [desc(outbox.createdAt)],
              limit: 1,
            })
          )[0];
      if (!row) {
        throw new AppError(ref.outboxId ? 'NOT_FOUND' : 'MESSAGE_NOT_FOUND', 'no outbound delivery found');
      }
      if (row.status !== 'failed') {
        throw new AppError('CONFLICT', `the delivery is ${row.status}: only failed deliveries are retried`);
      }
      const updated = await scope.transaction(async (tx) => {
        const [u] = await tx.update(
          outbox,
          {
            status: 'pending',
            attempts: 0,
            nextAttemptAt: clock.now(),
            lastError: null,
            updatedAt: clock.now(),
          },
          eq(outbox.id, row.id),
          eq(outbox.status, 'failed'),
        );
        if (!u) throw new AppError('CONFLICT', 'the delivery changed meanwhile');
        if (u.messageId) {
          await tx.update(
            messages,
            { deliveryStatus: 'queued', deliveryError: null },
            eq(messages.id, u.messageId),
          );
        }
        return u;
      });
      wake('outbox');
      return updated;
    },
  };

  /** Marks each claimed row with its outcome, or its failure (retry with back-off, or dead): one statement per tenant and kind of mark. */
  async function markInbox(
    tx: Db,
    rows: InboxRow[],
    results: Map<string, Outcome | { error: unknown }>,
    claimedAt: Date,
  ) {
    const processedAt = clock.now();
    const marks = rows.map((row) => {
      const result = results.get(row.id);
      const attempts = row.attempts + 1;
      let set: Partial<InboxRow>;
      if (result && !('error' in result)) {
        set = {
          status: result.status,
          outcome: result.outcome,
          kind: result.kind,
          ticketId: result.ticketId,
          processedAt,
          lastError: null,
          attempts,
        };
      } else {
        const reason = errorReason(result?.error ?? new Error('not processed'));
        set =
          attempts >= settings.inboxMaxAttempts
            ? { attempts, lastError: reason, status: 'dead', processedAt }
            : {
                attempts,
                lastError: reason,
                nextAttemptAt: new Date(
                  claimedAt.getTime() + backoffMs(attempts, settings.backoffBaseMs, settings.backoffMaxMs),
                ),
              };
      }
      return { tenantId: row.tenantId, id: row.id, set };
    });
    for (const [tenantId, list] of groupBy(marks, (m) => m.tenantId)) {
      await scopeTo(tx, tenantId).updateEach(inboxEvents, list);
    }
  }

  async function deliver(row: typeof outbox.$inferSelect) {
    const token = row.attempts;
    let error: string | null = null;
    let permanent = false;
    let response: unknown = null;
    try {
      const shop = await findShopForWebhook(db, row.shopId);
      const auth = shop ? shopAuth(shop) : null;
      if (!shop || !auth || !isPlatform(row.platform)) {
        permanent = true;
        throw new Error(shop ? 'the shop has no app key and secret' : 'the shop no longer exists');
      }
      const base =
        (typeof auth.settings.apiBaseUrl === 'string' && auth.settings.apiBaseUrl) ||
        settings.apiBaseUrls[row.platform] ||
        DEFAULT_API_BASE[row.platform];
      const request = CHANNELS[row.platform].buildSend(
        { id: row.id, kind: row.kind, caseRef: row.caseRef, orderRef: row.orderRef, payload: row.payload },
        auth,
        base,
        clock.now(),
      );
      const res = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(settings.sendTimeoutMs),
      });
      const text = await res.text();
      try {
        response = JSON.parse(text);
      } catch {
        response = text.slice(0, 2000);
      }
      if (!res.ok) {
        permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
        throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
      }
      const platformError = platformErrorOf(response);
      if (platformError) throw new Error(platformError);
    } catch (e) {
      error = (e instanceof Error ? (e.name === 'TimeoutError' ? 'timed out' : e.message) : String(e)).slice(
        0,
        1000,
      );
    }
    const now = clock.now();
    const failedForGood = error !== null && (permanent || token >= settings.outboxMaxAttempts);
    await db.transaction(async (tx) => {
      const scope = scopeTo(tx as unknown as Db, row.tenantId);
      const [marked] = await scope.update(
        outbox,
        error === null
          ? { status: 'sent', sentAt: now, lastError: null, response: response as never, updatedAt: now }
          : failedForGood
            ? { status: 'failed', lastError: error, response: response as never, updatedAt: now }
            : {
                lastError: error,
                nextAttemptAt: new Date(
                  now.getTime() + backoffMs(token, settings.backoffBaseMs, settings.backoffMaxMs),
                ),
                updatedAt: now,
              },
        eq(outbox.id, row.id),
        eq(outbox.status, 'pending'),
        eq(outbox.attempts, token),
      );
      // Another sender took the row over after our lease ran out: its mark counts, not ours.
      if (!marked || !row.messageId) return;
      await scope.update(
        messages,
        error === null
          ? { deliveryStatus: 'sent', deliveryError: null }
          : { deliveryStatus: failedForGood ? 'failed' : 'queued', deliveryError: error },
        eq(messages.id, row.messageId),
      );
    });
  }
}

/** JSON for a jsonb column: PostgreSQL cannot store U+0000, so a NUL escape becomes U+FFFD. */
export function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u0000') ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : text;
}

/** Error answers inside a 200: Douyin/TikTok {code≠0}, TOP {error_response}, PDD {error_response}, {success:false}. */
function platformErrorOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (b.error_response) return `platform error: ${JSON.stringify(b.error_response).slice(0, 300)}`;
  if (b.success === false) return `platform error: ${JSON.stringify(b).slice(0, 300)}`;
  if (b.code !== undefined && b.code !== 0 && b.code !== '0' && b.code !== 10000) {
    return `platform error ${String(b.code)}: ${String(b.msg ?? b.message ?? '')}`.slice(0, 300);
  }
  return null;
}
