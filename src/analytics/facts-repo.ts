import { type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';
import type { AnalyticsFilters } from './analytics-types.js';

// Shared pieces of the analytics queries. Every query reads the tables the triggers keep
// (drizzle/*_analytics_sql.sql): analytics_case_facts (f), analytics_order_lines_daily (l) and
// analytics_orders_daily (od); each starts from the tenant and the day range, which lead their keys.

export const NONE_ID = '00000000-0000-0000-0000-000000000000';

type Rows<T> = { rows: T[] };
export async function rowsOf<T>(scope: TenantScope, query: SQL): Promise<T[]> {
  return ((await scope.db.execute(query)) as unknown as Rows<T>).rows;
}

/**
 * A dashboard read without JIT compilation: on PostgreSQL a summary query's estimate can pass the
 * JIT threshold and spend 200 ms compiling what runs in 20.
 */
export async function readRows<T>(scope: TenantScope, query: SQL): Promise<T[]> {
  return scope.db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return ((await tx.execute(query)) as unknown as Rows<T>).rows;
  });
}

/** Numbers come back as strings from pg and numbers from PGlite. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Math.round(Number(v));
export const share = (v: unknown): number | null =>
  v === null || v === undefined ? null : Math.round(Number(v) * 10_000) / 10_000;

/** Cases (alias f) opened in the range, in the shop or platform asked for. */
export function factsWhere(scope: TenantScope, q: AnalyticsFilters, dayColumn: SQL = sql`f.day`): SQL {
  const parts = [
    sql`f.tenant_id = ${scope.tenantId}`,
    sql`${dayColumn} between ${q.from}::date and ${q.to}::date`,
  ];
  if (q.shopId) parts.push(sql`f.shop_id = ${q.shopId}`);
  if (q.platform) parts.push(sql`f.platform = ${q.platform}`);
  return sql.join(parts, sql` and `);
}

/** The shops of a platform, for the rollups that carry the shop only. */
function shopsOf(scope: TenantScope, platform: string): SQL {
  return sql`(select s.id from shops s where s.tenant_id = ${scope.tenantId} and s.platform = ${platform})`;
}

/** Rollup rows (alias given) of the range, shop and platform asked for. */
export function rollupWhere(scope: TenantScope, q: AnalyticsFilters, alias: 'l' | 'od'): SQL {
  const a = sql.raw(alias);
  const parts = [
    sql`${a}.tenant_id = ${scope.tenantId}`,
    sql`${a}.day between ${q.from}::date and ${q.to}::date`,
  ];
  if (q.shopId) parts.push(sql`${a}.shop_id = ${q.shopId}`);
  if (q.platform) parts.push(sql`${a}.shop_id in ${shopsOf(scope, q.platform)}`);
  return sql.join(parts, sql` and `);
}

/** Names for the keys of a grouping: SKU code and name, supplier, shop, user. */
export async function skuLabels(scope: TenantScope, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await rowsOf<{ id: string; code: string; name: string; product: string | null }>(
    scope,
    sql`select k.id, k.code, k.name, p.name as product
        from skus k left join products p on p.tenant_id = k.tenant_id and p.id = k.product_id
        where k.tenant_id = ${scope.tenantId} and k.id = any(${sql`array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[]`})`,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      `${r.code} ${r.product && r.product !== r.name ? `${r.product} ` : ''}${r.name}`.trim(),
    ]),
  );
}

export async function namesOf(
  scope: TenantScope,
  table: 'suppliers' | 'shops' | 'users',
  ids: string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const list = sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const rows = await rowsOf<{ id: string; name: string }>(
    scope,
    sql`select id, name from ${sql.raw(table)} where tenant_id = ${scope.tenantId} and id = any(${list})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
