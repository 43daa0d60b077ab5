import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, sessionCookie, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
});

describe('sign-up and login', () => {
  test('sign-up answers 201 with the tenant and sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { tenantName: '小米粒旗舰店', email: 'Owner@Shop.cn', password: 'correct horse' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      tenant: { name: '小米粒旗舰店' },
      user: { email: 'owner@shop.cn', role: 'admin' },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  test('login answers 200 with a cookie; a wrong password is 401 without saying which part was wrong', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: a.email, password: 'plum-blossom-tea-2718' },
    });
    expect(ok.statusCode).toBe(200);
    expect(sessionCookie(ok)).toMatch(/^ac_session=/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: a.email, password: 'nope-nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ghost@x.cn', password: 'nope-nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(unknown.json()).toEqual(bad.json());
  });

  test('signing up with an e-mail another merchant uses tells nothing; each password opens its own account', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { tenantName: 'X', email: a.email, password: 'river-dusk-guitar-48' },
    });
    expect(res.statusCode).toBe(201);
    const mine = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: a.email, password: 'plum-blossom-tea-2718' },
    });
    expect(mine.json().tenant.id).toBe(a.tenantId);
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: a.email, password: 'river-dusk-guitar-48' },
    });
    expect(theirs.json().tenant.id).toBe(res.json().tenant.id);
    expect(theirs.json().tenant.id).not.toBe(a.tenantId);
  });

  test('adding a user whose e-mail another merchant uses tells nothing; a teammate’s e-mail is 409', async () => {
    const c = await t.signup('C');
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: a.cookie },
      payload: { email: c.email, name: 'Copy', role: 'agent', password: 'river-dusk-guitar-48' },
    });
    expect(other.statusCode).toBe(201);
    const teammate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: a.cookie },
      payload: {
        email: c.email.toUpperCase(),
        name: 'Copy',
        role: 'agent',
        password: 'river-dusk-guitar-48',
      },
    });
    expect(teammate.statusCode).toBe(409);
    expect(teammate.json().error.code).toBe('EMAIL_TAKEN');
  });

  test.each([
    ['password', /at least 10/],
    ['12345678', /at least 10/],
    ['password123', /easy to guess/],
    ['SELF', /e-mail address or name/],
  ])('a new password %s is refused with 400 (%s)', async (password, reason) => {
    const email = `weak-${Math.random().toString(36).slice(2)}@example.cn`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { tenantName: 'Weak', email, password: password === 'SELF' ? email : password },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(reason);
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: a.cookie },
      payload: { email, name: 'Weak', role: 'agent', password: password === 'SELF' ? email : password },
    });
    expect(user.statusCode).toBe(400);
  });

  test('bad sign-up input is 400 with the field named', async () => {
    for (const payload of [
      { tenantName: '', email: 'a@b.cn', password: 'plum-blossom-tea-2718' },
      { tenantName: 'x', email: 'not-an-email', password: 'plum-blossom-tea-2718' },
      { tenantName: 'x', email: 'a@b.cn', password: 'short' },
      { tenantName: 'x', email: 'a@b.cn', password: 'plum-blossom-tea-2718', isAdmin: true },
      { tenantName: 'x'.repeat(101), email: 'a@b.cn', password: 'plum-blossom-tea-2718' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  test('logout ends the session', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: a.email, password: 'plum-blossom-tea-2718' },
    });
    const cookie = sessionCookie(login);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });
});

describe('password guessing', () => {
  test('after five wrong passwords for one e-mail the next try must wait (429), others are not locked out', async () => {
    const email = 'guess-me@example.cn';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: `wrong-${i}` },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: a.email, password: 'plum-blossom-tea-2718' },
    });
    expect(other.statusCode).toBe(200);
  });

  test('many e-mails from one client are slowed down, however X-Forwarded-For is rotated', async () => {
    const fresh = await createTestApp();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
        payload: { email: `spray-${i}@example.cn`, password: 'Summer2024!' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(21)).toContain(429);
  }, 120_000); // 25 argon2 checks and a fresh database

  test('behind a configured proxy the forwarded client address is the one throttled', async () => {
    const proxied = await createTestApp({ trustedProxies: ['127.0.0.1'] });
    const login = (ip: string, i: number) =>
      proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-for': ip },
        payload: { email: `nat-${i}@example.cn`, password: 'Summer2024!' },
      });
    for (let i = 0; i < 22; i++) await login('203.0.113.7', i);
    expect((await login('203.0.113.7', 99)).statusCode).toBe(429);
    expect((await login('203.0.113.8', 100)).statusCode).toBe(401);
  }, 120_000);
});

