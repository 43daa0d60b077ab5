import { beforeAll, describe, expect, test } from 'vitest';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { indexDocuments } from '../search/search-repo.js';
import { indexText, queryTerms } from '../search/terms.js';
import {
  countTickets,
  listTickets,
  type TextPlan,
  type TicketFilter,
  textScope,
  updateTicket,
} from './ticket-repo.js';

// A text filter of open cases reads the open cases' words (open_case_words, migration 0059), kept by
// triggers from search_docs and tickets.status; every other filter reads the weeks of search_docs.

const WEEK = 7 * 24 * 3600 * 1000;
let t: TestApp;
let c: TestClient;
let d: TestClient;
const text = queryTerms('保温杯 漏水');

const open = async (client: TestClient, subject: string, body: string) => {
  const res = await client.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject,
    body,
  });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
};

/** A message indexed weeksAgo weeks back (an imported history, a platform's own late time). */
async function message(client: TestClient, ticketId: string, body: string, weeksAgo = 0) {
  const id = crypto.randomUUID();
  await indexDocuments(
    scopeTo(t.database.db, client.tenantId),
    [],
    [{ id, ticketId, body, createdAt: new Date(Date.now() - weeksAgo * WEEK) }],
  );
  return id;
}

const PLANS: TextPlan[] = ['index', 'walk', 'auto'];

/** The ids a filter lists, the same with every plan. */
async function ids(client: TestClient, filter: TicketFilter): Promise<string[]> {
  const scope = scopeTo(t.database.db, client.tenantId);
  const each = await Promise.all(
    PLANS.map(async (plan) =>
      (await listTickets(scope, filter, 'due', 50, null, plan)).rows.map((r) => r.id).sort(),
    ),
  );
  for (const [i, plan] of PLANS.entries()) expect(each[i], plan).toEqual(each[0]);
  return each[0]!;
}

async function words(client: TestClient, ticketId: string): Promise<string[] | null> {
  const rows = (await t.database.query(
    'select tsvector_to_array(words) as w from open_case_words where tenant_id = $1 and ticket_id = $2',
    [client.tenantId, ticketId],
  )) as { w: string[] }[];
  return rows[0]?.w ?? null;
}

const close = (client: TestClient, id: string) =>
  updateTicket(scopeTo(t.database.db, client.tenantId), id, { status: 'closed', closedAt: new Date() });
const reopen = (client: TestClient, id: string) =>
  updateTicket(scopeTo(t.database.db, client.tenantId), id, { status: 'new', closedAt: null });

let recent: string;
let closedOld: string;
let openOld: string;

beforeAll(async () => {
  t = await createTestApp();
  c = await t.signup('C');
  d = await t.signup('D');
  recent = await open(c, '第一单', '保温杯漏水');
  closedOld = await open(c, '第二单', '快递到了');
  await message(c, closedOld, '保温杯 漏水 很久以前', 60);
  await close(c, closedOld);
  openOld = await open(c, '第三单', '快递到了');
  await message(c, openOld, '保温杯 漏水 一年前', 52);
  const other = await open(d, '别家', '保温杯漏水');
  await message(d, other, '保温杯 漏水 两年前', 100);
});

