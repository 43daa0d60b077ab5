import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { sessionCookie } from '../http/test-app.js';
import { systemClock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { createSecretBox } from '../shared/secret-box.js';
import { MIGRATIONS_FOLDER, migrateDatabase } from './client.js';
import { createTestDatabaseAt } from './test-db.js';

/**
 * An install of the first release (migrations up to 0008) with a merchant's data in it is upgraded
 * to this release: nothing is lost, the free-text supplier becomes a record, and the case opens,
 * answers search and takes evidence through today's API.
 */
const FIRST_RELEASE_LAST_MIGRATION = '0008_connection_status';
const work = mkdtempSync(join(tmpdir(), 'aftercare-upgrade-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function firstReleaseMigrations(): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
  const last = journal.entries.findIndex((e: { tag: string }) => e.tag === FIRST_RELEASE_LAST_MIGRATION);
  expect(last).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, last + 1);
  const folder = join(work, 'release-1');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  for (const entry of entries)
    cpSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

test('a first-release database with data in it upgrades to this release and keeps working', async () => {
  // The first release's schema, made by running its migrations (kept on PGlite between runs).
  const database = await createTestDatabaseAt(firstReleaseMigrations());
  try {
    const tenant = newId();
    const ids = {
      user: newId(),
      shop: newId(),
      customer: newId(),
      order: newId(),
      line: newId(),
      ticket: newId(),
    };
    const q = (text: string, params: unknown[]) => database.query(text, params);
    await q('insert into tenants (tenant_id, name) values ($1, $2)', [tenant, '老版本的店']);
    await q(
      `insert into users (tenant_id, id, email, name, role, password_hash) values ($1, $2, 'old@example.cn', '店长', 'admin', $3)`,
      [tenant, ids.user, await hashPassword('plum-blossom-tea-2718')],
    );
    await q(`insert into shops (tenant_id, id, platform, name) values ($1, $2, 'douyin', '抖店 老店')`, [
      tenant,
      ids.shop,
    ]);
    await q(`insert into customers (tenant_id, id, name) values ($1, $2, '李先生')`, [tenant, ids.customer]);
    await q(
      `insert into orders (tenant_id, id, shop_id, external_id, total_fen) values ($1, $2, $3, 'DY-1001', 9900)`,
      [tenant, ids.order, ids.shop],
    );
    await q(
      `insert into order_items (tenant_id, id, order_id, name, unit_price_fen, paid_fen, supplier)
       values ($1, $2, $3, '保温杯', 9900, 9900, '深圳金饰厂')`,
      [tenant, ids.line, ids.order],
    );
    await q(
      `insert into tickets (tenant_id, id, number, kind, channel, subject, shop_id, customer_id, order_id)
       values ($1, $2, 1, 'complaint', 'platform_message', '保温杯漏水', $3, $4, $5)`,
      [tenant, ids.ticket, ids.shop, ids.customer, ids.order],
    );
    await q(
      `insert into messages (tenant_id, id, ticket_id, direction, channel, author_type, author_name, body)
       values ($1, $2, $3, 'inbound', 'platform_message', 'customer', '李先生', '保温杯盖子漏水，倒了一包')`,
      [tenant, newId(), ids.ticket],
    );

    await migrateDatabase(database);

    const [line] = await database.query<{ supplier: string; supplier_id: string | null }>(
      'select supplier, supplier_id from order_items where tenant_id = $1',
      [tenant],
    );
    expect(line).toMatchObject({ supplier: '深圳金饰厂', supplier_id: expect.any(String) });

    const { app, services } = await buildApp({
      database,
      clock: systemClock,
      secretBox: createSecretBox(Buffer.alloc(32, 7)),
      openSignup: false,
      secureCookies: false,
      sessionTtlHours: 24,
      logLevel: 'silent',
      webRoot: '/nonexistent',
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'old@example.cn', password: 'plum-blossom-tea-2718' },
      });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = sessionCookie(login);
      const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
      const ticket = await get(`/api/v1/tickets/${ids.ticket}`);
      expect(ticket.statusCode, ticket.body).toBe(200);
      expect(ticket.json()).toMatchObject({ subject: '保温杯漏水', number: 1 });
      const thread = (await get(`/api/v1/tickets/${ids.ticket}/messages`)).json().items;
      expect(thread.map((m: { body: string }) => m.body)).toEqual(['保温杯盖子漏水，倒了一包']);
      // The first release indexed each case as it was written; these rows were written by SQL.
      await services.search.indexMissing(tenant);
      const found = (await get(`/api/v1/tickets?q=${encodeURIComponent('漏水')}`)).json().items;
      expect(found.map((t: { id: string }) => t.id)).toContain(ids.ticket);
      // Open cases only: the weeks read start at the open cases' earliest document (0058 filled it).
      const open = (await get(`/api/v1/tickets?status=open&q=${encodeURIComponent('漏水')}`)).json().items;
      expect(open.map((t: { id: string }) => t.id)).toEqual([ids.ticket]);
      const reply = await app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ids.ticket}/messages`,
        headers: { cookie },
        payload: { body: '非常抱歉，我们给您补发一个新的杯盖。' },
      });
      expect(reply.statusCode, reply.body).toBe(201);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}, 240_000);
