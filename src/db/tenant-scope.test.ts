import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from '../shared/ids.js';
import type { Database } from './client.js';
import { tenants } from './schema/accounts.js';
import { customers } from './schema/tickets.js';
import { scopeTo } from './tenant-scope.js';
import { createTestDatabase } from './test-db.js';

let database: Database;
const a = newId();
const b = newId();

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(tenants).values([
    { tenantId: a, name: 'A' },
    { tenantId: b, name: 'B' },
  ]);
});
afterAll(() => database.close());

const customer = (name: string, extra: Record<string, unknown> = {}) => ({
  id: newId(),
  name,
  createdAt: new Date('2026-11-25T02:00:00Z'),
  updatedAt: new Date('2026-11-25T02:00:00Z'),
  ...extra,
});

describe('bulk writes of a tenant scope', () => {
  test('insertEach writes every row under the tenant, defaults where a row is silent, and maps the rows back', async () => {
    const rows = [
      customer('张三', { locale: 'en' }),
      customer('李四'),
      customer('王五', { email: 'w@example.cn' }),
    ];
    const stored = await scopeTo(database.db, a).insertEach(customers, rows);
    expect(stored).toHaveLength(3);
    const byName = new Map(stored.map((r) => [r.name, r]));
    expect(byName.get('张三')).toMatchObject({ tenantId: a, locale: 'en', email: null });
    expect(byName.get('李四')).toMatchObject({ tenantId: a, locale: 'zh-CN' });
    expect(byName.get('王五')?.email).toBe('w@example.cn');
    expect(byName.get('李四')?.createdAt).toEqual(new Date('2026-11-25T02:00:00Z'));
    expect(await scopeTo(database.db, b).select(customers)).toHaveLength(0);
  });

  test('a lone surrogate and a NUL are stored as U+FFFD instead of failing the batch', async () => {
    const [row] = await scopeTo(database.db, a).insertEach(customers, [customer('坏\ud800了\u0000')]);
    expect(row?.name).toBe('坏\ufffd了\ufffd');
  });

  test('updateEach gives each row its own values and never reaches another tenant', async () => {
    const [mine] = await scopeTo(database.db, a).insertEach(customers, [customer('甲')]);
    const [theirs] = await scopeTo(database.db, b).insertEach(customers, [customer('乙')]);
    const written = await scopeTo(database.db, a).updateEach(customers, [
      { id: mine!.id, set: { name: '甲2', locale: 'en' } },
      { id: theirs!.id, set: { name: 'hijacked' } },
    ]);
    expect(written.map((r) => r.name)).toEqual(['甲2']);
    expect((await scopeTo(database.db, b).select(customers))[0]?.name).toBe('乙');
  });
});
