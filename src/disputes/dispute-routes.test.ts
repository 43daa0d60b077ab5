import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createFsBlobStore } from '../evidence/blob-store.js';
import { aPdf, aPhoto, uploadEvidence } from '../evidence/test-files.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';
import { checkBundle } from './bundle-check.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let blobRoot: string;
const clock = fixedClock('2026-03-02T02:00:00.000Z');

async function aCase(client: TestClient) {
  const shopId = (
    await client.request('POST', '/api/v1/shops', {
      platform: 'pinduoduo',
      name: '拼多多饰品店',
      appKey: `k-${Math.random()}`,
      appSecret: 's',
    })
  ).json().id as string;
  const order = await client.request('POST', '/api/v1/orders', {
    shopId,
    externalId: `260302-${Math.random().toString().slice(2, 12)}`,
    items: [{ name: '925 银手镯', quantity: 1, unitPriceFen: 12800, paidFen: 12800 }],
  });
  const ticket = await client.request('POST', '/api/v1/tickets', {
    kind: 'platform_dispute',
    channel: 'platform_message',
    subject: '买家称手镯是假货，申请平台介入',
    body: '你家手镯是假的，不是925银，我要投诉',
    shopId,
    orderId: order.json().id,
    customer: { name: '陈女士' },
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
  return { shopId, ticketId: ticket.json().id as string, orderId: order.json().id as string };
}

const letter = () => Buffer.concat([aPdf(), Buffer.from('% 品牌授权书 authorisation letter\n')]);
const invoice = () => Buffer.concat([aPdf(), Buffer.from('% 进货发票 invoice\n')]);

beforeAll(async () => {
  blobRoot = mkdtempSync(join(tmpdir(), 'aftercare-disputes-test-'));
  t = await createTestApp({ clock, blobs: createFsBlobStore(blobRoot) });
  a = await t.signup('A');
  b = await t.signup('B');
});

describe('a counterfeit claim under Pinduoduo intervention', () => {
  test('freeze the chat, add letter and invoice: the checklist turns green and the bundle checks out', async () => {
    const { ticketId, orderId } = await aCase(a);
    const opened = await a.request('POST', '/api/v1/disputes', {
      ticketId,
      type: 'counterfeit',
      platform: 'pinduoduo',
      reason: '假货',
      claim: '买家称手镯不是 925 银，要求退款并赔偿',
      position: '我店为品牌授权经销商，附授权书与进货发票',
      externalRef: 'PDD-ARB-1001',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const dispute = opened.json();
    expect(dispute).toMatchObject({
      orderId,
      amountAtStakeFen: 12800,
      status: 'open',
      evidenceDueAt: '2026-03-04T02:00:00.000Z',
      nextDueAt: '2026-03-04T02:00:00.000Z',
    });

    let detail = (await a.request('GET', `/api/v1/disputes/${dispute.id}`)).json();
    expect(detail.checklist).toMatchObject({ complete: false, missing: ['authorisation_letter', 'invoice'] });
    expect(detail.reminders[0]).toMatchObject({ deadline: 'evidenceDueAt', state: 'upcoming' });

    const frozen = await a.request('POST', '/api/v1/evidence/freeze', { ticketId });
    expect(frozen.statusCode, frozen.body).toBe(201);
    expect(frozen.json().items.map((i: { kind: string }) => i.kind)).toEqual(['chat_record', 'order_record']);
    expect(frozen.json().items[0]).toMatchObject({ source: 'frozen', mediaType: 'application/pdf' });

    for (const [kind, name, bytes] of [
      ['authorisation_letter', '品牌授权书.pdf', letter()],
      ['invoice', '进货发票.pdf', invoice()],
    ] as const) {
      const up = await uploadEvidence(t, a, { disputeId: dispute.id, kind }, { name, bytes });
      expect(up.statusCode, up.body).toBe(201);
    }
    detail = (await a.request('GET', `/api/v1/disputes/${dispute.id}`)).json();
    expect(detail.checklist).toMatchObject({ complete: true, missing: [] });
    expect(detail.evidence).toHaveLength(4);

    const bundle = await a.request('GET', `/api/v1/disputes/${dispute.id}/bundle`);
    expect(bundle.statusCode, bundle.body).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/zip');
    const { manifest, problems } = await checkBundle(bundle.rawPayload);
    expect(problems).toEqual([]);
    expect(manifest.exhibits.map((e) => e.kind).sort()).toEqual(
      ['authorisation_letter', 'chat_record', 'invoice', 'order_record'].sort(),
    );
    expect(manifest.exhibits.every((e) => e.custody.length === 1)).toBe(true);
    expect(manifest.missing).toEqual([]);

    // Deterministic: building again gives the same bytes, though the first build was logged as an export.
    const again = await a.request('GET', `/api/v1/disputes/${dispute.id}/bundle`);
    expect(again.headers['x-bundle-sha256']).toBe(bundle.headers['x-bundle-sha256']);
    const custody = (await a.request('GET', `/api/v1/evidence/${detail.evidence[0].id}/custody`)).json()
      .items;
    expect(custody.filter((c: { action: string }) => c.action === 'export')).toHaveLength(2);
    const english = await a.request('GET', `/api/v1/disputes/${dispute.id}/bundle?locale=en`);
    expect((await checkBundle(english.rawPayload)).manifest.summary.file).toBe('summary-en.pdf');

    // Held while open; after the outcome the evidence can go.
    const held = await a.request('DELETE', `/api/v1/evidence/${detail.evidence[2].id}`);
    expect(held.statusCode).toBe(409);
    expect(held.json().error.code).toBe('EVIDENCE_HELD');

    expect((await a.request('POST', `/api/v1/disputes/${dispute.id}/submit`)).json().status).toBe(
      'submitted',
    );
    const won = await a.request('POST', `/api/v1/disputes/${dispute.id}/decide`, { outcome: 'won' });
    expect(won.json()).toMatchObject({ status: 'closed', outcome: 'won', amountLostFen: 0, nextDueAt: null });
    expect(
      (await a.request('POST', `/api/v1/disputes/${dispute.id}/decide`, { outcome: 'lost' })).statusCode,
    ).toBe(409);
    expect((await a.request('DELETE', `/api/v1/evidence/${detail.evidence[2].id}`)).statusCode).toBe(204);

    const stats = (await a.request('GET', '/api/v1/disputes/stats')).json();
    expect(stats.byType.find((r: { key: string }) => r.key === 'counterfeit')).toMatchObject({
      decided: 1,
      won: 1,
      winRate: 1,
    });
    expect(stats.byPlatform.find((r: { key: string }) => r.key === 'pinduoduo')).toMatchObject({ won: 1 });
  }, 180_000); // many requests and three bundle builds: slow on a shared machine

  test('a bundle with required exhibits missing still builds and says what is missing', async () => {
    const { ticketId } = await aCase(a);
    const dispute = (
      await a.request('POST', '/api/v1/disputes', { ticketId, type: 'quality', platform: 'douyin' })
    ).json();
    await uploadEvidence(t, a, { ticketId, kind: 'photo' }, { name: '裂纹.jpg', bytes: await aPhoto() });
    const bundle = await a.request('GET', `/api/v1/disputes/${dispute.id}/bundle`);
    expect(bundle.statusCode).toBe(200);
    const { manifest, problems } = await checkBundle(bundle.rawPayload);
    expect(problems).toEqual([]);
    expect(manifest.missing).toEqual(['inspection_report']);
  });

  test('an exhibit whose bytes changed on disk stops the bundle instead of shipping it', async () => {
    const { ticketId } = await aCase(a);
    const dispute = (
      await a.request('POST', '/api/v1/disputes', { ticketId, type: 'other', platform: 'taobao' })
    ).json();
    const item = (
      await uploadEvidence(t, a, { disputeId: dispute.id }, { name: 'x.pdf', bytes: letter() })
    ).json();
    writeFileSync(join(blobRoot, a.tenantId, item.sha256.slice(0, 2), item.sha256), 'changed');
    const bundle = await a.request('GET', `/api/v1/disputes/${dispute.id}/bundle`);
    expect(bundle.statusCode).toBe(409);
    expect(bundle.json().error.code).toBe('EVIDENCE_CHANGED');
  });
});

describe('deadlines, queue and bad input', () => {
  test('a 12315 complaint gets the regulator periods on working days', async () => {
    const res = await a.request('POST', '/api/v1/disputes', {
      type: 'regulator_12315',
      platform: 'regulator_12315',
      claim: '消费者向 12315 投诉商品质量',
      amountAtStakeFen: 50000,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      acceptanceDueAt: '2026-03-11T10:00:00.000Z',
      responseDueAt: '2026-03-11T10:00:00.000Z',
      evidenceDueAt: null,
    });
  });

  test('the queue lists open disputes nearest deadline first, page by page', async () => {
    const c = await t.signup('Q');
    for (const hours of [72, 24, 48]) {
      const r = await c.request('POST', '/api/v1/disputes', {
        type: 'refund',
        platform: 'douyin',
        evidenceDueAt: new Date(clock.now().getTime() + hours * 3_600_000).toISOString(),
        responseDueAt: new Date(clock.now().getTime() + 96 * 3_600_000).toISOString(),
      });
      expect(r.statusCode).toBe(201);
    }
    const first = (await c.request('GET', '/api/v1/disputes?status=active&limit=2')).json();
    const second = (
      await c.request('GET', `/api/v1/disputes?status=active&limit=2&cursor=${first.nextCursor}`)
    ).json();
    const due = [...first.items, ...second.items].map((d: { nextDueAt: string }) => d.nextDueAt);
    expect(due).toEqual([...due].sort());
    expect(due).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  test.each([
    ['an unknown type', { type: 'fraud', platform: 'pinduoduo' }, 400],
    ['an unknown forum', { type: 'quality', platform: 'ebay' }, 400],
    ['a negative amount', { type: 'quality', platform: 'douyin', amountAtStakeFen: -1 }, 400],
    ['an unknown field', { type: 'quality', platform: 'douyin', winner: 'us' }, 400],
    [
      'a missing case',
      { type: 'quality', platform: 'douyin', ticketId: '00000000-0000-4000-8000-000000000000' },
      404,
    ],
  ])('%s is refused', async (_what, body, status) => {
    const res = await a.request('POST', '/api/v1/disputes', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBeTruthy();
  });

  test('more money lost than at stake is refused', async () => {
    const d = (
      await a.request('POST', '/api/v1/disputes', {
        type: 'refund',
        platform: 'douyin',
        amountAtStakeFen: 1000,
      })
    ).json();
    const res = await a.request('POST', `/api/v1/disputes/${d.id}/decide`, {
      outcome: 'lost',
      amountLostFen: 5000,
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('tenants never see each other’s disputes', () => {
  test('B can neither open a dispute on A’s case nor read, change, decide or bundle A’s dispute', async () => {
    const { ticketId } = await aCase(a);
    const d = (
      await a.request('POST', '/api/v1/disputes', { ticketId, type: 'quality', platform: 'pinduoduo' })
    ).json();
    expect(
      (await b.request('POST', '/api/v1/disputes', { ticketId, type: 'quality', platform: 'pinduoduo' }))
        .statusCode,
    ).toBe(404);
    expect((await b.request('GET', `/api/v1/disputes/${d.id}`)).statusCode).toBe(404);
    expect((await b.request('GET', `/api/v1/disputes/${d.id}/bundle`)).statusCode).toBe(404);
    expect((await b.request('PATCH', `/api/v1/disputes/${d.id}`, { claim: 'x' })).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/disputes/${d.id}/submit`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/disputes/${d.id}/decide`, { outcome: 'won' })).statusCode).toBe(
      404,
    );
    expect((await b.request('GET', '/api/v1/disputes')).json().items).toEqual([]);
    expect((await b.request('GET', '/api/v1/disputes/stats')).json().byType).toEqual([]);
    const up = await uploadEvidence(t, b, { disputeId: d.id }, { name: 'x.pdf', bytes: aPdf() });
    expect(up.statusCode).toBe(404);
    expect((await b.request('POST', '/api/v1/evidence/freeze', { ticketId })).statusCode).toBe(404);
  });
});
