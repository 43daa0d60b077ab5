import { createHash } from 'node:crypto';
import type { InboundEvent, ShopAuth } from '../channels/channel.js';
import {
  createPddMessageClient,
  DEFAULT_PDD_MESSAGE_URL,
  idleStatus,
  type PddMessageClient,
  type PddMessageClientOptions,
  type PddMessageLog,
  silentLog,
} from '../channels/pinduoduo/message-client.js';
import type { Db } from '../db/client.js';
import type { OutboundPolicy } from '../http/outbound-policy.js';
import { listPddMessageServiceShops } from '../shops/pdd-message-shop-repo.js';
import type { ShopRow } from '../shops/shop-repo.js';
import {
  type PddMessageHealth,
  type PddMessageShopStatus,
  savePddMessageStatus,
} from './pdd-message-status.js';
import type { ShopAccess } from './shop-access.js';
import type { WebhookIntake } from './webhook-intake.js';

/**
 * Keeps the Pinduoduo message-service connections for every enabled Pinduoduo shop that has
 * settings.pddMessageService = true and an app key and secret. Shops are re-read every `scanMs`, so
 * turning a shop or its toggle on or off, or changing its credentials or settings.pddMessageUrl,
 * takes effect without a restart. Events go through ingest.storeEvents, like webhooks.
 *
 * The platform pushes per app (client_id), not per shop: shops that share an app key and secret
 * (an ISV app serving several malls) share one connection, and each message goes to the shop whose
 * external shop id is the message's mallID. A message no shop claims is not stored and not acked.
 * Run the service in one process only (the worker role): two processes would hold two connections.
 */
export type PddMessageServiceOptions = {
  /** Every connection goes through the outbound-request policy. */
  outbound: Pick<OutboundPolicy, 'connectUrl' | 'webSocketOptions'>;
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
  /**
   * How often every shop's connection state is written to connection_status (default 5 s), so the
   * API processes can show it; 0 writes nothing.
   */
  publishMs?: number;
  /** With several worker processes: connect only while this says so (a leader lock); default always. */
  leader?: () => Promise<boolean>;
};

export type PddMessageService = {
  /** Re-reads the shops now (the timer does this every scanMs). */
  rescan(): Promise<void>;
  /** One entry per shop the service is (or tried to be) connected for. */
  status(): PddMessageShopStatus[];
  statusFor(shopId: string): PddMessageShopStatus | null;
  stop(): Promise<void>;
};

type Member = Pick<ShopRow, 'tenantId' | 'id' | 'platform' | 'externalShopId'>;
type Connection = { key: string; url: string; members: Member[]; client: PddMessageClient };

/** Which shop of a connection a message belongs to; an Error says why none (or which several). */
export function routeByMall(members: Member[], mallID: string | null): Member | Error {
  if (mallID !== null) {
    const owners = members.filter((m) => m.externalShopId === mallID);
    if (owners.length === 1) return owners[0]!;
    if (owners.length > 1) {
      return new Error(`mallID ${mallID} is the external shop id of ${owners.length} shops on one app key`);
    }
  }
  const only = members.length === 1 ? members[0]! : null;
  if (only && (only.externalShopId === null || mallID === null)) return only;
  return new Error(
    mallID === null
      ? 'a message without mallID on an app key shared by several shops'
      : `no shop with external shop id ${mallID} on this app key`,
  );
}

