import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';

// Tuesday 2026-03-10 10:00 in Shanghai; the dashboards' default range ends today.
const clock = fixedClock('2026-03-10T02:00:00Z');
let t: TestApp;
let a: TestClient;
let b: TestClient;
let douyin: string;
let pdd: string;
let kettle: { id: string; skus: { id: string; code: string }[] };
const cases: Record<string, string> = {};

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

async function order(shopId: string, n: number, batch: string, skuIndex = 0) {
  return ok<{ id: string }>(a, 'POST', '/api/v1/orders', {
    shopId,
    externalId: `O-${shopId.slice(0, 4)}-${batch}-${n}-${skuIndex}`,
    paidAt: '2026-03-02T04:00:00Z',
    items: [
      {
        skuId: kettle.skus[skuIndex]!.id,
        name: '电热水壶',
        quantity: 1,
        unitPriceFen: 199_00,
        batch,
        supplier: '佛山美电器厂',
      },
    ],
  });
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
  douyin = (
    await ok<{ id: string }>(a, 'POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖店旗舰店',
      appKey: 'k',
      appSecret: 's',
    })
  ).id;
  pdd = (
    await ok<{ id: string }>(a, 'POST', '/api/v1/shops', {
      platform: 'pinduoduo',
      name: '拼多多店',
      appKey: 'k',
      appSecret: 's',
    })
  ).id;
  kettle = await ok(a, 'POST', '/api/v1/products', {
    name: '电热水壶',
    category: '家用电器',
    supplier: '佛山美电器厂',
    skus: [
      { code: 'KT-1', name: '1.5L 白色', priceFen: 199_00 },
      { code: 'KT-2', name: '1.8L 黑色', priceFen: 229_00 },
    ],
  });
  // 8 orders of batch B1 on Douyin, 4 of batch B2 on Pinduoduo (of which 2 of the second SKU).
  const b1 = [];
  for (let i = 0; i < 8; i++) b1.push(await order(douyin, i, 'B1'));
  const b2 = [];
  for (let i = 0; i < 4; i++) b2.push(await order(pdd, i, 'B2', i < 2 ? 0 : 1));
  const open = async (name: string, body: Record<string, unknown>) => {
    cases[name] = (
      await ok<{ id: string }>(a, 'POST', '/api/v1/tickets', { customer: { name: '王女士' }, ...body })
    ).id;
  };
  await open('leak', {
    kind: 'complaint',
    channel: 'platform_message',
    subject: '水壶漏电',
    body: '水壶漏电，手被电了一下',
    shopId: douyin,
    orderId: b1[0]!.id,
    categories: ['safety_hazard'],
  });
  await open('scratch', {
    kind: 'complaint',
    channel: 'platform_message',
    subject: '壶身有划痕',
    body: '收到的水壶壶身有划痕',
    shopId: douyin,
    orderId: b1[1]!.id,
    categories: ['quality_defect'],
  });
  await open('review', {
    kind: 'negative_review',
    channel: 'review',
    subject: '差评：烧水有异味',
    body: '烧水有塑料味',
    shopId: pdd,
    orderId: b2[0]!.id,
    categories: ['quality_defect'],
  });
  await open('question', {
    kind: 'inquiry',
    channel: 'live_chat',
    subject: '什么时候发货',
    body: '什么时候发货',
    shopId: pdd,
  });
  clock.advance(2 * 60_000);
  await ok(a, 'POST', `/api/v1/tickets/${cases.scratch}/messages`, { body: '非常抱歉，请拍照给我们看看。' });
  const offer = await ok<{ id: string; status: string }>(
    a,
    'POST',
    `/api/v1/tickets/${cases.scratch}/offers`,
    {
      remedy: 'partial_refund',
      amountFen: 30_00,
      couponFen: 10_00,
      orderId: b1[1]!.id,
    },
  );
  await ok(a, 'POST', `/api/v1/offers/${offer.id}/tell`, { via: 'phone' });
  await ok(a, 'POST', `/api/v1/offers/${offer.id}/accept`, {});
  await ok(a, 'POST', `/api/v1/tickets/${cases.scratch}/status`, {
    status: 'closed',
    rootCause: 'supplier_defect',
    resolution: '部分退款',
  });
}, 120_000);

const rowsOf = async (client: TestClient, url: string) =>
  (await ok<{ rows: Record<string, unknown>[] }>(client, 'GET', url)).rows;

