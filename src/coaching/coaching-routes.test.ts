import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let supervisor: TestClient;
let agent: TestClient;
let shopId: string;

const ok = async (client: TestClient, method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
  const res = await client.request(method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
};
const range = () =>
  `from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`;
const aCase = (subject: string) =>
  ok(supervisor, 'POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject,
    body: subject,
    shopId,
    assigneeId: agent.userId,
  });

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  supervisor = await a.addUser('supervisor');
  agent = await a.addUser('agent');
  shopId = (await ok(a, 'POST', '/api/v1/shops', { platform: 'manual', name: '杯具旗舰店' })).id;
}, 180_000);

describe('coaching', () => {
  test('a closed case is scored on the agent’s card; a supervisor reviews it and marks an example', async () => {
    const ticket = await aCase('杯子漏水');
    await ok(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '非常抱歉给您带来不便，我们马上为您安排换新。',
    });
    await ok(agent, 'POST', `/api/v1/tickets/${ticket.id}/status`, {
      status: 'closed',
      rootCause: 'supplier_defect',
    });
    const cards = (await supervisor.request('GET', `/api/v1/coaching/scorecards?${range()}`)).json().items;
    const mine = cards.find((c: { agentId: string }) => c.agentId === agent.userId);
    expect(mine).toMatchObject({ cases: 1, training: false, reopened: 0 });
    expect(mine.score).toBeGreaterThan(80);
    const sample = (
      await supervisor.request('GET', `/api/v1/coaching/agents/${agent.userId}/sample?${range()}&size=5`)
    ).json();
    expect(sample.total).toBe(1);
    expect(sample.items[0]).toMatchObject({ ticketId: ticket.id, replies: 1, findings: 0, review: null });
    expect(sample.items[0].parts.outcome).toBe(100);
    const review = await ok(supervisor, 'PUT', `/api/v1/coaching/reviews/${ticket.id}`, {
      note: '道歉及时，方案明确。',
      example: 'good',
    });
    expect(review).toMatchObject({ agentId: agent.userId, example: 'good' });
    const examples = (await agent.request('GET', '/api/v1/coaching/examples')).json().items;
    expect(examples[0]).toMatchObject({
      ticketId: ticket.id,
      subject: '杯子漏水',
      note: '道歉及时，方案明确。',
    });
    const trend = (
      await supervisor.request('GET', `/api/v1/coaching/agents/${agent.userId}/trend?${range()}`)
    ).json();
    expect(trend.items).toHaveLength(1);
    expect(trend.items[0].cases).toBe(1);
  });

  test('in training, an agent’s reply waits for a supervisor; approved it goes out, rejected it does not', async () => {
    const ticket = await aCase('什么时候发货');
    await ok(supervisor, 'PUT', `/api/v1/coaching/trainees/${agent.userId}`, { training: true });
    expect((await agent.request('GET', '/api/v1/coaching/me')).json()).toEqual({ training: true });
    const direct = await agent.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '今天就发货。',
    });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().error.code).toBe('APPROVAL_REQUIRED');
    // Notes stay the agent's own.
    await ok(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { direction: 'note', body: '查仓库' });

    const held = await ok(agent, 'POST', '/api/v1/coaching/approvals', {
      ticketId: ticket.id,
      body: '今天就发货。',
    });
    expect(held.status).toBe('pending');
    const before = (await a.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    expect(before.some((m: { body: string }) => m.body === '今天就发货。')).toBe(false);
    const approved = await ok(supervisor, 'POST', `/api/v1/coaching/approvals/${held.id}/approve`, {
      body: '您好，您的订单今天 18:00 前发出。',
    });
    expect(approved).toMatchObject({ status: 'approved', sentBody: '您好，您的订单今天 18:00 前发出。' });
    const after = (await a.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    const sent = after.find((m: { id: string }) => m.id === approved.messageId);
    expect(sent).toMatchObject({ direction: 'outbound', authorType: 'user' });
    // The trainee's reply, approved by the supervisor: both recorded.
    const audit = (await a.request('GET', `/api/v1/tickets/${ticket.id}/audit`)).json().items as {
      action: string;
      actorName: string;
      after: Record<string, unknown> | null;
    }[];
    const written = audit.find((e) => e.action === 'message_outbound' && e.after?.messageId === sent.id);
    const approval = audit.find((e) => e.action === 'reply_approved');
    expect(sent.authorName).toBe(written?.actorName);
    expect(approval).toMatchObject({
      after: { approvalId: held.id, messageId: sent.id, edited: true },
    });
    expect(approval!.actorName).not.toBe(written!.actorName);
    const byTrainee = (await t.database.db.execute(
      sql`select count(*)::int as n from messages where id = ${sent.id} and author_id = ${agent.userId}`,
    )) as unknown as { rows: { n: number }[] };
    expect(byTrainee.rows[0]!.n).toBe(1);
    expect(
      (await supervisor.request('POST', `/api/v1/coaching/approvals/${held.id}/approve`, {})).statusCode,
    ).toBe(409);

    const second = await ok(agent, 'POST', '/api/v1/coaching/approvals', {
      ticketId: ticket.id,
      body: '你自己看物流',
    });
    const rejected = await ok(supervisor, 'POST', `/api/v1/coaching/approvals/${second.id}/reject`, {
      note: '语气生硬，先道歉再给出物流单号。',
    });
    expect(rejected.status).toBe('rejected');
    const own = (await agent.request('GET', '/api/v1/coaching/approvals')).json().items;
    expect(own.map((x: { status: string }) => x.status).sort()).toEqual(['approved', 'rejected']);
    await ok(supervisor, 'PUT', `/api/v1/coaching/trainees/${agent.userId}`, { training: false });
    await ok(agent, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '已为您查询。',
    });
  });

  test('a blocking reply check still stops an approved reply', async () => {
    const ticket = await aCase('质量太差');
    await ok(supervisor, 'PUT', `/api/v1/coaching/trainees/${agent.userId}`, { training: true });
    const held = await ok(agent, 'POST', '/api/v1/coaching/approvals', {
      ticketId: ticket.id,
      body: '你自己不会用怪谁',
    });
    const res = await supervisor.request('POST', `/api/v1/coaching/approvals/${held.id}/approve`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('REPLY_BLOCKED');
    const still = (await supervisor.request('GET', '/api/v1/coaching/approvals?status=pending')).json().items;
    expect(still.some((x: { id: string }) => x.id === held.id)).toBe(true);
    await ok(supervisor, 'PUT', `/api/v1/coaching/trainees/${agent.userId}`, { training: false });
  });

  test('bad input is a 4xx; agents see no scorecards; another tenant sees and changes nothing', async () => {
    expect((await agent.request('GET', `/api/v1/coaching/scorecards?${range()}`)).statusCode).toBe(403);
    expect((await supervisor.request('GET', '/api/v1/coaching/scorecards?from=x&to=y')).statusCode).toBe(400);
    expect(
      (
        await supervisor.request('PUT', `/api/v1/coaching/reviews/${agent.userId}`, {
          note: 'x',
          example: 'great',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await agent.request('POST', '/api/v1/coaching/approvals', { ticketId: 'nope', body: 'x' })).statusCode,
    ).toBe(400);
    const held = (await supervisor.request('GET', '/api/v1/coaching/approvals')).json().items[0];
    expect((await b.request('GET', '/api/v1/coaching/approvals')).json().items).toEqual([]);
    expect(
      (await b.request('POST', `/api/v1/coaching/approvals/${held.id}/reject`, { note: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await b.request('PUT', `/api/v1/coaching/trainees/${agent.userId}`, { training: true })).statusCode,
    ).toBe(404);
    expect(
      (await b.request('PUT', `/api/v1/coaching/reviews/${held.ticketId}`, { note: 'x', example: null }))
        .statusCode,
    ).toBe(404);
    expect(
      (await b.request('GET', `/api/v1/coaching/agents/${agent.userId}/sample?${range()}`)).statusCode,
    ).toBe(404);
    expect(
      (await b.request('POST', '/api/v1/coaching/approvals', { ticketId: held.ticketId, body: 'x' }))
        .statusCode,
    ).toBe(404);
    const cards = (await b.request('GET', `/api/v1/coaching/scorecards?${range()}`)).json().items;
    expect(cards.every((c: { cases: number }) => c.cases === 0)).toBe(true);
  });
});
