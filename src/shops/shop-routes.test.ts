import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createSecretBox } from '../shared/secret-box.js';
import { adapterSettings } from './shop-settings.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
});

describe('shops', () => {
  test('a shop is created with its credentials; the secret is never returned and is encrypted at rest', async () => {
    const res = await a.request('POST', '/api/v1/shops', {
      platform: 'pinduoduo',
      name: '拼多多店',
      appKey: 'client-id-1',
      appSecret: 'very-secret-value',
    });
    expect(res.statusCode).toBe(201);
    const shop = res.json();
    expect(shop).toMatchObject({
      id: expect.any(String),
      platform: 'pinduoduo',
      appKey: 'client-id-1',
      hasAppSecret: true,
      timezone: 'Asia/Shanghai',
    });
    expect(res.body).not.toContain('very-secret-value');
    const list = await a.request('GET', '/api/v1/shops');
    expect(list.body).not.toContain('very-secret-value');

    const [row] = await t.database.query<{ app_secret_sealed: string }>(
      'select app_secret_sealed from shops where id = $1',
      [shop.id],
    );
    expect(row!.app_secret_sealed).not.toContain('very-secret-value');
    expect(t.services.shops.openSecret({ appSecretSealed: row!.app_secret_sealed } as never)).toBe(
      'very-secret-value',
    );
  });

  test('a platform shop needs its app key and secret; a manual shop does not', async () => {
    const missing = await a.request('POST', '/api/v1/shops', { platform: 'douyin', name: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/appKey/);
    expect((await a.request('POST', '/api/v1/shops', { platform: 'manual', name: '热线' })).statusCode).toBe(
      201,
    );
  });

  test('bad input is refused: unknown platform, unknown time zone, unknown fields, over-long names', async () => {
    for (const payload of [
      { platform: 'jd', name: 'x', appKey: 'k', appSecret: 's' },
      { platform: 'tiktok', name: 'x', appKey: 'k', appSecret: 's', timezone: 'Mars/Olympus' },
      { platform: 'manual', name: 'x', secretSauce: 1 },
      { platform: 'manual', name: 'x'.repeat(101) },
    ]) {
      const res = await a.request('POST', '/api/v1/shops', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  test('a shop can be renamed, moved to another time zone, re-keyed and disabled, with an audit trail', async () => {
    const shop = (
      await a.request('POST', '/api/v1/shops', {
        platform: 'tiktok',
        name: 'TikTok TH',
        appKey: 'k',
        appSecret: 's',
      })
    ).json();
    const patched = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      timezone: 'Asia/Bangkok',
      enabled: false,
      appSecret: 'rotated',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ timezone: 'Asia/Bangkok', enabled: false });
    const [audit] = await t.database.query<{ action: string }>(
      "select action from audit_events where entity_id = $1 and action like 'updated%'",
      [shop.id],
    );
    expect(audit!.action).toBe('updated_with_secret');
  });

  test('tenant B gets 404 for tenant A’s shop and cannot change it', async () => {
    const shop = (await a.request('POST', '/api/v1/shops', { platform: 'manual', name: 'A 的店' })).json();
    expect((await b.request('GET', `/api/v1/shops/${shop.id}`)).statusCode).toBe(404);
    expect((await b.request('PATCH', `/api/v1/shops/${shop.id}`, { name: 'stolen' })).statusCode).toBe(404);
    expect(
      (await b.request('GET', '/api/v1/shops')).json().items.map((s: { id: string }) => s.id),
    ).not.toContain(shop.id);
    expect((await a.request('GET', `/api/v1/shops/${shop.id}`)).json().name).toBe('A 的店');
  });
});

describe('shop adapter settings', () => {
  const TOKEN = 'oauth-token-5f1e9c-never-echoed';

  test('settings are set on create, shown without the token, and the token is sealed at rest', async () => {
    const res = await a.request('POST', '/api/v1/shops', {
      platform: 'pinduoduo',
      name: '拼多多对接店',
      appKey: 'pdd-client',
      appSecret: 'pdd-secret',
      settings: {
        apiBaseUrl: 'https://gw-api.example.com/',
        pddAmountUnit: 'yuan',
        accessToken: TOKEN,
        ingestPositiveReviews: true,
        pddMessageService: true,
        pddMessageUrl: 'wss://message-staging.example.com',
        outboundMethods: { agree_refund: 'pdd.refund.agree.v2' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const shop = res.json();
    expect(shop).toMatchObject({
      hasAccessToken: true,
      settings: {
        apiBaseUrl: 'https://gw-api.example.com/',
        pddAmountUnit: 'yuan',
        ingestPositiveReviews: true,
        pddMessageService: true,
        pddMessageUrl: 'wss://message-staging.example.com',
        outboundMethods: { agree_refund: 'pdd.refund.agree.v2' },
      },
    });
    expect(shop.settings).not.toHaveProperty('accessToken');
    expect(shop.settings).not.toHaveProperty('accessTokenSealed');
    expect(res.body).not.toContain(TOKEN);
    for (const url of ['/api/v1/shops', `/api/v1/shops/${shop.id}`]) {
      const got = await a.request('GET', url);
      expect(got.body).not.toContain(TOKEN);
      expect(got.body).not.toContain('accessTokenSealed');
    }

    const [row] = await t.database.query<{ settings: Record<string, unknown> }>(
      'select settings from shops where id = $1',
      [shop.id],
    );
    expect(JSON.stringify(row!.settings)).not.toContain(TOKEN);
    expect(row!.settings.accessToken).toBeUndefined();
    expect(typeof row!.settings.accessTokenSealed).toBe('string');
    const forAdapters = adapterSettings(row!.settings, createSecretBox(Buffer.alloc(32, 7)));
    expect(forAdapters).toMatchObject({ accessToken: TOKEN, pddAmountUnit: 'yuan' });
    expect(forAdapters).not.toHaveProperty('accessTokenSealed');
  });

  test('PATCH merges settings key by key; null removes a key; the token can be replaced and cleared', async () => {
    const shop = (
      await a.request('POST', '/api/v1/shops', {
        platform: 'douyin',
        name: '抖店对接',
        appKey: 'k',
        appSecret: 's',
        settings: { apiBaseUrl: 'https://relay.example.com/relay', ingestPositiveReviews: false },
      })
    ).json();
    expect(shop).toMatchObject({
      hasAccessToken: false,
      settings: { apiBaseUrl: 'https://relay.example.com/relay' },
    });

    const merged = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { accessToken: TOKEN, outboundMethods: { reply: 'afterSale/reply', evidence: 'x/evidence' } },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.body).not.toContain(TOKEN);
    expect(merged.json()).toMatchObject({
      hasAccessToken: true,
      settings: {
        apiBaseUrl: 'https://relay.example.com/relay',
        ingestPositiveReviews: false,
        outboundMethods: { reply: 'afterSale/reply', evidence: 'x/evidence' },
      },
    });

    // A PATCH without settings leaves them alone, and so does one naming other keys only.
    await a.request('PATCH', `/api/v1/shops/${shop.id}`, { name: '抖店对接 2' });
    const renamed = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { ingestPositiveReviews: true },
    });
    expect(renamed.json()).toMatchObject({
      name: '抖店对接 2',
      hasAccessToken: true,
      settings: { apiBaseUrl: 'https://relay.example.com/relay', ingestPositiveReviews: true },
    });

    // outboundMethods is replaced as a whole; null removes keys, the token too.
    const removed = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { apiBaseUrl: null, accessToken: null, outboundMethods: { notice: 'afterSale/notice' } },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().hasAccessToken).toBe(false);
    expect(removed.json().settings).toEqual({
      ingestPositiveReviews: true,
      outboundMethods: { notice: 'afterSale/notice' },
    });
    const [row] = await t.database.query<{ settings: Record<string, unknown> }>(
      'select settings from shops where id = $1',
      [shop.id],
    );
    expect(row!.settings).toEqual({
      ingestPositiveReviews: true,
      outboundMethods: { notice: 'afterSale/notice' },
    });
    const cleared = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { outboundMethods: {} },
    });
    expect(cleared.json().settings).toEqual({ ingestPositiveReviews: true });

    const [audit] = await t.database.query<{ action: string; after: unknown }>(
      "select action, after from audit_events where entity_id = $1 and action = 'updated_with_secret'",
      [shop.id],
    );
    expect(audit).toBeDefined();
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  test("the reconciler's overrides are set and removed through PATCH, and bad ones are a 400", async () => {
    const shop = (
      await a.request('POST', '/api/v1/shops', {
        platform: 'pinduoduo',
        name: '拼多多对账',
        appKey: 'k',
        appSecret: 's',
        settings: { reconcile: { pageSize: 50 } },
      })
    ).json();
    expect(shop.settings).toEqual({ reconcile: { pageSize: 50 } });
    const off = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { reconcile: { enabled: false, methods: { after_sales: 'pdd.refund.list.increment.get' } } },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().settings.reconcile).toEqual({
      enabled: false,
      methods: { after_sales: 'pdd.refund.list.increment.get' },
    });
    for (const reconcile of [{ pageSize: 0 }, { feeds: ['chats'] }, { enabled: 'no' }, { extra: 1 }]) {
      const bad = await a.request('PATCH', `/api/v1/shops/${shop.id}`, { settings: { reconcile } });
      expect(bad.statusCode, JSON.stringify(reconcile)).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    }
    const removed = await a.request('PATCH', `/api/v1/shops/${shop.id}`, { settings: { reconcile: null } });
    expect(removed.json().settings).toEqual({});
  });

  test('stored keys the API does not know, and a legacy plaintext token, survive a PATCH but are never shown', async () => {
    const shop = (
      await a.request('POST', '/api/v1/shops', {
        platform: 'tiktok',
        name: 'TT',
        appKey: 'k',
        appSecret: 's',
      })
    ).json();
    await t.database.query(`update shops set settings = $2::jsonb where id = $1`, [
      shop.id,
      JSON.stringify({ accessToken: 'legacy-plain-token', priceProtectionDays: 15 }),
    ]);
    const got = await a.request('GET', `/api/v1/shops/${shop.id}`);
    expect(got.json()).toMatchObject({ hasAccessToken: true, settings: {} });
    expect(got.body).not.toContain('legacy-plain-token');
    expect(got.body).not.toContain('priceProtectionDays');

    const patched = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { ingestPositiveReviews: true },
    });
    expect(patched.body).not.toContain('legacy-plain-token');
    const [kept] = await t.database.query<{ settings: Record<string, unknown> }>(
      'select settings from shops where id = $1',
      [shop.id],
    );
    expect(kept!.settings).toEqual({
      accessToken: 'legacy-plain-token',
      priceProtectionDays: 15,
      ingestPositiveReviews: true,
    });

    // Setting a token seals it and drops the plaintext one.
    await a.request('PATCH', `/api/v1/shops/${shop.id}`, { settings: { accessToken: 'new-token' } });
    const [sealed] = await t.database.query<{ settings: Record<string, unknown> }>(
      'select settings from shops where id = $1',
      [shop.id],
    );
    expect(sealed!.settings.accessToken).toBeUndefined();
    expect(JSON.stringify(sealed!.settings)).not.toContain('new-token');
  });

  test('bad settings are refused with a 400 that names the field', async () => {
    const shop = (
      await a.request('POST', '/api/v1/shops', { platform: 'douyin', name: 'D', appKey: 'k', appSecret: 's' })
    ).json();
    const cases: [unknown, RegExp][] = [
      [{ secretSauce: 1 }, /settings.*secretSauce/],
      [{ apiBaseUrl: 'ftp://gw.example.com' }, /settings\.apiBaseUrl/],
      [{ apiBaseUrl: 'not a url' }, /settings\.apiBaseUrl/],
      [{ apiBaseUrl: 42 }, /settings\.apiBaseUrl/],
      [{ outboundMethods: { send_flowers: 'x' } }, /settings\.outboundMethods.*send_flowers/],
      [{ outboundMethods: { reply: '' } }, /settings\.outboundMethods\.reply/],
      [{ outboundMethods: { reply: 'm'.repeat(201) } }, /settings\.outboundMethods\.reply/],
      [{ outboundMethods: ['reply'] }, /settings\.outboundMethods/],
      [{ accessToken: '' }, /settings\.accessToken/],
      [{ accessToken: 123 }, /settings\.accessToken/],
      [{ ingestPositiveReviews: 'yes' }, /settings\.ingestPositiveReviews/],
      [{ pddAmountUnit: 'yuan' }, /settings\.pddAmountUnit.*pinduoduo/],
      [{ pddMessageService: true }, /settings\.pddMessageService.*pinduoduo/],
      [{ pddMessageUrl: 'wss://m.example.com' }, /settings\.pddMessageUrl.*pinduoduo/],
    ];
    for (const [settings, message] of cases) {
      const res = await a.request('PATCH', `/api/v1/shops/${shop.id}`, { settings });
      expect(res.statusCode, JSON.stringify(settings)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message, JSON.stringify(settings)).toMatch(message);
    }
    const pdd = await a.request('POST', '/api/v1/shops', {
      platform: 'pinduoduo',
      name: 'P',
      appKey: 'k',
      appSecret: 's',
      settings: { pddAmountUnit: 'jiao' },
    });
    expect(pdd.statusCode).toBe(400);
    expect(pdd.json().error.message).toMatch(/settings\.pddAmountUnit/);
    const httpMessageUrl = await a.request('POST', '/api/v1/shops', {
      platform: 'pinduoduo',
      name: 'P',
      appKey: 'k',
      appSecret: 's',
      settings: { pddMessageUrl: 'https://m.example.com' },
    });
    expect(httpMessageUrl.statusCode).toBe(400);
    expect(httpMessageUrl.json().error.message).toMatch(
      /settings\.pddMessageUrl: must be a ws:\/\/ or wss:\/\/ URL/,
    );
    const onCreate = await a.request('POST', '/api/v1/shops', {
      platform: 'taobao',
      name: 'T',
      appKey: 'k',
      appSecret: 's',
      settings: { pddMessageService: true },
    });
    expect(onCreate.statusCode).toBe(400);
    expect(onCreate.json().error.message).toMatch(/settings\.pddMessageService/);
    // Nothing was changed by the refused requests; null on a Pinduoduo-only key is harmless anywhere.
    const after = await a.request('PATCH', `/api/v1/shops/${shop.id}`, { settings: { pddAmountUnit: null } });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ hasAccessToken: false, settings: {} });
  });

  test('settings follow the shop’s tenant: B cannot read or change A’s, agents cannot change them', async () => {
    const shop = (
      await a.request('POST', '/api/v1/shops', {
        platform: 'pinduoduo',
        name: 'A 的拼多多',
        appKey: 'k',
        appSecret: 's',
        settings: { accessToken: TOKEN, apiBaseUrl: 'https://a.example.com' },
      })
    ).json();
    const read = await b.request('GET', `/api/v1/shops/${shop.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('a.example.com');
    const list = await b.request('GET', '/api/v1/shops');
    expect(list.body).not.toContain('a.example.com');
    const patch = await b.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { apiBaseUrl: 'https://evil.example.com', accessToken: null },
    });
    expect(patch.statusCode).toBe(404);
    const agent = await a.addUser('agent');
    expect(
      (await agent.request('PATCH', `/api/v1/shops/${shop.id}`, { settings: { accessToken: null } }))
        .statusCode,
    ).toBe(403);
    const agentView = await agent.request('GET', `/api/v1/shops/${shop.id}`);
    expect(agentView.body).not.toContain(TOKEN);
    expect((await a.request('GET', `/api/v1/shops/${shop.id}`)).json()).toMatchObject({
      hasAccessToken: true,
      settings: { apiBaseUrl: 'https://a.example.com' },
    });
  });
});

describe('webhook address', () => {
  let other: TestApp;
  beforeAll(async () => {
    other = await createTestApp({ publicUrl: 'https://desk.example.com/' });
  });

  test('each shop shows its webhook address; without a public base URL it is marked unconfigured', async () => {
    const shop = (
      await a.request('POST', '/api/v1/shops', {
        platform: 'douyin',
        name: '推送店',
        appKey: 'k',
        appSecret: 's',
      })
    ).json();
    expect(shop.webhook).toMatchObject({ configured: false, https: false });
    expect(shop.webhook.url).toMatch(new RegExp(`/hooks/douyin/${shop.id}$`));
  });

  test('with a public base URL the address starts with it and is https', async () => {
    const c = await other.signup('C');
    const shop = (
      await c.request('POST', '/api/v1/shops', {
        platform: 'tiktok',
        name: 'TT',
        appKey: 'k',
        appSecret: 's',
      })
    ).json();
    const listed = (await c.request('GET', '/api/v1/shops')).json().items[0];
    expect(listed.webhook).toEqual({
      url: `https://desk.example.com/hooks/tiktok/${shop.id}`,
      https: true,
      configured: true,
    });
  });
});
