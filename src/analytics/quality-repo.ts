import { type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';
import { type AnalyticsFilters, COMPLAINT_KINDS, type QualityGroup } from './analytics-types.js';
import { factsWhere, num, readRows, rollupWhere } from './facts-repo.js';
import { CAUSES, LINES, none, QUALITY, summarySource } from './summary-repo.js';

const complaintKinds = sql`(${sql.join(
  COMPLAINT_KINDS.map((k) => sql`${k}`),
  sql`, `,
)})`;

// How each grouping names a case (f) and an order line (l) or an order (od with its shop s).
const CASE_KEY: Record<QualityGroup, SQL> = {
  sku: sql`f.sku_id::text`,
  batch: sql`case when f.sku_id is null then null else f.sku_id::text || '|' || coalesce(f.batch, '') end`,
  supplier: sql`f.supplier_id::text`,
  shop: sql`f.shop_id::text`,
  platform: sql`f.platform`,
};

/** The orders side of a grouping: order lines for goods groupings, orders for shops and platforms. */
function ordersByKey(scope: TenantScope, group: QualityGroup, q: AnalyticsFilters, bucket: SQL | null): SQL {
  const b = bucket ?? sql`null::date`;
  const lines = (key: SQL, known: SQL) =>
    sql`select ${key} as key, ${b} as bucket, sum(s.lines) as orders
        from ${summarySource(scope, LINES, q)} s where ${known} group by 1, 2`;
  switch (group) {
    case 'sku':
      return lines(sql`s.sku_id::text`, sql`s.sku_id <> ${none}`);
    case 'batch':
      return lines(sql`s.sku_id::text || '|' || s.batch`, sql`s.sku_id <> ${none}`);
    case 'supplier':
      return lines(sql`s.supplier_id::text`, sql`s.supplier_id <> ${none}`);
    case 'shop':
      return sql`select od.shop_id::text as key, ${b} as bucket, sum(od.orders) as orders
        from analytics_orders_daily od where ${rollupWhere(scope, q, 'od')} group by 1, 2`;
    case 'platform':
      return sql`select s.platform as key, ${b} as bucket, sum(od.orders) as orders
        from analytics_orders_daily od join shops s on s.tenant_id = od.tenant_id and s.id = od.shop_id
        where ${rollupWhere(scope, q, 'od')} group by 1, 2`;
  }
}

export type QualityCounts = {
  key: string;
  orders: number;
  complaints: number;
  negativeReviews: number;
  goodsComplaints: number;
  safetyComplaints: number;
};

// How each grouping names a row of the quality summary (s); the zero uuid is "none".
const SUMMARY_KEY: Record<QualityGroup, SQL> = {
  sku: sql`nullif(s.sku_id, ${none})::text`,
  batch: sql`case when s.sku_id = ${none} then null else s.sku_id::text || '|' || s.batch end`,
  supplier: sql`nullif(s.supplier_id, ${none})::text`,
  shop: sql`nullif(s.shop_id, ${none})::text`,
  platform: sql`nullif(s.platform, '')`,
};

const summed = sql`sum(s.cases) as cases, sum(s.complaints) as complaints, sum(s.negative_reviews) as negative_reviews,
  sum(s.goods) as goods, sum(s.safety) as safety`;

/** Complaints and negative reviews against orders, per key of the grouping. */
export async function qualityByGroup(
  scope: TenantScope,
  group: QualityGroup,
  q: AnalyticsFilters,
): Promise<QualityCounts[]> {
  const rows = await readRows<Record<string, unknown>>(
    scope,
    sql`with c as (
          select ${SUMMARY_KEY[group]} as key, ${summed}
          from ${summarySource(scope, QUALITY, q)} s group by 1
        ), o as (${ordersByKey(scope, group, q, null)})
        select coalesce(c.key, o.key) as key, coalesce(o.orders, 0) as orders,
               coalesce(c.complaints, 0) as complaints, coalesce(c.negative_reviews, 0) as negative_reviews,
               coalesce(c.goods, 0) as goods, coalesce(c.safety, 0) as safety
        from c full join o on o.key = c.key
        where coalesce(c.key, o.key) is not null`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    orders: num(r.orders),
    complaints: num(r.complaints),
    negativeReviews: num(r.negative_reviews),
    goodsComplaints: num(r.goods),
    safetyComplaints: num(r.safety),
  }));
}

/**
 * One key of a grouping to look into. A SKU's key (alone or in a batch key) stands for every SKU of
 * its code — the same goods sold in several shops — listed in skuIds (skuSiblings).
 */
export type Focus = { group: QualityGroup; key: string; skuIds?: string[] };

