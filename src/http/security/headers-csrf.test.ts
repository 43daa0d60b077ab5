import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

let t: TestApp;
let owner: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup('Headers');
});

describe('security headers', () => {
  test('every answer forbids framing and sniffing, with a CSP that allows no inline script', async () => {
    for (const url of [
      '/healthz',
      '/api/v1/auth/status',
      '/api/v1/nowhere',
      '/console/inbox',
      '/api/v1/tickets',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });
});

describe('cross-site requests with the session cookie', () => {
  const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: owner.cookie, host: 'desk.example.cn', ...headers },
      ...(payload === undefined ? {} : { payload: payload as never }),
    });

  test('a same-site page on another subdomain cannot post, upload or log the user out', async () => {
    const evil = { origin: 'https://promo.example.cn' };
    const shop = await post('/api/v1/shops', evil, { platform: 'manual', name: 'Evil' });
    expect(shop.statusCode).toBe(403);
    expect(shop.json().error.message).toMatch(/cross-site/);
    const form = await post('/api/v1/imports', {
      ...evil,
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(form.statusCode).toBe(403);
    const logout = await post('/api/v1/auth/logout', evil);
    expect(logout.statusCode).toBe(403);
    expect((await owner.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });

  test('a Referer from elsewhere, or an opaque origin, is refused too', async () => {
    expect((await post('/api/v1/auth/logout', { referer: 'https://evil.example/x' })).statusCode).toBe(403);
    expect((await post('/api/v1/auth/logout', { origin: 'null' })).statusCode).toBe(403);
    expect((await post('/api/v1/auth/logout', { 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
  });

  test('the console’s own pages, scripts without a browser and bearer tokens go through', async () => {
    const own = await post(
      '/api/v1/shops',
      { origin: 'http://desk.example.cn' },
      { platform: 'manual', name: 'Own' },
    );
    expect(own.statusCode).toBe(201);
    const script = await post('/api/v1/shops', {}, { platform: 'manual', name: 'Script' });
    expect(script.statusCode).toBe(201);
    const token = (await owner.request('POST', '/api/v1/tokens', { name: 'ci', role: 'admin' })).json().token;
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/shops',
      headers: { authorization: `Bearer ${token}`, origin: 'https://elsewhere.example' },
      payload: { platform: 'manual', name: 'Token' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  test('an origin on AFTERCARE_ALLOWED_ORIGINS may post', async () => {
    const listed = await createTestApp({ allowedOrigins: ['https://desk.example.com'] });
    const client = await listed.signup('Listed');
    const res = await listed.app.inject({
      method: 'POST',
      url: '/api/v1/shops',
      headers: { cookie: client.cookie, origin: 'https://desk.example.com' },
      payload: { platform: 'manual', name: 'Listed' },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('/metrics', () => {
  test('without a token it answers this machine only', async () => {
    const local = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(local.statusCode).toBe(200);
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.5' });
    expect(remote.statusCode).toBe(403);
    const spoofed = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.5',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(spoofed.statusCode).toBe(403);
  });

  test('with AFTERCARE_METRICS_TOKEN it needs the token, from anywhere', async () => {
    const guarded = await createTestApp({ metricsToken: 'metrics-token-0123456789' });
    const none = await guarded.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(403);
    const ok = await guarded.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.5',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(ok.statusCode).toBe(200);
  });
});
