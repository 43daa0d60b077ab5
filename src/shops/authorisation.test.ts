import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from '../channels/channel.js';
import { type StrictFake, startStrictFake } from '../channels/fake-platform/server.js';
import type { FakeApp } from '../channels/fake-platform/types.js';
import { createOutboundPolicy } from '../http/outbound-policy.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, type TestShop } from '../ingest/testing.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let fake: StrictFake;
const shop = {} as Record<Platform, TestShop>;
const app = {} as Record<Platform, FakeApp>;
// app.inject's requests come from http://localhost:80: the callback the platforms send merchants back to.
const callbackOf = (p: Platform) => `http://localhost:80/api/v1/shops/authorise/callback/${p}`;

beforeAll(async () => {
  fake = await startStrictFake();
  t = await createTestApp({
    // The strict fake listens on 127.0.0.1: reached only through the installation allow-list.
    outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
    ingest: { apiBaseUrls: Object.fromEntries(PLATFORMS.map((p) => [p, `${fake.url}/${p}`])) },
  });
  a = await t.signup('A');
  b = await t.signup('B');
  for (const p of PLATFORMS) {
    shop[p] = await createShop(a, p, {
      settings: {
        authBaseUrl: `${fake.url}/${p}`,
        ...(p === 'douyin' ? { douyinServiceId: 'svc-42' } : {}),
        ...(p === 'tiktok' ? { shopCipher: 'ROW_oauth' } : {}),
      },
    });
    app[p] = { appKey: shop[p].appKey, appSecret: shop[p].appSecret, shopName: `${p} 旗舰店` };
    if (p === 'tiktok' || p === 'douyin') app[p].redirectUri = callbackOf(p);
    if (p === 'douyin') app[p].serviceId = 'svc-42';
    if (p === 'tiktok') app[p].shopCipher = 'ROW_oauth';
    fake.register(p, app[p]);
  }
}, 300_000);
afterAll(() => fake.close());

/** The merchant's browser: consent on the fake's page, then back to our callback with its cookie. */
async function consent(client: TestClient | null, consentUrl: string, approve = '1') {
  const page = new URL(consentUrl);
  page.searchParams.set('approve', approve);
  const res = await fetch(page, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  const callback = await t.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: client ? { cookie: client.cookie } : {},
  });
  expect(callback.statusCode).toBe(303);
  return new URL(callback.headers.location as string, 'http://localhost');
}

