import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';

// One SKU sold in two shops (a product record per shop, as the imports make them) is one row of
// "by SKU", and its drill-down holds the cases of both; a rate on few orders is flagged, not ranked.
const clock = fixedClock('2026-03-10T02:00:00Z');
const range = 'from=2026-03-01&to=2026-03-10';
let t: TestApp;
let a: TestClient;
let b: TestClient;
const skuIds: string[] = [];
const caseIds: string[] = [];

async function ok<T = Record<string, unknown>>(
  client: TestClient,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
) {
  const res = await client.request(method, url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
  for (const [platform, name, orders] of [
    ['douyin', '抖店旗舰店', 3],
    ['pinduoduo', '拼多多店', 2],
  ] as const) {
    const shopId = (
      await ok<{ id: string }>(a, 'POST', '/api/v1/shops', { platform, name, appKey: 'k', appSecret: 's' })
    ).id;
    const product = await ok<{ skus: { id: string }[] }>(a, 'POST', '/api/v1/products', {
      name: `保温杯 ${platform}`,
      category: '家居日用',
      supplier: '永康杯业',
      skus: [{ code: 'CUP-500', name: '500ml 白色', priceFen: 89_00 }],
    });
    const skuId = product.skus[0]!.id;
    skuIds.push(skuId);
    const placed: string[] = [];
    for (let i = 0; i < orders; i++) {
      placed.push(
        (
          await ok<{ id: string }>(a, 'POST', '/api/v1/orders', {
            shopId,
            externalId: `O-${platform}-${i}`,
            paidAt: '2026-03-02T04:00:00Z',
            items: [{ skuId, name: '保温杯 500ml', quantity: 1, unitPriceFen: 89_00, batch: 'B1' }],
          })
        ).id,
      );
    }
    caseIds.push(
      (
        await ok<{ id: string }>(a, 'POST', '/api/v1/tickets', {
          customer: { name: '王女士' },
          kind: 'complaint',
          channel: 'platform_message',
          subject: '杯盖漏水',
          body: '杯盖漏水，包里全湿了',
          shopId,
          orderId: placed[0],
          categories: ['quality_defect'],
        })
      ).id,
    );
  }
}, 120_000);

const rowsOf = async (client: TestClient, url: string) =>
  await ok<{ minOrders: number; rows: Record<string, unknown>[] }>(client, 'GET', url);

describe('quality by SKU', () => {
  test('the same SKU code in two shops is one row, its orders and complaints summed', async () => {
    const { rows } = await rowsOf(a, `/api/v1/analytics/quality?groupBy=sku&${range}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orders: 5, complaints: 2, complaintsPer1000Orders: 400 });
    expect(skuIds).toContain(rows[0]!.key);
    expect(rows[0]!.label).toContain('CUP-500');
    const batches = (await rowsOf(a, `/api/v1/analytics/quality?groupBy=batch&${range}`)).rows;
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ orders: 5, complaints: 2 });
  });

  test('its drill-down and trend hold both shops', async () => {
    const { rows } = await rowsOf(a, `/api/v1/analytics/quality?groupBy=sku&${range}`);
    const key = rows[0]!.key as string;
    const drill = await ok<{ items: { id: string }[] }>(
      a,
      'GET',
      `/api/v1/analytics/quality/cases?groupBy=sku&key=${key}&${range}`,
    );
    expect(drill.items.map((i) => i.id).sort()).toEqual([...caseIds].sort());
    const trend = await ok<{ points: { orders: number; complaints: number }[] }>(
      a,
      'GET',
      `/api/v1/analytics/quality/trend?groupBy=sku&key=${key}&${range}`,
    );
    expect(trend.points.reduce((s, p) => s + p.orders, 0)).toBe(5);
    expect(trend.points.reduce((s, p) => s + p.complaints, 0)).toBe(2);
    const batch = await ok<{ items: { id: string }[] }>(
      a,
      'GET',
      `/api/v1/analytics/quality/cases?groupBy=batch&key=${key}|B1&${range}`,
    );
    expect(batch.items).toHaveLength(2);
  });

  test('a rate on fewer orders than the floor is flagged; the floor can be asked for', async () => {
    const byDefault = await rowsOf(a, `/api/v1/analytics/quality?groupBy=sku&${range}`);
    expect(byDefault.minOrders).toBe(30);
    expect(byDefault.rows[0]).toMatchObject({ orders: 5, smallSample: true });
    const low = await rowsOf(a, `/api/v1/analytics/quality?groupBy=sku&minOrders=5&${range}`);
    expect(low.minOrders).toBe(5);
    expect(low.rows[0]).toMatchObject({ smallSample: false });
    for (const bad of ['0', '-3', 'abc', '2.5']) {
      const res = await a.request('GET', `/api/v1/analytics/quality?groupBy=sku&minOrders=${bad}&${range}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
  });

  test('another tenant sees none of it, by key or by SKU', async () => {
    expect((await rowsOf(b, `/api/v1/analytics/quality?groupBy=sku&${range}`)).rows).toEqual([]);
    const drill = await ok<{ items: unknown[] }>(
      b,
      'GET',
      `/api/v1/analytics/quality/cases?groupBy=sku&key=${skuIds[0]}&${range}`,
    );
    expect(drill.items).toEqual([]);
  });
});
