import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_CARE_SETTINGS } from './care/care-rules.js';
import { createTestApp, type TestApp, type TestClient } from './http/test-app.js';
import type { SimShop } from './ingest/simulator/signed-pushes.js';
import { BUILT_IN_REVIEWS } from './ingest/simulator/texts.js';
import { createDeliveryPlan } from './ingest/simulator/traffic.js';
import { createShop, deliverPlanned, drain, type TestShop } from './ingest/testing.js';

/**
 * A transaction is one pg client, which runs one query at a time: a second query issued while one is
 * running (Promise.all over a transaction's scope) is queued by pg 8, which deprecates it (gone in
 * pg 9). pg warns only from the third at once, and once per process, so this counts every overlap
 * itself (a query on a client not ready for one) while the case pipeline (every step with something
 * to read), an inbox batch and the care worker run. PostgreSQL only: PGlite queues them itself.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);
const DAY = 86_400_000;

type Busy = { readyForQuery?: boolean };
const query = pg.Client.prototype.query;
const overlaps: string[] = [];

let t: TestApp;
let a: TestClient;
let supervisor: TestClient;
let shop: TestShop;
let order: { customerId: string; orderId: string };

const ok = async (client: TestClient, method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
  const res = await client.request(method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
};

describe.skipIf(!onPostgres)('no two queries at once on one transaction (PostgreSQL)', () => {
  beforeAll(async () => {
    pg.Client.prototype.query = function (this: pg.Client & Busy, ...args: unknown[]) {
      if (this.readyForQuery === false) {
        const q = args[0] as string | { text?: string };
        overlaps.push((typeof q === 'string' ? q : (q?.text ?? '')).slice(0, 160));
      }
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;

    t = await createTestApp();
    a = await t.signup('A');
    supervisor = await a.addUser('supervisor');
    shop = await createShop(a, 'douyin', { externalShopId: '770001' });
    const product = await ok(a, 'POST', '/api/v1/products', {
      name: '玻璃保温杯',
      shopId: shop.id,
      skus: [{ code: 'CUP-400', name: '保温杯 400ml', priceFen: 89_00 }],
    });
    const customer = await ok(a, 'POST', '/api/v1/customers', {
      name: '李先生',
      shopId: shop.id,
      externalId: 'b-1',
    });
    const placed = await ok(a, 'POST', '/api/v1/orders', {
      shopId: shop.id,
      externalId: 'DY770001',
      customerId: customer.id,
      status: 'delivered',
      paidAt: new Date(Date.now() - 5 * DAY).toISOString(),
      shippedAt: new Date(Date.now() - 4 * DAY).toISOString(),
      deliveredAt: new Date(Date.now() - 2 * DAY).toISOString(),
      carrier: '中通快递',
      trackingNo: 'ZT7700112233',
      items: [
        { skuId: product.skus[0].id, name: '保温杯 400ml', quantity: 1, unitPriceFen: 89_00, batch: 'B1' },
      ],
    });
    order = { customerId: customer.id, orderId: placed.id };
    // The steps that read something only when switched on: the assistant, a recall buyers may ask about.
    await ok(supervisor, 'PUT', '/api/v1/assistant/settings', {
      enabled: true,
      threshold: 0.75,
      channels: ['live_chat', 'platform_message'],
      intents: ['where_is_parcel', 'ship_time', 'return_how', 'how_to_use'],
      shipWithinHours: 48,
      publicBaseUrl: 'https://shop.example.cn',
    });
    const recall = await ok(a, 'POST', '/api/v1/recalls', {
      title: '保温杯 B1 批次召回',
      hazard: '杯盖可能松脱。',
      scope: { batches: ['B1'] },
    });
    await ok(a, 'PUT', `/api/v1/recalls/${recall.id}/statement`, {
      locale: 'zh-CN',
      text: '召回公告：请停止使用。',
    });
    await ok(a, 'POST', `/api/v1/recalls/${recall.id}/status`, { status: 'announced' });
    overlaps.length = 0;
  });

  afterAll(() => {
    pg.Client.prototype.query = query;
  });

  test('the count sees two queries at once on a transaction', async () => {
    await t.database.db.transaction(async (tx) => {
      await Promise.all([tx.execute(sql`select pg_sleep(0.05)`), tx.execute(sql`select 1`)]);
    });
    expect(overlaps).toEqual(['select 1']);
    overlaps.length = 0;
    // On the pool, each query has a client of its own.
    const db = t.database.db;
    await Promise.all([db.execute(sql`select pg_sleep(0.05)`), db.execute(sql`select 1`)]);
    expect(overlaps).toEqual([]);
  });

  test('a buyer question, a public reply, an inbox batch and the care worker: one query at a time', async () => {
    overlaps.length = 0;
    // Triage, the assistant and the recall queue read the order, the buyer and the knowledge base.
    await ok(a, 'POST', '/api/v1/tickets', {
      kind: 'inquiry',
      channel: 'live_chat',
      subject: '快递',
      body: '我的快递到哪了？是不是召回的那批杯子',
      shopId: shop.id,
      ...order,
    });
    // A reply in public is checked against the case's order and buyer.
    const review = await ok(a, 'POST', '/api/v1/tickets', {
      kind: 'negative_review',
      channel: 'review',
      subject: '杯盖拧不紧',
      body: '杯盖拧不紧，会漏水',
      shopId: shop.id,
      ...order,
    });
    await ok(a, 'POST', `/api/v1/tickets/${review.id}/messages`, {
      direction: 'outbound',
      body: '非常抱歉给您带来不便，我们马上为您处理。',
    });
    // Webhooks: the whole pipeline, one transaction per tenant's batch.
    const shops: SimShop[] = [{ ...shop, externalShopId: '770001' }];
    const plan = createDeliveryPlan(
      { shops, duplicateShare: 0, outOfOrderShare: 0, seed: 7, texts: BUILT_IN_REVIEWS },
      () => Date.now(),
    );
    await deliverPlanned(t, plan, 30);
    await drain(t, 200);
    // The care worker, in one transaction per tenant: a delivered order's care message, a closed case's follow-up.
    await ok(a, 'POST', `/api/v1/tickets/${review.id}/status`, {
      status: 'closed',
      rootCause: 'customer_misuse',
    });
    await t.database.db.execute(
      sql`update tickets set closed_at = ${new Date(Date.now() - 4 * DAY).toISOString()}::timestamptz where id = ${review.id}`,
    );
    await ok(supervisor, 'PUT', '/api/v1/care/settings', {
      ...DEFAULT_CARE_SETTINGS,
      enabled: true,
      followUpEnabled: true,
      holdoutPercent: 0,
    });
    const run = await ok(supervisor, 'POST', '/api/v1/care/run');
    expect(run.looked).toBeGreaterThan(0);
    expect(overlaps).toEqual([]);
  });
});