const start = async (client: TestClient, p: Platform) => {
  const res = await client.request('POST', `/api/v1/shops/${shop[p].id}/authorise`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { url: string; redirectUri: string; redirectRegistered: boolean };
};
const authorisationOf = async (p: Platform) =>
  (await a.request('GET', `/api/v1/shops/${shop[p].id}`)).json().authorisation;

describe('shop authorisation through the platform’s consent page', () => {
  test.each(PLATFORMS)('%s: consent, code exchanged, token sealed and used for sends', async (p) => {
    const started = await start(a, p);
    expect(started.redirectUri).toBe(callbackOf(p));
    expect(started.redirectRegistered).toBe(p === 'tiktok' || p === 'douyin');
    const landed = await consent(a, started.url);
    expect(landed.pathname).toBe('/settings/shops');
    expect(Object.fromEntries(landed.searchParams)).toEqual({ authorise: 'authorised', shop: shop[p].id });
    const view = await authorisationOf(p);
    expect(view).toMatchObject({ state: 'authorised', via: 'oauth', canRefresh: true, error: null });
    expect(new Date(view.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    // The token is never shown; the platform sees it on the next call.
    const shown = await a.request('GET', `/api/v1/shops/${shop[p].id}`);
    expect(shown.body).not.toContain(app[p].accessToken!);
    const test = (await a.request('POST', `/api/v1/shops/${shop[p].id}/self-test`)).json();
    expect(test).toMatchObject({ token: 'ok', signing: 'ok' });
  });

  test('refreshing spends the refresh token once: the new token works, the old one is refused', async () => {
    const before = app.taobao.accessToken;
    const res = await a.request('POST', `/api/v1/shops/${shop.taobao.id}/authorise/refresh`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'authorised', error: null });
    expect(app.taobao.accessToken).not.toBe(before);
    expect((await a.request('POST', `/api/v1/shops/${shop.taobao.id}/self-test`)).json()).toMatchObject({
      token: 'ok',
    });
  });

  test('the refresher renews every token close to expiry, each once', async () => {
    const issued = PLATFORMS.map((p) => app[p].issued ?? 0);
    const done = await t.services.authorisation.refreshDue(8 * 24 * 3600_000);
    expect(done).toEqual({ renewed: 4, failed: 0 });
    expect(PLATFORMS.map((p) => app[p].issued)).toEqual(issued.map((n) => n + 1));
    expect(await t.services.authorisation.refreshDue(3600_000)).toEqual({ renewed: 0, failed: 0 });
  });

  test('a refused refresh flags the shop with the platform’s reason; the old token stays', async () => {
    fake.failNext({
      platform: 'pinduoduo',
      api: 'pdd.pop.auth.token.refresh',
      failure: { type: 'error', category: 'auth_invalid' },
    });
    const res = await a.request('POST', `/api/v1/shops/${shop.pinduoduo.id}/authorise/refresh`);
    expect(res.json()).toMatchObject({ state: 'refresh_failed', error: { category: 'auth_invalid' } });
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_events where tenant_id = $1 and entity_id = $2 order by at desc limit 1`,
      [a.tenantId, shop.pinduoduo.id],
    );
    expect(audit[0]?.action).toBe('token_refresh_failed');
  });

  test('declining on the consent page changes nothing', async () => {
    const started = await start(a, 'tiktok');
    const landed = await consent(a, started.url, '0');
    expect(landed.searchParams.get('authorise')).toBe('denied');
  });

  test('a state is good once, for the user who asked, within the same browser session', async () => {
    const started = await start(a, 'taobao');
    const page = new URL(started.url);
    page.searchParams.set('approve', '1');
    const back = new URL((await fetch(page, { redirect: 'manual' })).headers.get('location')!);
    const path = `${back.pathname}${back.search}`;
    // Another merchant's browser (or none) cannot complete it, and that uses the state up.
    const other = await t.app.inject({ method: 'GET', url: path, headers: { cookie: b.cookie } });
    expect(other.headers.location).toContain('reason=other_user');
    const again = await t.app.inject({ method: 'GET', url: path, headers: { cookie: a.cookie } });
    expect(again.headers.location).toContain('reason=state_expired');
    const forged = await t.app.inject({ method: 'GET', url: `${back.pathname}?state=nope&code=x` });
    expect(forged.headers.location).toContain('authorise=failed');
  });

  test('a token entered by hand replaces the authorisation (self-built apps)', async () => {
    const res = await a.request('PATCH', `/api/v1/shops/${shop.douyin.id}`, {
      settings: { accessToken: 'hand-made' },
    });
    expect(res.json().authorisation).toMatchObject({
      state: 'manual',
      via: 'manual',
      canRefresh: false,
      expiresAt: null,
    });
    const refresh = await a.request('POST', `/api/v1/shops/${shop.douyin.id}/authorise/refresh`);
    expect(refresh.statusCode).toBe(400);
  });

  test('bad input is a 4xx, never a 500', async () => {
    const bad = [
      await t.app.inject({ method: 'GET', url: '/api/v1/shops/authorise/callback/ebay?state=x' }),
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/shops/authorise/callback/taobao?state=${'x'.repeat(500)}`,
      }),
      await a.request('POST', '/api/v1/shops/not-a-uuid/authorise'),
    ];
    for (const r of bad) {
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().error.code).toBeTruthy();
    }
    const manual = (await a.request('POST', '/api/v1/shops', { platform: 'manual', name: '线下' })).json();
    expect((await a.request('POST', `/api/v1/shops/${manual.id}/authorise`)).statusCode).toBe(400);
  });

  test('another tenant can neither start nor refresh A’s shop authorisation', async () => {
    expect((await b.request('POST', `/api/v1/shops/${shop.taobao.id}/authorise`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/shops/${shop.taobao.id}/authorise/refresh`)).statusCode).toBe(
      404,
    );
  });

  test('an agent cannot start an authorisation', async () => {
    const agent = await a.addUser('agent');
    expect((await agent.request('POST', `/api/v1/shops/${shop.taobao.id}/authorise`)).statusCode).toBe(403);
  });
});
