import { beforeAll, describe, expect, test } from 'vitest';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { bucketOf } from '../search/buckets.js';
import { indexDocuments } from '../search/search-repo.js';
import { indexText, queryTerms } from '../search/terms.js';
import {
  countTickets,
  findTicket,
  listTickets,
  type TicketFilter,
  textScope,
  updateTicket,
} from './ticket-repo.js';
import { openTextWeek } from './ticket-text-repo.js';

// A text filter of open cases reads only the weeks from the open cases' earliest search document on
// (tickets.text_since, kept by indexDocuments). The weeks it leaves out hold only closed cases' words.

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

/** A message written weeksAgo weeks back (an imported history, a platform's own late time). */
async function oldMessage(client: TestClient, ticketId: string, body: string, weeksAgo: number) {
  const at = new Date(Date.now() - weeksAgo * WEEK);
  await indexDocuments(
    scopeTo(t.database.db, client.tenantId),
    [],
    [{ id: crypto.randomUUID(), ticketId, body, createdAt: at }],
  );
  return at;
}

const ids = async (client: TestClient, filter: TicketFilter) =>
  (await listTickets(scopeTo(t.database.db, client.tenantId), filter, 'due', 50, null, 'index')).rows
    .map((r) => r.id)
    .sort();

let recent: string;
let closedOld: string;
let openOld: string;
let openOldAt: Date;

beforeAll(async () => {
  t = await createTestApp();
  c = await t.signup('C');
  d = await t.signup('D');
  recent = await open(c, '第一单', '保温杯漏水');
  closedOld = await open(c, '第二单', '快递到了');
  await oldMessage(c, closedOld, '保温杯 漏水 很久以前', 60);
  await updateTicket(scopeTo(t.database.db, c.tenantId), closedOld, {
    status: 'closed',
    closedAt: new Date(),
  });
  openOld = await open(c, '第三单', '快递到了');
  openOldAt = await oldMessage(c, openOld, '保温杯 漏水 半年前', 30);
  // Another tenant's open case with words older than all of C's: C's bound is C's own.
  const other = await open(d, '别家', '保温杯漏水');
  await oldMessage(d, other, '保温杯 漏水 两年前', 100);
});

describe('text_since', () => {
  test("is lowered to a case's earliest document and never raised", async () => {
    const scope = scopeTo(t.database.db, c.tenantId);
    const ticket = await findTicket(scope, openOld);
    expect(ticket?.textSince?.getTime()).toBe(openOldAt.getTime());
    await oldMessage(c, openOld, '新的补充', 1);
    expect((await findTicket(scope, openOld))?.textSince?.getTime()).toBe(openOldAt.getTime());
    const fresh = await findTicket(scope, recent);
    expect(fresh?.textSince?.getTime()).toBe(fresh!.createdAt.getTime());
  });
});

describe('the weeks a text filter of open cases reads', () => {
  test("start at the open cases' earliest document: an old message of an open case is still found", async () => {
    const scope = scopeTo(t.database.db, c.tenantId);
    const all = await textScope(scope, { text });
    const openOnly = await textScope(scope, { text, openOnly: true });
    const someStatuses = await textScope(scope, { text, statuses: ['new', 'acknowledged'] });
    const withClosed = await textScope(scope, { text, statuses: ['new', 'closed'] });
    expect(Math.min(...all!.weeks)).toBe(bucketOf(new Date(Date.now() - 60 * WEEK)));
    expect(Math.min(...openOnly!.weeks)).toBe(bucketOf(openOldAt));
    expect(openOnly!.share).toBeLessThan(1);
    expect(someStatuses!.weeks).toEqual(openOnly!.weeks);
    expect(withClosed!.weeks).toEqual(all!.weeks);
    expect(all!.share).toBe(1);
    expect(await ids(c, { text, openOnly: true })).toEqual([recent, openOld].sort());
    expect(await ids(c, { text })).toEqual([recent, closedOld, openOld].sort());
    expect(await countTickets(scope, { text, openOnly: true })).toBe(2);
    expect(await countTickets(scope, { text })).toBe(3);
  });

  test('move up when the oldest open case closes, and are none when no case is open', async () => {
    const scope = scopeTo(t.database.db, c.tenantId);
    await updateTicket(scope, openOld, { status: 'closed', closedAt: new Date() });
    expect(await openTextWeek(scope)).toBe(bucketOf(new Date()));
    expect(await ids(c, { text, openOnly: true })).toEqual([recent]);
    await updateTicket(scope, recent, { status: 'closed', closedAt: new Date() });
    expect(await openTextWeek(scope)).toBe(Number.POSITIVE_INFINITY);
    expect((await textScope(scope, { text, openOnly: true }))!.weeks).toEqual([]);
    expect(await ids(c, { text, openOnly: true })).toEqual([]);
    expect(await countTickets(scope, { text, openOnly: true })).toBe(0);
    expect(await ids(c, { text })).toHaveLength(3);
    await updateTicket(scope, openOld, { status: 'new', closedAt: null });
    await updateTicket(scope, recent, { status: 'new', closedAt: null });
  });

  test('are every week when an open case has no known earliest document', async () => {
    const scope = scopeTo(t.database.db, c.tenantId);
    await updateTicket(scope, recent, { textSince: null });
    expect(await openTextWeek(scope)).toBeNull();
    expect((await textScope(scope, { text, openOnly: true }))!.share).toBe(1);
    expect(await ids(c, { text, openOnly: true })).toEqual([recent, openOld].sort());
    await updateTicket(scope, recent, { textSince: (await findTicket(scope, recent))!.createdAt });
  });

  test('are every week when a case was written in SQL with an old creation time and no text_since', async () => {
    // A bulk load (as the search bench seeds): no column default may give it a later text_since.
    const id = crypto.randomUUID();
    const at = new Date(Date.now() - 80 * WEEK);
    await t.database.query(
      `insert into tickets (tenant_id, id, number, kind, channel, subject, created_at)
       values ($1, $2, 9001, 'complaint', 'platform_message', '旧单', $3)`,
      [c.tenantId, id, at.toISOString()],
    );
    await t.database.query(
      `insert into search_docs (tenant_id, id, ticket_id, subject, tsv, at)
       values ($1, $2, $2, false, strip(to_tsvector('simple', $4)), $3)`,
      [c.tenantId, id, at.toISOString(), indexText('保温杯漏水')],
    );
    const scope = scopeTo(t.database.db, c.tenantId);
    expect(await openTextWeek(scope)).toBeNull();
    expect(await ids(c, { text, openOnly: true })).toContain(id);
    await updateTicket(scope, id, { status: 'closed', closedAt: new Date() });
  });

  test("are the tenant's own", async () => {
    const scope = scopeTo(t.database.db, d.tenantId);
    expect(await openTextWeek(scope)).toBe(bucketOf(new Date(Date.now() - 100 * WEEK)));
    expect(await ids(d, { text, openOnly: true })).toHaveLength(1);
    expect(await ids(c, { text: queryTerms('两年前') })).toEqual([]);
  });
});