describe("the open cases' words", () => {
  test("hold every open case's subject and messages, and no closed case", async () => {
    expect(await words(c, recent)).toEqual(expect.arrayContaining(['第一', '保温杯', '漏水']));
    expect(await words(c, openOld)).toEqual(expect.arrayContaining(['快递', '保温杯', '一年']));
    expect(await words(c, closedOld)).toBeNull();
  });

  test('grow with each message, leave when the case closes and come back whole when it reopens', async () => {
    const id = await open(c, '新单', '杯盖松了');
    await message(c, id, '颜色不对');
    expect(await words(c, id)).toEqual(expect.arrayContaining(['杯盖', '颜色']));
    await close(c, id);
    expect(await words(c, id)).toBeNull();
    await message(c, id, '又坏了'); // a closed case's message adds nothing until it reopens
    expect(await words(c, id)).toBeNull();
    await reopen(c, id);
    expect(await words(c, id)).toEqual(expect.arrayContaining(['新单', '杯盖', '颜色', '又']));
    await close(c, id);
  });

  test('lose the words of a changed subject and of a deleted message (privacy erasure)', async () => {
    const id = await open(c, '保温杯 外壳', '刚收到');
    const body = await message(c, id, '杯底 渗水');
    await t.database.query(
      "update search_docs set tsv = to_tsvector('simple', $3) where tenant_id = $1 and id = $2",
      [c.tenantId, id, indexText('水杯 外观')],
    );
    await t.database.query('delete from search_docs where tenant_id = $1 and id = $2', [c.tenantId, body]);
    const now = await words(c, id);
    expect(now).toEqual(expect.arrayContaining(['水杯', '外观', '刚', '收到']));
    expect(now).not.toContain('保温杯');
    expect(now).not.toContain('渗水');
    await close(c, id);
  });

  test('are kept for cases and documents written in SQL (a bulk load)', async () => {
    const id = crypto.randomUUID();
    const at = new Date(Date.now() - 80 * WEEK).toISOString();
    await t.database.query(
      `insert into tickets (tenant_id, id, number, kind, channel, subject, created_at)
       values ($1, $2, 9001, 'complaint', 'platform_message', '旧单', $3)`,
      [c.tenantId, id, at],
    );
    await t.database.query(
      `insert into search_docs (tenant_id, id, ticket_id, subject, tsv, at)
       values ($1, $2, $2, false, strip(to_tsvector('simple', $4)), $3)`,
      [c.tenantId, id, at, indexText('暖水壶裂开了')],
    );
    expect(await ids(c, { text: queryTerms('暖水壶 裂开'), openOnly: true })).toEqual([id]);
    await close(c, id);
  });
});

describe('a text filter', () => {
  test('of open cases reads their words, however old; with closed cases it reads every week', async () => {
    const scope = scopeTo(t.database.db, c.tenantId);
    expect(await textScope(scope, { text, openOnly: true })).toEqual({ tenantId: c.tenantId, open: true });
    expect(await textScope(scope, { text, statuses: ['new', 'acknowledged'] })).toMatchObject({ open: true });
    expect(await textScope(scope, { text, statuses: ['new', 'closed'] })).toMatchObject({ open: false });
    expect(await ids(c, { text, openOnly: true })).toEqual([recent, openOld].sort());
    expect(await ids(c, { text, statuses: ['new'] })).toEqual([recent, openOld].sort());
    expect(await ids(c, { text })).toEqual([recent, closedOld, openOld].sort());
    expect(await countTickets(scope, { text, openOnly: true })).toBe(2);
    expect(await countTickets(scope, { text })).toBe(3);
  });

  test('needs one document to hold every word, as over the weeks', async () => {
    const id = await open(c, '分开说', '保温杯收到了');
    await message(c, id, '有点漏水');
    expect(await words(c, id)).toEqual(expect.arrayContaining(['保温杯', '漏水']));
    expect(await ids(c, { text, openOnly: true })).not.toContain(id);
    expect(await ids(c, { text })).not.toContain(id);
    await close(c, id);
  });

  test('follows the cases as they close and reopen', async () => {
    const scope = scopeTo(t.database.db, c.tenantId);
    await close(c, openOld);
    expect(await ids(c, { text, openOnly: true })).toEqual([recent]);
    await close(c, recent);
    expect(await ids(c, { text, openOnly: true })).toEqual([]);
    expect(await countTickets(scope, { text, openOnly: true })).toBe(0);
    expect(await ids(c, { text })).toHaveLength(3);
    await reopen(c, openOld);
    await reopen(c, recent);
    expect(await ids(c, { text, openOnly: true })).toEqual([recent, openOld].sort());
  });

  test("finds the tenant's own cases only", async () => {
    expect(await ids(d, { text, openOnly: true })).toHaveLength(1);
    expect(await ids(c, { text: queryTerms('两年前'), openOnly: true })).toEqual([]);
    expect(await ids(c, { text: queryTerms('两年前') })).toEqual([]);
    const rows = (await t.database.query(
      'select count(*)::int as n from open_case_words where tenant_id = $1',
      [d.tenantId],
    )) as { n: number }[];
    expect(rows[0]!.n).toBe(1);
  });
});
