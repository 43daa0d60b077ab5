import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../auth/roles.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createSearchService } from './search-service.js';

// The index is keyed by (tenant, week) (buckets.ts): documents of any week are found, the newest first.
let t: TestApp;
let a: TestClient;
let b: TestClient;

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

/** Moves a case's documents (subject and messages) back in time, as an import of old cases would. */
const age = (ticketId: string, days: number) =>
  t.database.query(`update search_docs set at = at - make_interval(days => $2) where ticket_id = $1`, [
    ticketId,
    days,
  ]);

const actorOf = (client: TestClient): Actor => ({
  tenantId: client.tenantId,
  type: 'user',
  id: client.userId,
  name: 'agent',
  role: 'admin',
});

const inbox = async (client: TestClient, q: string) =>
  ((await client.request('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`)).json().items ?? []).map(
    (i: { id: string }) => i.id,
  ) as string[];

let recent: string[];
let old: string[];
let ancient: string;
let future: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  recent = [await open(a, '暖手宝 漏液', '暖手宝漏液了'), await open(a, '暖手宝 漏液', '暖手宝又漏液')];
  old = [await open(a, '暖手宝 漏液', '去年的暖手宝漏液'), await open(a, '暖手宝 漏液', '去年暖手宝漏液')];
  for (const id of old) await age(id, 400);
  ancient = await open(a, '老款加湿器', '三年前买的加湿器底座开裂');
  await age(ancient, 3 * 365);
  // A platform clock ahead of ours: the walk starts at the tenant's newest week, not today's.
  future = await open(a, '新款加湿器', '明年的加湿器底座开裂');
  await age(future, -20);
  await open(b, '暖手宝 漏液', 'B 店的暖手宝漏液');
});

describe('search across weeks', () => {
  test('a word found only years back is found by search and by the inbox q', async () => {
    const search = createSearchService({ db: t.database.db });
    const found = await search.search(actorOf(a), '加湿器 开裂', {}, 10, null);
    expect(found.items.map((i) => i.ticket.id).sort()).toEqual([ancient, future].sort());
    expect((await inbox(a, '加湿器 开裂')).sort()).toEqual([ancient, future].sort());
  });

  test('past the cap, the newest weeks are ranked first', async () => {
    const small = createSearchService({ db: t.database.db, rankCap: 4 });
    const capped = await small.search(actorOf(a), '暖手宝 漏液', {}, 10, null);
    expect(capped.capped).toBe(true);
    // Each case has two documents (subject and message): the cap of 4 holds the two recent cases.
    expect(capped.items.map((i) => i.ticket.id).sort()).toEqual([...recent].sort());
    const all = await createSearchService({ db: t.database.db }).search(
      actorOf(a),
      '暖手宝 漏液',
      {},
      10,
      null,
    );
    expect(all.items.map((i) => i.ticket.id).sort()).toEqual([...recent, ...old].sort());
  });

  test("another tenant's documents of the same words and weeks are never read", async () => {
    const search = createSearchService({ db: t.database.db });
    const ofB = await search.search(actorOf(b), '暖手宝 漏液', {}, 10, null);
    expect(ofB.items).toHaveLength(1);
    expect(ofB.items[0]!.ticket.id).not.toBeOneOf([...recent, ...old]);
    expect(await inbox(b, '加湿器')).toEqual([]);
  });

  test('a tenant with no documents yet searches without error', async () => {
    const c = await t.signup('C');
    const search = createSearchService({ db: t.database.db });
    expect((await search.search(actorOf(c), '暖手宝', {}, 10, null)).items).toEqual([]);
    expect(await inbox(c, '暖手宝')).toEqual([]);
  });
});