describe('first run and closed sign-up', () => {
  test('with sign-up closed, only the very first tenant can sign up', async () => {
    const closed = await createTestApp({ openSignup: false });
    const status = await closed.app.inject({ method: 'GET', url: '/api/v1/auth/status' });
    expect(status.json()).toEqual({ signupAllowed: true, authenticated: false });
    const first = await closed.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { tenantName: 'First', email: 'first@x.cn', password: 'plum-blossom-tea-2718' },
    });
    expect(first.statusCode).toBe(201);
    const second = await closed.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { tenantName: 'Second', email: 'second@x.cn', password: 'plum-blossom-tea-2718' },
    });
    expect(second.statusCode).toBe(403);
    expect(second.json().error.code).toBe('SIGNUP_CLOSED');
  }, 120_000); // a fresh database and an argon2 hash on a loaded machine
});

describe('sessions expire', () => {
  test('an expired session gets 401 and its cookie is cleared', async () => {
    const clock = fixedClock('2026-11-11T00:00:00Z');
    const app = await createTestApp({ clock, sessionTtlHours: 1 });
    const owner = await app.signup();
    expect((await owner.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    clock.advance(2 * 3_600_000);
    const res = await owner.request('GET', '/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/expired/);
    expect(String(res.headers['set-cookie'])).toMatch(/ac_session=;/);
  });
});

describe('API tokens', () => {
  test('a token is shown once, works as a Bearer token, and stops working when revoked', async () => {
    const created = await a.request('POST', '/api/v1/tokens', { name: 'ERP sync', role: 'agent' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^ac_[0-9a-f]{32}_/);

    const listed = (await a.request('GET', '/api/v1/tokens')).json().items;
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.find((x: { id: string }) => x.id === id).hint).toBe(`…${token.slice(-4)}`);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: bearer })).statusCode).toBe(
      200,
    );
    // an agent token cannot do admin work
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer, payload: { name: 'x' } }))
        .statusCode,
    ).toBe(403);

    expect((await a.request('DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: bearer });
    expect(after.statusCode).toBe(401);
  });

  test('a made-up token is 401', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tickets',
      headers: { authorization: `Bearer ac_${'0'.repeat(32)}_${'a'.repeat(43)}` },
    });
    expect(res.statusCode).toBe(401);
  });

  test('tenant B cannot see or revoke tenant A’s token', async () => {
    const { id } = (await a.request('POST', '/api/v1/tokens', { name: 'A only' })).json();
    expect(
      (await b.request('GET', '/api/v1/tokens')).json().items.map((x: { id: string }) => x.id),
    ).not.toContain(id);
    expect((await b.request('DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(404);
  });
});

describe('roles', () => {
  test('an agent cannot manage shops, users or tokens; a supervisor cannot either', async () => {
    const agent = await a.addUser('agent');
    const supervisor = await a.addUser('supervisor');
    for (const client of [agent, supervisor]) {
      expect(
        (await client.request('POST', '/api/v1/shops', { platform: 'manual', name: 'x' })).statusCode,
      ).toBe(403);
      expect((await client.request('POST', '/api/v1/tokens', { name: 'x' })).statusCode).toBe(403);
      expect(
        (
          await client.request('POST', '/api/v1/users', {
            email: 'z@z.cn',
            name: 'z',
            role: 'admin',
            password: 'plum-blossom-tea-2718',
          })
        ).statusCode,
      ).toBe(403);
      expect((await client.request('GET', '/api/v1/tickets')).statusCode).toBe(200);
    }
    expect((await agent.request('POST', '/api/v1/products', { name: 'x' })).statusCode).toBe(403);
    expect((await supervisor.request('POST', '/api/v1/products', { name: 'x' })).statusCode).toBe(201);
  });

  test('an admin changes a role; a disabled user is logged out', async () => {
    const agent = await a.addUser('agent');
    const promoted = await a.request('PATCH', `/api/v1/users/${agent.userId}`, { role: 'supervisor' });
    expect(promoted.json().role).toBe('supervisor');
    await a.request('PATCH', `/api/v1/users/${agent.userId}`, { disabled: true });
    expect((await agent.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await b.request('PATCH', `/api/v1/users/${agent.userId}`, { name: 'x' })).statusCode).toBe(404);
  });

  test('an agent may rename themself but not raise their own role', async () => {
    const agent = await a.addUser('agent');
    expect((await agent.request('PATCH', `/api/v1/users/${agent.userId}`, { name: '小王' })).statusCode).toBe(
      200,
    );
    expect(
      (await agent.request('PATCH', `/api/v1/users/${agent.userId}`, { role: 'admin' })).statusCode,
    ).toBe(403);
  });

  test('users of tenant B are not listed for tenant A', async () => {
    const names = (await a.request('GET', '/api/v1/users'))
      .json()
      .items.map((u: { email: string }) => u.email);
    expect(names).not.toContain(b.email);
  });
});
