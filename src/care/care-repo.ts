import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { careMessages, careOptOuts, careProducts, careSettings } from '../db/schema/care.js';
import { customers, products } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type CareSettingsRow = typeof careSettings.$inferSelect;
export type CareProductRow = typeof careProducts.$inferSelect;
export type CareMessageRow = typeof careMessages.$inferSelect;
export type NewCareMessage = Omit<CareMessageRow, 'tenantId' | 'createdAt' | 'handledBy' | 'handledAt'>;

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(scope: TenantScope, query: SQL): Promise<T[]> =>
  ((await scope.db.execute(query)) as unknown as Rows<T>).rows;
const uuidList = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
const at = (v: string | Date) => (v instanceof Date ? v : new Date(v));

export const findSettings = (scope: TenantScope) => scope.first(careSettings);

export async function upsertSettings(
  scope: TenantScope,
  row: Omit<CareSettingsRow, 'tenantId' | 'updatedAt'>,
) {
  await scope.insertEach(careSettings, [{ ...row, updatedAt: new Date() }], {
    onConflict: { target: [careSettings.tenantId], action: 'replace' },
    returning: false,
  });
  return (await findSettings(scope))!;
}

/** The tenants with care switched on, for the worker (the one query that crosses tenants). */
export async function enabledTenants(db: TenantScope['db']): Promise<string[]> {
  const rows = (await db.execute(
    sql`select tenant_id from care_settings where enabled or follow_up_enabled`,
  )) as unknown as Rows<{
    tenant_id: string;
  }>;
  return rows.rows.map((r) => r.tenant_id);
}

/** Takes the tenant's care run for this transaction; false while another worker has it. */
export async function lockRun(scope: TenantScope): Promise<boolean> {
  const rows = await rowsOf<{ tenant_id: string }>(
    scope,
    sql`select tenant_id from care_settings where tenant_id = ${scope.tenantId} for update skip locked`,
  );
  return rows.length > 0;
}

export type DueDelivery = {
  orderId: string;
  externalId: string;
  shopId: string;
  platform: string;
  customerId: string | null;
  locale: string | null;
  deliveredAt: Date;
  productId: string | null;
  productName: string | null;
};

/** Delivered orders in the window that the care worker has not looked at yet, oldest first. */
export async function dueDeliveries(
  scope: TenantScope,
  from: Date,
  to: Date,
  limit: number,
): Promise<DueDelivery[]> {
  const t = scope.tenantId;
  const rows = await rowsOf<{
    order_id: string;
    external_id: string;
    shop_id: string;
    platform: string;
    customer_id: string | null;
    locale: string | null;
    delivered_at: string | Date;
    product_id: string | null;
    product_name: string | null;
  }>(
    scope,
    sql`select o.id as order_id, o.external_id, o.shop_id, s.platform, o.customer_id, c.locale, o.delivered_at,
               it.product_id, coalesce(p.name, it.name) as product_name
        from orders o
        join shops s on s.tenant_id = o.tenant_id and s.id = o.shop_id
        left join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
        left join lateral (select oi.product_id, oi.name from order_items oi
                           where oi.tenant_id = o.tenant_id and oi.order_id = o.id
                           order by (oi.product_id is null), oi.paid_fen desc, oi.id limit 1) it on true
        left join products p on p.tenant_id = o.tenant_id and p.id = it.product_id
        where o.tenant_id = ${t} and o.delivered_at >= ${from.toISOString()}::timestamptz
          and o.delivered_at <= ${to.toISOString()}::timestamptz
          and not exists (select 1 from care_messages m where m.tenant_id = o.tenant_id and m.order_id = o.id)
        order by o.delivered_at, o.id
        limit ${limit}`,
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    externalId: r.external_id,
    shopId: r.shop_id,
    platform: r.platform,
    customerId: r.customer_id,
    locale: r.locale,
    deliveredAt: at(r.delivered_at),
    productId: r.product_id,
    productName: r.product_name,
  }));
}

export async function optedOut(scope: TenantScope, customerIds: string[]): Promise<Set<string>> {
  if (!customerIds.length) return new Set();
  const rows = await scope.select(careOptOuts, [inArray(careOptOuts.customerId, customerIds)]);
  return new Set(rows.map((r) => r.customerId));
}

export const findOptOut = (scope: TenantScope, customerId: string) =>
  scope.first(careOptOuts, eq(careOptOuts.customerId, customerId));

