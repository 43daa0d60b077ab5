import type { Database } from '../db/client.js';

/** The tables a restored install is compared on: what a merchant would miss first. */
export const COUNTED_TABLES = [
  'tenants',
  'users',
  'shops',
  'customers',
  'orders',
  'order_items',
  'tickets',
  'messages',
  'evidence_items',
  'evidence_blobs',
  'audit_events',
] as const;

export type TableCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export async function countTables(database: Database): Promise<TableCounts> {
  const parts = COUNTED_TABLES.map((t) => `select '${t}' as name, count(*)::bigint as n from ${t}`);
  const rows = await database.query<{ name: string; n: number }>(parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)])) as TableCounts;
}

/** The newest migration applied, as drizzle records it (its hash is the migration file's). */
export async function lastMigrationHash(database: Database): Promise<string | null> {
  const rows = await database.query<{ hash: string }>(
    'select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1',
  );
  return rows[0]?.hash ?? null;
}

export async function userTableCount(database: Database): Promise<number> {
  const rows = await database.query<{ n: number }>(
    "select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')",
  );
  return Number(rows[0]?.n ?? 0);
}

/** Stored evidence files in pages (keyset), so a million files never sit in memory at once. */
export async function* storedBlobs(
  database: Database,
  pageSize = 5000,
): AsyncGenerator<{ tenantId: string; sha256: string }> {
  let after = { tenantId: '00000000-0000-0000-0000-000000000000', sha256: '' };
  for (;;) {
    const rows = await database.query<{ tenant_id: string; sha256: string }>(
      `select tenant_id, sha256 from evidence_blobs
        where (tenant_id, sha256) > ($1::uuid, $2) order by tenant_id, sha256 limit $3`,
      [after.tenantId, after.sha256, pageSize],
    );
    for (const r of rows) yield { tenantId: r.tenant_id, sha256: r.sha256 };
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { tenantId: last.tenant_id, sha256: last.sha256 };
  }
}

/** A few sealed values (shop app secrets, buyers' phones) to prove the key opens them. */
export async function sealedSamples(database: Database, limit = 20): Promise<string[]> {
  const rows = await database.query<{ v: string }>(
    `(select app_secret_sealed as v from shops where app_secret_sealed is not null limit $1)
     union all
     (select phone_sealed as v from customers where phone_sealed is not null limit $1)`,
    [limit],
  );
  return rows.map((r) => r.v);
}

/**
 * PostgreSQL: runs `work` with the id of a snapshot exported from a repeatable-read transaction, so
 * pg_dump (--snapshot) and the counts in the manifest see the same moment while the server writes.
 */
export async function withExportedSnapshot<T>(
  databaseUrl: string,
  work: (snapshot: string, counts: TableCounts, lastMigration: string | null) => Promise<T>,
): Promise<T> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const asDatabase = {
      query: async (text: string, params?: unknown[]) => (await client.query(text, params)).rows,
    } as unknown as Database;
    const counts = await countTables(asDatabase);
    const migration = await lastMigrationHash(asDatabase);
    const result = await work(snapshot, counts, migration);
    await client.query('commit');
    return result;
  } finally {
    await client.end();
  }
}

/** PostgreSQL restore with --force: the old schema goes, so the dump lands in an empty database. */
export async function emptyPostgresSchemas(database: Database): Promise<void> {
  await database.query('drop schema if exists drizzle cascade');
  await database.query('drop schema if exists public cascade');
  await database.query('create schema public');
}
