import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { unzip } from '../disputes/bundle-check.js';
import { aPdf, uploadEvidence } from '../evidence/test-files.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';
import { underLoad } from '../shared/load-slowdown.js';
import { anAccount, aTrademark, capture, certificate, pddLink } from './test-brand.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
const clock = fixedClock('2026-03-02T02:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
});

async function file(subjectType: string, subjectId: string, kind: string, name: string) {
  const res = await uploadEvidence(
    t,
    a,
    { subjectType, subjectId, kind },
    { name, bytes: Buffer.concat([aPdf(), Buffer.from(`% ${subjectId} ${kind}\n`)]) },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; sha256: string };
}

describe('an IP complaint against our shop', () => {
  test('by hand: a case, a deadline, the sourcing record as counter-evidence, an answer drafted, the outcome', {
    timeout: underLoad(120_000),
  }, async () => {
    const owner = await a.request('POST', '/api/v1/brand/authorisations', {
      direction: 'received',
      partyName: '杭州银月饰品有限公司',
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2027-12-31T00:00:00Z',
    });
    expect(owner.statusCode, owner.body).toBe(201);
    await file('brand_authorisation', owner.json().id, 'authorisation_letter', '授权书.pdf');
    const record = await a.request('POST', '/api/v1/brand/sourcing', {
      sku: 'SM-001',
      productName: '银月手镯',
      supplierName: '杭州银月饰品有限公司',
      chain: [owner.json().id],
    });
    expect(record.statusCode, record.body).toBe(201);
    expect(record.json().gaps).toEqual(['no_invoice', 'no_inspection_report', 'sampling_overdue']);
    const batch = await a.request('POST', `/api/v1/brand/sourcing/${record.json().id}/batches`, {
      batchNo: 'B2026-01',
      receivedAt: '2026-01-10T02:00:00Z',
      quantity: 500,
      invoiceNo: '0441234',
      inspectionReportNo: 'NGTC-2026-88',
    });
    expect(batch.statusCode, batch.body).toBe(201);
    await file('brand_sourcing_batch', batch.json().id, 'invoice', '发票.pdf');
    await file('brand_sourcing_batch', batch.json().id, 'inspection_report', '检验报告.pdf');
    expect(
      (
        await a.request('PATCH', `/api/v1/brand/sourcing/${record.json().id}`, {
          lastSampledAt: '2026-02-20T00:00:00Z',
        })
      ).json().gaps,
    ).toEqual([]);

    const intake = await a.request('POST', '/api/v1/brand/defences', {
      platform: 'pinduoduo',
      externalRef: 'PDD-IP-1',
      listingTitle: '银月 925 银手镯',
      sku: 'SM-001',
      complainant: '某某贸易公司',
      type: 'trademark_listing_misuse',
      rightNo: '87654321',
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const d = intake.json();
    expect(d).toMatchObject({ status: 'open', source: 'manual', responseDueAt: '2026-03-05T02:00:00.000Z' });
    const ticket = (await a.request('GET', `/api/v1/tickets/${d.ticketId}`)).json();
    expect(ticket).toMatchObject({ kind: 'platform_notice', severity: 'high' });
    expect(ticket.tags).toContain('ip_complaint');
    // The same complaint twice is one.
    const again = await a.request('POST', '/api/v1/brand/defences', {
      platform: 'pinduoduo',
      externalRef: 'PDD-IP-1',
      listingTitle: 'x',
      complainant: 'x',
      type: 'other',
    });
    expect(again.statusCode).toBe(409);

    const detail = (await a.request('GET', `/api/v1/brand/defences/${d.id}`)).json();
    expect(detail.checklist).toMatchObject({ complete: true, missing: [] });
    expect(detail.sourcing).toMatchObject({ sku: 'SM-001', gaps: [] });
    expect(detail.evidence).toHaveLength(3);
    expect(detail.due).toMatchObject({ state: 'pending', hoursLeft: 72 });

    const zh = (await a.request('GET', `/api/v1/brand/defences/${d.id}/draft`)).json();
    expect(zh.text).toContain('授权链：杭州银月饰品有限公司（有效期至 2027-12-31） → 我店');
    expect(zh.text).toContain('发票号 0441234');
    const en = (await a.request('GET', `/api/v1/brand/defences/${d.id}/draft?locale=en`)).json();
    expect(en.text).toContain('every authorisation is in force');

    const early = await a.request('POST', `/api/v1/brand/defences/${d.id}/status`, { to: 'dismissed' });
    expect(early.statusCode).toBe(409);
    const empty = await a.request('POST', `/api/v1/brand/defences/${d.id}/status`, { to: 'responded' });
    expect(empty.statusCode).toBe(400);
    const responded = await a.request('POST', `/api/v1/brand/defences/${d.id}/status`, {
      to: 'responded',
      response: zh.text,
    });
    expect(responded.json()).toMatchObject({ status: 'responded', respondedAt: '2026-03-02T02:00:00.000Z' });
    const won = await a.request('POST', `/api/v1/brand/defences/${d.id}/status`, {
      to: 'dismissed',
      note: '平台驳回投诉',
    });
    expect(won.json()).toMatchObject({ status: 'dismissed', outcomeNote: '平台驳回投诉' });
    const notes = (await a.request('GET', `/api/v1/tickets/${d.ticketId}/messages`)).json();
    const bodies = (notes.items ?? notes).map((m: { body: string }) => m.body);
    expect(bodies).toContain('知识产权投诉结果：投诉不成立，商品保留：平台驳回投诉');
    const list = (await a.request('GET', '/api/v1/brand/defences')).json();
    expect(list.stats).toMatchObject({ dismissed: 1 });
    expect(list.items[0]).toMatchObject({ id: d.id, sourced: true, due: { state: 'done' } });
  });

  test('from a platform notice: the notice case becomes a defence with the deadline it names', {
    timeout: underLoad(60_000),
  }, async () => {
    const notice = await a.request('POST', '/api/v1/tickets', {
      kind: 'platform_notice',
      channel: 'platform_notice',
      subject: '【知识产权投诉】您的商品被投诉',
      body: '投诉编号：PDD-IP-77。投诉方：杭州银月饰品有限公司；商标注册号：12345678；涉嫌侵权商品：银月同款手镯；请于2026-03-04 18:00前提交申诉材料。',
    });
    expect(notice.statusCode, notice.body).toBe(201);
    expect(notice.json().tags).toContain('ip_complaint');
    const items = (await a.request('GET', '/api/v1/brand/defences?status=open')).json().items;
    const d = items.find((x: { ticketId: string }) => x.ticketId === notice.json().id);
    expect(d).toMatchObject({
      source: 'platform_notice',
      externalRef: 'PDD-IP-77',
      complainant: '杭州银月饰品有限公司',
      rightNo: '12345678',
      listingTitle: '银月同款手镯',
      responseDueAt: '2026-03-04T10:00:00.000Z',
    });
    // An ordinary notice makes no defence.
    await a.request('POST', '/api/v1/tickets', {
      kind: 'platform_notice',
      channel: 'platform_notice',
      subject: '平台大促报名提醒',
      body: '双11 活动报名已开始',
    });
    expect((await a.request('GET', '/api/v1/brand/defences?status=open')).json().items).toHaveLength(
      items.length,
    );
    // Nothing written without an SKU: the checklist says what is missing.
    const detail = (await a.request('GET', `/api/v1/brand/defences/${d.id}`)).json();
    expect(detail.checklist.missing).toEqual(['authorisation_letter', 'invoice', 'inspection_report']);
  });
});

describe('reseller warnings', () => {
  test('recorded for an authorised reseller below its floor, followed up, closed; refused for anyone else', {
    timeout: underLoad(60_000),
  }, async () => {
    const mark = await aTrademark(a);
    const auth = await a.request('POST', '/api/v1/brand/authorisations', {
      direction: 'granted',
      partyName: '宁波银饰贸易',
      platform: 'pinduoduo',
      sellerName: '银月授权二店',
      rightId: mark.id,
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
    });
    await a.request('PUT', '/api/v1/brand/price-floors', {
      sku: 'SM-W1',
      productName: '银月戒指',
      minPriceFen: 19900,
    });
    const listing = (
      await a.request('POST', '/api/v1/brand/listings', {
        url: pddLink(950),
        sellerName: '银月授权二店',
        priceFen: 15900,
        sku: 'SM-W1',
      })
    ).json();
    const stranger = (
      await a.request('POST', '/api/v1/brand/listings', {
        url: pddLink(951),
        sellerName: '清仓店',
        priceFen: 9900,
        sku: 'SM-W1',
      })
    ).json();
    const refused = await a.request('POST', `/api/v1/brand/listings/${stranger.id}/warnings`, {});
    expect(refused.statusCode).toBe(422);

    const draft = (await a.request('GET', `/api/v1/brand/listings/${listing.id}/warning-draft`)).json();
    expect(draft.text).toContain('标价 ¥159.00，低于授权协议约定的最低售价 ¥199.00');
    const warned = await a.request('POST', `/api/v1/brand/listings/${listing.id}/warnings`, {
      channel: 'wechat',
    });
    expect(warned.statusCode, warned.body).toBe(201);
    expect(warned.json()).toMatchObject({
      channel: 'wechat',
      priceFen: 15900,
      floorFen: 19900,
      outcome: null,
      followUpDueAt: '2026-03-05T02:00:00.000Z',
    });
    expect(warned.json().message).toContain('银月戒指');

    let open = (await a.request('GET', '/api/v1/brand/warnings?open=true')).json().items;
    expect(open.find((w: { id: string }) => w.id === warned.json().id)).toMatchObject({
      state: 'awaiting',
      round: 1,
    });
    clock.advance(60_000);
    await a.request('POST', `/api/v1/brand/listings/${listing.id}/prices`, { priceFen: 19900 });
    open = (await a.request('GET', '/api/v1/brand/warnings?open=true')).json().items;
    expect(open.find((w: { id: string }) => w.id === warned.json().id)).toMatchObject({
      state: 'price_back',
    });
    const history = (await a.request('GET', `/api/v1/brand/listings/${listing.id}/prices`)).json();
    expect(history.prices.map((p: { priceFen: number }) => p.priceFen)).toEqual([15900, 19900]);
    expect(history.warnings).toHaveLength(1);
    expect((await b.request('GET', `/api/v1/brand/listings/${listing.id}/prices`)).statusCode).toBe(404);
    const closed = await a.request('POST', `/api/v1/brand/warnings/${warned.json().id}/outcome`, {
      outcome: 'price_restored',
    });
    expect(closed.json()).toMatchObject({
      outcome: 'price_restored',
      resolvedAt: '2026-03-02T02:01:00.000Z',
    });
    const twice = await a.request('POST', `/api/v1/brand/warnings/${warned.json().id}/outcome`, {
      outcome: 'no_change',
    });
    expect(twice.statusCode).toBe(409);
    clock.set('2026-03-02T02:00:00.000Z');
    expect(auth.statusCode).toBe(201);
  });
});

describe('the filing package', () => {
  test('a zip with the certificate, screenshots, comparison, authorisation, manifest and SHA256SUMS', {
    timeout: underLoad(120_000),
  }, async () => {
    const mark = await aTrademark(a);
    await certificate(t, a, mark.id);
    const licence = await a.request('POST', '/api/v1/brand/authorisations', {
      direction: 'received',
      partyName: '银月集团',
      rightId: mark.id,
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2028-01-01T00:00:00Z',
    });
    const letter = await file(
      'brand_authorisation',
      licence.json().id,
      'authorisation_letter',
      '商标授权书.pdf',
    );
    const account = await anAccount(a);
    const listing = (
      await a.request('POST', '/api/v1/brand/listings', {
        url: pddLink(960),
        sellerName: '仿冒店',
        title: '银月 SILVERMOON 手镯',
        priceFen: 5990,
        infringement: 'trademark_listing_misuse',
        rightId: mark.id,
        similarity: 'identical',
      })
    ).json();
    await capture(t, a, listing.id);
    const complaint = (
      await a.request('POST', '/api/v1/brand/complaints', { listingId: listing.id, accountId: account.id })
    ).json();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/brand/complaints/${complaint.id}/package`,
      headers: { cookie: a.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const bytes = res.rawPayload;
    expect(res.headers['x-package-sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
    const files = await unzip(bytes);
    const names = [...files.keys()].sort();
    expect(names).toEqual([
      '01-rights/01-certificate-商标注册证.pdf',
      expect.stringMatching(/^02-infringing-link\/01-listing_snapshot-/),
      '03-comparison/comparison-zh-CN.html',
      '04-authorisation/01-authorisation_letter-商标授权书.pdf',
      'SHA256SUMS',
      'manifest.json',
    ]);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({
      format: 'aftercare-ip-filing/1',
      portal: '拼多多知识产权保护平台',
      missing: [],
    });
    for (const f of manifest.files as { path: string; sha256: string }[]) {
      expect(createHash('sha256').update(files.get(f.path)!).digest('hex')).toBe(f.sha256);
    }
    expect(manifest.files.find((f: { role: string }) => f.role === 'authorisation').sha256).toBe(
      letter.sha256,
    );
    expect(files.get('SHA256SUMS')!.toString('utf8')).toContain(`${letter.sha256}  04-authorisation/`);
    expect(files.get('03-comparison/comparison-zh-CN.html')!.toString('utf8')).toContain('仿冒店');
    // The same inputs give the same bytes.
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/brand/complaints/${complaint.id}/package`,
      headers: { cookie: a.cookie },
    });
    expect(again.headers['x-package-sha256']).toBe(res.headers['x-package-sha256']);
  });
});

