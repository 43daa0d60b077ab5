import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Platform } from '../channels/channel.js';
import { afterSalePush } from '../channels/fake-platform/pushes.js';
import type { FakeAfterSale } from '../channels/fake-platform/records.js';
import { type StrictFake, startStrictFake } from '../channels/fake-platform/server.js';
import { createOutboundPolicy } from '../http/outbound-policy.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, drain, push, type TestShop } from '../ingest/testing.js';
import { createReconcileService } from './reconcile-service.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let fake: StrictFake;
const PULLED: Platform[] = ['douyin', 'pinduoduo', 'tiktok', 'taobao'];
/** Each platform's own words for an after-sale just opened and one finished, its type, and id range. */
const STATES: Record<
  Platform,
  { opened: number | string; done: number | string; type: number | string; base: number }
> = {
  douyin: { opened: 6, done: 12, type: 2, base: 7_100_000_000 },
  pinduoduo: { opened: 2, done: 10, type: 2, base: 8_200_000_000 },
  tiktok: {
    opened: 'RETURN_OR_REFUND_REQUEST_PENDING',
    done: 'RETURN_OR_REFUND_REQUEST_COMPLETE',
    type: 'REFUND',
    base: 9_300_000_000,
  },
  taobao: { opened: 'WAIT_SELLER_AGREE', done: 'SUCCESS', type: 'refund_bill', base: 6_400_000_000 },
};
const shop = {} as Record<Platform, TestShop>;
const runs = {} as Record<Platform, Awaited<ReturnType<typeof traffic>>>;
const settings = { settleMs: 0, firstLookbackMs: 2 * 3600_000, pageDelayMs: 0 };

beforeAll(async () => {
  fake = await startStrictFake();
  const apiBaseUrls = Object.fromEntries(PULLED.map((p) => [p, `${fake.url}/${p}`]));
  t = await createTestApp({
    outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
    ingest: { apiBaseUrls },
    reconcile: settings,
  });
  a = await t.signup('A');
  b = await t.signup('B');
  for (const p of PULLED) {
    const cipher = p === 'tiktok' ? { shopCipher: 'ROW_reconcile' } : {};
    shop[p] = await createShop(a, p, { settings: { accessToken: `tok-${p}`, ...cipher } });
    fake.register(p, {
      appKey: shop[p].appKey,
      appSecret: shop[p].appSecret,
      accessToken: `tok-${p}`,
      ...cipher,
    });
  }
  // The pushes of both shops first: a reconcile run takes every due shop.
  for (const p of PULLED) runs[p] = await traffic(p, STATES[p].base);
}, 300_000);
afterAll(() => fake.close());

const q = <T>(sql: string, params: unknown[]) => t.database.query<T>(sql, params);
const ticketsOf = async (s: TestShop) =>
  (await q<{ n: number }>('select count(*)::int as n from tickets where shop_id = $1', [s.id]))[0]!.n;
const versionCounts = (s: TestShop) =>
  q<{ version_key: string; n: number }>(
    `select version_key, count(*)::int as n from inbox_events
     where shop_id = $1 and version_key is not null group by version_key`,
    [s.id],
  );

/**
 * 60 after-sales changing over the last 80 minutes, some twice; every 10th push is dropped by the
 * platform. Returns the records' last versions and which of them no push delivered.
 */
async function traffic(p: Platform, base: number) {
  const now = Date.now();
  const latest = new Map<string, FakeAfterSale>();
  let n = 0;
  let droppedLatest = 0;
  const dropped: object[] = [];
  for (let i = 0; i < 60; i++) {
    const created = now - 80 * 60_000 + i * 60_000;
    const versions: FakeAfterSale[] = [
      {
        id: String(base + i),
        orderId: `${base + i}01`,
        status: STATES[p].opened,
        type: STATES[p].type,
        amountFen: 1000 + i,
        createdAt: created,
        updatedAt: created,
      },
    ];
    if (i % 3 === 0) versions.push({ ...versions[0]!, status: STATES[p].done, updatedAt: created + 30_000 });
    for (const [k, v] of versions.entries()) {
      fake.records.putAfterSale(p, shop[p].appKey, v);
      const body = afterSalePush(p, v, `msg-${base + i}-${k}`) as object;
      if (++n % 10 === 0) {
        dropped.push(body);
        if (k === versions.length - 1) droppedLatest++;
        continue;
      }
      const res = await push(t, shop[p], body);
      expect(res.statusCode, res.body).toBe(200);
    }
    latest.set(String(base + i), versions.at(-1)!);
  }
  await drain(t);
  return { latest, droppedLatest, dropped };
}

