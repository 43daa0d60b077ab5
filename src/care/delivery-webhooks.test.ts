import { beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from '../channels/channel.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, drain, push, type TestShop } from '../ingest/testing.js';

// Care after delivery starts from the platforms' own delivery events: a signed push of each
// platform's delivered/signed-for event sets the order's deliveredAt, through the real inbox worker.

let t: TestApp;
let a: TestClient;
let b: TestClient;
const shops = {} as Record<Platform, TestShop>;
const DELIVERED_AT = 1_764_500_000; // 2025-11-30T10:53:20Z
let counter = 0;

const ok = async (client: TestClient, method: 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const res = await client.request(method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
};

async function anOrder(client: TestClient, shopId: string, externalId: string) {
  return (await ok(client, 'POST', '/api/v1/orders', {
    shopId,
    externalId,
    status: 'shipped',
    items: [{ name: '保温杯 400ml', quantity: 1, unitPriceFen: 89_00 }],
  })) as { id: string };
}

const orderOf = async (client: TestClient, id: string) =>
  (await client.request('GET', `/api/v1/orders/${id}`)).json() as { deliveredAt: string | null };

/** The platform's delivery event for an order, as it pushes it (before signing). */
function deliveryPush(platform: Platform, orderRef: string, at: number, type?: string): string {
  const id = `${Date.now()}${++counter}`;
  switch (platform) {
    case 'douyin':
      return JSON.stringify([
        {
          tag: '103',
          msg_id: id,
          data: JSON.stringify({ p_id: orderRef, shop_id: 1, complete_time: at }),
        },
      ]);
    case 'pinduoduo':
      return JSON.stringify({
        commandType: 'Common',
        id,
        sendTime: Date.now(),
        message: {
          type: type ?? 'pdd_trade_TradeConfirmed',
          mallID: 1,
          content: JSON.stringify({ tid: orderRef, modified: at }),
        },
      });
    case 'tiktok':
      return JSON.stringify({
        type: 1,
        tts_notification_id: id,
        shop_id: '1',
        timestamp: at,
        data: { order_id: orderRef, order_status: 'DELIVERED', update_time: at },
      });
    case 'taobao':
      return JSON.stringify({
        topic: type ?? 'taobao_trade_TradeSuccess',
        id,
        dataid: id,
        userid: 1,
        nick: 'shop',
        outtime: '2025-11-30 18:53:20',
        publisher: 'taobao',
        content: JSON.stringify({ tid: orderRef, modified: '2025-11-30 18:53:20' }),
      });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  for (const p of PLATFORMS) shops[p] = await createShop(a, p);
});

describe('delivery webhooks set deliveredAt', () => {
  test.each(PLATFORMS)('%s: the signed delivery event marks the order delivered at its time', async (p) => {
    const ref = `D${p}${Date.now()}`;
    const order = await anOrder(a, shops[p].id, ref);
    expect((await orderOf(a, order.id)).deliveredAt).toBeNull();
    const res = await push(t, shops[p], deliveryPush(p, ref, DELIVERED_AT));
    expect(res.statusCode).toBe(200);
    await drain(t);
    expect(new Date((await orderOf(a, order.id)).deliveredAt!).getTime()).toBe(DELIVERED_AT * 1000);
    // A later repeat of the event does not move the first delivery.
    await push(t, shops[p], deliveryPush(p, ref, DELIVERED_AT + 86_400));
    await drain(t);
    expect(new Date((await orderOf(a, order.id)).deliveredAt!).getTime()).toBe(DELIVERED_AT * 1000);
  });

  test('a delivery event for an order the shop does not know is processed and creates nothing', async () => {
    const res = await push(t, shops.tiktok, deliveryPush('tiktok', 'NO-SUCH-ORDER', DELIVERED_AT));
    expect(res.statusCode).toBe(200);
    await drain(t);
    const events = (await a.request('GET', `/api/v1/ingest/events?shopId=${shops.tiktok.id}`)).json()
      .items as { status: string }[];
    expect(events.every((e) => e.status === 'processed')).toBe(true);
    const orders = (await a.request('GET', '/api/v1/orders')).json().items as { externalId: string }[];
    expect(orders.some((o) => o.externalId === 'NO-SUCH-ORDER')).toBe(false);
  });

  test('another status of the same event type is no delivery', async () => {
    const ref = `S${Date.now()}`;
    const order = await anOrder(a, shops.tiktok.id, ref);
    const body = deliveryPush('tiktok', ref, DELIVERED_AT).replace('"DELIVERED"', '"IN_TRANSIT"');
    await push(t, shops.tiktok, body);
    await drain(t);
    expect((await orderOf(a, order.id)).deliveredAt).toBeNull();
  });

  test('a shop names its own delivery events (the defaults are UNCERTAIN)', async () => {
    const shop = await createShop(a, 'pinduoduo');
    const ref = `C${Date.now()}`;
    const order = await anOrder(a, shop.id, ref);
    await ok(a, 'PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { deliveryEvents: ['pdd_logistics_Signed'] },
    });
    // The default event is no longer a delivery for this shop; its own one is.
    await push(t, shop, deliveryPush('pinduoduo', ref, DELIVERED_AT));
    await drain(t);
    expect((await orderOf(a, order.id)).deliveredAt).toBeNull();
    await push(t, shop, deliveryPush('pinduoduo', ref, DELIVERED_AT, 'pdd_logistics_Signed'));
    await drain(t);
    expect(new Date((await orderOf(a, order.id)).deliveredAt!).getTime()).toBe(DELIVERED_AT * 1000);
    const bad = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { deliveryEvents: ['no spaces allowed'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  test("a tenant's delivery event never marks another tenant's order of the same number", async () => {
    const ref = `T${Date.now()}`;
    const shopB = await createShop(b, 'douyin');
    const orderB = await anOrder(b, shopB.id, ref);
    const orderA = await anOrder(a, shops.douyin.id, ref);
    await push(t, shops.douyin, deliveryPush('douyin', ref, DELIVERED_AT));
    await drain(t);
    expect((await orderOf(a, orderA.id)).deliveredAt).not.toBeNull();
    expect((await orderOf(b, orderB.id)).deliveredAt).toBeNull();
  });
});
