// Over 400 lines: every query over a campaign's affected order lines, live or frozen, built from the one scope-to-SQL translation at its top.
import { type SQL, sql } from 'drizzle-orm';
import type { RecallScopeJson } from '../db/schema/recalls.js';
import type { TenantScope } from '../db/tenant-scope.js';

type Rows<T> = { rows: T[] };
export async function rowsOf<T>(scope: TenantScope, query: SQL): Promise<T[]> {
  return ((await scope.db.execute(query)) as unknown as Rows<T>).rows;
}

const uuidList = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
const textList = (items: string[]) =>
  sql`array[${sql.join(
    items.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** The criteria on the order line itself (oi: order_items): SKU, batch, supplier. */
function lineWhere(tenantId: string, s: RecallScopeJson): SQL {
  const parts: SQL[] = [sql`oi.tenant_id = ${tenantId}`];
  if (s.skuIds?.length) parts.push(sql`oi.sku_id = any(${uuidList(s.skuIds)})`);
  if (s.batches?.length) parts.push(sql`oi.batch = any(${textList(s.batches)})`);
  if (s.suppliers?.length) {
    // A supplier name resolves to its record (spaces and case aside, merged names to the survivor),
    // so every line of that supplier is in scope whatever its text says.
    parts.push(sql`(oi.supplier = any(${textList(s.suppliers)}) or oi.supplier_id in (
      select coalesce(sp.merged_into, sp.id) from suppliers sp
      where sp.tenant_id = ${tenantId}
        and sp.name_key in (select aftercare_supplier_key(n) from unnest(${textList(s.suppliers)}) n)))`);
  }
  return sql.join(parts, sql` and `);
}

/** The criteria on the order (o: orders): shop, platform, sale and delivery dates; null when none. */
function orderWhere(tenantId: string, s: RecallScopeJson): SQL | null {
  const parts: SQL[] = [];
  if (s.shopIds?.length) parts.push(sql`o.shop_id = any(${uuidList(s.shopIds)})`);
  if (s.platforms?.length) {
    parts.push(sql`o.shop_id in (select sh.id from shops sh
      where sh.tenant_id = ${tenantId} and sh.platform = any(${textList(s.platforms)}))`);
  }
  // A sale is dated by payment, or by the order's record when the platform sent no payment time.
  if (s.soldFrom) parts.push(sql`coalesce(o.paid_at, o.created_at) >= ${s.soldFrom}::timestamptz`);
  if (s.soldTo) parts.push(sql`coalesce(o.paid_at, o.created_at) < ${s.soldTo}::timestamptz`);
  if (s.deliveredFrom) parts.push(sql`o.delivered_at >= ${s.deliveredFrom}::timestamptz`);
  if (s.deliveredTo) parts.push(sql`o.delivered_at < ${s.deliveredTo}::timestamptz`);
  return parts.length ? sql.join(parts, sql` and `) : null;
}

const hasLineCriteria = (s: RecallScopeJson) =>
  !!(s.skuIds?.length || s.batches?.length || s.suppliers?.length);

/** The order lines a scope selects (oi: order_items, o: orders), every criterion combined. */
export function scopeWhere(tenantId: string, s: RecallScopeJson): SQL {
  const onOrder = orderWhere(tenantId, s);
  return onOrder ? sql`${lineWhere(tenantId, s)} and ${onOrder}` : lineWhere(tenantId, s);
}

const liveLines = (tenantId: string, s: RecallScopeJson) => sql`
  select oi.id as order_item_id, oi.order_id, o.external_id as order_ref, o.shop_id, o.customer_id, oi.quantity, oi.paid_fen
  from order_items oi
  join orders o on o.tenant_id = oi.tenant_id and o.id = oi.order_id
  where ${scopeWhere(tenantId, s)}`;

/**
 * The scope now, one row per order (its lines in scope summed), the shape of recall_orders. With a
 * criterion on the lines, the lines are summed per order first and each order joined once (one
 * hash key, no sort on four); with criteria on orders only, the orders are filtered first.
 */
const liveOrders = (tenantId: string, s: RecallScopeJson) => {
  const onOrder = orderWhere(tenantId, s);
  if (!hasLineCriteria(s)) {
    return sql`
      select o.id as order_id, o.external_id as order_ref, o.shop_id, o.customer_id, sum(oi.quantity)::int as units,
             sum(oi.paid_fen)::bigint as paid_fen, array_agg(oi.id) as item_ids
      from orders o join order_items oi on oi.tenant_id = o.tenant_id and oi.order_id = o.id
      where o.tenant_id = ${tenantId} ${onOrder ? sql`and ${onOrder}` : sql``}
      group by o.tenant_id, o.id`;
  }
  return sql`
    select o.id as order_id, o.external_id as order_ref, o.shop_id, o.customer_id, l.units, l.paid_fen, l.item_ids
    from (select oi.order_id, sum(oi.quantity)::int as units, sum(oi.paid_fen)::bigint as paid_fen,
                 array_agg(oi.id) as item_ids
          from order_items oi where ${lineWhere(tenantId, s)} group by oi.order_id) l
    join orders o on o.tenant_id = ${tenantId} and o.id = l.order_id
    ${onOrder ? sql`where ${onOrder}` : sql``}`;
};

const frozenOrders = (tenantId: string, recallId: string) => sql`
  select order_id, order_ref, shop_id, customer_id, units, paid_fen, item_ids
  from recall_orders where tenant_id = ${tenantId} and recall_id = ${recallId}`;

/** Where the affected orders come from: the frozen set once announced, the live scope before. */
export type LineSource = { kind: 'live'; scope: RecallScopeJson } | { kind: 'frozen'; recallId: string };
const ordersOf = (tenantId: string, source: LineSource) =>
  source.kind === 'live' ? liveOrders(tenantId, source.scope) : frozenOrders(tenantId, source.recallId);

export type AffectedTotals = { orders: number; units: number; customers: number; paidFen: number };

const TOTALS = sql`count(*)::int as orders, coalesce(sum(units), 0)::int as units,
  (select count(*) from (select customer_id from per_order where customer_id is not null group by customer_id) c)::int as customers,
  coalesce(sum(paid_fen), 0)::bigint as "paidFen"`;
const toTotals = (row: AffectedTotals): AffectedTotals => ({
  orders: Number(row.orders),
  units: Number(row.units),
  customers: Number(row.customers),
  paidFen: Number(row.paidFen),
});

export async function affectedTotals(scope: TenantScope, source: LineSource): Promise<AffectedTotals> {
  if (source.kind === 'live') return liveTotals(scope, source.scope);
  // Buyers grouped (hashed) rather than count(distinct …), which sorts.
  const [row] = await rowsOf<AffectedTotals>(
    scope,
    sql`with per_order as (${ordersOf(scope.tenantId, source)}) select ${TOTALS} from per_order`,
  );
  return toTotals(row!);
}

/**
 * The live totals without building a row per order: orders and buyers from the orders that hold a
 * line in scope (a semi-join, grouped by buyer), units and money from the lines alone. Each side is
 * one hash over one key, which PostgreSQL runs in parallel; no JIT for a statement that runs once.
 */
async function liveTotals(scope: TenantScope, s: RecallScopeJson): Promise<AffectedTotals> {
  const t = scope.tenantId;
  const onOrder = orderWhere(t, s);
  const [row] = await bulkRead<AffectedTotals>(
    scope,
    sql`select b.orders, b.customers, l.units, l."paidFen"
        from (select coalesce(sum(n), 0)::int as orders, count(customer_id)::int as customers
              from (select o.customer_id, count(*) as n from orders o
                    where o.tenant_id = ${t} ${onOrder ? sql`and ${onOrder}` : sql``}
                      and o.id in (select oi.order_id from order_items oi where ${lineWhere(t, s)})
                    group by o.customer_id) c) b,
             (select coalesce(sum(oi.quantity), 0)::int as units, coalesce(sum(oi.paid_fen), 0)::bigint as "paidFen"
              from order_items oi where ${lineWhere(t, s)}
                ${onOrder ? sql`and oi.order_id in (select o.id from orders o where o.tenant_id = ${t} and ${onOrder})` : sql``}) l`,
  );
  return toTotals(row!);
}

export type ShopTotals = {
  shopId: string;
  shopName: string;
  platform: string;
  orders: number;
  units: number;
};

export async function affectedByShop(scope: TenantScope, source: LineSource): Promise<ShopTotals[]> {
  return rowsOf<ShopTotals>(
    scope,
    sql`select l.shop_id as "shopId", s.name as "shopName", s.platform,
          count(*)::int as orders, sum(l.units)::int as units
        from (${ordersOf(scope.tenantId, source)}) l
        join shops s on s.tenant_id = ${scope.tenantId} and s.id = l.shop_id
        group by l.shop_id, s.name, s.platform order by s.name`,
  );
}

export type AffectedOrder = {
  orderId: string;
  externalId: string;
  shopId: string;
  shopName: string;
  platform: string;
  customerId: string | null;
  customerName: string | null;
  units: number;
  paidFen: number;
  batches: string[];
  items: string[];
  paidAt: Date | null;
  deliveredAt: Date | null;
};

/** Affected orders, one row each, keyset-paged by order id. */
export async function listAffectedOrders(
  scope: TenantScope,
  source: LineSource,
  after: string | null,
  limit: number,
  filter: { shopId?: string | undefined; orderIds?: string[] | undefined } = {},
): Promise<AffectedOrder[]> {
  const t = scope.tenantId;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`with page as (
          select order_id, units, paid_fen, item_ids
          from (${ordersOf(t, source)}) l
          where true ${after ? sql`and order_id > ${after}::uuid` : sql``}
            ${filter.shopId ? sql`and shop_id = ${filter.shopId}::uuid` : sql``}
            ${filter.orderIds ? sql`and order_id = any(${uuidList(filter.orderIds)})` : sql``}
          order by order_id limit ${limit}
        )
        select p.order_id, o.external_id, o.shop_id, s.name as shop_name, s.platform, o.customer_id,
               c.name as customer_name, p.units, p.paid_fen, o.paid_at, o.delivered_at,
               (select array_agg(distinct oi.batch) filter (where oi.batch is not null) from order_items oi
                 where oi.tenant_id = ${t} and oi.id = any(p.item_ids)) as batches,
               (select array_agg(oi.name order by oi.name) from order_items oi
                 where oi.tenant_id = ${t} and oi.id = any(p.item_ids)) as items
        from page p
        join orders o on o.tenant_id = ${t} and o.id = p.order_id
        join shops s on s.tenant_id = ${t} and s.id = o.shop_id
        left join customers c on c.tenant_id = ${t} and c.id = o.customer_id
        order by p.order_id`,
  );
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows.map((r) => ({
    orderId: r.order_id as string,
    externalId: r.external_id as string,
    shopId: r.shop_id as string,
    shopName: r.shop_name as string,
    platform: r.platform as string,
    customerId: (r.customer_id as string | null) ?? null,
    customerName: (r.customer_name as string | null) ?? null,
    units: Number(r.units),
    paidFen: Number(r.paid_fen),
    batches: (r.batches as string[] | null) ?? [],
    items: (r.items as string[] | null) ?? [],
    paidAt: date(r.paid_at),
    deliveredAt: date(r.delivered_at),
  }));
}

/** What a freeze wrote: the totals and the orders per shop, read from the rows as they went in. */
export type FreezeResult = {
  totals: AffectedTotals;
  byShop: { shopId: string; orders: number; units: number }[];
};

/**
 * Freezes the live scope into the campaign (replacing an earlier freeze): one insert…select of one
 * row per order, whose returned rows give the totals and the per-shop counts without reading the
 * frozen set again. Hash joins over the order lines need memory rather than temp files.
 */
export async function freezeAffected(
  scope: TenantScope,
  recallId: string,
  s: RecallScopeJson,
): Promise<FreezeResult> {
  const t = scope.tenantId;
  await scope.db.execute(sql`delete from recall_orders where tenant_id = ${t} and recall_id = ${recallId}`);
  await setBulkMemory(scope);
  const rows = await rowsOf<{
    shop_id: string | null;
    orders: number;
    units: number;
    customers: number;
    paid: number;
  }>(
    scope,
    sql`with ins as (
          insert into recall_orders (tenant_id, recall_id, order_id, order_ref, shop_id, customer_id, units, paid_fen, item_ids)
          select ${t}, ${recallId}, l.order_id, l.order_ref, l.shop_id, l.customer_id, l.units, l.paid_fen, l.item_ids
          from (${liveOrders(t, s)}) l
          -- In key order, each row lands on the right-most leaf of the primary key: fewer pages touched and split.
          order by l.order_id
          returning shop_id, customer_id, units, paid_fen)
        select shop_id::text, count(*)::int as orders, sum(units)::int as units, 0 as customers, sum(paid_fen)::bigint as paid
        from ins group by shop_id
        union all
        select null, 0, 0, (select count(*) from (select customer_id from ins where customer_id is not null group by customer_id) c)::int, 0`,
  );
  const shops = rows.filter((r) => r.shop_id !== null);
  const sum = (f: (r: (typeof rows)[number]) => number) => shops.reduce((n, r) => n + Number(f(r)), 0);
  return {
    totals: {
      orders: sum((r) => r.orders),
      units: sum((r) => r.units),
      customers: Number(rows.find((r) => r.shop_id === null)?.customers ?? 0),
      paidFen: sum((r) => r.paid),
    },
    byShop: shops.map((r) => ({ shopId: r.shop_id!, orders: Number(r.orders), units: Number(r.units) })),
  };
}

/**
 * More memory for this transaction's hashes and sorts (a recall's bulk statements stay off temp
 * files), and no JIT: a statement over a million lines passes the JIT threshold and would spend
 * hundreds of milliseconds compiling what runs once.
 */
export async function setBulkMemory(scope: TenantScope): Promise<void> {
  await scope.db.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
}

/** A read over the order lines in a transaction of its own with setBulkMemory. */
async function bulkRead<T>(scope: TenantScope, query: SQL): Promise<T[]> {
  return scope.transaction(async (tx) => {
    await setBulkMemory(tx);
    return rowsOf<T>(tx, query);
  });
}

export type AffectedDiff = {
  addedOrders: number;
  removedOrders: number;
  addedUnits: number;
  removedUnits: number;
  added: string[];
  removed: string[];
};

/** What recomputing the scope now would change against the frozen set (orders named by platform id). */
export async function diffAffected(
  scope: TenantScope,
  recallId: string,
  s: RecallScopeJson,
): Promise<AffectedDiff> {
  const t = scope.tenantId;
  const rows = await rowsOf<{ side: string; orders: number; units: number; sample: string[] | null }>(
    scope,
    sql`with live as (${liveLines(t, s)}),
        -- The frozen lines; a line's units are read back from the order (a deleted line counts none).
        frozen as (select r.order_id, x.order_item_id, coalesce(oi.quantity, 0) as quantity
          from recall_orders r cross join unnest(r.item_ids) as x(order_item_id)
          left join order_items oi on oi.tenant_id = r.tenant_id and oi.id = x.order_item_id
          where r.tenant_id = ${t} and r.recall_id = ${recallId}),
        added as (select * from live where order_item_id not in (select order_item_id from frozen)),
        removed as (select * from frozen where order_item_id not in (select order_item_id from live))
        select 'added' as side, count(distinct order_id)::int as orders, coalesce(sum(quantity), 0)::int as units,
          (select array_agg(external_id) from (select distinct o.external_id from added a
             join orders o on o.tenant_id = ${t} and o.id = a.order_id order by 1 limit 20) x) as sample
        from added
        union all
        select 'removed', count(distinct order_id)::int, coalesce(sum(quantity), 0)::int,
          (select array_agg(external_id) from (select distinct o.external_id from removed r
             join orders o on o.tenant_id = ${t} and o.id = r.order_id order by 1 limit 20) x)
        from removed`,
  );
  const added = rows.find((r) => r.side === 'added')!;
  const removed = rows.find((r) => r.side === 'removed')!;
  return {
    addedOrders: added.orders,
    removedOrders: removed.orders,
    addedUnits: added.units,
    removedUnits: removed.units,
    added: added.sample ?? [],
    removed: removed.sample ?? [],
  };
}

/**
 * Which of these campaigns' frozen scopes hold any of these orders: one primary-key probe per
 * campaign and order (the caller knows the open campaigns; a tenant has a handful).
 */
export async function recallsHoldingOrders(
  scope: TenantScope,
  recallIds: string[],
  orderIds: string[],
): Promise<{ orderId: string; recallId: string }[]> {
  if (!orderIds.length || !recallIds.length) return [];
  return rowsOf(
    scope,
    sql`select order_id as "orderId", recall_id as "recallId" from recall_orders
        where tenant_id = ${scope.tenantId} and recall_id = any(${uuidList(recallIds)})
          and order_id = any(${uuidList(orderIds)})`,
  );
}

/** Which of these campaigns' frozen scopes hold an order of any of these buyers. */
export async function recallsHoldingCustomers(
  scope: TenantScope,
  recallIds: string[],
  customerIds: string[],
): Promise<{ customerId: string; recallId: string }[]> {
  if (!customerIds.length || !recallIds.length) return [];
  return rowsOf(
    scope,
    // The buyers' orders (orders_customer), then a primary-key probe per campaign.
    sql`select distinct o.customer_id as "customerId", r.recall_id as "recallId"
        from orders o join recall_orders r on r.tenant_id = o.tenant_id and r.order_id = o.id
        where o.tenant_id = ${scope.tenantId} and o.customer_id = any(${uuidList(customerIds)})
          and r.recall_id = any(${uuidList(recallIds)})`,
  );
}

/** The first safety report about anything in the scope: when the merchant learned of the risk. */
export async function firstSafetyReport(scope: TenantScope, s: RecallScopeJson): Promise<Date | null> {
  const t = scope.tenantId;
  const [row] = await rowsOf<{ at: string | Date | null }>(
    scope,
    sql`select min(tk.created_at) as at from tickets tk
        where tk.tenant_id = ${t} and 'safety_hazard' = any(tk.categories)
          and tk.order_id in (select l.order_id from (${liveLines(t, s)}) l)`,
  );
  return row?.at ? new Date(row.at) : null;
}

export { textList, uuidList };

/**
 * The campaign's buyers' names and order numbers that occur in a text (a public text must carry
 * neither): one pass over the orders in scope, the text searched with strpos, at most 20 of each.
 * Order numbers shorter than 8 characters are not looked for: platform order numbers are 15–19
 * characters, and a short imported reference ("1001", "NS-1") is as likely a model or SKU code.
 */
export async function personalDataIn(
  scope: TenantScope,
  source: LineSource,
  text: string,
): Promise<{ buyerNames: string[]; orderRefs: string[] }> {
  const t = scope.tenantId;
  const lines =
    source.kind === 'live'
      ? sql`select l.order_ref, l.customer_id from (${liveLines(t, source.scope)}) l`
      : sql`select order_ref, customer_id from recall_orders where tenant_id = ${t} and recall_id = ${source.recallId}`;
  const rows = await rowsOf<{ kind: string; value: string }>(
    scope,
    sql`with l as (${lines})
        (select distinct 'order' as kind, order_ref as value from l
          where char_length(order_ref) >= 8 and strpos(${text}, order_ref) > 0 limit 20)
        union all
        (select distinct 'name', c.name from customers c
          where c.tenant_id = ${t} and c.id in (select customer_id from l where customer_id is not null)
            and char_length(c.name) >= 2 and strpos(${text}, c.name) > 0 limit 20)`,
  );
  return {
    orderRefs: rows.filter((r) => r.kind === 'order').map((r) => r.value),
    buyerNames: rows.filter((r) => r.kind === 'name').map((r) => r.value),
  };
}
