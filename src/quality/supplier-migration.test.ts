import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../db/test-db.js';
import { newId } from '../shared/ids.js';
import { supplierNameKey } from './scorecard.js';

// The custom migration re-applied over rows written before it (triggers off, as on an old database).
const MIGRATION = readFileSync(new URL('../../drizzle/0012_suppliers_sql.sql', import.meta.url), 'utf8');

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.close());

test('existing free-text suppliers become records and every order line keeps its text and gets its reference', async () => {
  const tenant = newId();
  const names = ['深圳金饰厂', ' 深圳金饰厂', '深圳  金饰厂', 'ACME Textile', 'acme   textile', null];
  await db.query('alter table order_items disable trigger user');
  for (const supplier of names) {
    await db.query(
      `insert into order_items (tenant_id, id, order_id, name, unit_price_fen, paid_fen, supplier) values ($1, $2, $3, 'x', 1, 1, $4)`,
      [tenant, newId(), newId(), supplier],
    );
  }
  await db.query('alter table order_items enable trigger user');
  for (const statement of MIGRATION.split('--> statement-breakpoint')) await db.query(statement);

  const suppliers = await db.query<{ id: string; name: string; name_key: string }>(
    'select id, name, name_key from suppliers where tenant_id = $1 order by name_key',
    [tenant],
  );
  expect(suppliers.map((s) => s.name_key)).toEqual(['acme textile', '深圳 金饰厂', '深圳金饰厂']);
  for (const s of suppliers) expect(s.name_key).toBe(supplierNameKey(s.name));
  const lines = await db.query<{ supplier: string | null; supplier_id: string | null }>(
    'select supplier, supplier_id from order_items where tenant_id = $1',
    [tenant],
  );
  expect(lines).toHaveLength(names.length);
  expect(lines.map((l) => l.supplier).sort()).toEqual([...names].sort());
  for (const l of lines) {
    if (l.supplier === null) expect(l.supplier_id).toBeNull();
    else expect(suppliers.find((s) => s.id === l.supplier_id)?.name_key).toBe(supplierNameKey(l.supplier));
  }
});
