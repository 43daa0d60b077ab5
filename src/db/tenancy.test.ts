import { readdirSync } from 'node:fs';
import { Column, SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, test } from 'vitest';

// Global lookups that cannot know the tenant in advance, each with its reason.
const GLOBAL_INDEXES = new Set([
  'users_email_global', // login names an e-mail only
  'shops_id_global', // platform webhooks name a shop only
  'recalls_public_global', // the public recall page names a public id only
  'kb_pages_public_global', // the public knowledge-base page names a public id only
  'shop_auth_states_global', // a platform's authorisation redirect names a state only
]);

// Every schema file, so a new domain's tables are checked without touching this test.
const schemaDir = new URL('./schema/', import.meta.url);
const schemaModules: Record<string, unknown>[] = await Promise.all(
  readdirSync(schemaDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => import(new URL(f, schemaDir).href)),
);
const tables = schemaModules.flatMap((m) =>
  Object.values(m).filter(
    (v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
  ),
);

/**
 * An index's first column; for an expression (search_bucket_tsv(tenant_id, at, tsv)), the first column
 * it reads, so a key built from the tenant counts as tenant-first.
 */
function firstColumn(first: unknown): string | undefined {
  if (first instanceof SQL) {
    const column = first.queryChunks.find((c): c is Column => c instanceof Column);
    return column?.name;
  }
  return (first as { name?: string } | undefined)?.name;
}

describe('multi-tenancy of the schema', () => {
  test('the schema has tables to check', () => {
    expect(tables.length).toBeGreaterThan(8);
  });

  test.each(tables.map((t) => [getTableConfig(t).name, t] as const))(
    '%s carries tenant_id first',
    (_name, table) => {
      const config = getTableConfig(table);
      expect(config.columns.some((c) => c.name === 'tenant_id' && c.notNull)).toBe(true);
      const pk =
        config.primaryKeys[0]?.columns.map((c) => c.name) ??
        config.columns.filter((c) => c.primary).map((c) => c.name);
      expect(pk[0]).toBe('tenant_id');
      for (const index of config.indexes) {
        if (GLOBAL_INDEXES.has(index.config.name ?? '')) continue;
        expect(firstColumn(index.config.columns[0]), `index ${index.config.name}`).toBe('tenant_id');
      }
    },
  );
});
