import { and, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';
import { storableReal } from './schema/columns.js';

export type TenantTable = PgTable & { tenantId: PgColumn };
type Condition = SQL | undefined;
type Row<T extends TenantTable> = T['$inferSelect'];
type NewRow<T extends TenantTable> = Omit<T['$inferInsert'], 'tenantId'>;

export type InsertEachOptions = {
  /** On a key already there: replace the row's other written columns, or keep the row. */
  onConflict?: { target: PgColumn[]; action: 'replace' | 'keep' };
  /** false: nothing comes back (audit rows, clocks), which saves reading and mapping them. */
  returning?: boolean;
};

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
  /**
   * Inserts many rows through one JSON parameter (jsonb_to_recordset): the batch paths' bulk
   * inserts cost one parameter to build, not one per value. Rows come back in no set order.
   */
  insertEach<T extends TenantTable>(
    table: T,
    rows: NewRow<T>[],
    options?: InsertEachOptions,
  ): Promise<Row<T>[]>;
  /**
   * Updates many rows by id, each with its own values, in one statement per distinct set of
   * columns (the batch paths: a hundred tickets moved in one round trip). Returns the rows written
   * (none with `returning: false`).
   */
  updateEach<T extends TenantTable & { id: PgColumn }>(
    table: T,
    rows: { id: string; set: Partial<Omit<Row<T>, 'tenantId' | 'id'>> }[],
    options?: { returning?: boolean },
  ): Promise<Row<T>[]>;
  transaction<R>(fn: (scope: TenantScope) => Promise<R>): Promise<R>;
};

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// JSON.stringify writes a lone surrogate and U+0000 as escapes (\udxxx, \u0000) and nothing else
// that way: text without them needs no cleaning (a literal backslash-u only costs a second pass).
const NEEDS_CLEANING = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * Rows as one jsonb parameter. jsonb refuses what a text parameter would have turned into U+FFFD
 * (a lone surrogate) and what text refuses as well (U+0000): both are stored as U+FFFD. The batch
 * paths' hot statements: one plain stringify, and a string-by-string pass only when one needs it.
 */
export function recordsJson(records: Record<string, unknown>[]): string {
  const text = JSON.stringify(records);
  if (!NEEDS_CLEANING.test(text)) return text;
  return JSON.stringify(records, (_key, value) =>
    typeof value === 'string'
      ? value.replace(LONE_SURROGATE, '\ufffd').replaceAll('\u0000', '\ufffd')
      : value,
  );
}

/** Rows grouped by the columns they give (undefined leaves a column out): one statement per group. */
function groupByKeys<T>(
  rows: T[],
  valuesOf: (row: T) => Record<string, unknown>,
  skip: string[] = [],
): Map<string[], T[]> {
  const groups = new Map<string, { keys: string[]; rows: T[] }>();
  for (const row of rows) {
    const values = valuesOf(row);
    const keys = Object.keys(values)
      .filter((k) => values[k] !== undefined && !skip.includes(k))
      .sort();
    if (!keys.length) continue;
    const group = groups.get(keys.join(','));
    if (group) group.rows.push(row);
    else groups.set(keys.join(','), { keys, rows: [row] });
  }
  return new Map([...groups.values()].map((g) => [g.keys, g.rows]));
}

/** The rows as `jsonb_to_recordset(…) as v(…)` over the given columns: one parameter for them all. */
function recordset(cols: [string, PgColumn][], rows: Record<string, unknown>[]): SQL {
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [key, column] of cols) {
      const value = row[key];
      record[column.name] =
        value instanceof Date
          ? value.toISOString()
          : typeof value === 'number' && column.getSQLType() === 'real'
            ? storableReal(value)
            : value;
    }
    return record;
  });
  const definition = sql.raw(cols.map(([, c]) => `"${c.name}" ${c.getSQLType()}`).join(', '));
  return sql`jsonb_to_recordset(${recordsJson(records)}::jsonb) as v(${definition})`;
}

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
    async insertEach(table, rows, options = {}) {
      const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
      const out: never[] = [];
      const groups = groupByKeys(rows as Record<string, unknown>[], (row) => row, ['tenantId']);
      for (const [keys, group] of groups) {
        const cols = columns.filter(([key]) => key === 'tenantId' || keys.includes(key));
        const names = sql.raw(cols.map(([, c]) => `"${c.name}"`).join(', '));
        const source = recordset(
          cols,
          group.map((row) => ({ ...row, tenantId })),
        );
        const conflict = options.onConflict;
        const targets = new Set(conflict?.target.map((c) => c.name));
        const onConflict = !conflict
          ? sql``
          : conflict.action === 'keep'
            ? sql.raw(` on conflict (${[...targets].map((n) => `"${n}"`).join(', ')}) do nothing`)
            : sql.raw(
                ` on conflict (${[...targets].map((n) => `"${n}"`).join(', ')}) do update set ${cols
                  .filter(([, c]) => !targets.has(c.name))
                  .map(([, c]) => `"${c.name}" = excluded."${c.name}"`)
                  .join(', ')}`,
              );
        const returning = options.returning === false ? sql`` : sql` returning *`;
        const result = (await db.execute(
          sql`insert into ${table} (${names}) select ${names} from ${source}${onConflict}${returning}`,
        )) as unknown as { rows: Record<string, unknown>[] };
        if (options.returning === false) continue;
        for (const raw of result.rows) {
          const row: Record<string, unknown> = {};
          for (const [key, column] of columns) {
            const value = raw[column.name];
            row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
          }
          out.push(row as never);
        }
      }
      return out;
    },
    async updateEach(table, rows, options = {}) {
      const columns = getTableColumns(table) as Record<string, PgColumn>;
      const out: never[] = [];
      const groups = groupByKeys(rows, (row) => row.set as Record<string, unknown>);
      for (const [keys, group] of groups) {
        const cols = keys.map((key): [string, PgColumn] => {
          const column = columns[key];
          if (!column) throw new Error(`updateEach: no column ${key}`);
          return [key, column];
        });
        const source = recordset(
          [['id', table.id], ...cols],
          group.map((row) => ({ ...row.set, id: row.id })),
        );
        const set = Object.fromEntries(cols.map(([key, c]) => [key, sql.raw(`v."${c.name}"`)]));
        const update = db
          .update(table as PgTable)
          .set(set as never)
          .from(source)
          // The ids also as an array: the rows are found through the key, not by joining every row of
          // the tenant to the recordset (its row count is unknown to the planner, which then hashed
          // all of a tenant's tickets for a batch of five; worse where statistics lag, as on PGlite).
          .where(
            and(
              eq(table.tenantId, tenantId),
              sql`${table.id} = any(${`{${group.map((row) => row.id).join(',')}}`}::${sql.raw(table.id.getSQLType())}[])`,
              sql`${table.id} = v.id`,
            ),
          );
        if (options.returning === false) {
          await update;
          continue;
        }
        out.push(...((await update.returning()) as never[]));
      }
      return out;
    },
    transaction: (fn) => db.transaction((tx) => fn(scopeTo(tx as unknown as Db, tenantId))),
  };
  return scope;
}