describe('quality: complaints per 1,000 orders', () => {
  test('per SKU, the kettle leads with its complaints against its order lines', async () => {
    const rows = await rowsOf(a, '/api/v1/analytics/quality?groupBy=sku&from=2026-03-01&to=2026-03-10');
    const kt1 = rows.find((r) => r.key === kettle.skus[0]!.id)!;
    expect(kt1).toMatchObject({
      orders: 10,
      complaints: 2,
      complaintsPer1000Orders: 200,
      negativeReviews: 1,
    });
    expect(kt1.label).toContain('KT-1');
    expect(kt1.safetyComplaints).toBe(1);
    const kt2 = rows.find((r) => r.key === kettle.skus[1]!.id)!;
    expect(kt2).toMatchObject({ orders: 2, complaints: 0, complaintsPer1000Orders: 0 });
  });

  test('per batch, per supplier, per shop and per platform', async () => {
    const batches = await rowsOf(a, '/api/v1/analytics/quality?groupBy=batch&from=2026-03-01&to=2026-03-10');
    expect(batches.find((r) => r.key === `${kettle.skus[0]!.id}|B1`)).toMatchObject({
      orders: 8,
      complaints: 2,
      complaintsPer1000Orders: 250,
    });
    expect(batches.find((r) => r.key === `${kettle.skus[0]!.id}|B2`)).toMatchObject({
      orders: 2,
      complaints: 0,
      negativeReviews: 1,
    });
    const suppliers = await rowsOf(
      a,
      '/api/v1/analytics/quality?groupBy=supplier&from=2026-03-01&to=2026-03-10',
    );
    expect(suppliers).toHaveLength(1);
    expect(suppliers[0]).toMatchObject({ label: '佛山美电器厂', orders: 12, complaints: 2 });
    const shops = await rowsOf(a, '/api/v1/analytics/quality?groupBy=shop&from=2026-03-01&to=2026-03-10');
    expect(shops.find((r) => r.key === douyin)).toMatchObject({
      label: '抖店旗舰店',
      orders: 8,
      complaints: 2,
    });
    const platforms = await rowsOf(
      a,
      '/api/v1/analytics/quality?groupBy=platform&from=2026-03-01&to=2026-03-10',
    );
    expect(platforms.find((r) => r.key === 'pinduoduo')).toMatchObject({
      orders: 4,
      complaints: 0,
      negativeReviews: 1,
    });
  });

  test('a shop filter and a search by batch narrow the rows', async () => {
    const onlyPdd = await rowsOf(
      a,
      `/api/v1/analytics/quality?groupBy=batch&from=2026-03-01&to=2026-03-10&shopId=${pdd}`,
    );
    expect(onlyPdd.every((r) => String(r.key).endsWith('B2'))).toBe(true);
    const search = await rowsOf(
      a,
      '/api/v1/analytics/quality?groupBy=batch&from=2026-03-01&to=2026-03-10&q=b1',
    );
    expect(search.map((r) => r.key)).toEqual([`${kettle.skus[0]!.id}|B1`]);
  });

  test('the trend, the root-cause Pareto and the drill-down to the cases', async () => {
    const trend = await ok<{ points: { week: string; orders: number; complaints: number }[] }>(
      a,
      'GET',
      '/api/v1/analytics/quality/trend?from=2026-03-01&to=2026-03-10',
    );
    expect(trend.points.reduce((s, p) => s + p.complaints, 0)).toBe(2);
    expect(trend.points.find((p) => p.week === '2026-03-02')?.orders).toBe(12);
    const causes = await ok<{ rootCauses: { key: string; cumulativeShare: number }[] }>(
      a,
      'GET',
      '/api/v1/analytics/quality/causes?from=2026-03-01&to=2026-03-10',
    );
    expect(causes.rootCauses).toEqual([{ key: 'supplier_defect', count: 1, share: 1, cumulativeShare: 1 }]);
    const drill = await ok<{ items: { id: string; batch: string }[] }>(
      a,
      'GET',
      `/api/v1/analytics/quality/cases?groupBy=batch&key=${kettle.skus[0]!.id}|B1&only=safety&from=2026-03-01&to=2026-03-10`,
    );
    expect(drill.items.map((i) => i.id)).toEqual([cases.leak]);
  });
});

