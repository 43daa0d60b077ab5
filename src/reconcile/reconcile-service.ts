import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/roles.js';
import { isPlatform, type Platform, type ShopAuth } from '../channels/channel.js';
import { digest } from '../channels/common.js';
import type { DeliveryCategory } from '../channels/delivery-error.js';
import { type PulledEvent, type PullFeed, pullOverrides } from '../channels/pull.js';
import { PULL } from '../channels/pull-registry.js';
import type { Database } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { OutboundPolicy } from '../http/outbound-policy.js';
import { PULLED_PREFIX } from '../ingest/group-insert.js';
import { createPlatformCaller } from '../ingest/platform-caller.js';
import { requestFailureCategory } from '../ingest/platform-request.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { findShop, findShopForWebhook, listShops, type ShopRow } from '../shops/shop-repo.js';
import {
  advanceWatermark,
  claimDueShops,
  enrolShops,
  extendClaim,
  finishRun,
  type ReconcileShopRow,
  type RunResult,
  readTenantState,
  readWatermarks,
  requestRun,
} from './reconcile-repo.js';
import { lagMs, nextWindow, retryDelayMs } from './windows.js';

export type ReconcileSettings = {
  /** How often each shop is pulled when nothing asks sooner. */
  intervalMs: number;
  /** Pull only up to this long before now: a push still on its way arrives first. */
  settleMs: number;
  /** A shop pulled for the first time starts this far back. */
  firstLookbackMs: number;
  /** How long a claim lasts before another worker may take the shop (renewed after every window). */
  leaseMs: number;
  /** Windows per feed in one run; a shop far behind catches up over several runs. */
  maxWindowsPerRun: number;
  /** Pause between two list calls of one shop (platform rate limits). */
  pageDelayMs: number;
  /** Tries of one page answered "rate limited" or "busy" before the run stops (waits 1 s, 2 s, 4 s…). */
  pageTries: number;
  sendTimeoutMs: number;
  apiBaseUrls: Partial<Record<Platform, string>>;
};

export const RECONCILE_DEFAULTS: ReconcileSettings = {
  intervalMs: 10 * 60_000,
  settleMs: 2 * 60_000,
  firstLookbackMs: 24 * 3600_000,
  leaseMs: 5 * 60_000,
  maxWindowsPerRun: 96,
  pageDelayMs: 0,
  pageTries: 4,
  sendTimeoutMs: 10_000,
  apiBaseUrls: {},
};

type Failure = { category: DeliveryCategory; message: string };

class PullFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export type ReconcileService = ReturnType<typeof createReconcileService>;

/**
 * The reconciler: per shop, pulls the records changed since each feed's watermark from the
 * platform's list APIs and stores them through the webhook path's inbox (`storeEvents`), where a
 * record a push already brought is not stored again. The watermark moves only after a window's pages
 * are stored; a claim per shop keeps two workers apart; an expired token is renewed once and the page
 * asked again.
 */
