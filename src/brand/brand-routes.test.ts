import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';
import { underLoad } from '../shared/load-slowdown.js';
import { anAccount, aTrademark, capture, certificate, importCsv, pddLink } from './test-brand.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
const clock = fixedClock('2026-03-02T02:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
});

type Listing = {
  id: string;
  url: string;
  precheck: { verdict: string; score: number; reasons: { code: string }[] };
  price: { state: string; action: string | null };
};

describe('the acceptance walk: 20 links, 3 weak, 17 filed and won', () => {
  test('import, pre-check, file the strong ones, record outcomes: 100% instead of 85%', {
    timeout: underLoad(240_000),
  }, async () => {
    const mark = await aTrademark(a);
    const expired = await aTrademark(a, {
      name: '银月 旧标',
      validFrom: '2010-01-01T00:00:00Z',
      validUntil: '2025-12-31T00:00:00Z',
    });
    await certificate(t, a, mark.id);
    await certificate(t, a, expired.id);
    const account = await anAccount(a);

    const rows = Array.from({ length: 20 }, (_, i) => {
      const n = i + 1;
      const right = n === 18 ? expired.registrationNo : mark.registrationNo;
      const title = n === 19 ? '银月同款卫衣 男女' : `银月 SILVERMOON 925 银手镯 款${n}`;
      return `${pddLink(n)},仿冒店${n % 7},${title},¥${59 + n}.90,${right},商标,相同`;
    });
    const csv = ['链接,店铺名称,商品标题,价格,商标注册号,侵权类型,相同/近似', ...rows].join('\n');
    const imported = await importCsv(t, a, csv);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ imported: 20, duplicates: 0, failed: 0 });
    const ids: string[] = imported.json().results.map((r: { listingId: string }) => r.listingId);
    // Listing 20 is never captured: no evidence.
    for (const id of ids.slice(0, 19)) await capture(t, a, id);

    const list = (await a.request('GET', '/api/v1/brand/listings?limit=50')).json().items as Listing[];
    expect(list).toHaveLength(20);
    const weak = list.filter((l) => l.precheck.verdict === 'weak');
    expect(weak.map((l) => l.precheck.reasons[0]?.code).sort()).toEqual([
      'class_covers',
      'evidence_captured',
      'right_valid',
    ]);
    const strong = list.filter((l) => l.precheck.verdict === 'strong');
    expect(strong).toHaveLength(17);
    expect(strong[0]?.precheck.score).toBe(100);

    for (const l of weak) {
      const refused = await a.request('POST', '/api/v1/brand/complaints', {
        listingId: l.id,
        accountId: account.id,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('PRECHECK_FAILED');
    }
    for (const l of strong) {
      const drafted = await a.request('POST', '/api/v1/brand/complaints', {
        listingId: l.id,
        accountId: account.id,
      });
      expect(drafted.statusCode, drafted.body).toBe(201);
      const id = drafted.json().id;
      const submitted = await a.request('POST', `/api/v1/brand/complaints/${id}/status`, {
        to: 'submitted',
        externalRef: `IP-${l.id.slice(-4)}`,
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().decisionExpectedBy).toBe('2026-03-09T10:00:00.000Z');
      expect(
        (await a.request('POST', `/api/v1/brand/complaints/${id}/status`, { to: 'taken_down' })).json(),
      ).toMatchObject({ status: 'taken_down', outcome: 'succeeded' });
    }
    const [stats] = (await a.request('GET', '/api/v1/brand/accounts')).json().items;
    expect(stats).toMatchObject({
      filed: 17,
      succeeded: 17,
      successRate: 1,
      weakHeld: 3,
      rateIfWeakFiled: 0.85,
    });

    // A taken-down complaint cannot be rejected afterwards.
    const board = (await a.request('GET', '/api/v1/brand/complaints?status=taken_down&limit=5')).json();
    expect(board.items).toHaveLength(5);
    expect(board.nextCursor).not.toBeNull();
    const illegal = await a.request('POST', `/api/v1/brand/complaints/${board.items[0].id}/status`, {
      to: 'rejected',
    });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.code).toBe('ILLEGAL_TRANSITION');
    const detail = (await a.request('GET', `/api/v1/brand/complaints/${board.items[0].id}`)).json();
    expect(detail.checklist.complete).toBe(true);
    expect(detail.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'draft',
      'submitted',
      'taken_down',
    ]);
    expect(detail.portal).toBe('拼多多知识产权保护平台');

    const sellers = (await a.request('GET', '/api/v1/brand/listings/sellers')).json().items;
    expect(sellers).toHaveLength(7);
    expect(sellers.reduce((s: number, x: { listings: number }) => s + x.listings, 0)).toBe(20);
  });
});