describe.each(PULLED)('%s: the reconciler brings in what webhooks missed', (p) => {
  test('10% of pushes dropped: every after-sale is in, nothing twice', async () => {
    const run = runs[p];
    expect(run.droppedLatest).toBeGreaterThan(0);
    const before = await ticketsOf(shop[p]);
    await a.request('POST', `/api/v1/reconcile/shops/${shop[p].id}/run`);
    const first = await t.services.reconcile.runDue(10);
    await drain(t);
    expect(first.shops).toBeGreaterThanOrEqual(1);

    const status = (await a.request('GET', '/api/v1/reconcile/shops')).json().items as {
      shopId: string;
      totalFound: number;
      lastOutcome: string;
      lagSeconds: number;
    }[];
    const mine = status.find((s) => s.shopId === shop[p].id)!;
    // The first pass may have taken both shops: what this shop found is in its total.
    expect(mine).toMatchObject({ lastOutcome: 'ok', totalFound: run.droppedLatest });
    expect(mine.lagSeconds).toBeLessThan(120);

    // Every after-sale has its case; every last version is in the inbox exactly once.
    expect(await ticketsOf(shop[p])).toBe(run.latest.size);
    expect(before).toBeLessThanOrEqual(run.latest.size);
    const counts = await versionCounts(shop[p]);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    const keys = new Set(counts.map((c) => c.version_key));
    for (const v of run.latest.values()) {
      expect(keys.has(`aftersale:${v.id}@${Math.floor(v.updatedAt / 1000) * 1000}`)).toBe(true);
    }
    // No message twice on any case.
    const repeats = await q<{ n: number }>(
      `select count(*)::int as n from (
         select m.ticket_id, m.body from messages m join tickets k on k.id = m.ticket_id
         where k.shop_id = $1 and m.direction = 'note' group by m.ticket_id, m.body having count(*) > 1) d`,
      [shop[p].id],
    );
    expect(repeats[0]!.n).toBe(0);
  });

  test('a late push of a pulled change, and a second pull, store nothing', async () => {
    const run = runs[p];
    for (const body of run.dropped) {
      const res = await push(t, shop[p], body);
      expect(res.statusCode).toBe(200);
    }
    await a.request('POST', `/api/v1/reconcile/shops/${shop[p].id}/run`);
    // A new reconciler (a restart) starts from the stored watermark: nothing left to find.
    const restarted = createReconcileService({
      database: t.database,
      clock: { now: () => new Date() },
      outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
      shopAuth: t.services.ingest.shopAuth,
      storeEvents: t.services.ingest.storeEvents,
      settings: { ...settings, apiBaseUrls: { [p]: `${fake.url}/${p}` } },
    });
    expect((await restarted.runDue(10)).found).toBe(0);
    await drain(t);
    expect(await ticketsOf(shop[p])).toBe(run.latest.size);
    const counts = await versionCounts(shop[p]);
    expect(counts.every((c) => c.n === 1)).toBe(true);
  });
});

describe('failures, claims and tenants', () => {
  test('a busy platform is asked again; a lasting failure keeps the watermark and says why', async () => {
    const s = shop.pinduoduo;
    const now = Date.now();
    fake.records.putAfterSale('pinduoduo', s.appKey, {
      id: '8300000001',
      orderId: 'o1',
      status: 2,
      type: 2,
      amountFen: 5,
      createdAt: now,
      updatedAt: now,
    });
    await new Promise((r) => setTimeout(r, 1100));
    fake.failAlways({
      platform: 'pinduoduo',
      api: 'pdd.refund.list.increment.get',
      failure: { type: 'error', category: 'auth_invalid' },
    });
    await a.request('POST', `/api/v1/reconcile/shops/${s.id}/run`);
    await t.services.reconcile.runDue(10);
    const failed = (await a.request('GET', '/api/v1/reconcile/shops'))
      .json()
      .items.find((x: { shopId: string }) => x.shopId === s.id);
    expect(failed).toMatchObject({
      lastOutcome: 'failed',
      lastErrorCategory: 'auth_invalid',
      consecutiveFailures: 1,
    });
    fake.clearFailures();
    fake.failNext({
      platform: 'pinduoduo',
      api: 'pdd.refund.list.increment.get',
      failure: { type: 'error', category: 'platform_busy' },
    });
    await a.request('POST', `/api/v1/reconcile/shops/${s.id}/run`);
    await t.services.reconcile.runDue(10);
    const ok = (await a.request('GET', '/api/v1/reconcile/shops'))
      .json()
      .items.find((x: { shopId: string }) => x.shopId === s.id);
    expect(ok).toMatchObject({ lastOutcome: 'ok', lastFound: 1, consecutiveFailures: 0 });
  }, 60_000);

  test('two workers never pull the same shop at once', async () => {
    const s = shop.douyin;
    await a.request('POST', `/api/v1/reconcile/shops/${s.id}/run`);
    const other = createReconcileService({
      database: t.database,
      clock: { now: () => new Date() },
      outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
      shopAuth: t.services.ingest.shopAuth,
      storeEvents: t.services.ingest.storeEvents,
      settings: { ...settings, apiBaseUrls: { douyin: `${fake.url}/douyin` } },
    });
    const [x, y] = await Promise.all([t.services.reconcile.runDue(10), other.runDue(10)]);
    expect(x.shops + y.shops).toBe(1);
  });

  test('another tenant sees none of it and cannot start a run', async () => {
    const items = (await b.request('GET', '/api/v1/reconcile/shops')).json().items as { shopId: string }[];
    expect(items.some((i) => i.shopId === shop.douyin.id)).toBe(false);
    const res = await b.request('POST', `/api/v1/reconcile/shops/${shop.douyin.id}/run`);
    expect(res.statusCode).toBe(404);
    const bad = await a.request('POST', '/api/v1/reconcile/shops/not-a-uuid/run');
    expect(bad.statusCode).toBe(400);
  });
});