export function startPddMessageService(
  deps: { db: Db; ingest: Pick<WebhookIntake, 'storeEvents'> & Pick<ShopAccess, 'shopAuth'> },
  options: PddMessageServiceOptions,
): PddMessageService {
  const scanMs = options.scanMs ?? 30_000;
  const log = options.log ?? silentLog;
  /** By connection key: tenant, app key, a digest of the secret, URL. */
  const connections = new Map<string, Connection>();
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

  async function store(connection: Connection, events: InboundEvent[]): Promise<number> {
    let stored = 0;
    for (const event of events) {
      const payload = (event.payload ?? {}) as { mallID?: string | null };
      const shop = routeByMall(connection.members, payload.mallID ?? null);
      // Thrown: the client logs it and does not ack, so the platform keeps the message.
      if (shop instanceof Error) throw shop;
      stored += await deps.ingest.storeEvents(shop, [event]);
    }
    return stored;
  }

  async function scan() {
    if (options.leader && !(await options.leader())) {
      // Another process holds the connections: hold none here, and report none.
      const all = [...connections.values()];
      connections.clear();
      problems.clear();
      await Promise.all(all.map((c) => c.client.stop()));
      return;
    }
    let rows: ShopRow[];
    try {
      rows = await listPddMessageServiceShops(deps.db);
    } catch (error) {
      // Keep the connections we have; the next scan tries again.
      log.error({ err: error }, 'pinduoduo message service: cannot read shops');
      return;
    }
    if (stopped) return;
    const wanted = new Map<string, { url: string; auth: ShopAuth; members: Member[] }>();
    const seen = new Set<string>();
    for (const shop of rows) {
      seen.add(shop.id);
      const url = urlFor(shop);
      let auth: ShopAuth | null;
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
      const secretDigest = createHash('sha256').update(auth.appSecret).digest('hex');
      // Per tenant too: a connection's status and routing never mix two tenants' shops.
      const key = [shop.tenantId, auth.appKey, secretDigest, url].join('\u0000');
      const member: Member = {
        tenantId: shop.tenantId,
        id: shop.id,
        platform: shop.platform,
        externalShopId: shop.externalShopId,
      };
      const group = wanted.get(key);
      if (group) group.members.push(member);
      else wanted.set(key, { url, auth, members: [member] });
    }
    for (const id of problems.keys()) if (!seen.has(id)) problems.delete(id);

    const stops: Promise<void>[] = [];
    for (const [key, c] of connections) {
      const want = wanted.get(key);
      if (want) {
        c.members = want.members;
        continue;
      }
      connections.delete(key);
      stops.push(c.client.stop());
      log.info(
        { shopIds: c.members.map((m) => m.id) },
        'pinduoduo message service: stopped (shop or toggle off)',
      );
    }
    for (const [key, want] of wanted) {
      if (connections.has(key)) continue;
      const connection: Connection = { key, url: want.url, members: want.members, client: null as never };
      connection.client = createPddMessageClient({
        ...options.client,
        // The shop check by mallID is routeByMall's, over all the connection's shops.
        shop: { ...want.auth, externalShopId: null },
        baseUrl: want.url,
        outbound: options.outbound,
        log,
        store: (events) => store(connection, events),
      });
      connections.set(key, connection);
      connection.client.start();
      log.info(
        { shopIds: want.members.map((m) => m.id), url: want.url },
        'pinduoduo message service: starting',
      );
    }
    await Promise.all(stops);
  }

  function problem(shop: ShopRow, url: string, message: string) {
    const before = problems.get(shop.id);
    const same = before?.lastError === message;
    if (!same) log.warn({ shopId: shop.id, reason: message }, 'pinduoduo message service: cannot connect');
    problems.set(shop.id, {
      ...idleStatus(shop.id),
      tenantId: shop.tenantId,
      url,
      sharedWith: 0,
      lastError: message,
      lastErrorAt: (same && before?.lastErrorAt) || new Date().toISOString(),
    });
  }

  function rescan(): Promise<void> {
    if (stopped) return Promise.resolve();
    // One scan at a time: a rescan during a scan waits for it, then runs again.
    const previous = scanning ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(scan)
      .catch((error) => log.error({ err: error }, 'pinduoduo message service: scan failed'));
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

  const publishMs = options.publishMs ?? 5000;
  let publishTimer: NodeJS.Timeout | null = null;
  let publishing: Promise<void> | null = null;
  function publishNow(override?: Partial<PddMessageHealth>) {
    const statuses = service.status();
    publishing = savePddMessageStatus(deps.db, statuses, new Date(), override).catch((error) => {
      log.warn({ err: error }, 'pinduoduo message service: cannot publish the connection state');
    });
    return publishing;
  }
  const publishLoop = () => {
    if (stopped || publishMs <= 0) return;
    publishNow().finally(() => {
      if (!stopped) publishTimer = setTimeout(publishLoop, publishMs);
    });
  };

  const statusOf = (id: string): PddMessageShopStatus | null => {
    for (const c of connections.values()) {
      const m = c.members.find((x) => x.id === id);
      if (m) {
        return {
          ...c.client.status(),
          shopId: id,
          tenantId: m.tenantId,
          url: c.url,
          sharedWith: c.members.length - 1,
        };
      }
    }
    return problems.get(id) ?? null;
  };

  const service: PddMessageService = {
    rescan,
    status: () =>
      [...[...connections.values()].flatMap((c) => c.members.map((m) => m.id)), ...problems.keys()]
        .map((id) => statusOf(id))
        .filter((x): x is PddMessageShopStatus => x !== null),
    statusFor: statusOf,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (publishTimer) clearTimeout(publishTimer);
      publishTimer = null;
      await scanning?.catch(() => undefined);
      await publishing;
      // The console should not show a connection this process no longer holds.
      if (publishMs > 0)
        await publishNow({ connected: false, lastError: 'the worker holding this connection stopped' });
      const all = [...connections.values()];
      connections.clear();
      await Promise.all(all.map((r) => r.client.stop()));
    },
  };
  publishTimer = setTimeout(publishLoop, Math.min(publishMs, 1000));
  return service;
}
