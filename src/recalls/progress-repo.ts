import { sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';
import { rowsOf } from './affected-repo.js';
import { REMEDY_EXECUTED } from './remedies-repo.js';

/** A remedy is executed when every platform step of its offer was delivered (or done by hand). */
const EXECUTED = REMEDY_EXECUTED;

export type ShopCompletion = {
  shopId: string;
  shopName: string;
  platform: string;
  units: number;
  remediedUnits: number;
  inProgressUnits: number;
  notReached: number;
};

/** Per affected shop: units sold, units remedied (executed) and in progress, buyers not yet reached. */
export async function completionByShop(scope: TenantScope, recallId: string): Promise<ShopCompletion[]> {
  const t = scope.tenantId;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`with a as (select shop_id, order_id, units from recall_orders
                   where tenant_id = ${t} and recall_id = ${recallId}),
        rem as (select r.order_id, r.units, ${EXECUTED} as executed from recall_remedies r
                where r.tenant_id = ${t} and r.recall_id = ${recallId}),
        reached as (select distinct n.order_id from recall_notices n
                    left join outbox ob on ob.tenant_id = n.tenant_id and ob.id = n.outbox_id
                    where n.tenant_id = ${t} and n.recall_id = ${recallId} and ob.status = 'sent')
        select a.shop_id, s.name, s.platform, sum(a.units)::int as units,
               coalesce(sum(rem.units) filter (where rem.executed), 0)::int as remedied,
               coalesce(sum(rem.units) filter (where not rem.executed), 0)::int as in_progress,
               count(*) filter (where rem.order_id is null and reached.order_id is null)::int as not_reached
        from a join shops s on s.tenant_id = ${t} and s.id = a.shop_id
        left join rem on rem.order_id = a.order_id
        left join reached on reached.order_id = a.order_id
        group by a.shop_id, s.name, s.platform order by s.name`,
  );
  return rows.map((r) => ({
    shopId: r.shop_id as string,
    shopName: r.name as string,
    platform: r.platform as string,
    units: Number(r.units),
    remediedUnits: Number(r.remedied),
    inProgressUnits: Number(r.in_progress),
    notReached: Number(r.not_reached),
  }));
}

/** Buyers of the trust wave who wrote back after it, over those it reached. */
export async function trustResponse(
  scope: TenantScope,
  recallId: string,
  since: Date,
): Promise<{ recipients: number; responded: number }> {
  const t = scope.tenantId;
  const [row] = await rowsOf<{ recipients: number; responded: number }>(
    scope,
    sql`select count(*)::int as recipients,
          count(*) filter (where exists (select 1 from tickets tk join messages m on m.tenant_id = tk.tenant_id and m.ticket_id = tk.id
             where tk.tenant_id = ${t} and tk.customer_id = n.customer_id and m.direction = 'inbound'
               and m.created_at >= ${since.toISOString()}::timestamptz))::int as responded
        from recall_notices n where n.tenant_id = ${t} and n.recall_id = ${recallId} and n.wave = 'trust'`,
  );
  return row!;
}

export type DailyPoint = { day: string; value: number };

const DAY = sql`to_char(date_trunc('day', x.at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`;

/**
 * Post-recall monitoring series, per local day from `from`: complaints and negative reviews on
 * the recalled SKUs/batches and in the affected shops, orders per day (for rates), mean
 * sentiment, recall inquiries and units remedied.
 */
export async function monitoringSeries(scope: TenantScope, recallId: string, from: Date) {
  const t = scope.tenantId;
  const since = from.toISOString();
  const q = (body: ReturnType<typeof sql>) =>
    rowsOf<{ day: string; value: number }>(scope, sql`select ${DAY} as day, ${body}`);
  const complaintKinds = sql`('complaint', 'negative_review')`;
  const [skuComplaints, shopComplaints, shopOrders, sentiment, inquiries, remedied] = await Promise.all([
    q(sql`count(*)::int as value from (select tk.created_at as at from tickets tk
          where tk.tenant_id = ${t} and tk.kind in ${complaintKinds} and tk.created_at >= ${since}::timestamptz
            and tk.order_id in (select order_id from recall_orders where tenant_id = ${t} and recall_id = ${recallId})) x
          group by 1 order by 1`),
    q(sql`count(*)::int as value from (select tk.created_at as at from tickets tk
          where tk.tenant_id = ${t} and tk.kind in ${complaintKinds} and tk.created_at >= ${since}::timestamptz
            and tk.shop_id in (select distinct shop_id from recall_orders where tenant_id = ${t} and recall_id = ${recallId})) x
          group by 1 order by 1`),
    q(sql`count(*)::int as value from (select coalesce(o.paid_at, o.created_at) as at from orders o
          where o.tenant_id = ${t} and coalesce(o.paid_at, o.created_at) >= ${since}::timestamptz
            and o.shop_id in (select distinct shop_id from recall_orders where tenant_id = ${t} and recall_id = ${recallId})) x
          group by 1 order by 1`),
    q(sql`round(avg(x.score)::numeric, 3)::float as value from (select tk.created_at as at, tk.sentiment_score as score from tickets tk
          where tk.tenant_id = ${t} and tk.sentiment_score is not null and tk.created_at >= ${since}::timestamptz
            and tk.shop_id in (select distinct shop_id from recall_orders where tenant_id = ${t} and recall_id = ${recallId})) x
          group by 1 order by 1`),
    q(sql`count(*)::int as value from (select created_at as at from recall_inquiries
          where tenant_id = ${t} and recall_id = ${recallId}) x group by 1 order by 1`),
    q(sql`sum(x.units)::int as value from (select created_at as at, units from recall_remedies
          where tenant_id = ${t} and recall_id = ${recallId}) x group by 1 order by 1`),
  ]);
  const num = (rows: DailyPoint[]) => rows.map((r) => ({ day: r.day, value: Number(r.value) }));
  return {
    skuComplaints: num(skuComplaints),
    shopComplaints: num(shopComplaints),
    shopOrders: num(shopOrders),
    sentiment: num(sentiment),
    inquiries: num(inquiries),
    remediedUnits: num(remedied),
  };
}