describe('TikTok and Taobao: pages and windows', () => {
  test.each(['tiktok', 'taobao'] as const)(
    '%s: a window of 30 changes read in pages of 7',
    async (p) => {
      const s = shop[p];
      await q(`update shops set settings = settings || '{"reconcile":{"pageSize":7}}'::jsonb where id = $1`, [
        s.id,
      ]);
      const now = Date.now();
      for (let i = 0; i < 30; i++) {
        fake.records.putAfterSale(p, s.appKey, {
          id: String(STATES[p].base + 500 + i),
          orderId: `${STATES[p].base + 500 + i}01`,
          status: STATES[p].opened,
          type: STATES[p].type,
          amountFen: 300 + i,
          createdAt: now - 1000,
          updatedAt: now - 1000,
        });
      }
      await new Promise((r) => setTimeout(r, 1100));
      const from = fake.calls.length;
      const before = await ticketsOf(s);
      await a.request('POST', `/api/v1/reconcile/shops/${s.id}/run`);
      await t.services.reconcile.runDue(10);
      await drain(t);
      expect(await ticketsOf(s)).toBe(before + 30);
      const lists = fake.calls.slice(from).filter((c) => c.platform === p && c.accepted);
      expect(lists.length).toBeGreaterThanOrEqual(5);
      // Each page asked once (TikTok by its token, Taobao by its number); TikTok's orders are asked too.
      const pages = lists.map(
        (c) =>
          `${c.api}/${c.params.update_time_ge ?? c.params.start_modified}/${c.params.page_token ?? c.params.page_no ?? 'first'}`,
      );
      expect(new Set(pages).size).toBe(pages.length);
      const status = (await a.request('GET', '/api/v1/reconcile/shops'))
        .json()
        .items.find((x: { shopId: string }) => x.shopId === s.id);
      expect(status).toMatchObject({ lastOutcome: 'ok', lastFound: 30 });
    },
    60_000,
  );
});

describe('simulated shops (demo, trial)', () => {
  test('are pulled from the built-in simulated platform: never the network, never its send failures', async () => {
    const sims = {} as Record<Platform, TestShop>;
    for (const p of PULLED) {
      const cipher = p === 'tiktok' ? { shopCipher: 'ROW_simulated' } : {};
      // Every send of these shops fails on purpose; the reconciler's reads must not.
      sims[p] = await createShop(a, p, {
        settings: { simulated: true, simulatedFailureEvery: 1, accessToken: `sim-${p}`, ...cipher },
      });
    }
    // Their address resolves nowhere (simulated-platform.invalid): a request sent out would fail.
    await t.services.reconcile.runDue(20);
    const items = (await a.request('GET', '/api/v1/reconcile/shops')).json().items as {
      shopId: string;
      simulated: boolean;
      lastOutcome: string | null;
      lastFound: number;
      watermark: string | null;
    }[];
    for (const p of PULLED) {
      const mine = items.find((i) => i.shopId === sims[p].id);
      expect(mine, p).toMatchObject({ simulated: true, lastOutcome: 'ok', lastFound: 0 });
      expect(mine?.watermark, p).not.toBeNull();
    }
  }, 60_000);
});
