import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop } from '../ingest/testing.js';

// Issue 15 §3: a fresh demo has a past, written through the services with the clock of each act.
let t: TestApp;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  await createShop(a, 'taobao', {
    settings: { simulated: true, simulatedFailureEvery: 5, accessToken: 'sim', returnAddressId: '7001' },
  });
  await createShop(b, 'douyin', { settings: { accessToken: 'real-looking' } });
}, 60_000);

async function waitDone(client: TestClient) {
  for (let i = 0; i < 600; i++) {
    const p = (await client.request('GET', '/api/v1/demo/history')).json().progress;
    if (p && p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('history did not finish');
}

describe('the demo history', () => {
  test('a demo tenant gets weeks of orders, cases, replies and closings that the reports count', async () => {
    // Enough orders that some cases close whatever today's date: the plan is drawn relative to now.
    const started = await a.request('POST', '/api/v1/demo/history', { days: 28, ordersPerDay: 12, seed: 11 });
    expect(started.statusCode).toBe(202);
    const done = await waitDone(a);
    expect(done).toMatchObject({ state: 'done' });
    expect(done.orders).toBeGreaterThan(50);
    expect(done.cases).toBeGreaterThan(2);
    expect(done.closed).toBeGreaterThan(0);

    // The cases were opened in the past, at their own times, and their replies count for the SLA.
    const list = (await a.request('GET', '/api/v1/tickets?limit=200')).json().items as {
      createdAt: string;
      subject: string;
    }[];
    expect(list.length).toBeGreaterThan(2);
    const oldest = Math.min(...list.map((c) => Date.parse(c.createdAt)));
    expect(Date.now() - oldest).toBeGreaterThan(5 * 86_400_000);
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const service = (
      await a.request('GET', `/api/v1/analytics/service?groupBy=platform&from=${from}&to=${to}`)
    ).json();
    expect(service.rows[0]).toMatchObject({ key: 'taobao' });
    expect(service.rows[0].firstResponseP50Ms).toBeGreaterThan(0);
    const quality = (
      await a.request('GET', `/api/v1/analytics/quality?groupBy=sku&from=${from}&to=${to}`)
    ).json();
    expect(quality.rows.some((r: { complaints: number }) => r.complaints > 0)).toBe(true);

    // Once only; the shop's failure setting is back.
    const again = await a.request('POST', '/api/v1/demo/history', {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DEMO_ONLY');
    const shop = (await a.request('GET', '/api/v1/shops')).json().items[0];
    expect(shop.settings.simulatedFailureEvery).toBe(5);
  }, 600_000);

  test('a tenant with a real shop gets no made-up history; B sees nothing of A’s run; bad input is 400', async () => {
    const refused = await b.request('POST', '/api/v1/demo/history', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('real platform');
    expect((await b.request('GET', '/api/v1/demo/history')).json().progress).toBeNull();
    expect((await a.request('POST', '/api/v1/demo/history', { days: 1000 })).statusCode).toBe(400);
    const agent = await a.addUser('agent');
    expect((await agent.request('POST', '/api/v1/demo/history', {})).statusCode).toBe(403);
  });
});
