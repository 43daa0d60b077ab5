// A merchant's history for the analytics bench and browser test, generated set-wise in SQL (not
// through the API: a million API calls would measure the case pipeline, not the dashboards). Every
// row goes into the real tables. With `bulk` the analytics triggers are switched off while the
// history is written and the derived tables are then built set-wise by rebuildAnalytics (what the
// triggers would have written: summary.test.ts compares the two); without it the triggers fold every
// statement as they fold live writes.
//
// The shape: four shops on four platforms, 60 products × 5 SKUs from 12 suppliers, batches that
// change monthly, weekly rhythm (weekends busier), a 双11-style peak, cases a few days after their
// order, replies in minutes on live chat and hours elsewhere, remedies on a third of the cases,
// satisfaction answers and revised reviews — and one problem batch whose safety complaints spike
// in the last ten days.
import { SUMMARIES } from '../src/analytics/summary-repo.js';
import type { Database } from '../src/db/client.js';

export type HistoryOptions = {
  tenantId: string;
  cases: number;
  lines: number;
  days: number;
  /** The last day of the history (the bench's "today"). */
  end: Date;
  agents: string[];
  /** Rows per statement: big enough to be quick, small enough for PGlite's memory. */
  chunk?: number;
  /** Triggers off while writing, the derived tables rebuilt set-wise afterwards (a big history). */
  bulk?: boolean;
};

export type History = {
  shops: { id: string; platform: string }[];
  problem: { skuId: string; skuCode: string; batch: string };
};

