import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

export type TenantTable = PgTable & { tenantId: PgColumn };
type Condition = SQL | undefined;
type Row<T extends TenantTable> = T['$inferSelect'];
type NewRow<T extends TenantTable> = Omit<T['$inferInsert'], 'tenantId'>;

export type SelectOptions = { orderBy?: (SQL | PgColumn)[]; limit?: number; offset?: number };

/**
 * The only way repos reach tenant data: every statement built here carries `tenant_id = $tenant`
 * and every insert has the tenant set, so no query can forget it. Joins and raw SQL use `db` with
 * `where(table, …)` on each joined table.
 */
export type TenantScope = {
  readonly tenantId: string;
  readonly db: Db;
  where(table: TenantTable, ...conditions: Condition[]): SQL;
  select<T extends TenantTable>(table: T, where?: Condition[], options?: SelectOptions): Promise<Row<T>[]>;
  first<T extends TenantTable>(table: T, ...conditions: Condition[]): Promise<Row<T> | undefined>;
  insert<T extends TenantTable>(table: T, values: NewRow<T> | NewRow<T>[]): Promise<Row<T>[]>;
  update<T extends TenantTable>(
    table: T,
    set: PgUpdateSetSource<T>,
    ...conditions: Condition[]
  ): Promise<Row<T>[]>;
  delete<T extends TenantTable>(table: T, ...conditions: Condition[]): Promise<Row<T>[]>;
  transaction<R>(fn: (scope: TenantScope) => Promise<R>): Promise<R>;
};

export function scopeTo(db: Db, tenantId: string): TenantScope {
  const where = (table: TenantTable, ...conditions: Condition[]) =>
    and(eq(table.tenantId, tenantId), ...conditions) as SQL;

  const scope: TenantScope = {
    tenantId,
    db,
    where,
    async select(table, conditions = [], options = {}) {
      let query = db
        .select()
        .from(table as PgTable)
        .where(where(table, ...conditions))
        .$dynamic();
      if (options.orderBy?.length) query = query.orderBy(...options.orderBy);
      if (options.limit !== undefined) query = query.limit(options.limit);
      if (options.offset !== undefined) query = query.offset(options.offset);
      return (await query) as never[];
    },
    async first(table, ...conditions) {
      const rows = await scope.select(table, conditions, { limit: 1 });
      return rows[0];
    },
    async insert(table, values) {
      const rows = (Array.isArray(values) ? values : [values]).map((v) => ({ ...v, tenantId }));
      return (await db
        .insert(table)
        .values(rows as never[])
        .returning()) as never[];
    },
    async update(table, set, ...conditions) {
      return (await db
        .update(table)
        .set(set)
        .where(where(table, ...conditions))
        .returning()) as never[];
    },
    async delete(table, ...conditions) {
      return (await db
        .delete(table)
        .where(where(table, ...conditions))
        .returning()) as never[];
    },
    transaction: (fn) => db.transaction((tx) => fn(scopeTo(tx as unknown as Db, tenantId))),
  };
  return scope;
}