export function createReconcileService(deps: {
  database: Database;
  clock: Clock;
  outbound: Pick<OutboundPolicy, 'request'>;
  shopAuth: (shop: ShopRow) => ShopAuth | null;
  storeEvents: (
    shop: Pick<ShopRow, 'tenantId' | 'id' | 'platform'>,
    events: { externalEventId: string; eventType: string; payload: unknown }[],
    now?: Date,
  ) => Promise<number>;
  renewToken?: ((shop: ShopRow) => Promise<'renewed' | 'failed' | 'skipped'>) | undefined;
  settings?: Partial<ReconcileSettings> | undefined;
  /** This worker's name in claims (a process id is not unique across machines). */
  workerId?: string;
}) {
  const { database, clock } = deps;
  const settings: ReconcileSettings = { ...RECONCILE_DEFAULTS, ...deps.settings };
  const worker = deps.workerId ?? `reconciler-${randomUUID()}`;
  const pulledPlatforms = Object.entries(PULL)
    .filter(([, spec]) => spec.feeds.length > 0)
    .map(([p]) => p);
  const requestListeners = new Set<() => void>();
  // A simulated shop (demo, trial) is pulled from the built-in simulated platform, as its sends go there.
  const platforms = createPlatformCaller({
    outbound: deps.outbound,
    clock,
    settings: { apiBaseUrls: settings.apiBaseUrls, sendTimeoutMs: settings.sendTimeoutMs },
  });
  const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

  /** The feeds a shop is pulled for: the platform's, less any the shop turned off. */
  function feedsOf(shop: ShopRow, auth: Pick<ShopAuth, 'settings'>): readonly PullFeed[] {
    if (!isPlatform(shop.platform)) return [];
    const r = auth.settings.reconcile as { enabled?: unknown; feeds?: unknown } | undefined;
    if (r && r.enabled === false) return [];
    const only = Array.isArray(r?.feeds) ? (r.feeds as unknown[]) : null;
    return PULL[shop.platform].feeds.filter((f) => !only || only.includes(f));
  }

  /** Asks one page, renewing an expired token once and waiting out rate limits a few times. */
  async function readPage(
    shop: ShopRow,
    state: { auth: ShopAuth; renewed: boolean },
    feed: PullFeed,
    window: { from: Date; to: Date },
    cursor: string | null,
  ) {
    const platform = shop.platform as Platform;
    const spec = PULL[platform];
    const pageSize = Math.min(pullOverrides(state.auth).pageSize ?? spec.maxPageSize, spec.maxPageSize);
    for (let attempt = 1; ; attempt++) {
      const plan = spec.listRequest({
        feed,
        shop: state.auth,
        ...window,
        cursor,
        pageSize,
        baseUrl: platforms.baseFor(platform, state.auth),
        now: clock.now(),
      });
      if (!plan.ok) throw new PullFailed(plan);
      let page: ReturnType<typeof spec.readPage>;
      try {
        const res = await platforms.call(platform, plan.request, state.auth);
        page = spec.readPage({ feed, cursor, pageSize }, res.status, res.text);
      } catch (error) {
        page = {
          ok: false,
          category: requestFailureCategory(error),
          code: 'network',
          message: error instanceof Error ? error.message : String(error),
        };
      }
      if (page.ok) return page;
      if ((page.category === 'auth_expired' || page.category === 'auth_invalid') && !state.renewed) {
        state.renewed = true;
        if (deps.renewToken && (await deps.renewToken(shop)) === 'renewed') {
          const fresh = await findShopForWebhook(database.db, shop.id);
          const auth = fresh ? deps.shopAuth(fresh) : null;
          if (auth) {
            state.auth = auth;
            continue;
          }
        }
      }
      const retryable = ['rate_limited', 'platform_busy', 'timeout', 'network'].includes(page.category);
      if (!retryable || attempt >= settings.pageTries) throw new PullFailed(page);
      await sleep(1000 * 2 ** (attempt - 1));
    }
  }

  /** The pulled records as inbox events: `pull:<version>`, so a push of the same change is not stored twice. */
  function asInboxEvents(platform: Platform, events: PulledEvent[]) {
    return events.map((e) => {
      const key = PULL[platform].versionKey(e);
      return {
        externalEventId: `${PULLED_PREFIX}${key ?? `${e.eventType}:${digest(JSON.stringify(e.payload))}`}`,
        eventType: e.eventType,
        payload: e.payload,
      };
    });
  }

  /** One claimed shop: every feed, window after window, until caught up or told to stop. */
  async function runShop(claim: ReconcileShopRow): Promise<RunResult> {
    const key = { tenantId: claim.tenantId, shopId: claim.shopId };
    const schedule = () => new Date(clock.now().getTime() + settings.intervalMs);
    const shop = await findShopForWebhook(database.db, claim.shopId);
    const auth = shop && shop.tenantId === claim.tenantId ? deps.shopAuth(shop) : null;
    if (!shop || !auth || !shop.enabled || !isPlatform(shop.platform)) {
      return { outcome: 'ok', found: 0, seen: 0, errorCategory: null, error: null, nextRunAt: schedule() };
    }
    const platform = shop.platform;
    const spec = PULL[platform];
    const overrides = pullOverrides(auth);
    const rule = {
      settleMs: settings.settleMs,
      firstLookbackMs: settings.firstLookbackMs,
      maxWindowMs: Math.min(spec.maxWindowMs, (overrides.maxWindowMinutes ?? Infinity) * 60_000),
    };
    const state = { auth, renewed: false };
    const marks = await readWatermarks(database, key);
    let found = 0;
    let seen = 0;
    let windowsDone = 0;
    try {
      for (const feed of feedsOf(shop, auth)) {
        let watermark = marks.get(feed) ?? null;
        for (let n = 0; n < settings.maxWindowsPerRun; n++) {
          const window = nextWindow(watermark, clock.now(), rule);
          if (!window) break;
          let cursor: string | null = null;
          do {
            const page = await readPage(shop, state, feed, window, cursor);
            if (page.events.length) {
              found += await deps.storeEvents(shop, asInboxEvents(platform, page.events));
              seen += page.events.length;
            }
            cursor = page.next;
            if (cursor !== null) await sleep(settings.pageDelayMs);
          } while (cursor !== null);
          const until = new Date(clock.now().getTime() + settings.leaseMs);
          if (!(await advanceWatermark(database, key, worker, feed, window.to, clock.now()))) {
            throw new PullFailed({ category: 'unknown', message: 'another worker took the shop over' });
          }
          await extendClaim(database, key, worker, until);
          watermark = window.to;
          windowsDone++;
          await sleep(settings.pageDelayMs);
        }
      }
      return { outcome: 'ok', found, seen, errorCategory: null, error: null, nextRunAt: schedule() };
    } catch (error) {
      const failure: Failure =
        error instanceof PullFailed
          ? error.failure
          : { category: 'unknown', message: error instanceof Error ? error.message : String(error) };
      const failures = claim.consecutiveFailures + 1;
      return {
        outcome: windowsDone > 0 ? 'partial' : 'failed',
        found,
        seen,
        errorCategory: failure.category,
        error: failure.message.slice(0, 500),
        nextRunAt: new Date(clock.now().getTime() + retryDelayMs(failures, settings.intervalMs)),
      };
    }
  }

  /** Channel health's reconcile part: per shop of the tenant, what the reconciler last did. */
  async function status(actor: Actor) {
    const now = clock.now();
    const shopRows = await listShops(scopeTo(database.db, actor.tenantId));
    const state = await readTenantState(database, actor.tenantId);
    return shopRows.map((shop) => {
      const row = state.shops.get(shop.id);
      const platformFeeds = isPlatform(shop.platform) ? PULL[shop.platform].feeds : [];
      // What this shop is pulled for: the platform's feeds less those its settings turned off.
      const feeds = [...feedsOf(shop, shop)];
      const marks = feeds.map(
        (f) => state.watermarks.find((w) => w.shopId === shop.id && w.feed === f)?.watermark ?? null,
      );
      const lag = lagMs(marks, now);
      const known = marks.filter((m): m is Date => m !== null);
      return {
        shopId: shop.id,
        name: shop.name,
        platform: shop.platform,
        feeds,
        turnedOff: platformFeeds.length > 0 && feeds.length === 0,
        enabled: shop.enabled,
        simulated: shop.settings.simulated === true,
        lastStartedAt: row?.lastStartedAt ?? null,
        lastFinishedAt: row?.lastFinishedAt ?? null,
        lastOutcome: row?.lastOutcome ?? null,
        lastErrorCategory: row?.lastErrorCategory ?? null,
        lastError: row?.lastError ?? null,
        lastFound: row?.lastFound ?? 0,
        lastSeen: row?.lastSeen ?? 0,
        totalFound: row?.totalFound ?? 0,
        consecutiveFailures: row?.consecutiveFailures ?? 0,
        watermark: known.length ? new Date(Math.min(...known.map((m) => m.getTime()))) : null,
        lagSeconds: lag === null ? null : Math.round(lag / 1000),
        nextRunAt: row?.nextRunAt ?? null,
        requested: row?.requestedAt != null,
        running: row?.claimedUntil != null && row.claimedUntil > now,
      };
    });
  }

  return {
    settings,
    worker,
    status,
    /** 立即对账: the shop is pulled by the next free worker; answers with its state. */
    async request(actor: Actor, shopId: string) {
      const shop = await findShop(scopeTo(database.db, actor.tenantId), shopId);
      if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${shopId} not found`);
      if (!isPlatform(shop.platform) || PULL[shop.platform].feeds.length === 0) {
        throw new AppError('VALIDATION_FAILED', "this shop's platform has no list API to reconcile with");
      }
      await requestRun(database, actor.tenantId, shop.id, clock.now());
      for (const listen of requestListeners) listen();
      return (await status(actor)).find((s) => s.shopId === shop.id)!;
    },
    /** Told when someone asks for a run (the worker in this process wakes up). */
    onRequest(listen: () => void) {
      requestListeners.add(listen);
      return () => requestListeners.delete(listen);
    },
    /**
     * One pass: enrols new shops, claims up to `limit` due ones and pulls each. Returns how many shops
     * it ran and how many events they brought in that no push had.
     */
    async runDue(limit = 10): Promise<{ shops: number; found: number }> {
      await enrolShops(database, pulledPlatforms);
      const now = clock.now();
      const claims = await claimDueShops(
        database,
        worker,
        now,
        new Date(now.getTime() + settings.leaseMs),
        limit,
      );
      let found = 0;
      for (const claim of claims) {
        const result = await runShop(claim);
        found += result.found;
        await finishRun(database, claim, worker, clock.now(), result);
      }
      return { shops: claims.length, found };
    },
  };
}
