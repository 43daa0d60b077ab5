import { type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';
import { type AnalyticsFilters, COMPLAINT_KINDS, type QualityGroup } from './analytics-types.js';
import { factsWhere, NONE_ID, num, rollupWhere, rowsOf } from './facts-repo.js';

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
  switch (group) {
    case 'sku':
      return sql`select l.sku_id::text as key, ${b} as bucket, sum(l.lines) as orders
        from analytics_order_lines_daily l where ${rollupWhere(scope, q, 'l')} and l.sku_id <> ${NONE_ID}
        group by 1, 2`;
    case 'batch':
      return sql`select l.sku_id::text || '|' || l.batch as key, ${b} as bucket, sum(l.lines) as orders
        from analytics_order_lines_daily l where ${rollupWhere(scope, q, 'l')} and l.sku_id <> ${NONE_ID}
        group by 1, 2`;
    case 'supplier':
      return sql`select l.supplier_id::text as key, ${b} as bucket, sum(l.lines) as orders
        from analytics_order_lines_daily l where ${rollupWhere(scope, q, 'l')} and l.supplier_id <> ${NONE_ID}
        group by 1, 2`;
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

const counts = sql`count(*) filter (where f.kind in ${complaintKinds}) as complaints,
  count(*) filter (where f.kind = 'negative_review') as negative_reviews,
  count(*) filter (where (f.quality or f.safety) and f.kind <> 'inquiry') as goods,
  count(*) filter (where f.safety and f.kind <> 'inquiry') as safety`;

/** Complaints and negative reviews against orders, per key of the grouping. */
export async function qualityByGroup(
  scope: TenantScope,
  group: QualityGroup,
  q: AnalyticsFilters,
): Promise<QualityCounts[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`with c as (
          select ${CASE_KEY[group]} as key, ${counts}
          from analytics_case_facts f where ${factsWhere(scope, q)} group by 1
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

/** Narrows cases (f) and the orders side to one key of a grouping, for trends and drill-downs. */
function caseKeyFilter(group: QualityGroup, key: string): SQL {
  if (group === 'batch') {
    const [sku, batch = ''] = splitBatchKey(key);
    return sql`f.sku_id = ${sku} and coalesce(f.batch, '') = ${batch}`;
  }
  return sql`${CASE_KEY[group]} = ${key}`;
}

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
  focus: { group: QualityGroup; key: string } | null,
): Promise<TrendPoint[]> {
  const week = (col: SQL) => sql`date_trunc('week', ${col})::date`;
  const caseFilter = focus ? sql` and ${caseKeyFilter(focus.group, focus.key)}` : sql``;
  const orders = focus
    ? sql`select bucket, sum(orders) as orders from (${ordersByKey(scope, focus.group, q, week(sql`${sql.raw(ordersAlias(focus.group))}.day`))}) x
          where x.key = ${focus.key} group by 1`
    : sql`select ${week(sql`od.day`)} as bucket, sum(od.orders) as orders
          from analytics_orders_daily od where ${rollupWhere(scope, q, 'od')} group by 1`;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`with c as (
          select ${week(sql`f.day`)} as bucket, ${counts}
          from analytics_case_facts f where ${factsWhere(scope, q)}${caseFilter} group by 1
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

const ordersAlias = (g: QualityGroup) => (g === 'shop' || g === 'platform' ? 'od' : 'l');

/** Complaints and negative reviews by root cause (closed cases) and by category (all). */
export async function causeCounts(
  scope: TenantScope,
  q: AnalyticsFilters,
  focus: { group: QualityGroup; key: string } | null,
): Promise<{ rootCauses: { key: string; count: number }[]; categories: { key: string; count: number }[] }> {
  const filter = sql`${factsWhere(scope, q)} and (f.kind in ${complaintKinds} or f.kind = 'negative_review')${
    focus ? sql` and ${caseKeyFilter(focus.group, focus.key)}` : sql``
  }`;
  const [roots, cats] = await Promise.all([
    rowsOf<{ key: string; n: unknown }>(
      scope,
      sql`select f.root_cause as key, count(*) as n from analytics_case_facts f
          where ${filter} and f.root_cause is not null group by 1 order by 2 desc, 1`,
    ),
    rowsOf<{ key: string; n: unknown }>(
      scope,
      sql`select coalesce(f.category, 'other') as key, count(*) as n from analytics_case_facts f
          where ${filter} group by 1 order by 2 desc, 1`,
    ),
  ]);
  const out = (rows: { key: string; n: unknown }[]) => rows.map((r) => ({ key: r.key, count: num(r.n) }));
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

/** The cases behind a figure, newest first, a page at a time (keyset on created_at and id). */
export async function drillCases(
  scope: TenantScope,
  q: AnalyticsFilters,
  focus: { group: QualityGroup; key: string } | null,
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
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select t.id, t.number, t.subject, f.kind, f.category, f.severity, f.status, f.root_cause, f.platform,
               f.batch, f.sku_id, f.created_at
        from analytics_case_facts f
        join tickets t on t.tenant_id = f.tenant_id and t.id = f.ticket_id
        where ${factsWhere(scope, q)} and ${kinds[only]}
          ${focus ? sql`and ${caseKeyFilter(focus.group, focus.key)}` : sql``}
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
