import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopId: string;
let order: { id: string; externalId: string; items: { id: string; skuId: string; name: string }[] };
let other: { id: string; items: { id: string }[] };
let bOrder: { id: string; items: { id: string }[] };

async function anOrder(client: TestClient, shop: string, externalId: string) {
  const product = (
    await client.request('POST', '/api/v1/products', {
      name: '保温杯',
      shopId: shop,
      skus: [
        { code: 'CUP-350', name: '保温杯 350ml', priceFen: 59_00 },
        { code: 'CUP-500', name: '保温杯 500ml', priceFen: 79_00 },
      ],
    })
  ).json();
  const res = await client.request('POST', '/api/v1/orders', {
    shopId: shop,
    externalId,
    items: product.skus.map((s: { id: string; name: string; priceFen: number }) => ({
      skuId: s.id,
      name: s.name,
      quantity: 1,
      unitPriceFen: s.priceFen,
      batch: 'B1',
    })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  shopId = (
    await a.request('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖店',
      appKey: 'k',
      appSecret: 's',
    })
  ).json().id;
  const bShop = (await b.request('POST', '/api/v1/shops', { platform: 'manual', name: 'B 店' })).json().id;
  order = await anOrder(a, shopId, '6920123456789012345');
  other = await anOrder(a, shopId, '6920999999999999999');
  bOrder = await anOrder(b, bShop, '6920123456789099999');
}, 120_000);

const aCase = (extra: Record<string, unknown>) => ({
  kind: 'complaint',
  channel: 'hotline',
  subject: '保温杯不保温',
  shopId,
  ...extra,
});

describe('finding an order by its number', () => {
  test('the start of the number finds the tenant’s orders only, with their lines by id', async () => {
    const found = (await a.request('GET', '/api/v1/orders?q=69201234')).json().items;
    expect(found.map((o: { externalId: string }) => o.externalId)).toEqual(['6920123456789012345']);
    expect((await a.request('GET', '/api/v1/orders?q=6920&limit=10')).json().items).toHaveLength(2);
    expect((await a.request('GET', `/api/v1/orders?q=6920&shopId=${shopId}`)).json().items).toHaveLength(2);
    // B's order starts alike; A never sees it, B never sees A's.
    expect((await b.request('GET', '/api/v1/orders?q=692012345678')).json().items).toEqual([
      expect.objectContaining({ externalId: '6920123456789099999' }),
    ]);
    // LIKE's wildcards are plain characters here.
    expect((await a.request('GET', '/api/v1/orders?q=%25')).json().items).toEqual([]);
    expect((await a.request('GET', '/api/v1/orders?q=_920')).json().items).toEqual([]);
  });

  test('bad queries are 400', async () => {
    for (const q of ['q=', `q=${'9'.repeat(101)}`, 'shopId=x', 'limit=0']) {
      const res = await a.request('GET', `/api/v1/orders?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('a case about one line of an order', () => {
  test('a case typed in by hand names the order and the SKU line; the figures count that SKU', async () => {
    const line = order.items.find((i) => i.name === '保温杯 350ml')!; // not the dearest line
    const res = await a.request(
      'POST',
      '/api/v1/tickets',
      aCase({ orderId: order.id, orderItemId: line.id }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ orderId: order.id, orderItemId: line.id });
    const cases = (
      await a.request('GET', `/api/v1/analytics/quality/cases?groupBy=sku&key=${line.skuId}&only=all`)
    ).json();
    expect(cases.items.map((c: { id: string }) => c.id)).toContain(res.json().id);
  });

  test('a line of another order, of another tenant or without its order is refused', async () => {
    const cases = [
      { orderId: order.id, orderItemId: other.items[0]!.id },
      { orderId: order.id, orderItemId: bOrder.items[0]!.id },
      { orderItemId: order.items[0]!.id },
      { orderId: order.id, orderItemId: 'not-a-uuid' },
    ];
    for (const extra of cases) {
      const res = await a.request('POST', '/api/v1/tickets', aCase(extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    // B cannot point a case at A's order or its line.
    const bCase = await b.request('POST', '/api/v1/tickets', {
      ...aCase({ orderId: order.id, orderItemId: order.items[0]!.id }),
      shopId: undefined,
    });
    expect(bCase.statusCode).toBe(404);
  });

  test('the line can be chosen later; another order clears it', async () => {
    const ticket = (await a.request('POST', '/api/v1/tickets', aCase({ orderId: order.id }))).json();
    expect(ticket.orderItemId).toBeNull();
    const line = order.items[1]!;
    const set = await a.request('PATCH', `/api/v1/tickets/${ticket.id}`, { orderItemId: line.id });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().orderItemId).toBe(line.id);
    const wrong = await a.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      orderItemId: other.items[0]!.id,
    });
    expect(wrong.statusCode).toBe(400);
    const moved = await a.request('PATCH', `/api/v1/tickets/${ticket.id}`, { orderId: other.id });
    expect(moved.json()).toMatchObject({ orderId: other.id, orderItemId: null });
    expect((await b.request('PATCH', `/api/v1/tickets/${ticket.id}`, { orderItemId: null })).statusCode).toBe(
      404,
    );
  });
});
