import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  type FakePddMessageServer,
  pddCommonFrame,
  startFakePddMessageServer,
} from '../channels/pinduoduo/fake-message-server.js';
import { CHANNELS } from '../channels/registry.js';
import { shops } from '../db/schema/accounts.js';
import { inboxEvents } from '../db/schema/ingest.js';
import { scopeTo } from '../db/tenant-scope.js';
import { createOutboundPolicy } from '../http/outbound-policy.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import type { IngestService } from './ingest-service.js';
import { createLeaderLock } from './leader-lock.js';
import { type PddMessageService, routeByMall, startPddMessageService } from './pdd-message-service.js';
import { PddMessageHealth, pddMessageHealth } from './pdd-message-status.js';
import { createShop, push, setShopSettings, type TestShop } from './testing.js';

// The fake message server listens on 127.0.0.1: reached through the installation allow-list.
const outbound = createOutboundPolicy({ allow: '127.0.0.1' });

let t: TestApp;
let a: TestClient;
let server: FakePddMessageServer;
const secrets: Record<string, string> = {};
let service: PddMessageService | null = null;

beforeAll(async () => {
  t = await createTestApp({ ingest: { backoffBaseMs: 0, backoffMaxMs: 0 } });
  a = await t.signup('PDD WS');
  server = await startFakePddMessageServer(secrets);
});
afterEach(async () => {
  await service?.stop();
  service = null;
  // Leave no shop connected for the next test.
  await t.database.db.update(shops).set({ settings: {} }).where(eq(shops.platform, 'pinduoduo'));
});
afterAll(async () => {
  await server.close();
});

const fast = {
  heartbeatMs: 40,
  deadAfterMs: 5000,
  backoffBaseMs: 10,
  backoffMaxMs: 40,
  stableAfterMs: 10_000,
};

async function wsShop(settings: Record<string, unknown> = { pddMessageService: true }): Promise<TestShop> {
  const s = await createShop(a, 'pinduoduo');
  secrets[s.appKey] = s.appSecret;
  await setShopSettings(t, s.id, settings);
  return s;
}

function start(ingest: Pick<IngestService, 'storeEvents' | 'shopAuth'> = t.services.ingest, scanMs = 30_000) {
  service = startPddMessageService(
    { db: t.database.db, ingest },
    { outbound, baseUrl: server.url, scanMs, client: fast, log: pino({ level: 'silent' }) },
  );
  return service;
}

