import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { type History, rebuildAnalytics, seedHistory } from '../../bench/_analytics-data.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';
import { statutoryExposureFen } from './exposure.js';

// The summaries answer exactly what the case facts answer: every dashboard answer read from the
// facts alone (every day marked), from the summaries (after the refresher), and from both (a day
// marked again by a write) is the same; counts, money and shares equal plain SQL over the facts and
// the order lines, and the percentiles are within 2.5 % of percentile_cont. The bench's bulk rebuild
// of the derived tables writes what the triggers wrote.
const end = new Date('2026-11-30T12:00:00Z'); // a Monday, 20:00 in Shanghai
const clock = fixedClock(end);
let t: TestApp;
let a: TestClient;
let b: TestClient;
let history: History;

const ranges = [
  { from: '2026-11-03', to: '2026-11-30' }, // whole weeks in the middle, days at both ends
  { from: '2026-09-26', to: '2026-11-19' }, // weeks across month ends (money by month)
  { from: '2026-11-24', to: '2026-11-27' }, // no whole week
];

async function get(client: TestClient, url: string) {
  const res = await client.request('GET', url);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}

/** Every dashboard answer over the ranges and filters. */
async function everything(client: TestClient): Promise<Record<string, unknown>> {
  const douyin = history.shops.find((s) => s.platform === 'douyin')!.id;
  const out: Record<string, unknown> = {};
  for (const r of ranges) {
    for (const filter of ['', '&platform=douyin', `&shopId=${douyin}`]) {
      const q = `from=${r.from}&to=${r.to}${filter}`;
      const urls = [
        ...['sku', 'batch', 'supplier', 'shop', 'platform'].map(
          (g) => `/analytics/quality?groupBy=${g}&${q}`,
        ),
        `/analytics/quality/trend?${q}`,
        `/analytics/quality/trend?groupBy=batch&key=${history.problem.skuId}|${history.problem.batch}&${q}`,
        `/analytics/quality/causes?${q}`,
        `/analytics/quality/causes?groupBy=platform&key=douyin&${q}`,
        `/analytics/quality/causes?groupBy=sku&key=${history.problem.skuId}&${q}`,
        ...['category', 'sku', 'supplier', 'platform', 'shop', 'month'].map(
          (g) => `/analytics/money?groupBy=${g}&${q}`,
        ),
        ...['platform', 'shop', 'agent'].map((g) => `/analytics/service?groupBy=${g}&${q}`),
        `/analytics/service/trend?groupBy=platform&${q}`,
        `/analytics/service/trend?${q}`,
        ...['platform', 'agent'].map((g) => `/analytics/service/reviews?groupBy=${g}&${q}`),
      ];
      for (const url of urls) out[url] = await get(client, `/api/v1${url}`);
    }
  }
  for (const g of ['platform', 'shop', 'agent']) {
    const url = `/api/v1/analytics/service/backlog?groupBy=${g}`;
    out[url] = await get(client, url);
  }
  return out;
}

const marks = async () =>
  Number(
    (
      (await t.database.db.execute(
        sql`select count(*) as n from analytics_summary_dirty where tenant_id = ${a.tenantId}`,
      )) as unknown as { rows: { n: unknown }[] }
    ).rows[0]!.n,
  );

let fromFacts: Record<string, unknown>;

async function rowsOf<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Everything the triggers derive for tenant A (rollup rows that came back to zero left out). */
const derived = async () => ({
  facts: await rowsOf(
    sql`select * from analytics_case_facts where tenant_id = ${a.tenantId} order by ticket_id`,
  ),
  lines: await rowsOf(
    sql`select * from analytics_order_lines_daily where tenant_id = ${a.tenantId}
          and (lines, units, paid_fen) <> (0, 0, 0) order by day, shop_id, sku_id, batch, supplier_id`,
  ),
  orders: await rowsOf(
    sql`select * from analytics_orders_daily where tenant_id = ${a.tenantId}
          and (orders, paid_fen) <> (0, 0) order by day, shop_id`,
  ),
});

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
  const agents = [a.userId, (await a.addUser('agent')).userId, (await a.addUser('agent')).userId];
  history = await seedHistory(t.database, {
    tenantId: a.tenantId,
    cases: 900,
    lines: 2400,
    days: 120,
    end,
    agents,
  });
  fromFacts = await everything(a);
}, 600_000);

