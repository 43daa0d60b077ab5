import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { aQualityCase, type CaseFixture } from '../playbooks/test-fixtures.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let agent: TestClient;
let supervisor: TestClient;
let kase: CaseFixture;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  agent = await a.addUser('agent');
  supervisor = await a.addUser('supervisor');
  kase = await aQualityCase(a);
}, 120_000);

const check = (client: TestClient, body: string, ticketId = kase.ticketId) =>
  client.request('POST', '/api/v1/replies/check', { ticketId, body });

describe('POST /replies/check', () => {
  test('a blaming draft gets a blocking finding with its place and reason; nothing is sent', async () => {
    const res = await check(agent, '亲，你自己不会用怪谁');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      findings: [
        {
          rule: 'blame.buyer',
          category: 'blame',
          severity: 'block',
          start: 2,
          end: 10,
          text: '你自己不会用怪谁',
          message: expect.stringContaining('指责'),
        },
      ],
    });
    const messages = (await agent.request('GET', `/api/v1/tickets/${kase.ticketId}/messages`)).json().items;
    expect(messages.filter((m: { authorType: string }) => m.authorType === 'user')).toEqual([]);
  });

  test('a polite reply has no findings; English messages on request', async () => {
    expect((await check(agent, '非常抱歉，马上为您核实处理')).json()).toEqual({ findings: [] });
    const en = await agent.request('POST', '/api/v1/replies/check', {
      ticketId: kase.ticketId,
      body: '你等着',
      locale: 'en',
    });
    expect(en.json().findings[0].message).toMatch(/Threatening/);
  });

  test('bad input is a 400, an unknown case a 404', async () => {
    expect(
      (await agent.request('POST', '/api/v1/replies/check', { ticketId: 'x', body: 'a' })).statusCode,
    ).toBe(400);
    expect(
      (await agent.request('POST', '/api/v1/replies/check', { ticketId: kase.ticketId })).statusCode,
    ).toBe(400);
    const unknown = await check(agent, 'hi', '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('TICKET_NOT_FOUND');
  });

  test('another tenant cannot check against this tenant’s case', async () => {
    const res = await check(b, '你好');
    expect(res.statusCode).toBe(404);
  });
});

describe('the server enforces blocking checks on every reply', () => {
  test('a blocked reply is refused by the messages API and never stored; a warned one goes out', async () => {
    const blocked = await agent.request('POST', `/api/v1/tickets/${kase.ticketId}/messages`, {
      direction: 'outbound',
      body: '你自己不会用怪谁',
    });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.code).toBe('REPLY_BLOCKED');
    expect(blocked.json().error.message).toContain('你自己不会用怪谁');
    const sent = await agent.request('POST', `/api/v1/tickets/${kase.ticketId}/messages`, {
      direction: 'outbound',
      body: '已为您申请退款，保证明天到账',
    });
    expect(sent.statusCode).toBe(201);
    const bodies = (await agent.request('GET', `/api/v1/tickets/${kase.ticketId}/messages`))
      .json()
      .items.filter((m: { authorType: string }) => m.authorType === 'user')
      .map((m: { body: string }) => m.body);
    expect(bodies).toEqual(['已为您申请退款，保证明天到账']);
    const results = await t.services.replyChecks.results(
      { tenantId: a.tenantId, type: 'user', id: agent.userId, name: 'agent', role: 'agent' },
      { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) },
    );
    expect(results.map((r) => r.findings.map((f) => f.rule))).toEqual([['promise.authority']]);
  });

  test('internal notes are not checked', async () => {
    const note = await agent.request('POST', `/api/v1/tickets/${kase.ticketId}/messages`, {
      direction: 'note',
      body: '买家说：你们是骗子，你等着',
    });
    expect(note.statusCode).toBe(201);
  });
});

