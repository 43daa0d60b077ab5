import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

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