export async function insertOptOuts(
  scope: TenantScope,
  rows: { customerId: string; source: 'buyer_reply' | 'agent'; createdBy: string | null }[],
) {
  if (!rows.length) return;
  await scope.insertEach(careOptOuts, rows, {
    onConflict: { target: [careOptOuts.tenantId, careOptOuts.customerId], action: 'keep' },
    returning: false,
  });
}

export const deleteOptOut = (scope: TenantScope, customerId: string) =>
  scope.delete(careOptOuts, eq(careOptOuts.customerId, customerId));

/** Care messages already sent (or handed to a person to send) to these buyers since `since`. */
export async function sentToBuyers(scope: TenantScope, customerIds: string[], since: Date) {
  if (!customerIds.length) return [];
  return scope.select(careMessages, [
    inArray(careMessages.customerId, customerIds),
    eq(careMessages.grp, 'care'),
    gte(careMessages.createdAt, since),
  ]);
}

export const productSwitches = (scope: TenantScope, productIds: string[]) =>
  productIds.length
    ? scope.select(careProducts, [inArray(careProducts.productId, productIds)])
    : Promise.resolve([]);

export async function upsertProduct(scope: TenantScope, row: Omit<CareProductRow, 'tenantId' | 'updatedAt'>) {
  const [saved] = await scope.insertEach(careProducts, [{ ...row, updatedAt: new Date() }], {
    onConflict: { target: [careProducts.tenantId, careProducts.productId], action: 'replace' },
  });
  return saved!;
}

/** Products of the tenant with their care switch and whether they have a published usage article. */
export async function listProducts(scope: TenantScope, limit: number) {
  const t = scope.tenantId;
  const rows = await rowsOf<{
    id: string;
    name: string;
    enabled: boolean | null;
    note_zh: string | null;
    note_en: string | null;
    usage_zh: boolean;
    usage_en: boolean;
  }>(
    scope,
    sql`select p.id, p.name, cp.enabled, cp.note_zh, cp.note_en,
               exists (select 1 from kb_articles a where a.tenant_id = p.tenant_id and a.product_id = p.id
                       and a.kind = 'usage' and a.status = 'published' and a.locale = 'zh-CN') as usage_zh,
               exists (select 1 from kb_articles a where a.tenant_id = p.tenant_id and a.product_id = p.id
                       and a.kind = 'usage' and a.status = 'published' and a.locale = 'en') as usage_en
        from products p
        left join care_products cp on cp.tenant_id = p.tenant_id and cp.product_id = p.id
        where p.tenant_id = ${t}
        order by p.name, p.id
        limit ${limit}`,
  );
  return rows;
}

export async function insertMessages(scope: TenantScope, rows: NewCareMessage[]) {
  if (!rows.length) return [];
  return scope.insertEach(careMessages, rows, {
    onConflict: { target: [careMessages.tenantId, careMessages.orderId], action: 'keep' },
  });
}

export const findMessage = (scope: TenantScope, id: string) =>
  scope.first(careMessages, eq(careMessages.id, id));

export const markSentByHand = (scope: TenantScope, id: string, userId: string, now: Date) =>
  scope.update(
    careMessages,
    { state: 'sent_by_hand', handledBy: userId, handledAt: now },
    eq(careMessages.id, id),
    eq(careMessages.state, 'manual'),
  );

export type CareListItem = CareMessageRow & {
  orderExternalId: string | null;
  customerName: string | null;
  productName: string | null;
  outboxStatus: 'pending' | 'sent' | 'failed' | null;
  outboxError: string | null;
};