/** The SKU ids a focus covers, as a condition on a column. */
function skuIn(column: SQL, f: Focus): SQL {
  const ids = f.skuIds?.length ? f.skuIds : [splitBatchKey(f.key)[0]].filter((id) => UUID.test(id));
  if (!ids.length) return sql`false`;
  if (ids.length === 1) return sql`${column} = ${ids[0]}::uuid`;
  return sql`${column} in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** Narrows summary rows (s) to one key of a grouping. */
function summaryKeyFilter(f: Focus): SQL {
  if (f.group === 'batch') return sql`${skuIn(sql`s.sku_id`, f)} and s.batch = ${splitBatchKey(f.key)[1]}`;
  if (f.group === 'sku') return skuIn(sql`s.sku_id`, f);
  return sql`${SUMMARY_KEY[f.group]} = ${f.key}`;
}

/** Narrows cases (f) and the orders side to one key of a grouping, for trends and drill-downs. */
function caseKeyFilter(focus: Focus): SQL {
  const { group, key } = focus;
  if (group === 'batch')
    return sql`${skuIn(sql`f.sku_id`, focus)} and coalesce(f.batch, '') = ${splitBatchKey(key)[1]}`;
  if (group === 'sku') return skuIn(sql`f.sku_id`, focus);
  // The id columns compared as ids (their index serves the drill-down); a key that is no id names nothing.
  const column = { supplier: 'supplier_id', shop: 'shop_id' }[group as string];
  if (column) return UUID.test(key) ? sql`f.${sql.raw(column)} = ${key}::uuid` : sql`false`;
  return sql`${CASE_KEY[group]} = ${key}`;
}

/** The keys of the orders side (ordersByKey) that one focus covers. */
function ordersKeys(f: Focus): string[] {
  if (f.group !== 'sku' && f.group !== 'batch') return [f.key];
  const ids = f.skuIds?.length ? f.skuIds : [splitBatchKey(f.key)[0]];
  return f.group === 'sku' ? ids : ids.map((id) => `${id}|${splitBatchKey(f.key)[1]}`);
}

/**
 * SKUs sold under the same code are one SKU to the merchant (imports make a product record per
 * shop): each of the given ids with the id that stands for its code (the smallest).
 */
export async function skuRepresentatives(scope: TenantScope, ids: string[]): Promise<Map<string, string>> {
  const valid = ids.filter((id) => UUID.test(id));
  if (!valid.length) return new Map();
  const rows = await readRows<{ id: string; rep: string }>(
    scope,
    sql`select m.id::text as id, min(k.id::text) as rep
        from skus m join skus k on k.tenant_id = m.tenant_id and k.code = m.code
        where m.tenant_id = ${scope.tenantId} and m.id in (${sql.join(
          valid.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        group by 1`,
  );
  return new Map(rows.map((r) => [r.id, r.rep]));
}

/** Every SKU of the same code as the given one (itself alone when it is unknown). */
export async function skuSiblings(scope: TenantScope, skuId: string): Promise<string[]> {
  if (!UUID.test(skuId)) return [];
  const rows = await readRows<{ id: string }>(
    scope,
    sql`select k.id::text as id from skus m join skus k on k.tenant_id = m.tenant_id and k.code = m.code
        where m.tenant_id = ${scope.tenantId} and m.id = ${skuId}::uuid order by 1`,
  );
  return rows.length ? rows.map((r) => r.id) : [skuId];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const splitBatchKey = (key: string): [string, string] => {
  const at = key.indexOf('|');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
};

export type TrendPoint = {
  week: string;
  orders: number;
  complaints: number;
  negativeReviews: number;
  goodsComplaints: number;
};

/** Week by week (Mondays), for everything or one key of a grouping. */
export async function qualityTrend(
  scope: TenantScope,
  q: AnalyticsFilters,
  focus: Focus | null,
): Promise<TrendPoint[]> {
  const week = (col: SQL) => sql`date_trunc('week', ${col})::date`;
  const caseFilter = focus ? sql`where ${summaryKeyFilter(focus)}` : sql``;
  const orders = focus
    ? sql`select bucket, sum(orders) as orders from (${ordersByKey(scope, focus.group, q, week(sql`${sql.raw(ordersAlias(focus.group))}.day`))}) x
          where x.key in (${sql.join(
            ordersKeys(focus).map((k) => sql`${k}`),
            sql`, `,
          )}) group by 1`
    : sql`select ${week(sql`od.day`)} as bucket, sum(od.orders) as orders
          from analytics_orders_daily od where ${rollupWhere(scope, q, 'od')} group by 1`;
  const rows = await readRows<Record<string, unknown>>(
    scope,
    sql`with c as (
          select ${week(sql`s.day`)} as bucket, ${summed}
          from ${summarySource(scope, QUALITY, q)} s ${caseFilter} group by 1
        ), o as (${orders})
        select to_char(coalesce(c.bucket, o.bucket), 'YYYY-MM-DD') as week, coalesce(o.orders, 0) as orders,
               coalesce(c.complaints, 0) as complaints, coalesce(c.negative_reviews, 0) as negative_reviews,
               coalesce(c.goods, 0) as goods
        from c full join o on o.bucket = c.bucket
        order by 1`,
  );
  return rows.map((r) => ({
    week: String(r.week),
    orders: num(r.orders),
    complaints: num(r.complaints),
    negativeReviews: num(r.negative_reviews),
    goodsComplaints: num(r.goods),
  }));
}

const ordersAlias = (g: QualityGroup) => (g === 'shop' || g === 'platform' ? 'od' : 's');

/** Complaints and negative reviews by root cause (closed cases) and by category (all). */
export async function causeCounts(
  scope: TenantScope,
  q: AnalyticsFilters,
  focus: Focus | null,
): Promise<{ rootCauses: { key: string; count: number }[]; categories: { key: string; count: number }[] }> {
  const out = (rows: { key: string; n: unknown }[]) => rows.map((r) => ({ key: r.key, count: num(r.n) }));
  // A shop or platform narrows the summary; a SKU, batch or supplier is a drill-down: its own cases.
  if (!focus || focus.group === 'shop' || focus.group === 'platform') {
    const rows = await readRows<{ category: string; root_cause: string; n: unknown }>(
      scope,
      sql`select s.category, s.root_cause, sum(s.cases) as n from ${summarySource(scope, CAUSES, q)} s
          ${focus ? sql`where ${focus.group === 'shop' ? sql`s.shop_id::text` : sql`s.platform`} = ${focus.key}` : sql``}
          group by 1, 2`,
    );
    const tally = (keyOf: (r: (typeof rows)[number]) => string | null) => {
      const counts = new Map<string, number>();
      for (const r of rows) {
        const key = keyOf(r);
        if (key !== null) counts.set(key, (counts.get(key) ?? 0) + num(r.n));
      }
      return [...counts.entries()]
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([key, count]) => ({ key, count }));
    };
    return { rootCauses: tally((r) => r.root_cause || null), categories: tally((r) => r.category) };
  }
  const filter = sql`${factsWhere(scope, q)} and (f.kind in ${complaintKinds} or f.kind = 'negative_review')
    and ${caseKeyFilter(focus)}`;
  const [roots, cats] = await Promise.all([
    readRows<{ key: string; n: unknown }>(
      scope,
      sql`select f.root_cause as key, count(*) as n from analytics_case_facts f
          where ${filter} and f.root_cause is not null group by 1 order by 2 desc, 1`,
    ),
    readRows<{ key: string; n: unknown }>(
      scope,
      sql`select coalesce(f.category, 'other') as key, count(*) as n from analytics_case_facts f
          where ${filter} group by 1 order by 2 desc, 1`,
    ),
  ]);
  return { rootCauses: out(roots), categories: out(cats) };
}

export type CaseLine = {
  id: string;
  number: number;
  subject: string;
  kind: string;
  category: string | null;
  severity: string;
  status: string;
  rootCause: string | null;
  platform: string | null;
  batch: string | null;
  skuId: string | null;
  createdAt: Date;
};

// The range's days as instants too (a day is its case's local date of creation): the newest-first
// walk of a SKU's cases (analytics_facts_sku_time) then starts at the range's end, not at today.
const shanghaiMidnight = (day: string, plusDays: number) =>
  sql`((${day}::date + ${plusDays}::int)::timestamp at time zone 'Asia/Shanghai')`;

/** The cases behind a figure, newest first, a page at a time (keyset on created_at and id). */
export async function drillCases(
  scope: TenantScope,
  q: AnalyticsFilters,
  focus: Focus | null,
  only: 'complaints' | 'negative_reviews' | 'goods' | 'safety' | 'all',
  after: { at: Date; id: string } | null,
  limit: number,
): Promise<CaseLine[]> {
  const kinds: Record<typeof only, SQL> = {
    complaints: sql`f.kind in ${complaintKinds}`,
    negative_reviews: sql`f.kind = 'negative_review'`,
    goods: sql`(f.quality or f.safety) and f.kind <> 'inquiry'`,
    safety: sql`f.safety and f.kind <> 'inquiry'`,
    all: sql`(f.kind in ${complaintKinds} or f.kind = 'negative_review')`,
  };
  const rows = await readRows<Record<string, unknown>>(
    scope,
    sql`select t.id, t.number, t.subject, f.kind, f.category, f.severity, f.status, f.root_cause, f.platform,
               f.batch, f.sku_id, f.created_at
        from analytics_case_facts f
        join tickets t on t.tenant_id = f.tenant_id and t.id = f.ticket_id
        where ${factsWhere(scope, q)} and ${kinds[only]}
          and f.created_at >= ${shanghaiMidnight(q.from, 0)} and f.created_at < ${shanghaiMidnight(q.to, 1)}
          ${focus ? sql`and ${caseKeyFilter(focus)}` : sql``}
          ${after ? sql`and (f.created_at, f.ticket_id) < (${after.at}, ${after.id})` : sql``}
        order by f.created_at desc, f.ticket_id desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    number: num(r.number),
    subject: String(r.subject),
    kind: String(r.kind),
    category: (r.category as string | null) ?? null,
    severity: String(r.severity),
    status: String(r.status),
    rootCause: (r.root_cause as string | null) ?? null,
    platform: (r.platform as string | null) ?? null,
    batch: (r.batch as string | null) ?? null,
    skuId: (r.sku_id as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
  }));
}
