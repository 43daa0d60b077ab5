import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StrictFake, startStrictFake } from '../channels/fake-platform/server.js';
import type { FakeApp } from '../channels/fake-platform/types.js';
import { createOutboundPolicy } from '../http/outbound-policy.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, type TestShop } from '../ingest/testing.js';

/**
 * The reconciler and the shop's authorised token: a token that runs out in the middle of a pull is
 * renewed once (with the refresh token from the consent) and the pull goes on; a second refusal in
 * the same run, or a renewal the platform refuses, stops the run and says so on channel health and
 * on the shop.
 */
let t: TestApp;
let a: TestClient;
let fake: StrictFake;
let shop: TestShop;
let app: FakeApp;
const failures: { shopId: string; category: string }[] = [];
const LIST = 'afterSale.List';

beforeAll(async () => {
  fake = await startStrictFake();
  t = await createTestApp({
    outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
    ingest: { apiBaseUrls: { douyin: `${fake.url}/douyin` } },
    reconcile: { settleMs: 0, firstLookbackMs: 2 * 3600_000, pageDelayMs: 0 },
  });
  t.services.authorisation.onRefreshFailure((f) => failures.push(f));
  a = await t.signup('A');
  shop = await createShop(a, 'douyin', {
    settings: { authBaseUrl: `${fake.url}/douyin`, douyinServiceId: 'svc-7' },
  });
  app = {
    appKey: shop.appKey,
    appSecret: shop.appSecret,
    shopName: '抖音旗舰店',
    serviceId: 'svc-7',
    redirectUri: 'http://localhost:80/api/v1/shops/authorise/callback/douyin',
  };
  fake.register('douyin', app);
  // The merchant authorises the shop on the platform's consent page: a token and a refresh token.
  const started = (await a.request('POST', `/api/v1/shops/${shop.id}/authorise`)).json() as { url: string };
  const page = new URL(started.url);
  page.searchParams.set('approve', '1');
  const back = new URL((await fetch(page, { redirect: 'manual' })).headers.get('location')!);
  const callback = await t.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: a.cookie },
  });
  expect(callback.headers.location).toContain('authorise=authorised');
}, 300_000);
afterAll(() => fake.close());

let nextId = 7_500_000_000;
/** `n` after-sales on the platform, updated over the last `spreadMs`. */
function putAfterSales(n: number, spreadMs: number) {
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const at = now - spreadMs + Math.floor((i * spreadMs) / n);
    const id = String(nextId++);
    fake.records.putAfterSale('douyin', app.appKey, {
      id,
      orderId: `${id}01`,
      status: 6,
      type: 2,
      amountFen: 100 + i,
      createdAt: at,
      updatedAt: at,
    });
  }
}

/** The list calls the platform refused since `from` (index into fake.calls), by reason. */
const refusedLists = (from: number) =>
  fake.calls
    .slice(from)
    .filter((c) => c.platform === 'douyin' && c.api === LIST && !c.accepted)
    .map((c) => c.refusal);

const health = async () =>
  ((await a.request('GET', '/api/v1/reconcile/shops')).json().items as Record<string, unknown>[]).find(
    (s) => s.shopId === shop.id,
  )!;
const authorisation = async () => (await a.request('GET', `/api/v1/shops/${shop.id}`)).json().authorisation;
const lastAudit = async () =>
  (
    await t.database.query<{ action: string }>(
      `select action from audit_events where tenant_id = $1 and entity_id = $2 order by at desc limit 1`,
      [a.tenantId, shop.id],
    )
  )[0]?.action;

/** Asks for a run of the shop and runs the reconciler once. */
async function reconcileNow() {
  const asked = await a.request('POST', `/api/v1/reconcile/shops/${shop.id}/run`);
  expect(asked.statusCode, asked.body).toBe(202);
  return t.services.reconcile.runDue(10);
}

/** Lets the clock pass the second the records were written in (the lists filter whole seconds). */
const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

describe('an expired token during a pull', () => {
  test('is renewed once and the pull goes on where it was', async () => {
    // 250 changes over 90 minutes: two windows, three pages or more.
    putAfterSales(250, 90 * 60_000);
    await nextSecond();
    const issued = app.issued ?? 0;
    const oldToken = app.accessToken;
    const from = fake.calls.length;
    fake.expireTokenAfter('douyin', app.appKey, 1);

    const run = await reconcileNow();
    expect(run.found).toBe(250);
    expect(app.issued).toBe(issued + 1);
    expect(app.accessToken).not.toBe(oldToken);
    expect(refusedLists(from)).toEqual(['auth_expired']);
    // Every page was read once with the old token or once with the new one: none twice, none missed.
    const pages = fake.calls.slice(from).filter((c) => c.api === LIST && c.accepted);
    const asked = pages.map((c) => `${c.params.update_start_time}/${c.params.page}`);
    expect(new Set(asked).size).toBe(asked.length);
    expect(pages.length).toBeGreaterThanOrEqual(3);

    expect(await health()).toMatchObject({ lastOutcome: 'ok', lastFound: 250, consecutiveFailures: 0 });
    expect(await authorisation()).toMatchObject({ state: 'authorised', error: null });
    expect(await lastAudit()).toBe('token_refreshed');
    expect(failures).toEqual([]);
  }, 60_000);

  test('a renewal the platform refuses stops the run: channel health and the shop say why', async () => {
    putAfterSales(20, 0);
    await nextSecond();
    const before = await health();
    const issued = app.issued ?? 0;
    const from = fake.calls.length;
    app.accessTokenExpiresAt = Date.now() - 1;
    fake.failNext({
      platform: 'douyin',
      api: 'token.refresh',
      failure: { type: 'error', category: 'auth_invalid' },
    });

    const run = await reconcileNow();
    expect(run.found).toBe(0);
    expect(app.issued).toBe(issued);
    expect(refusedLists(from)).toEqual(['auth_expired']);
    const after = await health();
    expect(after).toMatchObject({
      lastOutcome: 'failed',
      lastErrorCategory: 'auth_expired',
      consecutiveFailures: 1,
    });
    expect(await authorisation()).toMatchObject({
      state: 'refresh_failed',
      error: { category: 'auth_invalid' },
    });
    expect(await lastAudit()).toBe('token_refresh_failed');
    expect(failures).toEqual([expect.objectContaining({ shopId: shop.id, category: 'auth_invalid' })]);
    expect(after.totalFound).toBe(before.totalFound);
  }, 60_000);

  test('a token refused again after its renewal is not renewed twice in one run; the next run catches up', async () => {
    fake.failAlways({ platform: 'douyin', api: LIST, failure: { type: 'error', category: 'auth_expired' } });
    const issued = app.issued ?? 0;
    const from = fake.calls.length;
    const run = await reconcileNow();
    expect(run.found).toBe(0);
    expect(app.issued).toBe(issued + 1);
    expect(refusedLists(from)).toEqual(['auth_expired', 'auth_expired']);
    expect(await health()).toMatchObject({
      lastOutcome: 'failed',
      lastErrorCategory: 'auth_expired',
      consecutiveFailures: 2,
    });

    // The platform takes the token again: the next run brings in what the failed ones left.
    fake.clearFailures();
    const total = (await health()).totalFound as number;
    const caught = await reconcileNow();
    expect(total + caught.found).toBe(270);
    expect(await health()).toMatchObject({ lastOutcome: 'ok', consecutiveFailures: 0, totalFound: 270 });
    expect(await authorisation()).toMatchObject({ state: 'authorised', error: null });
  }, 60_000);
});
