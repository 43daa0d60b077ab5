import type { InboundEvent } from '../channels/channel.js';
import {
  createPddMessageClient,
  DEFAULT_PDD_MESSAGE_URL,
  type PddMessageClient,
  type PddMessageClientOptions,
  type PddMessageLog,
  type PddMessageStatus,
  silentLog,
} from '../channels/pinduoduo/message-client.js';
import type { Db } from '../db/client.js';
import { listPddMessageServiceShops } from '../shops/pdd-message-shops.js';
import type { ShopRow } from '../shops/shop-repo.js';
import type { IngestService } from './ingest-service.js';

/**
 * Keeps one Pinduoduo message-service connection per enabled Pinduoduo shop that has
 * settings.pddMessageService = true and an app key and secret. Shops are re-read every `scanMs`, so
 * turning a shop or its toggle on or off, or changing its credentials or settings.pddMessageUrl,
 * takes effect without a restart. Events go through ingest.storeEvents, like webhooks.
 * Run it in one process only (the worker role): two processes would hold two connections per shop.
 */
export type PddMessageServiceOptions = {
  /** Process-wide base URL (env or tests); a shop's settings.pddMessageUrl wins. */
  baseUrl?: string | undefined;
  /** How often shops are re-read (default 30 s). */
  scanMs?: number;
  /** Client tuning (heartbeat, dead-connection and back-off intervals). */
  client?: Pick<
    PddMessageClientOptions,
    'heartbeatMs' | 'deadAfterMs' | 'backoffBaseMs' | 'backoffMaxMs' | 'stableAfterMs' | 'connectTimeoutMs'
  >;
  log?: PddMessageLog;
};

export type PddMessageShopStatus = PddMessageStatus & { tenantId: string; url: string | null };

export type PddMessageService = {
  /** Re-reads the shops now (the timer does this every scanMs). */
  rescan(): Promise<void>;
  /** One entry per shop the service is (or tried to be) connected for. */
  status(): PddMessageShopStatus[];
  statusFor(shopId: string): PddMessageShopStatus | null;
  stop(): Promise<void>;
};

type Running = { key: string; tenantId: string; url: string; client: PddMessageClient };

export function startPddMessageService(
  deps: { db: Db; ingest: Pick<IngestService, 'storeEvents' | 'shopAuth'> },
  options: PddMessageServiceOptions = {},
): PddMessageService {
  const scanMs = options.scanMs ?? 30_000;
  const log = options.log ?? silentLog;
  const running = new Map<string, Running>();
  /** Shops that want a connection but cannot have one (no secret, secret not readable). */
  const problems = new Map<string, PddMessageShopStatus>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let scanning: Promise<void> | null = null;

  const urlFor = (shop: ShopRow) => {
    const own = shop.settings?.pddMessageUrl;
    return (
      (typeof own === 'string' && /^wss?:\/\/\S+$/i.test(own) && own) ||
      options.baseUrl ||
      DEFAULT_PDD_MESSAGE_URL
    );
  };

  async function scan() {
    let rows: ShopRow[];
    try {
      rows = await listPddMessageServiceShops(deps.db);
    } catch (error) {
      // Keep the connections we have; the next scan tries again.
      log.error({ err: error }, 'pinduoduo message service: cannot read shops');
      return;
    }
    if (stopped) return;
    const wanted = new Set<string>();
    const stops: Promise<void>[] = [];
    for (const shop of rows) {
      wanted.add(shop.id);
      const url = urlFor(shop);
      const key = [shop.appKey, shop.appSecretSealed, shop.externalShopId, url].join('\u0000');
      const current = running.get(shop.id);
      if (current?.key === key) continue;
      if (current) {
        running.delete(shop.id);
        stops.push(current.client.stop());
      }
      let auth: ReturnType<IngestService['shopAuth']>;
      try {
        auth = deps.ingest.shopAuth(shop);
      } catch (error) {
        problem(shop, url, `cannot read the app secret: ${error instanceof Error ? error.message : error}`);
        continue;
      }
      if (!auth) {
        problem(shop, url, 'the shop has no app key and secret');
        continue;
      }
      problems.delete(shop.id);
      const target = { tenantId: shop.tenantId, id: shop.id, platform: shop.platform };
      const client = createPddMessageClient({
        ...options.client,
        shop: auth,
        baseUrl: url,
        log,
        store: (events: InboundEvent[]) => deps.ingest.storeEvents(target, events),
      });
      running.set(shop.id, { key, tenantId: shop.tenantId, url, client });
      client.start();
      log.info({ shopId: shop.id, url }, 'pinduoduo message service: starting');
    }
    for (const [id, r] of running) {
      if (wanted.has(id)) continue;
      running.delete(id);
      stops.push(r.client.stop());
      log.info({ shopId: id }, 'pinduoduo message service: stopped (shop or toggle off)');
    }
    for (const id of problems.keys()) if (!wanted.has(id)) problems.delete(id);
    await Promise.all(stops);
  }

  function problem(shop: ShopRow, url: string, message: string) {
    if (problems.get(shop.id)?.lastError !== message) {
      log.warn({ shopId: shop.id, reason: message }, 'pinduoduo message service: cannot connect');
    }
    problems.set(shop.id, {
      shopId: shop.id,
      tenantId: shop.tenantId,
      url,
      connected: false,
      lastFrameAt: null,
      lastError: message,
      lastErrorAt: problems.get(shop.id)?.lastErrorAt ?? new Date().toISOString(),
      reconnects: 0,
      nextRetryAt: null,
      retryDelayMs: null,
      received: 0,
      stored: 0,
      acked: 0,
      malformed: 0,
    });
  }

  function rescan(): Promise<void> {
    if (stopped) return Promise.resolve();
    // One scan at a time: a rescan during a scan waits for it, then runs again.
    const previous = scanning ?? Promise.resolve();
    const next = previous.then(scan);
    scanning = next;
    void next.finally(() => {
      if (scanning === next) scanning = null;
    });
    return next;
  }

  function loop() {
    if (stopped) return;
    void rescan().finally(() => {
      if (!stopped) timer = setTimeout(loop, scanMs);
    });
  }
  loop();

  const statusOf = (id: string): PddMessageShopStatus | null => {
    const r = running.get(id);
    if (r) return { ...r.client.status(), tenantId: r.tenantId, url: r.url };
    return problems.get(id) ?? null;
  };

  return {
    rescan,
    status: () =>
      [...new Set([...running.keys(), ...problems.keys()])].map((id) => statusOf(id)!).filter(Boolean),
    statusFor: statusOf,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await scanning?.catch(() => undefined);
      const all = [...running.values()];
      running.clear();
      await Promise.all(all.map((r) => r.client.stop()));
    },
  };
}
