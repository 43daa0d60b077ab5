import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../http/test-app.js';
import { connect, ensureShops } from './api-client.js';
import type { SimShop } from './events.js';
import { BUILT_IN_REVIEWS } from './texts.js';
import { formatSummary, runTraffic } from './traffic.js';

let t: TestApp;
let owner: TestClient;
let base: string;
let shops: SimShop[];

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup('Simulated');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const { client } = await connect(base, { email: owner.email, password: 'password123' });
  shops = await ensureShops(client, 4);
});

const count = async (sql: string, params: unknown[]) =>
  Number((await t.database.query<{ n: number }>(sql, params))[0]!.n);

describe('simulator against a running server', () => {
  test('shops are set up once, one per platform, and reused on the next run', async () => {
    expect(shops.map((s) => s.platform)).toEqual(['douyin', 'pinduoduo', 'tiktok', 'taobao']);
    const { client } = await connect(base, { email: owner.email, password: 'password123' });
    const again = await ensureShops(client, 4);
    expect(again.map((s) => s.id)).toEqual(shops.map((s) => s.id));
    expect((await owner.request('GET', '/api/v1/shops')).json().items).toHaveLength(4);
  });

  test('every signed webhook is accepted; duplicates and late events make no second case', async () => {
    const summary = await runTraffic({
      base,
      shops,
      rate: 200,
      durationS: 5,
      maxEvents: 120,
      duplicateShare: 0.2,
      outOfOrderShare: 0.3,
      concurrency: 8,
      seed: 5,
      texts: BUILT_IN_REVIEWS,
    });
    expect(summary.sent).toBe(120);
    expect(summary.byStatus).toEqual({ 200: 120 });
    expect(summary.duplicates).toBeGreaterThan(0);
    expect(formatSummary(summary)).toContain('HTTP status: 200 × 120');

    // Stored once per distinct event, whatever the number of deliveries.
    const stored = await count('select count(*)::int as n from inbox_events where tenant_id = $1', [
      owner.tenantId,
    ]);
    expect(stored).toBe(120 - summary.duplicates);

    while ((await t.services.ingest.runInboxBatch()) > 0) {
      // drain the inbox the way the worker does
    }
    const failedOrDead = await count(
      "select count(*)::int as n from inbox_events where tenant_id = $1 and status in ('pending', 'dead')",
      [owner.tenantId],
    );
    expect(failedOrDead).toBe(0);
    const twice = await t.database.query(
      `select external_ref from tickets where tenant_id = $1 and external_ref is not null
       group by shop_id, external_ref having count(*) > 1`,
      [owner.tenantId],
    );
    expect(twice).toEqual([]);
    const cases = await count('select count(*)::int as n from tickets where tenant_id = $1', [
      owner.tenantId,
    ]);
    expect(cases).toBeGreaterThan(5);
  });

  test('a target off this machine is refused before anything is sent', async () => {
    await expect(connect('http://192.0.2.1:3000', { token: 'x' })).rejects.toThrow(/only targets/);
  });
});