const connectionOf = async (s: TestShop, timeoutMs = 5000) => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const c = server.connections.filter((x) => x.clientId === s.appKey).at(-1);
    if (c && c.socket.readyState === c.socket.OPEN) return c;
    if (Date.now() > end) throw new Error(`no connection for ${s.appKey}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const refund = (refundId: number) => ({
  mall_id: 445566,
  tid: `241125-${refundId}`,
  refund_id: refundId,
  refund_fee: 5990,
  bill_type: 2,
  operation: 'create',
  modified: 1764000000,
});

const inboxOf = (s: TestShop) =>
  scopeTo(t.database.db, a.tenantId).select(inboxEvents, [eq(inboxEvents.shopId, s.id)]);

describe('pinduoduo message service', () => {
  test('a Common message lands in the inbox, is acked only after it is stored, same as the HTTP relay', async () => {
    const s = await wsShop();
    let storedBeforeAck: number | null = null;
    const ingest = t.services.ingest;
    start({
      shopAuth: ingest.shopAuth,
      storeEvents: async (shop, events) => {
        const n = await ingest.storeEvents(shop, events);
        storedBeforeAck = (await inboxOf(s)).length;
        return n;
      },
    });
    const conn = await connectionOf(s);
    await conn.waitFor((f) => f.commandType === 'HeartBeat');
    const frame = pddCommonFrame(5001, refund(5001));
    conn.send(frame);
    const ack = await conn.waitFor((f) => f.commandType === 'Ack');
    expect(ack).toMatchObject({ id: 5001, type: 'pdd_refund_RefundCreated', mallID: 445566 });
    expect(storedBeforeAck).toBe(1);

    const [row] = await inboxOf(s);
    expect(row).toMatchObject({
      externalEventId: '5001',
      eventType: 'pdd_refund_RefundCreated',
      platform: 'pinduoduo',
    });
    // The HTTP relay of the same frame is the same event: a duplicate.
    const relay = await push(t, s, frame);
    expect(relay.statusCode).toBe(200);
    expect(await inboxOf(s)).toHaveLength(1);

    // …and the inbox worker reads it as the after-sale it is.
    const event = CHANNELS.pinduoduo.normalise(row!, {});
    expect(event).toMatchObject({
      kind: 'after_sale',
      caseRef: 'aftersale:5001',
      stage: 'opened',
      amountFen: 5990,
    });
    expect(service!.statusFor(s.id)).toMatchObject({
      shopId: s.id,
      tenantId: a.tenantId,
      connected: true,
      received: 1,
      stored: 1,
      acked: 1,
      reconnects: 0,
    });
  });

  test('a redelivered message is stored once and acked each time; a malformed frame is skipped', async () => {
    const s = await wsShop();
    start();
    const conn = await connectionOf(s);
    conn.send(pddCommonFrame(6001, refund(6001)));
    conn.send('{"commandType":"Common",');
    conn.send(pddCommonFrame(6001, refund(6001)));
    conn.send(pddCommonFrame(6002, refund(6002), { type: 'pdd_refund_RefundAgreeAgreement' }));
    await until(() => conn.frames.filter((f) => f.commandType === 'Ack').length === 3);
    const rows = await inboxOf(s);
    expect(rows.map((r) => r.externalEventId).sort()).toEqual(['6001', '6002']);
    expect(service!.statusFor(s.id)).toMatchObject({ received: 3, stored: 2, acked: 3, malformed: 1 });
  });

  test('a store failure sends no ack; after the server drops the connection the redelivery is stored', async () => {
    const s = await wsShop();
    const ingest = t.services.ingest;
    let failNext = true;
    start({
      shopAuth: ingest.shopAuth,
      storeEvents: async (shop, events) => {
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        return ingest.storeEvents(shop, events);
      },
    });
    const first = await connectionOf(s);
    first.send(pddCommonFrame(7001, refund(7001)));
    await until(() => service!.statusFor(s.id)?.lastError?.includes('database unavailable') ?? false);
    await new Promise((r) => setTimeout(r, 50));
    expect(first.frames.filter((f) => f.commandType === 'Ack')).toHaveLength(0);
    expect(await inboxOf(s)).toHaveLength(0);

    first.drop();
    await until(async () => (await connectionOf(s)) !== first);
    const second = await connectionOf(s);
    second.send(pddCommonFrame(7001, refund(7001)));
    await second.waitFor((f) => f.commandType === 'Ack' && f.id === 7001);
    expect((await inboxOf(s)).map((r) => r.externalEventId)).toEqual(['7001']);
    await until(() => service!.statusFor(s.id)?.reconnects === 1);
  });

  test('the rescan follows the toggle, the enabled flag and the credentials', async () => {
    const off = await wsShop({});
    const noSecret = await createShop(a, 'pinduoduo');
    await t.database.db
      .update(shops)
      .set({ appSecretSealed: null, settings: { pddMessageService: true } })
      .where(eq(shops.id, noSecret.id));
    const s = await wsShop();
    const svc = start(t.services.ingest, 20);
    const conn = await connectionOf(s);
    expect(server.connections.some((c) => c.clientId === off.appKey)).toBe(false);
    await until(() => svc.statusFor(noSecret.id) !== null);
    expect(svc.statusFor(noSecret.id)).toMatchObject({
      connected: false,
      lastError: 'the shop has no app key and secret',
    });

    // Toggle off: the connection closes.
    await setShopSettings(t, s.id, {});
    await conn.closed;
    await until(() => svc.statusFor(s.id) === null);

    // Toggle on again, then disable the shop.
    await setShopSettings(t, s.id, { pddMessageService: true });
    const again = await connectionOf(s);
    expect(again).not.toBe(conn);
    await t.database.db
      .update(shops)
      .set({ enabled: false })
      .where(and(eq(shops.tenantId, a.tenantId), eq(shops.id, s.id)));
    await again.closed;

    // Another shop switched on later gets its connection without a restart.
    await setShopSettings(t, off.id, { pddMessageService: true });
    secrets[off.appKey] = off.appSecret;
    const late = await connectionOf(off);
    late.send(pddCommonFrame(8001, refund(8001)));
    await late.waitFor((f) => f.commandType === 'Ack');
    expect(await inboxOf(off)).toHaveLength(1);
  });

  test('shops on one app key share one connection; each message goes to the shop of its mallID', async () => {
    const s1 = await wsShop();
    const s2 = await wsShop();
    const [row1] = await t.database.db.select().from(shops).where(eq(shops.id, s1.id));
    await t.database.db.update(shops).set({ externalShopId: '1001' }).where(eq(shops.id, s1.id));
    await t.database.db
      .update(shops)
      .set({ appKey: row1!.appKey, appSecretSealed: row1!.appSecretSealed, externalShopId: '1002' })
      .where(eq(shops.id, s2.id));
    const svc = start();
    const conn = await connectionOf(s1);
    await svc.rescan();
    expect(
      server.connections.filter((c) => c.clientId === s1.appKey && c.socket.readyState === c.socket.OPEN),
    ).toHaveLength(1);
    expect(server.connections.some((c) => c.clientId === s2.appKey)).toBe(false);

    conn.send(pddCommonFrame(9001, refund(9001), { mallID: 1001 }));
    conn.send(pddCommonFrame(9002, refund(9002), { mallID: 1002 }));
    conn.send(pddCommonFrame(9003, refund(9003), { mallID: 1003 })); // no such shop: kept by the platform
    conn.send(pddCommonFrame(9004, refund(9004), { mallID: 1002 }));
    await conn.waitFor((f) => f.commandType === 'Ack' && f.id === 9004);
    await until(() => conn.frames.filter((f) => f.commandType === 'Ack').length === 3);
    expect(
      conn.frames
        .filter((f) => f.commandType === 'Ack')
        .map((f) => f.id)
        .sort(),
    ).toEqual([9001, 9002, 9004]);
    expect((await inboxOf(s1)).map((r) => r.externalEventId)).toEqual(['9001']);
    expect((await inboxOf(s2)).map((r) => r.externalEventId).sort()).toEqual(['9002', '9004']);
    expect(svc.statusFor(s1.id)).toMatchObject({ shopId: s1.id, sharedWith: 1, connected: true });
    expect(svc.statusFor(s2.id)).toMatchObject({ shopId: s2.id, sharedWith: 1, connected: true });
    expect(svc.statusFor(s2.id)!.lastError).toContain('1003');
    const health = pddMessageHealth(svc.statusFor(s2.id));
    expect(PddMessageHealth.parse(health)).toEqual(health);
    expect(Object.keys(health!).sort()).toEqual([
      'connected',
      'lastError',
      'lastErrorAt',
      'lastFrameAt',
      'nextRetryAt',
      'reconnects',
      'sharedWith',
    ]);
    expect(pddMessageHealth(null)).toBeNull();

    // One shop switched off: the connection stays for the other, and its mall is no longer routed.
    await setShopSettings(t, s2.id, {});
    await svc.rescan();
    expect(conn.socket.readyState).toBe(conn.socket.OPEN);
    expect(svc.statusFor(s2.id)).toBeNull();
    expect(svc.statusFor(s1.id)).toMatchObject({ sharedWith: 0 });
  });

  test('the channel health page shows the connection of each shop, to its own tenant only', async () => {
    const s = await wsShop();
    const svc = startPddMessageService(
      { db: t.database.db, ingest: t.services.ingest },
      { outbound, baseUrl: server.url, client: fast, log: pino({ level: 'silent' }), publishMs: 30 },
    );
    service = svc;
    await svc.rescan();
    await connectionOf(s);
    const mineOf = async () =>
      (await a.request('GET', '/api/v1/ingest/health'))
        .json()
        .items.find((h: { shopId: string }) => h.shopId === s.id);
    await until(async () => (await mineOf()).messageService?.connected === true);
    const mine = await mineOf();
    expect(mine.messageService).toMatchObject({ connected: true, lastError: null, sharedWith: 0 });
    expect(JSON.stringify(mine.messageService)).not.toContain('ws://');
    const other = await t.signup('PDD WS other');
    const theirs = (await other.request('GET', '/api/v1/ingest/health')).json().items;
    expect(theirs.some((h: { shopId: string }) => h.shopId === s.id)).toBe(false);
  });

  test('an API process without the connections shows the state the worker wrote, and a silent worker as down', async () => {
    const s = await wsShop();
    const svc = startPddMessageService(
      { db: t.database.db, ingest: t.services.ingest },
      { outbound, baseUrl: server.url, client: fast, log: pino({ level: 'silent' }), publishMs: 30 },
    );
    service = svc;
    await svc.rescan();
    await connectionOf(s);
    const health = async () =>
      (await a.request('GET', '/api/v1/ingest/health'))
        .json()
        .items.find((h: { shopId: string }) => h.shopId === s.id).messageService;
    // This test app runs no service of its own: what it shows comes from connection_status.
    await until(async () => (await health())?.connected === true);
    const other = await t.signup('PDD WS reader');
    expect(
      (await other.request('GET', '/api/v1/ingest/health'))
        .json()
        .items.some((h: { shopId: string }) => h.shopId === s.id),
    ).toBe(false);

    await svc.stop().then(async () => {
      service = null;
      const stopped = await health();
      expect(stopped).toMatchObject({
        connected: false,
        lastError: 'the worker holding this connection stopped',
      });
    });
    await t.database.query(
      `update connection_status set status = jsonb_set(status, '{connected}', 'true'), reported_at = now() - interval '5 minutes' where shop_id = $1`,
      [s.id],
    );
    const silent = await health();
    expect(silent.connected).toBe(false);
    expect(silent.lastError).toMatch(/no worker has reported this connection since/);
  });

  test.skipIf(!process.env.DATABASE_URL)(
    'with two worker processes only the leader connects, and the other takes over when it stops',
    async () => {
      const s = await wsShop();
      const name = `aftercare-test-leader-${Math.random()}`;
      const locks = [
        createLeaderLock(process.env.DATABASE_URL!, name),
        createLeaderLock(process.env.DATABASE_URL!, name),
      ];
      const services = locks.map((lock) =>
        startPddMessageService(
          { db: t.database.db, ingest: t.services.ingest },
          {
            outbound,
            baseUrl: server.url,
            client: fast,
            log: pino({ level: 'silent' }),
            publishMs: 0,
            leader: () => lock.isLeader(),
          },
        ),
      );
      try {
        for (const svc of services) await svc.rescan();
        await connectionOf(s);
        // Whichever took the lock first holds the connection; the other holds none.
        const holders = services.filter((svc) => svc.statusFor(s.id) !== null);
        expect(holders).toHaveLength(1);
        const leader = services.indexOf(holders[0]!);
        const other = services[1 - leader]!;
        await services[leader]!.stop();
        await locks[leader]!.release();
        await other.rescan();
        await until(() => other.statusFor(s.id)?.connected === true);
        expect(server.connections.filter((c) => c.clientId === s.appKey).length).toBe(2);
      } finally {
        for (const svc of services) await svc.stop();
        for (const lock of locks) await lock.release();
      }
    },
  );

  test('stop() closes every connection', async () => {
    const s1 = await wsShop();
    const s2 = await wsShop();
    const svc = start();
    const [c1, c2] = [await connectionOf(s1), await connectionOf(s2)];
    expect(
      svc
        .status()
        .map((x) => x.shopId)
        .sort(),
    ).toEqual([s1.id, s2.id].sort());
    await svc.stop();
    service = null;
    await Promise.all([c1.closed, c2.closed]);
  });
});

describe('routeByMall', () => {
  const m = (id: string, externalShopId: string | null) => ({
    tenantId: 't',
    id,
    platform: 'pinduoduo' as const,
    externalShopId,
  });
  test.each([
    { members: [m('a', null)], mall: '7', want: 'a' },
    { members: [m('a', '7')], mall: '7', want: 'a' },
    { members: [m('a', '7')], mall: null, want: 'a' },
    { members: [m('a', '7')], mall: '8', want: /no shop with external shop id 8/ },
    { members: [m('a', '7'), m('b', '8')], mall: '8', want: 'b' },
    { members: [m('a', '7'), m('b', null)], mall: '9', want: /no shop/ },
    { members: [m('a', '7'), m('b', '8')], mall: null, want: /without mallID/ },
    { members: [m('a', '7'), m('b', '7')], mall: '7', want: /2 shops/ },
  ])('$members.length shop(s), mallID $mall', ({ members, mall, want }) => {
    const r = routeByMall(members, mall);
    if (typeof want === 'string') expect(r).toMatchObject({ id: want });
    else expect((r as Error).message).toMatch(want);
  });
});