describe('rule tables per platform, editable per tenant', () => {
  test('a supervisor makes the promise check blocking on Douyin; the server then refuses it', async () => {
    const table = (await agent.request('GET', '/api/v1/reply-checks/rules?platform=douyin')).json();
    const promise = table.items.find((r: { id: string }) => r.id === 'promise.authority');
    expect(promise).toMatchObject({ severity: 'warning', edited: false, source: expect.any(String) });
    expect(
      (
        await agent.request('PUT', '/api/v1/reply-checks/rules/douyin/promise.authority', {
          ...promise,
          severity: 'block',
        })
      ).statusCode,
    ).toBe(400); // strict body: the view's extra fields are not an edit
    const edit = {
      enabled: true,
      severity: 'block',
      terms: promise.terms,
      allow: promise.allow,
      patterns: promise.patterns,
    };
    expect(
      (await agent.request('PUT', '/api/v1/reply-checks/rules/douyin/promise.authority', edit)).statusCode,
    ).toBe(403);
    const saved = await supervisor.request(
      'PUT',
      '/api/v1/reply-checks/rules/douyin/promise.authority',
      edit,
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ severity: 'block', edited: true });
    const refused = await agent.request('POST', `/api/v1/tickets/${kase.ticketId}/messages`, {
      direction: 'outbound',
      body: '我给您退50元',
    });
    expect(refused.statusCode).toBe(422);
    // Tenant B's Douyin table is untouched.
    const other = (await b.request('GET', '/api/v1/reply-checks/rules?platform=douyin')).json();
    expect(other.items.find((r: { id: string }) => r.id === 'promise.authority').severity).toBe('warning');
    expect(
      (await b.request('DELETE', '/api/v1/reply-checks/rules/douyin/promise.authority')).statusCode,
    ).toBe(404);
    expect(
      (await supervisor.request('DELETE', '/api/v1/reply-checks/rules/douyin/promise.authority')).statusCode,
    ).toBe(204);
    expect((await check(agent, '我给您退50元')).json().findings[0].severity).toBe('warning');
  });

  test('a rule with an invalid or dangerous pattern is refused with the reason', async () => {
    const base = { category: 'insult', enabled: true, severity: 'warning', terms: [] };
    const bad = await supervisor.request('PUT', '/api/v1/reply-checks/rules/douyin/custom.slang', {
      ...base,
      patterns: ['(退'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/patterns\.0/);
    const redos = await supervisor.request('PUT', '/api/v1/reply-checks/rules/douyin/custom.slang', {
      ...base,
      patterns: ['(a+)+$'],
    });
    expect(redos.statusCode).toBe(400);
    expect((await supervisor.request('PUT', '/api/v1/reply-checks/rules/douyin/nope', base)).statusCode).toBe(
      400,
    );
    expect(
      (
        await supervisor.request('PUT', '/api/v1/reply-checks/rules/douyin/unknown.rule', {
          ...base,
          terms: ['x'],
        })
      ).statusCode,
    ).toBe(404);
    const ok = await supervisor.request('PUT', '/api/v1/reply-checks/rules/douyin/custom.slang', {
      ...base,
      terms: ['亲爱滴'],
      message: { zh: '不要用网络用语', en: 'No internet slang' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await check(agent, '好的亲爱滴')).json().findings.map((f: { rule: string }) => f.rule)).toEqual([
      'custom.slang',
    ]);
    expect((await agent.request('GET', '/api/v1/reply-checks/rules?platform=weibo')).statusCode).toBe(400);
  });
});

describe('reply length limits', () => {
  const limitOf = async (client: TestClient, ticketId = kase.ticketId) =>
    client.request('GET', `/api/v1/tickets/${ticketId}/reply-limit`);
  const reply = (body: string) =>
    agent.request('POST', `/api/v1/tickets/${kase.ticketId}/messages`, { direction: 'outbound', body });

  test('a case says its channel’s limit; a reply over it is refused with 422, never cut; at the limit it goes', async () => {
    const res = await limitOf(agent);
    expect(res.statusCode).toBe(200);
    const { limit, medium, verified, publicChannel } = res.json();
    expect(limit).toBeGreaterThan(0);
    expect(medium).toMatch(/^(chat|review|after_sales)$/);
    expect(verified).toBe(false); // the Douyin figures are UNCERTAIN
    expect(publicChannel).toBe(false);
    const over = await reply('好'.repeat(limit + 1));
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('REPLY_TOO_LONG');
    expect(over.json().error.message).toContain(String(limit));
    const messages = (await agent.request('GET', `/api/v1/tickets/${kase.ticketId}/messages`)).json().items;
    expect(messages.some((m: { body: string }) => m.body.startsWith('好好好'))).toBe(false);
    expect((await reply('好'.repeat(limit))).statusCode).toBe(201);
  });

  test('a shop’s own limit replaces the table', async () => {
    const { medium } = (await limitOf(agent)).json();
    const patched = await a.request('PATCH', `/api/v1/shops/${kase.shopId}`, {
      settings: { replyLimits: { [medium]: 30 } },
    });
    expect(patched.statusCode).toBe(200);
    expect((await limitOf(agent)).json()).toMatchObject({ limit: 30, verified: true });
    expect((await reply('好'.repeat(31))).statusCode).toBe(422);
    const bad = await a.request('PATCH', `/api/v1/shops/${kase.shopId}`, {
      settings: { replyLimits: { chat: 0 } },
    });
    expect(bad.statusCode).toBe(400);
    await a.request('PATCH', `/api/v1/shops/${kase.shopId}`, { settings: { replyLimits: null } });
  });

  test('tenant B gets 404 for A’s case; a bad id is a 400', async () => {
    expect((await limitOf(b)).statusCode).toBe(404);
    expect((await limitOf(agent, 'not-a-uuid')).statusCode).toBe(400);
  });
});

describe('a public reply that names the case’s order or buyer by hand', () => {
  test('the preview finds the typed order number and name; sending is refused with 422; a chat may say them', async () => {
    const order = (await a.request('GET', `/api/v1/orders/${kase.orderId}`)).json();
    const review = await a.request('POST', '/api/v1/tickets', {
      kind: 'negative_review',
      channel: 'review',
      subject: '差评：杯子有裂缝',
      body: '杯子有裂缝',
      shopId: kase.shopId,
      customerId: kase.customerId,
      orderId: kase.orderId,
    });
    expect(review.statusCode, review.body).toBe(201);
    const reviewId = review.json().id;
    const spaced = `${order.externalId.slice(0, 6)} ${order.externalId.slice(6)}`;
    const draft = `王女士您好，订单 ${spaced} 已为您补发，运单 ZT7700112233`;
    const preview = (await check(agent, draft, reviewId)).json().findings;
    expect(preview.filter((f: { rule: string }) => f.rule === 'personal_data.case')).toEqual([
      expect.objectContaining({ severity: 'block', text: '王女士' }),
      expect.objectContaining({ severity: 'block', text: spaced }),
      expect.objectContaining({ severity: 'block', text: 'ZT7700112233' }),
    ]);
    const sent = await agent.request('POST', `/api/v1/tickets/${reviewId}/messages`, {
      direction: 'outbound',
      body: draft,
    });
    expect(sent.statusCode).toBe(422);
    expect(sent.json().error.code).toBe('REPLY_BLOCKED');
    expect(sent.json().error.message).toContain('订单号');
    // The same words to the buyer alone, on the after-sale case, are the buyer's own data.
    const chat = await check(agent, draft);
    expect(chat.json().findings.filter((f: { category: string }) => f.category === 'personal_data')).toEqual(
      [],
    );
    // Another tenant's data never leaks into the check: B cannot check A's review.
    expect((await check(b, draft, reviewId)).statusCode).toBe(404);
  });
});
