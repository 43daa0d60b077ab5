import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
});

async function openCase(client: TestClient, subject = '收到的杯子有裂缝') {
  const res = await client.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject,
    body: '打开包装发现杯子有裂缝，怎么处理？',
    categories: ['quality_defect'],
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; assigneeId: string | null };
}

describe('the inbox: bulk actions, totals, replies', () => {
  test('assign, tag and close several cases at once; a case that cannot move is listed with why', async () => {
    const one = await openCase(a);
    const two = await openCase(a);
    const assign = await a.request('POST', '/api/v1/tickets/bulk', {
      action: 'assign',
      ids: [one.id, two.id],
      assigneeId: a.userId,
    });
    expect(assign.json()).toEqual({ done: 2, failed: [] });
    const tag = await a.request('POST', '/api/v1/tickets/bulk', {
      action: 'tag',
      ids: [one.id],
      tag: '加急',
    });
    expect(tag.json().done).toBe(1);
    const detail = (await a.request('GET', `/api/v1/tickets/${one.id}`)).json();
    expect(detail.assigneeId).toBe(a.userId);
    expect(detail.tags).toContain('加急');

    await a.request('POST', `/api/v1/tickets/${two.id}/status`, { status: 'closed', rootCause: 'unfounded' });
    const close = await a.request('POST', '/api/v1/tickets/bulk', {
      action: 'close',
      ids: [one.id, two.id],
      rootCause: 'supplier_defect',
    });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ done: 1, failed: [{ id: two.id, code: 'ILLEGAL_TRANSITION' }] });
  });

  test('bad bulk input is a 400, never a 500', async () => {
    for (const body of [
      { action: 'close', ids: [] },
      { action: 'close', ids: ['not-a-uuid'], rootCause: 'unfounded' },
      { action: 'explode', ids: [] },
      { action: 'tag', ids: Array.from({ length: 201 }, () => crypto.randomUUID()), tag: 'x' },
    ]) {
      expect((await a.request('POST', '/api/v1/tickets/bulk', body)).statusCode).toBe(400);
    }
  });

  test("another tenant's cases are not found, and stay as they were", async () => {
    const mine = await openCase(a);
    const res = await b.request('POST', '/api/v1/tickets/bulk', {
      action: 'close',
      ids: [mine.id],
      rootCause: 'unfounded',
    });
    expect(res.json()).toMatchObject({ done: 0, failed: [{ id: mine.id, code: 'TICKET_NOT_FOUND' }] });
    expect((await a.request('GET', `/api/v1/tickets/${mine.id}`)).json().status).toBe('new');
  });

  test('the first page of the inbox carries the total; later pages do not', async () => {
    for (let i = 0; i < 3; i++) await openCase(b, `计数 ${i}`);
    const first = (await b.request('GET', '/api/v1/tickets?status=open&limit=2')).json();
    expect(first.total).toBeGreaterThanOrEqual(3);
    expect(first.items).toHaveLength(2);
    const next = (
      await b.request(
        'GET',
        `/api/v1/tickets?status=open&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
      )
    ).json();
    expect(next.total).toBeUndefined();
  });

  test('replying to an unassigned case gives it to the replier; a note does not', async () => {
    const agent = await a.addUser('agent');
    const noted = await openCase(a);
    await agent.request('POST', `/api/v1/tickets/${noted.id}/messages`, {
      direction: 'note',
      body: '先看看',
    });
    expect((await a.request('GET', `/api/v1/tickets/${noted.id}`)).json().assigneeId).toBeNull();

    const replied = await openCase(a);
    const res = await agent.request('POST', `/api/v1/tickets/${replied.id}/messages`, {
      direction: 'outbound',
      body: '您好，我们马上为您处理。',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().ticket.assigneeId).toBe(agent.userId);

    // An assigned case stays with its assignee when someone else answers.
    await a.request('POST', `/api/v1/tickets/${replied.id}/messages`, {
      direction: 'outbound',
      body: '补充一句',
    });
    expect((await a.request('GET', `/api/v1/tickets/${replied.id}`)).json().assigneeId).toBe(agent.userId);
  });
});
