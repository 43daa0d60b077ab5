import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createOutboundPolicy } from '../../http/outbound-policy.js';
import type { InboundEvent } from '../channel.js';
import { md5Hex } from '../crypto.js';
import { pinduoduoAdapter } from './adapter.js';
import {
  type FakePddConnection,
  type FakePddMessageServer,
  pddCommonFrame,
  startFakePddMessageServer,
} from './fake-message-server.js';
import {
  createPddMessageClient,
  type PddMessageClient,
  type PddMessageClientOptions,
  pddAckText,
  pddMessageUrl,
  reconnectDelayMs,
} from './message-client.js';
import { signPddPush } from './signature.js';

const shop = { id: 'shop-1', appKey: 'pdd-client-1', appSecret: 'pdd-secret-1', externalShopId: '445566' };
const secrets: Record<string, string> = { [shop.appKey]: shop.appSecret };
let server: FakePddMessageServer;
const clients: PddMessageClient[] = [];

beforeAll(async () => {
  server = await startFakePddMessageServer(secrets);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
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

function client(options: Partial<PddMessageClientOptions> = {}) {
  const stored: InboundEvent[] = [];
  const c = createPddMessageClient({
    shop,
    baseUrl: server.url,
    outbound: createOutboundPolicy({ allow: '127.0.0.1' }),
    store: async (events) => {
      stored.push(...events);
      return events.length;
    },
    ...fast,
    ...options,
  });
  clients.push(c);
  c.start();
  return { c, stored };
}

const acks = (conn: FakePddConnection) => conn.frames.filter((f) => f.commandType === 'Ack');
const refund = (refundId: number) => ({
  mall_id: 445566,
  tid: '241125-1',
  refund_id: refundId,
  refund_fee: 5990,
  bill_type: 2,
  operation: 'create',
  modified: 1764000000,
});

async function until(check: () => boolean, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('pinduoduo message client', () => {
  test('the URL carries client id, ms timestamp and base64(md5 hex) of id+ts+secret', () => {
    const url = pddMessageUrl('wss://message-api.pinduoduo.com/', shop, 1764000000123);
    const sig = Buffer.from(md5Hex(`${shop.appKey}1764000000123${shop.appSecret}`), 'utf8').toString(
      'base64',
    );
    expect(url).toBe(`wss://message-api.pinduoduo.com/message/${shop.appKey}/1764000000123/${sig}`);
    // base64 of a hex string: 44 characters, never '+' or '/', safe in a path
    expect(sig).toMatch(/^[A-Za-z0-9]{43}=$/);
  });

  test('back-off doubles, is capped and jittered between 50 and 100 %', () => {
    expect(reconnectDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(reconnectDelayMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(reconnectDelayMs(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(reconnectDelayMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });

  test('the Ack carries our time and echoes id, sendTime, type and mallID; an id beyond 2^53 goes back as the bare number', () => {
    const raw =
      '{"commandType":"Common","id":123456789012345678901,"sendTime":1764000000123,"message":{"type":"t","mallID":7,"content":"{}"}}';
    const frame = {
      commandType: 'Common' as const,
      id: '123456789012345678901',
      sendTime: 1764000000123,
      message: { type: 't', mallID: 7, content: '{}' },
    };
    expect(pddAckText(frame, raw, 5)).toBe(
      '{"id":123456789012345678901,"commandType":"Ack","time":5,"sendTime":1764000000123,"type":"t","mallID":7}',
    );
    expect(JSON.parse(pddAckText({ ...frame, id: 42, sendTime: '1764000000999' }, '', 5))).toEqual({
      id: 42,
      commandType: 'Ack',
      time: 5,
      sendTime: 1764000000999,
      type: 't',
      mallID: 7,
    });
  });

  test('signs the URL, sends heartbeats, stores a Common message and only then acks it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const stored: InboundEvent[] = [];
    const n = server.connections.length;
    const { c } = client({
      store: async (events) => {
        await gate;
        stored.push(...events);
        return events.length;
      },
    });
    const conn = await server.connection(n);
    expect(conn.clientId).toBe(shop.appKey);
    expect(Math.abs(Number(conn.timestamp) - Date.now())).toBeLessThan(5000);
    expect(conn.signature).toBe(signPddPush(shop.appKey, conn.timestamp, shop.appSecret));
    const beat = await conn.waitFor((f) => f.commandType === 'HeartBeat');
    expect(typeof beat.time).toBe('number');
    await until(() => conn.frames.filter((f) => f.commandType === 'HeartBeat').length >= 3);

    const frame = pddCommonFrame(1001, refund(9876543210));
    conn.send(frame);
    await until(() => c.status().received === 1);
    await new Promise((r) => setTimeout(r, 60));
    expect(acks(conn)).toHaveLength(0); // not stored yet: no ack
    release();
    const ack = await conn.waitFor((f) => f.commandType === 'Ack');
    expect(ack).toMatchObject({ id: 1001, type: 'pdd_refund_RefundCreated', mallID: 445566 });
    // The frame's own sendTime comes back; our clock goes in `time`.
    expect(ack.sendTime).toBe(frame.sendTime);
    expect(typeof ack.time).toBe('number');

    // The same event as the HTTP relay makes of the same frame.
    const ts = String(Date.now());
    const relay = pinduoduoAdapter.acceptPush(
      {
        rawBody: Buffer.from(JSON.stringify(frame)),
        headers: { 'x-pdd-timestamp': ts, 'x-pdd-sign': signPddPush(shop.appKey, ts, shop.appSecret) },
        now: new Date(Number(ts)),
      },
      // The message service's own sig covers no body: compared here with the legacy relay scheme.
      { ...shop, settings: { pddRelaySignature: 'legacy' } },
    );
    expect(relay.ok).toBe(true);
    expect(stored).toEqual(relay.ok ? relay.events : []);
    expect(c.status()).toMatchObject({ connected: true, received: 1, stored: 1, acked: 1, reconnects: 0 });
    expect(c.status().lastFrameAt).not.toBeNull();
  });

  test('a malformed frame is skipped and the next one processed', async () => {
    const n = server.connections.length;
    const { c, stored } = client();
    const conn = await server.connection(n);
    conn.send('this is not json');
    conn.send({ commandType: 'Common', id: 1 }); // no message
    conn.send(pddCommonFrame(2, { no_refund_id: true }, { mallID: 999 })); // another mall
    conn.send({ commandType: 'Common', id: 3, message: { type: 'x', content: '{broken' } });
    conn.send([1, 2]);
    conn.send({ commandType: 'HeartBeat', time: 1 }); // an answer to ours: nothing to do
    conn.send(pddCommonFrame(4, refund(4)));
    const ack = await conn.waitFor((f) => f.commandType === 'Ack');
    expect(ack.id).toBe(4);
    expect(stored.map((e) => e.externalEventId)).toEqual(['4']);
    expect(acks(conn)).toHaveLength(1);
    expect(c.status()).toMatchObject({ malformed: 5, received: 1, acked: 1, connected: true });
  });

  test('a store failure is not acknowledged; the redelivery is stored and acked', async () => {
    const n = server.connections.length;
    let failures = 1;
    const { c } = client({
      store: async (events) => {
        if (failures-- > 0) throw new Error('database is down');
        return events.length;
      },
    });
    const conn = await server.connection(n);
    conn.send(pddCommonFrame(77, refund(77)));
    await until(() => c.status().lastError !== null);
    expect(c.status().lastError).toContain('database is down');
    await new Promise((r) => setTimeout(r, 60));
    expect(acks(conn)).toHaveLength(0);
    conn.send(pddCommonFrame(77, refund(77))); // the platform redelivers
    const ack = await conn.waitFor((f) => f.commandType === 'Ack');
    expect(ack.id).toBe(77);
    expect(acks(conn)).toHaveLength(1);
  });

  test('reconnects with a fresh signature after the server drops it, and goes on', async () => {
    const n = server.connections.length;
    const { c, stored } = client();
    const first = await server.connection(n);
    first.send(pddCommonFrame(10, refund(10)));
    await first.waitFor((f) => f.commandType === 'Ack');
    first.drop();
    const second = await server.connection(n + 1);
    expect(second.signature).toBe(signPddPush(shop.appKey, second.timestamp, shop.appSecret));
    await until(() => c.status().connected);
    second.send(pddCommonFrame(11, refund(11)));
    await second.waitFor((f) => f.commandType === 'Ack' && f.id === 11);
    expect(stored.map((e) => e.externalEventId)).toEqual(['10', '11']);
    expect(c.status().reconnects).toBe(1);
  });

  test('a silent connection (no frames, no pongs) is presumed dead and replaced', async () => {
    const n = server.connections.length;
    const { c } = client({ heartbeatMs: 20, deadAfterMs: 60 });
    const first = await server.connection(n);
    // Stop reading: no pongs and no frames reach the client any more.
    first.socket.pause();
    const second = await server.connection(n + 1, 3000);
    expect(second).toBeDefined();
    await until(() => c.status().connected && c.status().reconnects >= 1);
    expect(c.status().lastError).toContain('presumed dead');
  });

  test('a refused handshake (bad secret) is retried with back-off and reported', async () => {
    const refusedBefore = server.refused;
    const { c } = client({ shop: { ...shop, appSecret: 'wrong' } });
    await until(() => server.refused >= refusedBefore + 3);
    const s = c.status();
    expect(s.connected).toBe(false);
    expect(s.lastError).toContain('401');
  });

  test('the back-off grows while connecting fails and starts again after a stable connection', async () => {
    // Two app keys the server refuses until told otherwise.
    const delayAfterDrop = async (appKey: string, stableAfterMs: number) => {
      const refusedBefore = server.refused;
      const { c } = client({
        shop: { ...shop, appKey },
        backoffBaseMs: 5,
        backoffMaxMs: 5000,
        stableAfterMs,
        random: () => 1,
      });
      // Refused 4 times (delays 5, 10, 20, 40 ms): without a reset the delay after the drop is 80 ms or more.
      await until(() => server.refused >= refusedBefore + 4 && (c.status().retryDelayMs ?? 0) >= 40, 5000);
      secrets[appKey] = shop.appSecret;
      await until(() => c.status().connected, 5000);
      expect(c.status().nextRetryAt).toBeNull();
      await new Promise((r) => setTimeout(r, 40));
      const conn = server.connections.filter((x) => x.clientId === appKey).at(-1)!;
      conn.drop();
      await until(() => !c.status().connected);
      const delay = c.status().retryDelayMs;
      await c.stop();
      return delay;
    };
    expect(await delayAfterDrop('pdd-stable', 10)).toBe(5);
    expect(await delayAfterDrop('pdd-flappy', 60_000)).toBeGreaterThanOrEqual(80);
  });

  test('stop() closes the connection and ends reconnecting', async () => {
    const n = server.connections.length;
    const { c } = client();
    const conn = await server.connection(n);
    await c.stop();
    await conn.closed;
    await new Promise((r) => setTimeout(r, 80));
    expect(server.connections).toHaveLength(n + 1);
    expect(c.status().connected).toBe(false);
  });
});
