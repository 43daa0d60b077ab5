import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

let t: TestApp;
let owner: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup('Sessions');
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function tokenOf(client: TestClient, role: 'agent' | 'supervisor' | 'admin') {
  const res = await client.request('POST', '/api/v1/tokens', { name: `${role} token`, role });
  expect(res.statusCode).toBe(201);
  return res.json().token as string;
}

describe('tokens and sessions of people who lose access', () => {
  test("a disabled admin's API token stops working at once, and works again when re-enabled", async () => {
    const admin = await owner.addUser('admin');
    const token = await tokenOf(admin, 'admin');
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect((await me()).statusCode).toBe(200);
    expect(
      (await owner.request('PATCH', `/api/v1/users/${admin.userId}`, { disabled: true })).statusCode,
    ).toBe(200);
    expect((await me()).statusCode).toBe(401);
    // The probe from the issue: a disabled admin's token created a new admin.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: {
        email: 'sneaky@example.cn',
        name: 'Sneaky',
        role: 'admin',
        password: 'river-dusk-guitar-48',
      },
    });
    expect(created.statusCode).toBe(401);
    expect(
      (await owner.request('PATCH', `/api/v1/users/${admin.userId}`, { disabled: false })).statusCode,
    ).toBe(200);
    expect((await me()).statusCode).toBe(200);
  });

  test('a token is worth no more than its maker: a demoted admin’s admin token acts as an agent', async () => {
    const admin = await owner.addUser('admin');
    const token = await tokenOf(admin, 'admin');
    await owner.request('PATCH', `/api/v1/users/${admin.userId}`, { role: 'agent' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.json().actor.role).toBe('agent');
    const users = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: { email: 'x@example.cn', name: 'X', role: 'agent', password: 'river-dusk-guitar-48' },
    });
    expect(users.statusCode).toBe(403);
  });

  test('a token made by a revoked token stops with it', async () => {
    const made = await owner.request('POST', '/api/v1/tokens', { name: 'parent', role: 'admin' });
    const parent = made.json().token as string;
    const child = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(parent),
      payload: { name: 'child', role: 'agent' },
    });
    const childToken = child.json().token as string;
    const me0 = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(childToken) });
    expect(me0.statusCode).toBe(200);
    const revoked = await owner.request('DELETE', `/api/v1/tokens/${made.json().id}`);
    expect(revoked.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(childToken) });
    expect(me.statusCode).toBe(401);
  });

  test('an admin sees and ends the sessions of a member; the member is logged out', async () => {
    const agent = await owner.addUser('agent');
    const list = await owner.request('GET', '/api/v1/users');
    expect(list.json().items.find((u: { id: string }) => u.id === agent.userId).activeSessions).toBe(1);
    const sessions = await owner.request('GET', `/api/v1/users/${agent.userId}/sessions`);
    expect(sessions.json().items).toHaveLength(1);
    const ended = await owner.request('DELETE', `/api/v1/users/${agent.userId}/sessions`);
    expect(ended.json()).toEqual({ revoked: 1 });
    expect((await agent.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  test('one session is ended by its id; an agent cannot end or see another user’s sessions', async () => {
    const agent = await owner.addUser('agent');
    const other = await owner.addUser('agent');
    const [session] = (await owner.request('GET', `/api/v1/users/${agent.userId}/sessions`)).json().items;
    expect((await other.request('GET', `/api/v1/users/${agent.userId}/sessions`)).statusCode).toBe(403);
    expect((await other.request('DELETE', `/api/v1/users/${agent.userId}/sessions`)).statusCode).toBe(403);
    const ended = await owner.request('DELETE', `/api/v1/users/${agent.userId}/sessions/${session.id}`);
    expect(ended.json()).toEqual({ revoked: 1 });
    expect((await agent.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await other.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });

  test("another tenant's admin can neither see nor end a member's sessions", async () => {
    const stranger = await t.signup('Stranger');
    const agent = await owner.addUser('agent');
    expect((await stranger.request('GET', `/api/v1/users/${agent.userId}/sessions`)).statusCode).toBe(404);
    expect((await stranger.request('DELETE', `/api/v1/users/${agent.userId}/sessions`)).statusCode).toBe(404);
    expect((await agent.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });
});