describe('bad input and tenants', () => {
  test('bad bodies are 400 with the error shape', { timeout: underLoad(60_000) }, async () => {
    for (const [url, body] of [
      [
        '/api/v1/brand/defences',
        { platform: 'pinduoduo', listingTitle: '', complainant: 'x', type: 'other' },
      ],
      ['/api/v1/brand/defences', { platform: 'ebay', listingTitle: 'x', complainant: 'x', type: 'other' }],
      ['/api/v1/brand/sourcing', { sku: 'X', supplierName: 'y', chain: ['not-a-uuid'] }],
      ['/api/v1/brand/sourcing', { sku: '', supplierName: 'y' }],
    ] as const) {
      const res = await a.request('POST', url, body);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBeTypeOf('string');
    }
    const future = await a.request('POST', '/api/v1/brand/defences', {
      platform: 'douyin',
      listingTitle: 'x',
      complainant: 'x',
      type: 'other',
      receivedAt: '2027-01-01T00:00:00Z',
    });
    expect(future.statusCode).toBe(400);
    const granted = await a.request('POST', '/api/v1/brand/authorisations', {
      direction: 'granted',
      partyName: 'r',
      platform: 'douyin',
      sellerName: 'r',
    });
    const wrongChain = await a.request('POST', '/api/v1/brand/sourcing', {
      sku: 'SM-X',
      supplierName: 'y',
      chain: [granted.json().id],
    });
    expect(wrongChain.statusCode).toBe(400);
  });

  test("tenant B neither sees nor changes tenant A's defences, records and warnings", {
    timeout: underLoad(60_000),
  }, async () => {
    const d = (
      await a.request('POST', '/api/v1/brand/defences', {
        platform: 'douyin',
        listingTitle: '银月手链',
        complainant: 'x公司',
        type: 'copyright_image',
      })
    ).json();
    const s = (
      await a.request('POST', '/api/v1/brand/sourcing', { sku: 'SM-T1', supplierName: '供应商' })
    ).json();
    expect((await b.request('GET', `/api/v1/brand/defences/${d.id}`)).statusCode).toBe(404);
    expect((await b.request('PATCH', `/api/v1/brand/defences/${d.id}`, { response: 'x' })).statusCode).toBe(
      404,
    );
    expect(
      (await b.request('POST', `/api/v1/brand/defences/${d.id}/status`, { to: 'withdrawn' })).statusCode,
    ).toBe(404);
    expect((await b.request('GET', `/api/v1/brand/defences/${d.id}/draft`)).statusCode).toBe(404);
    expect((await b.request('GET', `/api/v1/brand/sourcing/${s.id}`)).statusCode).toBe(404);
    expect(
      (
        await b.request('POST', `/api/v1/brand/sourcing/${s.id}/batches`, {
          batchNo: 'X',
          receivedAt: '2026-01-01T00:00:00Z',
        })
      ).statusCode,
    ).toBe(404);
    expect((await b.request('GET', '/api/v1/brand/defences')).json().items).toEqual([]);
    expect((await b.request('GET', '/api/v1/brand/sourcing')).json().items).toEqual([]);
    expect((await b.request('GET', '/api/v1/brand/warnings')).json().items).toEqual([]);
    const warnings = (await a.request('GET', '/api/v1/brand/warnings')).json().items;
    if (warnings[0]) {
      expect(
        (
          await b.request('POST', `/api/v1/brand/warnings/${warnings[0].id}/outcome`, {
            outcome: 'no_change',
          })
        ).statusCode,
      ).toBe(404);
    }
    const complaints = (await a.request('GET', '/api/v1/brand/complaints?limit=1')).json().items;
    if (complaints[0]) {
      expect(
        (await b.request('GET', `/api/v1/brand/complaints/${complaints[0].id}/package`)).statusCode,
      ).toBe(404);
    }
  });
});