describe('money and service', () => {
  test('the accepted partial refund and its coupon count on the day they were decided', async () => {
    const rows = await rowsOf(a, '/api/v1/analytics/money?groupBy=sku&from=2026-03-01&to=2026-03-10');
    expect(rows.find((r) => r.key === kettle.skus[0]!.id)).toMatchObject({
      refundFen: 30_00,
      couponFen: 10_00,
      compensationFen: 0,
      cases: 1,
    });
    const months = await rowsOf(a, '/api/v1/analytics/money?groupBy=month&from=2026-03-01&to=2026-03-10');
    expect(months[0]).toMatchObject({ key: '2026-03', totalFen: 40_00 });
  });

  test('first responses per platform; the open inquiry is in the backlog', async () => {
    const rows = await rowsOf(a, '/api/v1/analytics/service?groupBy=platform&from=2026-03-01&to=2026-03-10');
    const dy = rows.find((r) => r.key === 'douyin')!;
    expect(dy).toMatchObject({ cases: 2 });
    expect(dy).toHaveProperty('firstResponseP50Ms');
    expect(dy).toHaveProperty('firstResponseP90Ms');
    expect(dy).toHaveProperty('slaMetShare');
    const backlog = await ok<{ rows: { key: string; open: number }[] }>(
      a,
      'GET',
      '/api/v1/analytics/service/backlog?groupBy=platform',
    );
    expect(backlog.rows.find((r) => r.key === 'pinduoduo')?.open).toBe(2);
  });
});

