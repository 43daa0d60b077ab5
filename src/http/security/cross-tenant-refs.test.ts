import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

// Ids of another tenant's rows named in a body are refused like ids that do not exist: 404, nothing saved.
let t: TestApp;
let a: TestClient;
let b: TestClient;
let aShop: string;
let bShop: string;
let aTicket: string;
let aAgent: TestClient;

const shopOf = async (client: TestClient) =>
  (
    await client.request('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖店',
      appKey: `k-${Math.random()}`,
      appSecret: 's',
    })
  ).json().id as string;

const TARGETS = { firstResponse: { minutes: 30, clock: '24x7' } };
const NOWHERE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('Refs A');
  b = await t.signup('Refs B');
  aShop = await shopOf(a);
  bShop = await shopOf(b);
  aAgent = await a.addUser('agent');
  aTicket = (
    await a.request('POST', '/api/v1/tickets', {
      kind: 'complaint',
      channel: 'hotline',
      subject: '杯子碎了',
      body: '收到就碎了',
    })
  ).json().id;
}, 240_000);

describe('tasks name users of their own tenant only', () => {
  test.each([
    ["another tenant's user", () => b.userId, 'USER_NOT_FOUND'],
    ['a user that does not exist', () => NOWHERE, 'USER_NOT_FOUND'],
  ])('a task for %s is refused with 404', async (_label, assignee, code) => {
    const res = await a.request('POST', `/api/v1/tickets/${aTicket}/tasks`, {
      title: '回访',
      dueAt: '2026-12-01T08:00:00Z',
      assigneeId: assignee(),
    });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).toBe(code);
    const tasks = (await a.request('GET', `/api/v1/tasks?ticketId=${aTicket}`)).json().items;
    expect(tasks).toHaveLength(0);
  });

  test('a task for a member of the team is created', async () => {
    const res = await a.request('POST', `/api/v1/tickets/${aTicket}/tasks`, {
      title: '回访',
      dueAt: '2026-12-01T08:00:00Z',
      assigneeId: aAgent.userId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().assigneeId).toBe(aAgent.userId);
  });
});

describe('SLA settings name shops and users of their own tenant only', () => {
  test.each([
    ['a policy for a shop of another tenant', () => ({ match: { shopIds: [bShop] } }), 'SHOP_NOT_FOUND'],
    ['a policy for a shop that does not exist', () => ({ match: { shopIds: [NOWHERE] } }), 'SHOP_NOT_FOUND'],
    [
      'a policy reassigning to a user of another tenant',
      () => ({ escalation: [{ on: 'breach', action: 'reassign', assigneeId: b.userId }] }),
      'USER_NOT_FOUND',
    ],
  ])('%s is refused with 404', async (_label, extra, code) => {
    const body = { name: 'x', targets: TARGETS, ...extra() };
    const res = await a.request('POST', '/api/v1/sla/policies', body);
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).toBe(code);
  });

  test('changing a policy to name another tenant’s shop is refused; its own shop is taken', async () => {
    const policy = (
      await a.request('POST', '/api/v1/sla/policies', {
        name: '本店',
        match: { shopIds: [aShop] },
        targets: TARGETS,
      })
    ).json();
    const patch = await a.request('PATCH', `/api/v1/sla/policies/${policy.id}`, {
      match: { shopIds: [bShop] },
    });
    expect(patch.statusCode, patch.body).toBe(404);
    const stored = (await a.request('GET', `/api/v1/sla/policies/${policy.id}`)).json();
    expect(stored.match.shopIds).toEqual([aShop]);
  });

  test('a peak event for another tenant’s shop is refused, on creation and on change', async () => {
    const event = {
      name: '双11',
      kind: 'double11',
      startsAt: '2026-11-10T16:00:00Z',
      endsAt: '2026-11-12T16:00:00Z',
      targets: TARGETS,
    };
    const bad = await a.request('POST', '/api/v1/sla/peak-events', { ...event, shopIds: [bShop] });
    expect(bad.statusCode, bad.body).toBe(404);
    const ok = await a.request('POST', '/api/v1/sla/peak-events', { ...event, shopIds: [aShop] });
    expect(ok.statusCode, ok.body).toBe(201);
    const patch = await a.request('PATCH', `/api/v1/sla/peak-events/${ok.json().id}`, { shopIds: [bShop] });
    expect(patch.statusCode, patch.body).toBe(404);
  });
});

describe('reconciliation names shops of its own tenant only', () => {
  test("立即对账 on another tenant's shop is 404 and its state never shows", async () => {
    const res = await a.request('POST', `/api/v1/reconcile/shops/${bShop}/run`);
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).toBe('SHOP_NOT_FOUND');
    const own = await b.request('POST', `/api/v1/reconcile/shops/${bShop}/run`);
    expect(own.statusCode, own.body).toBe(202);
    const seen = (await a.request('GET', '/api/v1/reconcile/shops')).json().items as { shopId: string }[];
    expect(seen.map((s) => s.shopId)).toEqual([aShop]);
  });
});