describe('analytics summaries', () => {
  test('the answers from the summaries are the answers from the facts', async () => {
    expect(await marks()).toBeGreaterThan(0);
    const refreshed = await t.services.analytics.refreshSummaries(a.tenantId);
    expect(refreshed.days).toBeGreaterThan(100);
    expect(await marks()).toBe(0);
    expect(await everything(a)).toEqual(fromFacts);
  }, 600_000);

  test('a write marks its days; the answers stay exact before and after the next refresh', async () => {
    await t.database.db.execute(
      sql`update tickets set status = 'closed', closed_at = ${end}, root_cause = 'unfounded', assignee_id = null
          where tenant_id = ${a.tenantId} and status <> 'closed' and created_at >= ${new Date('2026-11-10T00:00:00Z')}`,
    );
    // More lines on some orders of the range: the order-lines summary's days are marked too.
    await t.database.db.execute(
      sql`insert into order_items (tenant_id, id, order_id, product_id, sku_id, name, quantity, unit_price_fen, paid_fen, batch, supplier)
          select tenant_id, gen_random_uuid(), order_id, product_id, sku_id, name, 2, unit_price_fen, paid_fen * 2, batch, supplier
          from order_items where tenant_id = ${a.tenantId} order by id limit 40`,
    );
    expect(await marks()).toBeGreaterThan(0);
    const mixed = await everything(a);
    expect(mixed).not.toEqual(fromFacts);
    await t.services.analytics.refreshSummaries();
    expect(await marks()).toBe(0);
    expect(await everything(a)).toEqual(mixed);
  }, 600_000);

  test('counts and shares equal plain SQL over the facts; percentiles are within 2.5 %', async () => {
    const r = ranges[0]!;
    const raw = (
      (await t.database.db.execute(
        sql`select coalesce(platform, 'manual') as key,
                   count(*) filter (where kind in ('complaint', 'return_request', 'platform_dispute')) as complaints,
                   percentile_cont(0.5) within group (order by extract(epoch from first_responded_at - created_at) * 1000) as p50,
                   percentile_cont(0.9) within group (order by extract(epoch from closed_at - created_at) * 1000) as r90,
                   avg(case when first_response_due_at is null then null
                            when first_responded_at is not null then (first_responded_at <= first_response_due_at)::int
                            when first_response_due_at <= ${end} then 0 end) as sla
            from analytics_case_facts where tenant_id = ${a.tenantId} and day between ${r.from} and ${r.to}
              and kind <> 'platform_notice'
            group by 1`,
      )) as unknown as {
        rows: { key: string; complaints: unknown; p50: unknown; r90: unknown; sla: unknown }[];
      }
    ).rows;
    const q = `from=${r.from}&to=${r.to}`;
    const service = (await get(a, `/api/v1/analytics/service?groupBy=platform&${q}`)).rows as Record<
      string,
      number
    >[];
    const quality = (await get(a, `/api/v1/analytics/quality?groupBy=platform&${q}`)).rows as Record<
      string,
      number
    >[];
    expect(raw.length).toBe(4);
    for (const row of raw) {
      const s = service.find((x) => (x.key as unknown as string) === row.key)!;
      expect(s.firstResponseP50Ms).toBeGreaterThan(0);
      expect(Math.abs(s.firstResponseP50Ms! - Number(row.p50))).toBeLessThanOrEqual(
        Math.max(500, Number(row.p50) * 0.025),
      );
      expect(Math.abs(s.resolutionP90Ms! - Number(row.r90))).toBeLessThanOrEqual(Number(row.r90) * 0.025);
      expect(s.slaMetShare).toBe(Math.round(Number(row.sla) * 10_000) / 10_000);
      expect(quality.find((x) => (x.key as unknown as string) === row.key)!.complaints).toBe(
        Number(row.complaints),
      );
    }
  }, 600_000);

  test('order lines and statutory exposure equal plain SQL over the orders and the facts', async () => {
    for (const r of ranges) {
      const q = `from=${r.from}&to=${r.to}`;
      const lines = await rowsOf<{ key: string; n: unknown }>(
        sql`select x.sku_id::text as key, count(*) as n from order_items x
            join orders o on o.tenant_id = x.tenant_id and o.id = x.order_id
            where x.tenant_id = ${a.tenantId} and x.sku_id is not null
              and (coalesce(o.paid_at, o.created_at) at time zone 'Asia/Shanghai')::date between ${r.from} and ${r.to}
            group by 1`,
      );
      const bySku = (await get(a, `/api/v1/analytics/quality?groupBy=sku&${q}`)).rows as {
        key: string;
        orders: number;
      }[];
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(bySku.find((x) => x.key === l.key)?.orders).toBe(Number(l.n));
      const exposed = await rowsOf<Record<string, unknown>>(
        sql`select platform, coalesce(paid_fen, 0) as paid, product_category, counterfeit, safety, count(*) as n
            from analytics_case_facts where tenant_id = ${a.tenantId} and day between ${r.from} and ${r.to}
              and (counterfeit or safety) and kind <> 'inquiry' group by 1, 2, 3, 4, 5`,
      );
      const expected = new Map<string, { fen: number; cases: number }>();
      for (const e of exposed) {
        const fen = statutoryExposureFen({
          paidFen: Number(e.paid),
          productCategory: (e.product_category as string | null) ?? null,
          counterfeit: Boolean(e.counterfeit),
          safety: Boolean(e.safety),
        });
        if (fen <= 0) continue;
        const sum = expected.get(String(e.platform)) ?? { fen: 0, cases: 0 };
        expected.set(String(e.platform), {
          fen: sum.fen + fen * Number(e.n),
          cases: sum.cases + Number(e.n),
        });
      }
      const money = (await get(a, `/api/v1/analytics/money?groupBy=platform&${q}`)).rows as {
        key: string;
        statutoryExposureFen: number;
        exposureCases: number;
      }[];
      expect(expected.size).toBeGreaterThan(0);
      for (const [platform, e] of expected) {
        const row = money.find((m) => m.key === platform)!;
        expect([row.statutoryExposureFen, row.exposureCases]).toEqual([e.fen, e.cases]);
      }
    }
  }, 600_000);

  test('the bulk rebuild of the derived tables writes what the triggers wrote', async () => {
    await t.services.analytics.refreshSummaries(a.tenantId);
    const before = await derived();
    const answers = await everything(a);
    await rebuildAnalytics(t.database, a.tenantId);
    expect(await derived()).toEqual(before);
    expect(await marks()).toBeGreaterThan(0);
    expect(await everything(a)).toEqual(answers);
    await t.services.analytics.refreshSummaries(a.tenantId);
    expect(await everything(a)).toEqual(answers);
  }, 600_000);

  test("another tenant's summaries hold nothing of A's", async () => {
    await t.services.analytics.refreshSummaries(b.tenantId);
    const q = `from=${ranges[0]!.from}&to=${ranges[0]!.to}`;
    for (const url of [
      `/api/v1/analytics/quality?groupBy=platform&${q}`,
      `/api/v1/analytics/money?groupBy=platform&${q}`,
      `/api/v1/analytics/service?groupBy=platform&${q}`,
      '/api/v1/analytics/service/backlog?groupBy=platform',
    ]) {
      expect((await get(b, url)).rows).toEqual([]);
    }
  });
});
