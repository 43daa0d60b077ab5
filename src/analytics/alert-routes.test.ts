import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';

const clock = fixedClock('2026-03-10T02:00:00Z');
let t: TestApp;
let a: TestClient;
let b: TestClient;
let skuId: string;

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
  const shopId = (
    await ok<{ id: string }>(a, 'POST', '/api/v1/shops', {
      platform: 'taobao',
      name: '淘宝店',
      appKey: 'k',
      appSecret: 's',
    })
  ).id;
  const product = await ok<{ skus: { id: string }[] }>(a, 'POST', '/api/v1/products', {
    name: '暖手宝',
    category: '家用电器',
    supplier: '义乌暖暖厂',
    skus: [{ code: 'NS-1', name: '暖手宝 粉色', priceFen: 59_00 }],
  });
  skuId = product.skus[0]!.id;
  const orders: string[] = [];
  for (let i = 0; i < 12; i++) {
    const order = await ok<{ id: string }>(a, 'POST', '/api/v1/orders', {
      shopId,
      externalId: `NS-${i}`,
      paidAt: '2026-03-06T04:00:00Z',
      items: [
        {
          skuId,
          name: '暖手宝',
          quantity: 1,
          unitPriceFen: 59_00,
          batch: 'B2603-07',
          supplier: '义乌暖暖厂',
        },
      ],
    });
    orders.push(order.id);
  }
  for (let i = 0; i < 4; i++) {
    await ok(a, 'POST', '/api/v1/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '暖手宝充电时冒烟',
      body: '充电的时候冒烟了，有焦味',
      shopId,
      orderId: orders[i],
      categories: ['safety_hazard'],
      customer: { name: `买家${i}` },
    });
  }
}, 120_000);

describe('early warning', () => {
  let alertId: string;

  test('four safety complaints on one batch raise a possible recall with its evidence', async () => {
    const { items } = await ok<{ items: Record<string, unknown>[] }>(a, 'GET', '/api/v1/analytics/alerts');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      skuId,
      batch: 'B2603-07',
      signal: 'safety',
      status: 'open',
      observed: 4,
    });
    expect(items[0]!.sku).toContain('NS-1');
    expect((items[0]!.evidence as { caseIds: string[] }).caseIds).toHaveLength(4);
    expect(items[0]!.pValue as number).toBeLessThan(0.01);
    alertId = String(items[0]!.id);
    // Running the test again refreshes the same alert.
    expect((await ok<{ items: unknown[] }>(a, 'GET', '/api/v1/analytics/alerts')).items).toHaveLength(1);
  });

  test('another tenant neither sees nor acts on the alert', async () => {
    expect((await ok<{ items: unknown[] }>(b, 'GET', '/api/v1/analytics/alerts')).items).toEqual([]);
    expect((await b.request('POST', `/api/v1/analytics/alerts/${alertId}/dismiss`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/analytics/alerts/${alertId}/recall`, {})).statusCode).toBe(404);
  });

  test('bad ids are a 400, an agent a 403', async () => {
    expect((await a.request('POST', '/api/v1/analytics/alerts/not-an-id/recall', {})).statusCode).toBe(400);
    expect(
      (await a.request('POST', `/api/v1/analytics/alerts/${alertId}/recall`, { locale: 'fr' })).statusCode,
    ).toBe(400);
    const agent = await a.addUser('agent');
    expect((await agent.request('GET', '/api/v1/analytics/alerts')).statusCode).toBe(403);
  });

  test('the alert opens a draft recall for the SKU and batch, and is not raised again', async () => {
    const { recallId } = await ok<{ recallId: string }>(
      a,
      'POST',
      `/api/v1/analytics/alerts/${alertId}/recall`,
      {},
    );
    const recall = await ok<Record<string, unknown>>(a, 'GET', `/api/v1/recalls/${recallId}`);
    expect(recall).toMatchObject({ status: 'draft', source: 'safety_spike' });
    expect(recall.scope).toMatchObject({ skuIds: [skuId], batches: ['B2603-07'] });
    expect(String(recall.title)).toContain('B2603-07');
    const { items } = await ok<{ items: Record<string, unknown>[] }>(a, 'GET', '/api/v1/analytics/alerts');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'recall_opened', recallId });
    expect((await a.request('POST', `/api/v1/analytics/alerts/${alertId}/dismiss`)).statusCode).toBe(404);
  });
});