const PLATFORMS = ['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const;
const SHOP_NAMES: Record<string, string> = {
  douyin: '抖店·闪电家居旗舰店',
  pinduoduo: '拼多多·闪电家居',
  tiktok: 'TikTok Shop·Lightning Home',
  taobao: '淘宝·闪电家居',
};
const CATEGORIES = ['家用电器', '食品/零食', '服装', '数码配件', '家居日用', '母婴用品'];
const PRODUCTS = 60;
const SKUS_PER_PRODUCT = 5;
const SUPPLIERS = 12;

/** Each statement printed with its time: where a big seed spends it (ANALYTICS_SEED_TRACE=1). */
function traced(database: Database): Database {
  return {
    ...database,
    query: async <T>(q: string, p?: unknown[]) => {
      const start = performance.now();
      const rows = await database.query<T>(q, p);
      console.log(`${Math.round(performance.now() - start)} ms: ${q.replace(/\s+/g, ' ').slice(0, 90)}`);
      return rows;
    },
  };
}

export async function seedHistory(target: Database, o: HistoryOptions): Promise<History> {
  const database = process.env.ANALYTICS_SEED_TRACE === '1' ? traced(target) : target;
  const chunk = o.chunk ?? 100_000;
  const t = o.tenantId;
  const endIso = o.end.toISOString();
  await database.query('select setseed(0.4242)');

  const shops: History['shops'] = [];
  for (const platform of PLATFORMS) {
    const res = await database.query<{ id: string }>(
      `insert into shops (tenant_id, id, platform, name, created_at, updated_at)
       values ($1, gen_random_uuid(), $2, $3, now(), now()) returning id`,
      [t, platform, SHOP_NAMES[platform]],
    );
    shops.push({ id: res[0]!.id, platform });
  }
  // Products and SKUs; the supplier trigger turns the names into supplier records.
  await database.query(
    `insert into products (tenant_id, id, name, category, supplier, created_at)
     select $1, gen_random_uuid(), (array['电热水壶','保温杯','空气炸锅','坚果礼盒','牛肉干','T恤','卫衣','充电宝','数据线','收纳盒','婴儿湿巾','奶瓶'])[1 + p % 12] || ' ' || p,
            ($2::text[])[1 + p % ${CATEGORIES.length}], '供应商' || chr(65 + p % ${SUPPLIERS}) || '厂', now()
     from generate_series(0, ${PRODUCTS - 1}) p`,
    [t, CATEGORIES],
  );
  await database.query(
    `insert into skus (tenant_id, id, product_id, code, name, price_fen, supplier, created_at)
     select p.tenant_id, gen_random_uuid(), p.id, 'SKU-' || lpad((row_number() over (order by p.name, s))::text, 4, '0'),
            (array['白色','黑色','大号','小号','礼盒装'])[s], (2900 + (abs(hashtext(p.name)) % 300) * 100 + s * 500)::bigint, p.supplier, now()
     from products p cross join generate_series(1, ${SKUS_PER_PRODUCT}) s where p.tenant_id = $1`,
    [t],
  );
  await database.query(
    `create unlogged table hist_skus as
     select row_number() over (order by k.code) - 1 as n, k.id, k.product_id, k.name, k.price_fen, k.supplier, k.supplier_id, k.code
     from skus k where k.tenant_id = $1`,
    [t],
  );
  const skuCount = PRODUCTS * SKUS_PER_PRODUCT;
  // The problem: the most popular SKU's batch of the last month.
  const problemSku = (
    await database.query<{ id: string; code: string }>('select id, code from hist_skus where n = 0')
  )[0]!;
  const problemBatch = `B${o.end.toISOString().slice(2, 4)}${o.end.toISOString().slice(5, 7)}-01`;

  const shopArray = `array[${shops.map((s) => `'${s.id}'::uuid`).join(',')}]`;
  // A day back from the end: weekends and the peak (day 25 from the end) are busier; more recent is busier.
  const dayBack = `(case when random() < 0.06 then 25 else floor(power(random(), 1.15) * ${o.days})::int end)`;
  const dropped = o.bulk ? await dropIndexes(database) : [];
  if (o.bulk) await switchTriggers(database, 'disable');
  const orders = Math.ceil(o.lines / 2);
  // Orders and their lines are drawn into unlogged staging tables first, so each order is written
  // once with its total (no update of every order afterwards).
  await database.query(
    `create unlogged table hist_orders as
     select i as n, gen_random_uuid() as id, (${shopArray})[1 + (i * 7 + (i / 13)) % 4] as shop_id,
            $1::timestamptz - interval '1 day' * ${dayBack} - interval '1 hour' * (random() * 16)::int as paid_at
     from generate_series(0, $2::int - 1) i`,
    [endIso, orders],
  );
  await database.query('create index on hist_orders (n)');
  // Two lines per order; popular SKUs sell more (a skewed pick). Batches change every month.
  await database.query(
    `create unlogged table hist_lines as
     select i, i / 2 as order_n, floor(power(random(), 2.2) * ${skuCount})::int as pick
     from generate_series(0, $1::int - 1) i`,
    [o.lines],
  );
  await database.query('create index on hist_lines (i)');
  await database.query('create index on hist_lines (order_n)');
  for (const table of ['hist_skus', 'hist_orders', 'hist_lines']) await database.query(`analyze ${table}`);
  for (let from = 0; from < orders; from += chunk) {
    const to = Math.min(orders, from + chunk) - 1;
    await database.query(
      `insert into orders (tenant_id, id, shop_id, external_id, status, total_fen, paid_at, delivered_at, created_at)
       select $1, ho.id, ho.shop_id, 'H' || ho.n, 'delivered', coalesce(tot.total, 0),
              ho.paid_at, ho.paid_at + interval '3 days', ho.paid_at
       from hist_orders ho
       left join (select hl.order_n, sum(k.price_fen) as total from hist_lines hl join hist_skus k on k.n = hl.pick
                  where hl.order_n between $2 and $3 group by 1) tot on tot.order_n = ho.n
       where ho.n between $2 and $3`,
      [t, from, to],
    );
  }
  for (let from = 0; from < o.lines; from += chunk) {
    const to = Math.min(o.lines, from + chunk) - 1;
    await database.query(
      `insert into order_items (tenant_id, id, order_id, product_id, sku_id, name, quantity, unit_price_fen, paid_fen, batch, supplier, supplier_id)
       select $1, gen_random_uuid(), ho.id, k.product_id, k.id, k.name, 1, k.price_fen, k.price_fen,
              'B' || to_char(ho.paid_at at time zone 'Asia/Shanghai', 'YYMM') || '-' || lpad((k.n % 3 + 1)::text, 2, '0'),
              k.supplier, k.supplier_id
       from hist_lines g
       join hist_orders ho on ho.n = g.order_n
       join hist_skus k on k.n = g.pick
       where g.i between $2 and $3`,
      [t, from, to],
    );
  }

  const agentArray = `array[${o.agents.map((a) => `'${a}'::uuid`).join(',')}]::uuid[]`;
  const kinds = `(array['complaint','complaint','complaint','return_request','return_request','return_request','negative_review','negative_review','inquiry','inquiry','platform_dispute'])[1 + floor(random() * 11)::int]`;
  const categories = `(array['quality_defect','quality_defect','damaged_in_transit','not_as_described','wrong_or_missing_item','logistics_delay','logistics_delay','service_attitude','refund_dispute','counterfeit_suspected','price_dispute'])[1 + floor(random() * 11)::int]`;
  const roots = `(array['supplier_defect','supplier_defect','manufacturing','transit_damage','transit_damage','listing_mismatch','warehouse_error','service_process','customer_misuse','unfounded'])[1 + floor(random() * 10)::int]`;
  const orderCount = orders;
  let number = 0;
  for (let from = 0; from < o.cases; from += chunk) {
    const to = Math.min(o.cases, from + chunk) - 1;
    await database.query(
      `insert into tickets (tenant_id, id, number, kind, channel, status, severity, category, categories, subject,
                            shop_id, order_id, assignee_id, first_response_due_at, resolution_due_at, sla_due_at,
                            first_responded_at, closed_at, root_cause, created_at, updated_at)
       select $1, gen_random_uuid(), $5::int + i - $3::int + 1, kind, channel,
              case when closed_at is null then 'investigating' else 'closed' end,
              'normal', category, array[category], subject, shop_id, order_id, assignee_id,
              created_at + interval '4 hours', created_at + interval '3 days', null,
              case when responded_at <= $2::timestamptz then responded_at end,
              case when closed_at <= $2::timestamptz then closed_at end,
              case when closed_at <= $2::timestamptz then root end,
              created_at, created_at
       from (
         select y.*, y.created_at + case when kind = 'inquiry' then interval '1 minute' * power(random(), 3) * 20
                                         else interval '1 hour' * power(random(), 2) * 10 end as responded_at,
                y.created_at + case when random() < 0.9 then interval '1 day' * random() * 5 end as closed_at
         from (
           select i, kind, category, root, ho.shop_id, ho.id as order_id,
                  (${agentArray})[1 + floor(random() * ${o.agents.length})::int] as assignee_id,
                  case kind when 'negative_review' then 'review' when 'inquiry' then 'live_chat'
                            when 'return_request' then 'after_sales' else 'platform_message' end as channel,
                  '【售后】' || category || ' #' || i as subject,
                  least(ho.paid_at + interval '1 day' * (1 + random() * 6), $2::timestamptz - interval '1 minute') as created_at
           from (select i, ${kinds} as kind, ${categories} as category, ${roots} as root,
                        floor(random() * ${orderCount})::int as pick
                 from generate_series($3::int, $4::int) i) g
           join hist_orders ho on ho.n = g.pick
         ) y
       ) x`,
      [t, endIso, from, to, number],
    );
    number += to - from + 1;
  }
  // The problem batch: safety complaints (and negative reviews) on its orders in the last ten days.
  const spike = Math.max(8, Math.round(o.cases / 4000));
  await database.query(
    `insert into tickets (tenant_id, id, number, kind, channel, status, severity, category, categories, subject,
                          shop_id, order_id, first_response_due_at, first_responded_at, created_at, updated_at)
     select $1, gen_random_uuid(), $4::int + row_number() over (), 'complaint', 'platform_message', 'investigating', 'critical',
            'safety_hazard', array['safety_hazard'], '【安全】电热水壶漏电，手被电了一下', o.shop_id, o.id,
            at + interval '1 hour', at + interval '20 minutes', at, at
     from (select o.shop_id, o.id, $2::timestamptz - interval '1 day' * random() * 9.5 as at
           from orders o join order_items x on x.tenant_id = o.tenant_id and x.order_id = o.id
           where o.tenant_id = $1 and x.sku_id = $3 and x.batch = $5
           order by random() limit $6) o`,
    [t, endIso, problemSku.id, number, problemBatch, spike],
  );
  // Remedies agreed on about a third of the closed cases.
  await database.query(
    `insert into offers (tenant_id, id, ticket_id, negotiation_id, round, party, remedy, amount_fen, coupon_fen,
                         order_id, shop_id, status, proposed_by_name, decided_at, decided_by_name, created_at, updated_at)
     select t.tenant_id, t.offer_id, t.id, t.offer_id, 1, 'shop', remedy,
            case when remedy in ('refund', 'return_and_refund') then coalesce(o.total_fen, 0)
                 when remedy = 'partial_refund' then greatest(100, coalesce(o.total_fen, 0) / 5)
                 when remedy in ('coupon', 'gift') then 1000 else 0 end,
            case when random() < 0.2 then 500 else 0 end,
            t.order_id, t.shop_id, 'accepted', '客服', t.closed_at - interval '1 hour', '客服', t.closed_at - interval '2 hours', t.closed_at
     from (select t.*, gen_random_uuid() as offer_id,
                  (array['refund','return_and_refund','partial_refund','partial_refund','coupon','reship','exchange','gift'])[1 + floor(random() * 8)::int] as remedy
           from tickets t where t.tenant_id = $1 and t.closed_at is not null and random() < 0.35) t
     left join orders o on o.tenant_id = t.tenant_id and o.id = t.order_id`,
    [t],
  );
  // Satisfaction answers on closed cases; a third of answered negative reviews revised to 4–5 stars.
  await database.query(
    `insert into analytics_feedback (tenant_id, id, ticket_id, kind, score, at, recorded_by_name)
     select tenant_id, gen_random_uuid(), id, 'csat', (array[2,3,4,4,5,5,5])[1 + floor(random() * 7)::int],
            closed_at + interval '1 day', '满意度回访'
     from tickets where tenant_id = $1 and closed_at is not null and closed_at < $2::timestamptz - interval '1 day' and random() < 0.3`,
    [t, endIso],
  );
  await database.query(
    `insert into analytics_feedback (tenant_id, id, ticket_id, kind, score, previous_score, at, recorded_by_name)
     select tenant_id, gen_random_uuid(), id, 'review_revision', 4 + floor(random() * 2)::int, 1 + floor(random() * 2)::int,
            first_responded_at + interval '2 days', '评价同步'
     from tickets where tenant_id = $1 and kind = 'negative_review' and first_responded_at is not null
       and first_responded_at < $2::timestamptz - interval '2 days' and random() < 0.33`,
    [t, endIso],
  );
  await database.query('drop table hist_orders');
  await database.query('drop table hist_lines');
  await database.query('drop table hist_skus');
  if (o.bulk) {
    await switchTriggers(database, 'enable');
    // Statistics of the freshly written tables, or the rebuild's joins are planned blind.
    for (const table of BULK_TABLES) await database.query(`analyze ${table}`);
    await rebuildAnalytics(database, t);
    for (const definition of dropped) await database.query(definition);
  }
  return { shops, problem: { skuId: problemSku.id, skuCode: problemSku.code, batch: problemBatch } };
}

// The triggers a bulk history goes around: the analytics folds, the summary marks, and the supplier
// link of order lines (the seed writes the supplier's id itself).
const BULK_TRIGGERS: [string, string[]][] = [
  ['orders', ['analytics_orders_insert', 'analytics_orders_update']],
  ['order_items', ['analytics_order_items_insert', 'order_items_link_supplier']],
  ['tickets', ['analytics_tickets_insert', 'analytics_tickets_update']],
  ['offers', ['analytics_offers_insert']],
  ['analytics_case_facts', ['analytics_summary_facts_insert', 'analytics_summary_facts_update']],
  ['analytics_feedback', ['analytics_summary_feedback_insert']],
];

// A bulk load writes its rows first and builds the secondary indexes afterwards (a sort each, instead
// of millions of index insertions); keys and constraints stay.
const BULK_TABLES = [
  'orders',
  'order_items',
  'tickets',
  'offers',
  'analytics_feedback',
  'analytics_case_facts',
];

/** Drops the secondary indexes of the bulk tables; returns the statements that rebuild them. */
async function dropIndexes(database: Database): Promise<string[]> {
  const rows = await database.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = any($1::text[])
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  for (const r of rows) await database.query(`drop index "${r.name}"`);
  return rows.map((r) => r.definition);
}

async function switchTriggers(database: Database, how: 'enable' | 'disable'): Promise<void> {
  for (const [table, triggers] of BULK_TRIGGERS)
    for (const trigger of triggers) await database.query(`alter table ${table} ${how} trigger ${trigger}`);
}

/**
 * What the analytics triggers (drizzle/0019_analytics_sql.sql, 0042_analytics_summary_sql.sql) would
 * have written for a tenant, built set-wise from its orders, lines, cases, offers and answers: the
 * daily rollups, one fact per case (its order's dearest line), the money on it, and a summary mark
 * on every day (the refresher builds the summaries). The tenant's derived rows are replaced.
 */
export async function rebuildAnalytics(database: Database, tenantId: string): Promise<void> {
  const p = [tenantId];
  const day = (at: string) => `aftercare_local_day(${at})`;
  for (const table of [
    'analytics_orders_daily',
    'analytics_order_lines_daily',
    'analytics_summary_dirty',
    ...SUMMARY_TABLES,
  ])
    await database.query(`delete from ${table} where tenant_id = $1`, p);
  await switchTriggers(database, 'disable');
  try {
    await database.query('delete from analytics_case_facts where tenant_id = $1', p);
    await database.query(
      `insert into analytics_orders_daily (tenant_id, day, shop_id, orders, paid_fen)
       select tenant_id, ${day('coalesce(paid_at, created_at)')}, shop_id, count(*), sum(total_fen)
       from orders where tenant_id = $1 group by 1, 2, 3`,
      p,
    );
    await database.query(
      `insert into analytics_order_lines_daily (tenant_id, day, shop_id, sku_id, batch, supplier_id, lines, units, paid_fen)
       select x.tenant_id, ${day('coalesce(o.paid_at, o.created_at)')}, o.shop_id,
              coalesce(x.sku_id, '${NONE}'), coalesce(x.batch, ''), coalesce(x.supplier_id, '${NONE}'),
              count(*), sum(x.quantity), sum(x.paid_fen)
       from order_items x join orders o on o.tenant_id = x.tenant_id and o.id = x.order_id
       where x.tenant_id = $1 group by 1, 2, 3, 4, 5, 6`,
      p,
    );
    await database.query(
      `insert into analytics_case_facts (
         tenant_id, ticket_id, day, created_at, shop_id, platform, kind, channel, category, severity,
         status, root_cause, assignee_id, order_id, sku_id, batch, supplier_id, product_category,
         paid_fen, safety, quality, counterfeit, first_responded_at, first_response_due_at, closed_at, resolution_due_at)
       select t.tenant_id, t.id, ${day('t.created_at')}, t.created_at, t.shop_id, s.platform,
              t.kind, t.channel, t.category, t.severity, t.status, t.root_cause, t.assignee_id, t.order_id,
              li.sku_id, li.batch, li.supplier_id, li.product_category, li.paid_fen,
              coalesce('safety_hazard' = any (t.categories) or t.category = 'safety_hazard', false),
              coalesce(t.categories && array['quality_defect', 'not_as_described', 'counterfeit_suspected', 'safety_hazard']
                or t.category in ('quality_defect', 'not_as_described', 'counterfeit_suspected', 'safety_hazard'), false),
              coalesce('counterfeit_suspected' = any (t.categories) or t.category = 'counterfeit_suspected', false),
              t.first_responded_at, t.first_response_due_at, t.closed_at, t.resolution_due_at
       from tickets t
       left join shops s on s.tenant_id = t.tenant_id and s.id = t.shop_id
       left join (
         select distinct on (oi.order_id) oi.order_id, oi.sku_id, oi.batch, oi.supplier_id,
                p.category as product_category, oi.paid_fen
         from order_items oi left join products p on p.tenant_id = oi.tenant_id and p.id = oi.product_id
         where oi.tenant_id = $1
         order by oi.order_id, oi.paid_fen desc, oi.id
       ) li on li.order_id = t.order_id
       where t.tenant_id = $1`,
      p,
    );
    await database.query(
      `select aftercare_refresh_case_money(array_agg(distinct ticket_id), tenant_id)
       from offers where tenant_id = $1 group by tenant_id`,
      p,
    );
  } finally {
    await switchTriggers(database, 'enable');
  }
  await database.query(
    `insert into analytics_summary_dirty (tenant_id, day)
     select tenant_id, day from analytics_case_facts where tenant_id = $1
     union select tenant_id, money_day from analytics_case_facts where tenant_id = $1 and money_day is not null
     union select tenant_id, ${day('at')} from analytics_feedback where tenant_id = $1
     union select tenant_id, day from analytics_order_lines_daily where tenant_id = $1`,
    p,
  );
}

const NONE = '00000000-0000-0000-0000-000000000000';
const SUMMARY_TABLES = SUMMARIES.map((s) => s.table);