describe('bad input and other tenants', () => {
  test.each([
    ['/api/v1/analytics/quality?groupBy=colour'],
    ['/api/v1/analytics/quality?from=2026-03-10&to=2026-03-01'],
    ['/api/v1/analytics/quality?from=2024-01-01&to=2026-03-01'],
    ['/api/v1/analytics/quality?from=2026-02-30&to=2026-03-01'],
    ['/api/v1/analytics/quality?platform=amazon'],
    ['/api/v1/analytics/quality?shopId=nope'],
    ['/api/v1/analytics/quality/cases?cursor=%%%'],
    ['/api/v1/analytics/quality/cases?key=abc'],
    ['/api/v1/analytics/money?groupBy=colour'],
    ['/api/v1/analytics/service?groupBy=sku'],
    ['/api/v1/analytics/service/backlog?from=2026-03-01'],
  ])('%s is a 400 with a reason', async (url) => {
    const res = await a.request('GET', url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  test('an agent cannot read the dashboards', async () => {
    const agent = await a.addUser('agent');
    expect((await agent.request('GET', '/api/v1/analytics/quality')).statusCode).toBe(403);
  });

  test.each([
    '/api/v1/analytics/quality?groupBy=sku&from=2026-03-01&to=2026-03-10',
    '/api/v1/analytics/quality?groupBy=shop&from=2026-03-01&to=2026-03-10',
    '/api/v1/analytics/money?groupBy=platform&from=2026-03-01&to=2026-03-10',
    '/api/v1/analytics/service?groupBy=shop&from=2026-03-01&to=2026-03-10',
    '/api/v1/analytics/service/reviews?groupBy=shop&from=2026-03-01&to=2026-03-10',
    '/api/v1/analytics/service/backlog?groupBy=shop',
  ])('tenant B sees none of A in %s', async (url) => {
    expect(await rowsOf(b, url)).toEqual([]);
    expect(await rowsOf(b, `${url}&shopId=${douyin}`)).toEqual([]);
  });

  test('tenant B gets no trend, causes or cases of A, even naming A’s keys', async () => {
    const trend = await ok<{ points: { complaints: number; orders: number }[] }>(
      b,
      'GET',
      '/api/v1/analytics/quality/trend?from=2026-03-01&to=2026-03-10',
    );
    expect(trend.points).toEqual([]);
    const causes = await ok<{ rootCauses: unknown[]; categories: unknown[] }>(
      b,
      'GET',
      '/api/v1/analytics/quality/causes?from=2026-03-01&to=2026-03-10',
    );
    expect(causes).toMatchObject({ rootCauses: [], categories: [] });
    const drill = await ok<{ items: unknown[] }>(
      b,
      'GET',
      `/api/v1/analytics/quality/cases?groupBy=sku&key=${kettle.skus[0]!.id}&from=2026-03-01&to=2026-03-10`,
    );
    expect(drill.items).toEqual([]);
    const trendOfA = await ok<{ points: unknown[] }>(
      b,
      'GET',
      `/api/v1/analytics/service/trend?groupBy=shop&from=2026-03-01&to=2026-03-10`,
    );
    expect(trendOfA.points).toEqual([]);
  });
});

describe('exports', () => {
  test('every table exports as CSV and XLSX with the filters on screen', async () => {
    for (const table of ['quality', 'money', 'service', 'backlog', 'reviews', 'root-causes', 'categories']) {
      const csv = await a.request(
        'GET',
        `/api/v1/analytics/export?table=${table}&from=2026-03-01&to=2026-03-10`,
      );
      expect(csv.statusCode, table).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const xlsx = await a.request(
        'GET',
        `/api/v1/analytics/export?table=${table}&format=xlsx&from=2026-03-01&to=2026-03-10`,
      );
      expect(xlsx.statusCode, table).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    const csv = await a.request(
      'GET',
      '/api/v1/analytics/export?table=quality&groupBy=supplier&from=2026-03-01&to=2026-03-10',
    );
    expect(csv.body).toContain('佛山美电器厂,12,2,166.7');
  });

  test('a wrong grouping for the table is a 400; tenant B exports none of A', async () => {
    const bad = await a.request('GET', '/api/v1/analytics/export?table=service&groupBy=sku');
    expect(bad.statusCode).toBe(400);
    const other = await b.request(
      'GET',
      `/api/v1/analytics/export?table=quality&groupBy=supplier&from=2026-03-01&to=2026-03-10&shopId=${douyin}`,
    );
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('佛山');
    expect(other.body.trim().split('\r\n')).toHaveLength(1);
  });
});

describe('what the buyer said afterwards', () => {
  test('a CSAT answer and a review revised to five stars show in the service figures', async () => {
    const csat = await a.request('POST', '/api/v1/analytics/feedback', {
      ticketId: cases.scratch,
      kind: 'csat',
      score: 4,
    });
    expect(csat.statusCode).toBe(201);
    await ok(a, 'POST', `/api/v1/tickets/${cases.review}/messages`, {
      body: '抱歉给您带来不好的体验，已为您安排换货。',
    });
    const revised = await a.request('POST', '/api/v1/analytics/feedback', {
      ticketId: cases.review,
      kind: 'review_revision',
      score: 5,
      previousScore: 1,
    });
    expect(revised.statusCode).toBe(201);
    const service = await rowsOf(
      a,
      '/api/v1/analytics/service?groupBy=platform&from=2026-03-01&to=2026-03-10',
    );
    expect(service.find((r) => r.key === 'douyin')).toMatchObject({ csatAverage: 4, csatAnswers: 1 });
    const reviews = await rowsOf(
      a,
      '/api/v1/analytics/service/reviews?groupBy=platform&from=2026-03-01&to=2026-03-10',
    );
    expect(reviews.find((r) => r.key === 'pinduoduo')).toMatchObject({
      negativeReviews: 1,
      turnedPositive: 1,
    });
  });

  test('bad feedback is a 400; another tenant’s case is a 404', async () => {
    for (const body of [
      { ticketId: cases.scratch, kind: 'csat', score: 6 },
      { ticketId: cases.scratch, kind: 'review_revision', score: 5 },
      { ticketId: 'nope', kind: 'csat', score: 3 },
      { ticketId: cases.scratch, kind: 'csat', score: 3, at: '2030-01-01' },
    ]) {
      expect((await a.request('POST', '/api/v1/analytics/feedback', body)).statusCode).toBe(400);
    }
    expect(
      (
        await b.request('POST', '/api/v1/analytics/feedback', {
          ticketId: cases.scratch,
          kind: 'csat',
          score: 1,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('the weekly report', () => {
  test.each(['zh-CN', 'en'])(
    'a PDF in %s for the week of the cases',
    async (locale) => {
      const res = await a.request(
        'GET',
        `/api/v1/analytics/weekly-report.pdf?week=2026-03-04&locale=${locale}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.headers['content-disposition']).toContain(`aftercare-weekly-2026-03-02-${locale}.pdf`);
    },
    60_000,
  );

  test('bad input is a 400; another tenant gets its own (empty) report', async () => {
    expect((await a.request('GET', '/api/v1/analytics/weekly-report.pdf?week=last')).statusCode).toBe(400);
    expect((await a.request('GET', '/api/v1/analytics/weekly-report.pdf?locale=fr')).statusCode).toBe(400);
    const other = await b.request(
      'GET',
      `/api/v1/analytics/weekly-report.pdf?week=2026-03-04&shopId=${douyin}`,
    );
    expect(other.statusCode).toBe(200);
    const mine = await a.request(
      'GET',
      `/api/v1/analytics/weekly-report.pdf?week=2026-03-04&shopId=${douyin}`,
    );
    expect(other.rawPayload.length).toBeLessThan(mine.rawPayload.length);
  }, 60_000);
});