export async function listMessages(
  scope: TenantScope,
  filter: { from: Date; to: Date; group?: 'care' | 'holdout' | 'none' | undefined },
  limit: number,
  cursor: { createdAt: Date; id: string } | null,
): Promise<CareListItem[]> {
  const rows = await scope.select(
    careMessages,
    [
      gte(careMessages.createdAt, filter.from),
      lt(careMessages.createdAt, filter.to),
      filter.group ? eq(careMessages.grp, filter.group) : undefined,
      cursor
        ? or(
            lt(careMessages.createdAt, cursor.createdAt),
            and(eq(careMessages.createdAt, cursor.createdAt), lt(careMessages.id, cursor.id)),
          )
        : undefined,
    ],
    { orderBy: [desc(careMessages.createdAt), desc(careMessages.id)], limit: limit + 1 },
  );
  if (!rows.length) return [];
  const t = scope.tenantId;
  const extra = await rowsOf<{
    id: string;
    external_id: string | null;
    customer_name: string | null;
    product_name: string | null;
    status: 'pending' | 'sent' | 'failed' | null;
    last_error: string | null;
  }>(
    scope,
    sql`select m.id, o.external_id, c.name as customer_name, p.name as product_name, ob.status, ob.last_error
        from care_messages m
        left join orders o on o.tenant_id = m.tenant_id and o.id = m.order_id
        left join customers c on c.tenant_id = m.tenant_id and c.id = m.customer_id
        left join products p on p.tenant_id = m.tenant_id and p.id = m.product_id
        left join outbox ob on ob.tenant_id = m.tenant_id and ob.id = m.outbox_id
        where m.tenant_id = ${t} and m.id = any(${uuidList(rows.map((r) => r.id))})`,
  );
  const byId = new Map(extra.map((e) => [e.id, e]));
  return rows.map((r) => {
    const e = byId.get(r.id);
    return {
      ...r,
      orderExternalId: e?.external_id ?? null,
      customerName: e?.customer_name ?? null,
      productName: e?.product_name ?? null,
      outboxStatus: e?.status ?? null,
      outboxError: e?.last_error ?? null,
    };
  });
}

/**
 * The buyer's private conversation about the order on its shop (latest first), never a public
 * review thread: where a care message can be written through the platform's API.
 */
export async function conversationsFor(scope: TenantScope, orders: { shopId: string; externalId: string }[]) {
  if (!orders.length) return new Map<string, string>();
  const t = scope.tenantId;
  const rows = await rowsOf<{ shop_id: string; order_ref: string; external_ref: string }>(
    scope,
    sql`select distinct on (c.shop_id, c.order_ref) c.shop_id, c.order_ref, c.external_ref
        from channel_cases c
        where c.tenant_id = ${t} and c.order_ref = any(array[${sql.join(
          orders.map((o) => sql`${o.externalId}`),
          sql`, `,
        )}]::text[])
          and split_part(c.external_ref, ':', 1) <> 'review'
        order by c.shop_id, c.order_ref, c.updated_at desc`,
  );
  return new Map(rows.map((r) => [`${r.shop_id}|${r.order_ref}`, r.external_ref]));
}

export type EffectCounts = { grp: 'care' | 'holdout'; orders: number; quality: number; negative: number };

/**
 * Per group, delivered orders in [from, to) and how many had a quality return or complaint, or a
 * negative review, opened within `effectDays` of delivery.
 */
export async function effectCounts(scope: TenantScope, from: Date, to: Date, effectDays: number) {
  const t = scope.tenantId;
  const rows = await rowsOf<{
    grp: 'care' | 'holdout';
    orders: unknown;
    quality: unknown;
    negative: unknown;
  }>(
    scope,
    sql`select m.grp, count(*) as orders,
               count(*) filter (where exists (
                 select 1 from tickets tk where tk.tenant_id = m.tenant_id and tk.order_id = m.order_id
                   and tk.kind in ('return_request', 'complaint')
                   and tk.category in ('quality_defect', 'not_as_described', 'safety_hazard')
                   and tk.created_at >= m.delivered_at
                   and tk.created_at < m.delivered_at + make_interval(days => ${effectDays}))) as quality,
               count(*) filter (where exists (
                 select 1 from tickets tk where tk.tenant_id = m.tenant_id and tk.order_id = m.order_id
                   and tk.kind = 'negative_review'
                   and tk.created_at >= m.delivered_at
                   and tk.created_at < m.delivered_at + make_interval(days => ${effectDays}))) as negative
        from care_messages m
        where m.tenant_id = ${t} and m.grp in ('care', 'holdout')
          and m.delivered_at >= ${from.toISOString()}::timestamptz and m.delivered_at < ${to.toISOString()}::timestamptz
        group by m.grp`,
  );
  const of = (g: 'care' | 'holdout') => {
    const r = rows.find((x) => x.grp === g);
    return {
      orders: Number(r?.orders ?? 0),
      qualityReturns: Number(r?.quality ?? 0),
      negativeReviews: Number(r?.negative ?? 0),
    };
  };
  return { care: of('care'), holdout: of('holdout') };
}

export const listProductIds = (scope: TenantScope, ids: string[]) =>
  scope.select(products, [inArray(products.id, ids)]);

export const customerExists = async (scope: TenantScope, id: string) =>
  (await scope.first(customers, eq(customers.id, id))) !== undefined;