describe('price control', () => {
  test('an authorised reseller below its floor is flagged for a warning, and cannot be complained about', {
    timeout: underLoad(60_000),
  }, async () => {
    const mark = await aTrademark(a);
    const account = await anAccount(a);
    const auth = await a.request('POST', '/api/v1/brand/authorisations', {
      direction: 'granted',
      partyName: '宁波银饰贸易',
      platform: 'pinduoduo',
      sellerName: '银月授权专卖店',
      rightId: mark.id,
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
    });
    expect(auth.statusCode, auth.body).toBe(201);
    expect(
      (
        await a.request('PUT', '/api/v1/brand/price-floors', {
          sku: 'SM-B01',
          productName: '银月手镯',
          minPriceFen: 29900,
        })
      ).statusCode,
    ).toBe(200);
    const reseller = await a.request('POST', '/api/v1/brand/listings', {
      url: pddLink(900),
      sellerName: '银月授权专卖店',
      title: '银月 925 银手镯 正品',
      priceFen: 25900,
      sku: 'SM-B01',
      infringement: 'trademark_listing_misuse',
      rightId: mark.id,
      similarity: 'identical',
    });
    expect(reseller.statusCode, reseller.body).toBe(201);
    expect(reseller.json()).toMatchObject({
      standing: 'authorised',
      price: { state: 'below_floor', floorFen: 29900, gapFen: 4000, action: 'warn_reseller' },
    });
    await capture(t, a, reseller.json().id);
    const refused = await a.request('POST', '/api/v1/brand/complaints', {
      listingId: reseller.json().id,
      accountId: account.id,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('authorised reseller');

    const stranger = await a.request('POST', '/api/v1/brand/listings', {
      url: pddLink(901),
      sellerName: '低价清仓店',
      priceFen: 19900,
      sku: 'SM-B01',
    });
    expect(stranger.json()).toMatchObject({ standing: 'unauthorised', price: { action: 'complain' } });
    const priced = (await a.request('GET', '/api/v1/brand/listings?priced=true')).json().items as Listing[];
    expect(priced.map((l) => l.price.state)).toEqual(['below_floor', 'below_floor']);

    const seen = await a.request('POST', `/api/v1/brand/listings/${stranger.json().id}/prices`, {
      priceFen: 31900,
    });
    expect(seen.json()).toMatchObject({ priceFen: 31900, price: { state: 'ok' } });
  });
});

describe('bad input', () => {
  test('malformed links and prices in an import are refused row by row, with the reason', async () => {
    const csv = [
      '链接,店铺,价格',
      `${pddLink(700)},店A,39.90`,
      'javascript:alert(1),店B,10',
      'not a link,店C,10',
      `${pddLink(701)},店D,十块钱`,
      `${pddLink(700)},店A,39.90`,
      `${pddLink(702)},,39.90`,
    ].join('\n');
    const res = await importCsv(t, a, csv);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results as { line: number; status: string; reason?: string }[];
    expect(results.map((r) => r.status)).toEqual([
      'imported',
      'failed',
      'failed',
      'failed',
      'duplicate',
      'failed',
    ]);
    expect(results[1]?.reason).toContain('http');
    expect(results[3]?.reason).toContain('十块钱');
    expect((await importCsv(t, a, 'a,b\n1,2')).statusCode).toBe(422);
  });

  test.each([
    ['an unknown field', { url: pddLink(1), sellerName: 'x', hacker: 1 }],
    ['a negative price', { url: pddLink(2), sellerName: 'x', priceFen: -1 }],
    ['a class out of range', { url: pddLink(3), sellerName: 'x', goodsClass: 46 }],
    ['a data: link', { url: 'data:text/html,hi', sellerName: 'x' }],
    [
      'a Taobao link declared Pinduoduo',
      { url: 'https://item.taobao.com/item.htm?id=123456', platform: 'pinduoduo', sellerName: 'x' },
    ],
  ])('a listing with %s gets 400', async (_n, body) => {
    const res = await a.request('POST', '/api/v1/brand/listings', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  test('a trademark without classes, an expiry before its start: 400; the same number twice: 409', async () => {
    const base = { kind: 'trademark', name: 'X', registrationNo: 'TM-DUP-1', owner: 'o', classes: [14] };
    expect((await a.request('POST', '/api/v1/brand/rights', { ...base, classes: [] })).statusCode).toBe(400);
    expect(
      (
        await a.request('POST', '/api/v1/brand/rights', {
          ...base,
          validFrom: '2026-01-01',
          validUntil: '2025-01-01',
        })
      ).statusCode,
    ).toBe(400);
    expect((await a.request('POST', '/api/v1/brand/rights', base)).statusCode).toBe(201);
    expect((await a.request('POST', '/api/v1/brand/rights', base)).statusCode).toBe(409);
  });

  test('an agent cannot register rights', async () => {
    const agent = await a.addUser('agent');
    expect(
      (
        await agent.request('POST', '/api/v1/brand/rights', {
          kind: 'copyright',
          name: 'x',
          registrationNo: 'C-1',
          owner: 'o',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('tenants', () => {
  test("tenant B can neither see nor change tenant A's rights, listings or complaints", {
    timeout: underLoad(60_000),
  }, async () => {
    const mark = await aTrademark(a);
    const account = await anAccount(a);
    const listing = (
      await a.request('POST', '/api/v1/brand/listings', {
        url: pddLink(800),
        sellerName: '仿冒店',
        rightId: mark.id,
        infringement: 'trademark_listing_misuse',
        similarity: 'identical',
        title: '银月手镯',
      })
    ).json();
    await certificate(t, a, mark.id);
    await capture(t, a, listing.id);
    const complaint = (
      await a.request('POST', '/api/v1/brand/complaints', { listingId: listing.id, accountId: account.id })
    ).json();
    expect(complaint.id).toBeDefined();

    for (const url of [
      `/api/v1/brand/rights/${mark.id}`,
      `/api/v1/brand/listings/${listing.id}`,
      `/api/v1/brand/complaints/${complaint.id}`,
    ]) {
      expect((await b.request('GET', url)).statusCode, url).toBe(404);
    }
    expect(
      (await b.request('PATCH', `/api/v1/brand/listings/${listing.id}`, { status: 'ignored' })).statusCode,
    ).toBe(404);
    expect(
      (await b.request('PATCH', `/api/v1/brand/rights/${mark.id}`, { validUntil: '2040-01-01' })).statusCode,
    ).toBe(404);
    expect(
      (await b.request('POST', `/api/v1/brand/complaints/${complaint.id}/status`, { to: 'withdrawn' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await b.request('POST', `/api/v1/brand/listings/${listing.id}/prices`, { priceFen: 1 })).statusCode,
    ).toBe(404);
    const bAccount = await anAccount(b);
    expect(
      (await b.request('POST', '/api/v1/brand/complaints', { listingId: listing.id, accountId: bAccount.id }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await b.request('POST', '/api/v1/brand/listings', {
          url: pddLink(801),
          sellerName: 'x',
          rightId: mark.id,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await b.request('PUT', '/api/v1/brand/price-floors', {
          sku: 'S',
          minPriceFen: 1,
          authorisationId: mark.id,
        })
      ).statusCode,
    ).toBe(404);
    for (const url of [
      '/api/v1/brand/rights',
      '/api/v1/brand/listings',
      '/api/v1/brand/complaints',
      '/api/v1/brand/listings/sellers',
    ]) {
      expect((await b.request('GET', url)).json().items, url).toEqual([]);
    }
    expect(
      (await b.request('GET', '/api/v1/brand/accounts')).json().items.map((x: { id: string }) => x.id),
    ).toEqual([bAccount.id]);
    // B's own link to the same page is B's own watch, not a duplicate of A's.
    expect(
      (await b.request('POST', '/api/v1/brand/listings', { url: pddLink(800), sellerName: '仿冒店' }))
        .statusCode,
    ).toBe(201);
    // A's listing in A's complaint is still as A left it.
    expect((await a.request('GET', `/api/v1/brand/complaints/${complaint.id}`)).json().status).toBe('draft');
  });
});
