import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../http/test-app.js';
import { connect, ensureShops } from './api-client.js';
import { demoOrders, demoReviews } from './demo-data.js';
import type { SimShop } from './signed-pushes.js';
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
  const { client } = await connect(base, { email: owner.email, password: 'plum-blossom-tea-2718' });
  shops = await ensureShops(client, 4);
});

const count = async (sql: string, params: unknown[]) =>
  Number((await t.database.query<{ n: number }>(sql, params))[0]!.n);

describe('simulator against a running server', () => {
  test('shops are set up once, one per platform, and reused on the next run', async () => {
    expect(shops.map((s) => s.platform)).toEqual(['douyin', 'pinduoduo', 'tiktok', 'taobao']);
    const { client } = await connect(base, { email: owner.email, password: 'plum-blossom-tea-2718' });
    const again = await ensureShops(client, 4);
    expect(again.map((s) => s.id)).toEqual(shops.map((s) => s.id));
    expect((await owner.request('GET', '/api/v1/shops')).json().items).toHaveLength(4);
  });

  test('every signed webhook is accepted; duplicates and late events make no second case', async () => {
    const summary = await runTraffic({
      base,
      shops,
      rate: 200,
      durationS: 600, // bounded by maxEvents: the count, not the clock, ends the run
      maxEvents: 60,
      duplicateShare: 0.2,
      outOfOrderShare: 0.3,
      concurrency: 8,
      seed: 5,
      texts: BUILT_IN_REVIEWS,
    });
    expect(summary.sent).toBe(60);
    expect(summary.byStatus).toEqual({ 200: 60 });
    expect(summary.duplicates).toBeGreaterThan(0);
    expect(formatSummary(summary)).toContain('HTTP status: 200 × 60');

    // Stored once per distinct event, whatever the number of deliveries.
    const stored = await count('select count(*)::int as n from inbox_events where tenant_id = $1', [
      owner.tenantId,
    ]);
    expect(stored).toBe(60 - summary.duplicates);

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
  }, 180_000); // a loaded machine is slow; the run is bounded by its event count

  test('the demo catalogue imports cleanly, and a second time changes nothing', async () => {
    const { client } = await connect(base, { email: owner.email, password: 'plum-blossom-tea-2718' });
    const shop = shops[0]!;
    const { csv, orders } = demoOrders(shop.platform, 12, Date.UTC(2024, 10, 20));
    const reviews = demoReviews(orders, 8);
    const importCsv = async (kind: string, text: string) => {
      const up = await client.call<{ run: { id: string }; suggestedMapping: Record<string, string> }>(
        'POST',
        '/api/v1/imports/base64',
        {
          kind,
          shopId: shop.id,
          fileName: `${kind}.csv`,
          contentBase64: Buffer.from(text).toString('base64'),
        },
      );
      expect(up.status).toBe(201);
      return (
        await client.call('POST', `/api/v1/imports/${up.body.run.id}/run`, {
          mapping: up.body.suggestedMapping,
        })
      ).body as { imported: number; skippedDuplicate: number; failed: number };
    };
    const first = await importCsv('orders', csv);
    expect(first.failed).toBe(0);
    expect(first.imported).toBeGreaterThanOrEqual(12);
    expect(await importCsv('reviews', reviews)).toMatchObject({ imported: 8, failed: 0 });
    const again = await importCsv('orders', csv);
    expect(again).toMatchObject({ imported: 0, failed: 0, skippedDuplicate: first.imported });
    const products = (await owner.request('GET', '/api/v1/products')).json().items;
    expect(
      products.every((p: { supplier: string | null; skus: unknown[] }) => p.supplier && p.skus.length),
    ).toBe(true);
  });

  test('a target off this machine is refused before anything is sent', async () => {
    await expect(connect('http://192.0.2.1:3000', { token: 'x' })).rejects.toThrow(/only targets/);
  });
});
