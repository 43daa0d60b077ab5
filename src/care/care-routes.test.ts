import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../auth/roles.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { systemClock } from '../shared/clock.js';
import { DEFAULT_CARE_SETTINGS } from './care-rules.js';
import { createCareService } from './care-service.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let supervisor: TestClient;
let douyinShop: string;
let tiktokShop: string;
let productId: string;
let skuId: string;

const ok = async (client: TestClient, method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
  const res = await client.request(method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
};
const DAY = 86_400_000;

async function aDelivery(shopId: string, over: { customerId?: string; daysAgo?: number } = {}) {
  const customerId =
    over.customerId ??
    (
      await ok(a, 'POST', '/api/v1/customers', {
        name: '王女士',
        shopId,
        externalId: `buyer-${Math.random().toString(36).slice(2)}`,
      })
    ).id;
  const externalId = `O${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const order = await ok(a, 'POST', '/api/v1/orders', {
    shopId,
    externalId,
    customerId,
    status: 'delivered',
    paidAt: new Date(Date.now() - 5 * DAY).toISOString(),
    shippedAt: new Date(Date.now() - 4 * DAY).toISOString(),
    deliveredAt: new Date(Date.now() - (over.daysAgo ?? 2) * DAY).toISOString(),
    items: [{ skuId, name: '保温杯 400ml', quantity: 1, unitPriceFen: 89_00 }],
  });
  return { customerId: customerId as string, orderId: order.id as string, externalId };
}

const range = () => ({
  from: new Date(Date.now() - 3_600_000).toISOString(),
  to: new Date(Date.now() + 3_600_000).toISOString(),
});
const messages = async (client: TestClient = a) => {
  const r = range();
  return (await client.request('GET', `/api/v1/care/messages?from=${r.from}&to=${r.to}`)).json().items as {
    id: string;
    orderId: string;
    group: string;
    state: string;
    skipReason: string | null;
    body: string | null;
    link: string | null;
    delivery: { state: string } | null;
  }[];
};
const ofOrder = async (orderId: string) => (await messages()).find((m) => m.orderId === orderId);

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  supervisor = await a.addUser('supervisor');
  const shop = (platform: string, name: string) =>
    ok(a, 'POST', '/api/v1/shops', { platform, name, appKey: 'k', appSecret: 's' });
  douyinShop = (await shop('douyin', '杯具旗舰店')).id;
  tiktokShop = (await shop('tiktok', 'Cup Store')).id;
  const product = await ok(a, 'POST', '/api/v1/products', {
    name: '玻璃保温杯',
    shopId: douyinShop,
    category: '家居/杯具',
    skus: [{ code: 'CUP-400', name: '保温杯 400ml', priceFen: 89_00 }],
  });
  productId = product.id;
  skuId = product.skus[0].id;
  const article = await ok(supervisor, 'POST', '/api/v1/kb/articles', {
    productId,
    kind: 'usage',
    locale: 'zh-CN',
    title: '保温杯使用说明',
    body: '## 使用方法\n首次使用前请用温水清洗。\n\n- 可以装开水，杯身耐热120℃\n- 不可放入微波炉',
  });
  await ok(supervisor, 'PATCH', `/api/v1/kb/articles/${article.id}`, { status: 'published' });
  await ok(supervisor, 'PUT', '/api/v1/care/settings', {
    ...DEFAULT_CARE_SETTINGS,
    enabled: true,
    holdoutPercent: 0,
    publicBaseUrl: 'https://shop.example.cn',
  });
}, 180_000);

describe('care after delivery', () => {
  test('a delivered order gets the usage tips and the link; without an API target a person sends it', async () => {
    const d = await aDelivery(douyinShop);
    const run = await ok(supervisor, 'POST', '/api/v1/care/run');
    expect(run.care).toBeGreaterThanOrEqual(1);
    const m = await ofOrder(d.orderId);
    expect(m).toMatchObject({ group: 'care', state: 'manual', delivery: null });
    expect(m!.body).toContain('「玻璃保温杯」已经签收');
    expect(m!.body).toContain('可以装开水');
    expect(m!.link).toMatch(/^https:\/\/shop\.example\.cn\/kb\/[0-9a-z]{12}$/);
    expect(m!.body).toContain(m!.link);
    // Looked at once: a second run leaves it alone.
    expect((await ok(supervisor, 'POST', '/api/v1/care/run')).looked).toBe(0);
    const done = await ok(a, 'POST', `/api/v1/care/messages/${m!.id}/sent-by-hand`);
    expect(done.state).toBe('sent_by_hand');
    expect((await a.request('POST', `/api/v1/care/messages/${m!.id}/sent-by-hand`)).statusCode).toBe(409);
  });

  test('with the buyer’s TikTok chat it is queued for the platform, and shows queued — not sent', async () => {
    const d = await aDelivery(tiktokShop);
    await t.database.db.execute(
      sql`insert into channel_cases (tenant_id, shop_id, external_ref, order_ref, updated_at)
          values (${a.tenantId}, ${tiktokShop}, 'chat:7788', ${d.externalId}, now())`,
    );
    await ok(supervisor, 'POST', '/api/v1/care/run');
    const m = await ofOrder(d.orderId);
    expect(m).toMatchObject({ group: 'care', state: 'queued', delivery: { state: 'queued' } });
  });

  test('a buyer gets at most one per 7 days; one who replied 退订 gets none', async () => {
    const first = await aDelivery(douyinShop);
    const second = await aDelivery(douyinShop, { customerId: first.customerId, daysAgo: 1 });
    await ok(supervisor, 'POST', '/api/v1/care/run');
    expect((await ofOrder(first.orderId))?.group).toBe('care');
    expect(await ofOrder(second.orderId)).toMatchObject({
      group: 'none',
      skipReason: 'rate_limited',
      body: null,
    });

    const buyer = await aDelivery(douyinShop, { daysAgo: 5 });
    await ok(a, 'POST', '/api/v1/tickets', {
      kind: 'inquiry',
      channel: 'platform_message',
      subject: '退订',
      body: '退订',
      shopId: douyinShop,
      customerId: buyer.customerId,
    });
    expect((await a.request('GET', `/api/v1/care/opt-outs/${buyer.customerId}`)).json()).toMatchObject({
      optedOut: true,
      source: 'buyer_reply',
    });
    await ok(supervisor, 'POST', '/api/v1/care/run');
    expect(await ofOrder(buyer.orderId)).toMatchObject({ group: 'none', skipReason: 'opted_out' });
  });

  test('the hold-out group gets nothing, and the report compares it with the care group', async () => {
    const held = createCareService({ db: t.database.db, clock: systemClock, roll: () => 0 });
    await ok(supervisor, 'PUT', '/api/v1/care/settings', {
      ...((await a.request('GET', '/api/v1/care/settings')).json() as Record<string, unknown>),
      holdoutPercent: 20,
    });
    const d = await aDelivery(douyinShop);
    const r = await held.run(systemActor(a.tenantId));
    expect(r.holdout).toBe(1);
    expect(await ofOrder(d.orderId)).toMatchObject({ group: 'holdout', state: 'skipped', body: null });
    await ok(a, 'POST', '/api/v1/tickets', {
      kind: 'return_request',
      channel: 'after_sales',
      subject: '杯子漏水',
      body: '杯子漏水，要退货',
      categories: ['quality_defect'],
      shopId: douyinShop,
      customerId: d.customerId,
      orderId: d.orderId,
    });
    const q = range();
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    const report = (await supervisor.request('GET', `/api/v1/care/report?from=${from}&to=${q.to}`)).json();
    expect(report.holdout).toEqual({ orders: 1, qualityReturns: 1, negativeReviews: 0 });
    expect(report.care.orders).toBeGreaterThanOrEqual(3);
    expect(report.enough).toBe(false);
    const quality = report.metrics.find((m: { metric: string }) => m.metric === 'qualityReturns');
    expect(quality.holdoutRate).toBe(100);
    expect(quality.differencePp).toBeLessThan(0);
  });

  test('bad input is a 400, agents cannot change settings, another tenant sees nothing', async () => {
    const current = (await a.request('GET', '/api/v1/care/settings')).json();
    const agent = await a.addUser('agent');
    expect((await agent.request('PUT', '/api/v1/care/settings', current)).statusCode).toBe(403);
    for (const bad of [
      { ...current, holdoutPercent: 90 },
      { ...current, limits: { douyin: { max: -1, days: 7 } } },
      { ...current, limits: { wechat: { max: 1, days: 7 } } },
      { ...current, publicBaseUrl: 'javascript:alert(1)' },
    ])
      expect((await supervisor.request('PUT', '/api/v1/care/settings', bad)).statusCode).toBe(400);
    const r = range();
    expect((await a.request('GET', `/api/v1/care/messages?from=${r.to}&to=${r.from}`)).statusCode).toBe(400);
    expect(
      (await a.request('GET', `/api/v1/care/messages?from=${r.from}&to=${r.to}&cursor=nope`)).statusCode,
    ).toBe(400);
    expect((await a.request('POST', '/api/v1/care/preview', { productId: 'x' })).statusCode).toBe(400);

    expect((await b.request('GET', '/api/v1/care/settings')).json().enabled).toBe(false);
    expect(await messages(b)).toEqual([]);
    const mine = (await messages())[0]!;
    expect((await b.request('POST', `/api/v1/care/messages/${mine.id}/sent-by-hand`)).statusCode).toBe(404);
    expect((await b.request('POST', '/api/v1/care/preview', { productId })).statusCode).toBe(404);
    expect(
      (
        await b.request('PUT', `/api/v1/care/products/${productId}`, {
          enabled: false,
          noteZh: null,
          noteEn: null,
        })
      ).statusCode,
    ).toBe(404);
    const buyer = (await aDelivery(douyinShop)).customerId;
    expect((await b.request('PUT', `/api/v1/care/opt-outs/${buyer}`)).statusCode).toBe(404);
    const report = (await b.request('GET', `/api/v1/care/report?from=${r.from}&to=${r.to}`)).json();
    expect(report.care.orders + report.holdout.orders).toBe(0);
  });

  test('a product switched off gets no care; its own note shows in the preview', async () => {
    await ok(supervisor, 'PUT', `/api/v1/care/products/${productId}`, {
      enabled: true,
      noteZh: '冬天第一次倒开水前，先用温水预热杯身。',
      noteEn: null,
    });
    const preview = await ok(a, 'POST', '/api/v1/care/preview', { productId });
    expect(preview.body).toContain('先用温水预热杯身');
    expect(preview.hasTips).toBe(true);
    const list = (await a.request('GET', '/api/v1/care/products')).json().items;
    expect(list.find((p: { productId: string }) => p.productId === productId)).toMatchObject({
      enabled: true,
      usageZh: true,
      usageEn: false,
    });
    await ok(supervisor, 'PUT', `/api/v1/care/products/${productId}`, {
      enabled: false,
      noteZh: null,
      noteEn: null,
    });
    const d = await aDelivery(douyinShop);
    await ok(supervisor, 'POST', '/api/v1/care/run');
    expect(await ofOrder(d.orderId)).toMatchObject({ group: 'none', skipReason: 'product_off' });
  });
});
