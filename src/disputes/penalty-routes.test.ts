import { beforeAll, describe, expect, test } from 'vitest';
import { aPdf, uploadEvidence } from '../evidence/test-files.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopId: string;
const clock = fixedClock('2026-03-02T02:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
  shopId = (
    await a.request('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖店旗舰店',
      appKey: 'k',
      appSecret: 's',
    })
  ).json().id;
});

const fourPoints = (extra: Record<string, unknown> = {}) => ({
  platform: 'douyin',
  kind: 'points',
  points: 4,
  shopId,
  reason: '商品描述与实物不符（虚假宣传）',
  ruleRef: '抖音电商商家违规行为管理规则',
  tasks: [{ title: '修改商品详情页中的材质描述' }],
  ...extra,
});

describe('penalties and appeals', () => {
  test('a Douyin 4-point penalty is appealed with evidence before its 7-day deadline and decided', async () => {
    // Penalised last Wednesday; today (Monday 2 March, 10:00 Beijing) is within the 7 days.
    const created = await a.request(
      'POST',
      '/api/v1/penalties',
      fourPoints({ penalizedAt: '2026-02-25T02:00:00.000Z' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const penalty = created.json();
    expect(penalty).toMatchObject({
      status: 'open',
      points: 4,
      appealDueAt: '2026-03-04T02:00:00.000Z',
      nextDueAt: '2026-03-04T02:00:00.000Z',
    });
    const up = await uploadEvidence(
      t,
      a,
      { penaltyId: penalty.id, kind: 'listing_snapshot' },
      { name: '详情页快照.pdf', bytes: aPdf() },
    );
    expect(up.statusCode, up.body).toBe(201);

    const appealed = await a.request('POST', `/api/v1/penalties/${penalty.id}/appeal`, {
      text: '详情页材质描述与质检报告一致，附商品页快照，申请撤销扣分。',
    });
    expect(appealed.statusCode, appealed.body).toBe(200);
    expect(appealed.json()).toMatchObject({
      status: 'appealed',
      decisionExpectedFrom: '2026-03-03T10:00:00.000Z',
      decisionExpectedBy: '2026-03-09T10:00:00.000Z',
      nextDueAt: '2026-03-09T10:00:00.000Z',
    });
    expect(
      (await a.request('POST', `/api/v1/penalties/${penalty.id}/appeal`, { text: 'again' })).statusCode,
    ).toBe(409);

    const decided = await a.request('POST', `/api/v1/penalties/${penalty.id}/decide`, {
      outcome: 'overturned',
    });
    expect(decided.json()).toMatchObject({
      status: 'decided',
      outcome: 'overturned',
      pointsRestored: 4,
      nextDueAt: null,
    });

    const detail = (await a.request('GET', `/api/v1/penalties/${penalty.id}`)).json();
    expect(detail.evidence).toHaveLength(1);
    expect(detail.tasks).toHaveLength(1);
    const done = await a.request('POST', `/api/v1/penalties/${penalty.id}/tasks/${detail.tasks[0].id}/done`);
    expect(done.json().doneAt).toBeTruthy();
  });

  test('an appeal after the deadline is refused and changes nothing', async () => {
    const penalty = (
      await a.request('POST', '/api/v1/penalties', fourPoints({ penalizedAt: '2026-02-20T02:00:00.000Z' }))
    ).json();
    const late = await a.request('POST', `/api/v1/penalties/${penalty.id}/appeal`, { text: '申诉材料' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/deadline passed/);
    expect((await a.request('GET', `/api/v1/penalties/${penalty.id}`)).json().status).toBe('open');
  });

  test('the queue shows the nearest deadline first; other platforms take the date from the notice', async () => {
    const c = await t.signup('Q');
    await c.request('POST', '/api/v1/penalties', {
      platform: 'douyin',
      kind: 'deposit_deducted',
      depositFen: 50000,
      reason: '延迟发货',
    });
    await c.request('POST', '/api/v1/penalties', {
      platform: 'pinduoduo',
      kind: 'product_delisted',
      reason: '资质缺失',
      appealDueAt: '2026-03-04T00:00:00.000Z',
    });
    const noDate = await c.request('POST', '/api/v1/penalties', {
      platform: 'pinduoduo',
      kind: 'other',
      reason: '其他',
    });
    expect(noDate.json().appealDueAt).toBeNull();
    const items = (await c.request('GET', '/api/v1/penalties?status=active')).json().items;
    expect(items.map((p: { appealDueAt: string | null }) => p.appealDueAt)).toEqual([
      '2026-03-04T00:00:00.000Z',
      '2026-03-09T02:00:00.000Z',
      null,
    ]);
  });

  test.each([
    ['points without a number', { platform: 'douyin', kind: 'points', reason: 'x' }, 400],
    ['an unknown kind', { platform: 'douyin', kind: 'fine', reason: 'x' }, 400],
    ['no reason', { platform: 'douyin', kind: 'other' }, 400],
    [
      'another tenant’s shop',
      { platform: 'douyin', kind: 'other', reason: 'x', shopId: '00000000-0000-4000-8000-000000000000' },
      404,
    ],
  ])('%s is refused', async (_what, body, status) => {
    const res = await a.request('POST', '/api/v1/penalties', body);
    expect(res.statusCode, res.body).toBe(status);
  });
});

describe('shop health', () => {
  test('scores below the merchant’s line raise alerts; penalties and disputes share the timeline', async () => {
    expect(
      (await a.request('PUT', `/api/v1/shops/${shopId}/health/thresholds/douyin_quality`, { minValue: 80 }))
        .statusCode,
    ).toBe(204);
    const ok = await a.request('POST', `/api/v1/shops/${shopId}/health/scores`, {
      scores: [{ metric: 'douyin_quality', value: 86, measuredAt: '2026-02-20T00:00:00Z' }],
    });
    expect(ok.json().alerts).toEqual([]);
    const low = await a.request('POST', `/api/v1/shops/${shopId}/health/scores`, {
      scores: [
        { metric: 'douyin_quality', value: 74, measuredAt: '2026-03-01T00:00:00Z' },
        { metric: 'douyin_experience', value: 4.6, measuredAt: '2026-03-01T00:00:00Z' },
      ],
    });
    expect(low.json().alerts).toMatchObject([{ metric: 'douyin_quality', value: 74, threshold: 80 }]);
    const overview = (await a.request('GET', `/api/v1/shops/${shopId}/health?days=90`)).json();
    expect(overview.scores).toHaveLength(3);
    expect(overview.events.some((e: { type: string }) => e.type === 'penalty')).toBe(true);
  });

  test('a score off its scale is refused', async () => {
    const res = await a.request('POST', `/api/v1/shops/${shopId}/health/scores`, {
      scores: [{ metric: 'pdd_rating', value: 7, measuredAt: '2026-03-01T00:00:00Z' }],
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('tenants never see each other’s penalties or shop health', () => {
  test('B can neither read, appeal, decide nor add tasks to A’s penalty, nor read or write A’s shop health', async () => {
    const p = (await a.request('POST', '/api/v1/penalties', fourPoints())).json();
    expect((await b.request('GET', `/api/v1/penalties/${p.id}`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/penalties/${p.id}/appeal`, { text: 'x' })).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/penalties/${p.id}/accept`)).statusCode).toBe(404);
    expect(
      (await b.request('POST', `/api/v1/penalties/${p.id}/decide`, { outcome: 'upheld' })).statusCode,
    ).toBe(404);
    expect((await b.request('POST', `/api/v1/penalties/${p.id}/tasks`, { title: 'x' })).statusCode).toBe(404);
    expect((await b.request('GET', '/api/v1/penalties')).json().items).toEqual([]);
    expect((await b.request('GET', `/api/v1/shops/${shopId}/health`)).statusCode).toBe(404);
    expect(
      (
        await b.request('POST', `/api/v1/shops/${shopId}/health/scores`, {
          scores: [{ metric: 'pdd_rating', value: 4, measuredAt: '2026-03-01T00:00:00Z' }],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await b.request('PUT', `/api/v1/shops/${shopId}/health/thresholds/pdd_rating`, { minValue: 4 }))
        .statusCode,
    ).toBe(404);
    expect(
      (await uploadEvidence(t, b, { penaltyId: p.id }, { name: 'x.pdf', bytes: aPdf() })).statusCode,
    ).toBe(404);
  });
});
