import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopA: string;
let shopB: string;

const GOLD = '全网最低价 国家级品质 足金手镯';

async function shop(client: TestClient, name: string) {
  const res = await client.request('POST', '/api/v1/shops', {
    platform: 'douyin',
    name,
    appKey: 'k',
    appSecret: 's',
  });
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  shopA = await shop(a, '抖店A');
  shopB = await shop(b, '抖店B');
});

describe('POST /listings/check', () => {
  test('the acceptance title is flagged three ways, with spans into the title and citations', async () => {
    const res = await a.request('POST', '/api/v1/listings/check', {
      platform: 'douyin',
      title: GOLD,
      priceFen: 2_999_00,
      referencePriceFen: 3_999_00,
    });
    expect(res.statusCode).toBe(200);
    const { findings } = res.json() as {
      findings: { rule: string; start: number | null; end: number; text: string; citation: string }[];
    };
    const rules = new Set(findings.map((f) => f.rule));
    expect(rules).toEqual(new Set(['absolute_term', 'qualification_missing', 'fictitious_discount']));
    for (const f of findings) {
      expect(f.citation).not.toBe('');
      if (f.start !== null) expect(GOLD.slice(f.start, f.end)).toBe(f.text);
    }
  });

  test('a clean text has no findings and nothing is stored', async () => {
    const res = await a.request('POST', '/api/v1/listings/check', {
      platform: 'manual',
      title: '陶瓷马克杯 350ml',
    });
    expect(res.json()).toEqual({ findings: [], warnings: [] });
    const list = await a.request('GET', '/api/v1/listings');
    expect(list.json().items).toEqual([]);
  });

  test.each([
    [{ platform: 'douyin', title: '' }, /title is empty/],
    [{ platform: 'douyin', title: '   ' }, /title is empty/],
    [{ platform: 'douyin', title: '好'.repeat(100 * 1024) }, /longer than 1,000/],
    [
      { platform: 'douyin', title: 'x', priceFen: '1,299.00' },
      /priceFen is a whole number of fen.*"1,299.00"/,
    ],
    [{ platform: 'douyin', title: 'x', priceFen: 12.5 }, /without decimals/],
    [{ platform: 'jd', title: 'x' }, /platform/],
    [{ platform: 'douyin', title: 'x', images: [{ width: -1, height: 2 }] }, /images/],
    [{ platform: 'douyin', title: 'x', extra: 1 }, /extra|unrecognized/i],
  ])('bad input %# is a 400 that says what is wrong', async (body, message) => {
    const res = await a.request('POST', '/api/v1/listings/check', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });

  test('images with no size are warned about and reported, not refused', async () => {
    const res = await a.request('POST', '/api/v1/listings/check', {
      platform: 'douyin',
      title: '陶瓷马克杯',
      images: [
        { url: 'https://img.example.cn/1.jpg' },
        { width: 300, height: 300 },
        { headerBase64: 'bm90IGFuIGltYWdl' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().warnings).toHaveLength(2);
    expect(res.json().findings.map((f: { rule: string }) => f.rule)).toEqual([
      'image_size_unknown',
      'image_too_small',
      'image_size_unknown',
    ]);
  });

  test('with a shop, its documents count; another tenant’s shop is not found', async () => {
    for (const kind of ['business_licence', 'category_whitelist']) {
      const doc = await a.request('POST', '/api/v1/quality/documents', {
        holderType: 'shop',
        holderId: shopA,
        kind,
        expiresOn: '2099-01-01',
      });
      expect(doc.statusCode).toBe(201);
    }
    const res = await a.request('POST', '/api/v1/listings/check', {
      platform: 'douyin',
      title: '足金手镯',
      shopId: shopA,
    });
    const docs = res.json().findings.filter((f: { rule: string }) => f.rule === 'qualification_missing');
    expect(docs.map((f: { params: { document: string } }) => f.params.document)).toEqual([
      'inspection_certificate',
    ]);
    const other = await b.request('POST', '/api/v1/listings/check', {
      platform: 'douyin',
      title: '足金手镯',
      shopId: shopA,
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('listings import, list, snapshot', () => {
  const shirt = (extra: Record<string, unknown> = {}) => ({
    externalId: 'P-1001',
    title: '纯棉短袖T恤 宽松 优衣库',
    brand: '优衣库',
    material: '棉65% 涤纶35%',
    category: '男装',
    priceFen: 79_00,
    skuCodes: ['TS-1'],
    images: [{ width: 800, height: 800 }],
    ...extra,
  });

  test('an import creates listings with findings and a fix task; the same content again changes nothing', async () => {
    const res = await a.request('POST', '/api/v1/listings', {
      shopId: shopA,
      listings: [shirt(), { externalId: 'P-1002', title: '陶瓷马克杯' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 0 });
    expect(res.json().results[0]).toMatchObject({ worstSeverity: 'critical', status: 'created' });
    const again = await a.request('POST', '/api/v1/listings', { shopId: shopA, listings: [shirt()] });
    expect(again.json().counts.unchanged).toBe(1);

    const tasks = await a.request('GET', `/api/v1/quality/tasks?shopId=${shopA}&status=open`);
    expect(tasks.json().items).toHaveLength(1);
    expect(tasks.json().items[0]).toMatchObject({
      kind: 'fix_listing',
      data: { rules: ['material_contradiction'] },
    });
  });

  test('a fixed listing gets a new version, its fix task closes itself, and the old version stays the snapshot', async () => {
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const res = await a.request('POST', '/api/v1/listings', {
      shopId: shopA,
      listings: [shirt({ title: '棉混纺短袖T恤 宽松 优衣库' })],
    });
    expect(res.json().results[0]).toMatchObject({ status: 'updated', worstSeverity: null });
    const list = await a.request('GET', `/api/v1/listings?shopId=${shopA}`);
    const listing = list.json().items.find((l: { externalId: string }) => l.externalId === 'P-1001');
    expect(listing.version).toBe(2);
    const snap = await a.request('GET', `/api/v1/listings/${listing.id}/snapshot?at=${before.toISOString()}`);
    expect(snap.json()).toMatchObject({
      version: 1,
      seenAfter: false,
      content: { title: '纯棉短袖T恤 宽松 优衣库' },
    });
    const tasks = await a.request('GET', `/api/v1/quality/tasks?listingId=${listing.id}`);
    expect(tasks.json().items[0]).toMatchObject({ status: 'done', closedByName: 'check' });
    const detail = await a.request('GET', `/api/v1/listings/${listing.id}`);
    expect(detail.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  test('a request with a bad row is refused whole, naming the row', async () => {
    const res = await a.request('POST', '/api/v1/listings', {
      shopId: shopA,
      listings: [shirt({ externalId: 'P-2001' }), shirt({ externalId: 'P-2002', priceFen: '1,299.00' })],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/listings\.1\.priceFen/);
    const list = await a.request('GET', `/api/v1/listings?q=P-2001`);
    expect(list.json().items).toEqual([]);
  });

  test('a listing given twice in one request is imported once and the second is reported', async () => {
    const res = await a.request('POST', '/api/v1/listings', {
      shopId: shopA,
      listings: [shirt({ externalId: 'P-3' }), shirt({ externalId: 'P-3' })],
    });
    expect(res.json().results[1]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/appears twice/),
    });
  });

  test('a flagged SKU raises a clear-the-stock task', async () => {
    const flag = await a.request('POST', '/api/v1/quality/flags', {
      shopId: shopA,
      skuCode: 'TS-1',
      reason: '平台公示：差评率高',
    });
    expect(flag.statusCode, flag.body).toBe(201);
    const tasks = await a.request('GET', `/api/v1/quality/tasks?kind=clear_stock&status=open`);
    expect(tasks.json().items).toHaveLength(1);
    expect(
      (await a.request('POST', '/api/v1/quality/flags', { shopId: shopA, skuCode: 'TS-1', reason: 'x' }))
        .statusCode,
    ).toBe(409);
  });
});

describe('tenant isolation', () => {
  test('tenant B sees none of tenant A’s listings, tasks, flags or documents and can change none', async () => {
    const listing = (await a.request('GET', '/api/v1/listings')).json().items[0];
    const task = (await a.request('GET', '/api/v1/quality/tasks')).json().items[0];
    const flag = (await a.request('GET', '/api/v1/quality/flags')).json().items[0];
    const doc = (await a.request('GET', '/api/v1/quality/documents')).json().items[0];
    expect(listing && task && flag && doc).toBeTruthy();

    for (const url of [
      '/api/v1/listings',
      '/api/v1/quality/tasks',
      '/api/v1/quality/flags',
      '/api/v1/quality/documents',
    ]) {
      expect((await b.request('GET', url)).json().items).toEqual([]);
    }
    expect((await b.request('GET', `/api/v1/listings/${listing.id}`)).statusCode).toBe(404);
    expect(
      (await b.request('GET', `/api/v1/listings/${listing.id}/snapshot?at=2030-01-01T00:00:00Z`)).statusCode,
    ).toBe(404);
    expect(
      (await b.request('POST', `/api/v1/quality/tasks/${task.id}/close`, { status: 'dismissed', note: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await b.request('POST', `/api/v1/quality/flags/${flag.id}/clear`)).statusCode).toBe(404);
    expect((await b.request('DELETE', `/api/v1/quality/documents/${doc.id}`)).statusCode).toBe(404);
    expect(
      (
        await b.request('POST', '/api/v1/listings', {
          shopId: shopA,
          listings: [{ externalId: 'x', title: 'y' }],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await b.request('POST', '/api/v1/quality/flags', { shopId: shopA, skuCode: 'x', reason: 'y' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await b.request('POST', '/api/v1/quality/documents', {
          holderType: 'shop',
          holderId: shopA,
          kind: 'business_licence',
        })
      ).statusCode,
    ).toBe(404);
    expect((await b.request('GET', `/api/v1/listings/summary?shopId=${shopA}`)).statusCode).toBe(404);
    const summaryB = (await b.request('GET', '/api/v1/listings/summary')).json();
    expect(summaryB.severities).toEqual([]);
    await b.request('PUT', '/api/v1/quality/settings', { defectRatePct: 9 });
    expect((await a.request('GET', '/api/v1/quality/settings')).json().defectRatePct).toBe(3);
    void shopB;
  });

  test('an agent may check but not import or change settings', async () => {
    const agent = await a.addUser('agent');
    expect(
      (await agent.request('POST', '/api/v1/listings/check', { platform: 'douyin', title: 'x' })).statusCode,
    ).toBe(200);
    expect(
      (
        await agent.request('POST', '/api/v1/listings', {
          shopId: shopA,
          listings: [{ externalId: 'x', title: 'y' }],
        })
      ).statusCode,
    ).toBe(403);
    expect((await agent.request('PUT', '/api/v1/quality/settings', { defectRatePct: 1 })).statusCode).toBe(
      403,
    );
  });
});
