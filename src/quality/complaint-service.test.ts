import { beforeAll, expect, test } from 'vitest';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { linkComplaints } from './complaint-service.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopId: string;

const pause = () => new Promise((r) => setTimeout(r, 10));

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
});

const shirt = (title: string) => ({
  externalId: 'T-1',
  title,
  category: '男装',
  material: '棉65% 涤纶35%',
  priceFen: 7900,
  skuCodes: ['TS-1'],
});

test('a not-as-described complaint links to the listing as it was when the order was paid and raises a fix task for the claim', async () => {
  await a.request('POST', '/api/v1/listings', { shopId, listings: [shirt('纯棉短袖T恤 宽松 优衣库')] });
  const product = (
    await a.request('POST', '/api/v1/products', {
      name: '短袖T恤',
      shopId,
      skus: [{ code: 'TS-1', name: '短袖T恤 L', priceFen: 7900, supplier: '广州棉纺厂' }],
    })
  ).json();
  await pause();
  const order = (
    await a.request('POST', '/api/v1/orders', {
      shopId,
      externalId: 'O-1',
      paidAt: new Date().toISOString(),
      items: [{ skuId: product.skus[0].id, name: '短袖T恤 L', quantity: 1, unitPriceFen: 7900 }],
    })
  ).json();
  await pause();
  // The merchant changes the title after the order: the complaint still shows what the buyer saw.
  await a.request('POST', '/api/v1/listings', { shopId, listings: [shirt('棉混纺短袖T恤 宽松 优衣库')] });

  const ticket = (
    await a.request('POST', '/api/v1/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '与描述不符',
      body: '标题写的纯棉，收到一摸就是化纤的，还起球',
      shopId,
      orderId: order.id,
      categories: ['not_as_described'],
    })
  ).json();
  // The case pipeline linked it when the case was created; linking again changes nothing.
  expect(
    (await a.request('GET', `/api/v1/quality/complaint-links?ticketId=${ticket.id}`)).json().items,
  ).toHaveLength(1);
  const scope = scopeTo(t.database.db, a.tenantId);
  const cases = [
    { id: ticket.id, orderId: order.id, categories: ['not_as_described'], subject: '与描述不符' },
  ];
  await linkComplaints(scope, cases, new Date());

  const res = await a.request('GET', `/api/v1/quality/complaint-links?ticketId=${ticket.id}`);
  expect(res.json().items).toHaveLength(1);
  const link = res.json().items[0];
  expect(link).toMatchObject({
    claim: '纯棉',
    seenAfter: false,
    snapshot: { version: 1, content: { title: '纯棉短袖T恤 宽松 优衣库' } },
  });
  expect(link.snapshot.content.title.slice(link.claimStart, link.claimEnd)).toBe('纯棉');

  const tasks = (await a.request('GET', `/api/v1/quality/tasks?kind=fix_claim&status=open`)).json().items;
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ claim: '纯棉', ticketId: ticket.id, listingVersion: 1 });

  const supplier = (await a.request('GET', '/api/v1/suppliers?q=广州棉纺厂')).json().items[0];
  const detail = (await a.request('GET', `/api/v1/suppliers/${supplier.id}`)).json();
  expect(detail.claims).toEqual([
    { claim: '纯棉', listingId: link.listingId, title: '棉混纺短袖T恤 宽松 优衣库', complaints: 1 },
  ]);
  expect(detail.scorecard.defectComplaints).toBe(1);

  expect(
    (await b.request('GET', `/api/v1/quality/complaint-links?ticketId=${ticket.id}`)).json().items,
  ).toEqual([]);
  expect((await a.request('GET', '/api/v1/quality/complaint-links')).statusCode).toBe(400);
});

test('complaints of other categories or without an order are not linked', async () => {
  const scope = scopeTo(t.database.db, a.tenantId);
  const none = await linkComplaints(
    scope,
    [
      {
        id: '01900000-0000-7000-8000-000000000001',
        orderId: null,
        categories: ['not_as_described'],
        subject: 'x',
      },
      {
        id: '01900000-0000-7000-8000-000000000002',
        orderId: '01900000-0000-7000-8000-000000000003',
        categories: ['logistics_delay'],
        subject: 'x',
      },
    ],
    new Date(),
  );
  expect(none).toEqual([]);
});
