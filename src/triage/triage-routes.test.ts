import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let aAgent: TestClient;
let aSupervisor: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  aAgent = await a.addUser('agent');
  aSupervisor = await a.addUser('supervisor');
});

const complaint = (body: string | undefined, extra: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  channel: 'platform_message',
  subject: extra.subject ?? '买家投诉',
  ...(body === undefined ? {} : { body }),
  customer: { name: '王女士' },
  ...extra,
});

async function open(client: TestClient, body: string | undefined, extra: Record<string, unknown> = {}) {
  const res = await client.request('POST', '/api/v1/tickets', complaint(body, extra));
  expect(res.statusCode).toBe(201);
  return res.json();
}

const inbound = (client: TestClient, id: string, body: string) =>
  client.request('POST', `/api/v1/tickets/${id}/messages`, { direction: 'inbound', body });

describe('triage of inbound messages', () => {
  test('a hazard report becomes a critical safety case, with the words that decided it', async () => {
    const ticket = await open(aAgent, '充电器起火冒烟了，孩子的手被烫伤');
    expect(ticket).toMatchObject({
      severity: 'critical',
      category: 'safety_hazard',
      language: 'zh',
      sentiment: 'negative',
    });
    expect(ticket.categories).toContain('safety_hazard');
    expect(ticket.sentimentScore).toBeLessThan(0);
    expect(ticket.triage.auto.explanation.severity.terms).toEqual(expect.arrayContaining(['起火']));
    expect(ticket.triage.auto.explanation.categories.safety_hazard).toEqual(expect.arrayContaining(['冒烟']));

    const thread = (await aAgent.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    expect(thread[0].triage).toMatchObject({ severity: 'critical', language: 'zh' });
  });

  test('severity is raised by a later message and never lowered automatically; categories add up', async () => {
    const ticket = await open(aAgent, '杯子有裂缝');
    expect(ticket.severity).toBe('normal');
    expect(ticket.categories).toContain('quality_defect');

    const threat = await inbound(aAgent, ticket.id, '三天没人处理，我要去12315投诉');
    expect(threat.statusCode).toBe(201);
    expect(threat.json().ticket.severity).toBe('high');
    expect(threat.json().message.triage.explanation.severity.terms).toContain('12315');

    const calm = (await inbound(aAgent, ticket.id, '好的，谢谢，物流也很快')).json().ticket;
    expect(calm.severity).toBe('high');
    expect(calm.sentiment).toBe('positive');
    expect(calm.categories).toEqual(expect.arrayContaining(['quality_defect']));

    // Outbound replies are not triaged.
    const reply = await aAgent.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '非常抱歉，起火的事我们马上处理',
    });
    expect(reply.json().message.triage).toBeNull();
    expect(reply.json().ticket.severity).toBe('high');
  });

  test('a ticket without a message is triaged on its subject', async () => {
    const ticket = await open(aAgent, undefined, { subject: '快递摔坏了，洗发水全漏了' });
    expect(ticket.categories).toContain('damaged_in_transit');
  });

  test('agent-set values win over automatic ones', async () => {
    const ticket = await open(aAgent, '杯子有裂缝', { categories: ['other'] });
    expect(ticket.categories).toEqual(['other']);

    const patched = await aAgent.request('PATCH', `/api/v1/tickets/${ticket.id}`, { severity: 'low' });
    expect(patched.statusCode).toBe(200);
    const after = (await inbound(aAgent, ticket.id, '又发现漏电，被电了一下')).json().ticket;
    expect(after.severity).toBe('low');
    expect(after.categories).toEqual(['other']);
    expect(after.triage.auto.severity).toBe('critical');
    expect(after.triage.locked).toEqual({ categories: true, severity: true });

    // The edit was recorded as a correction, with who made it.
    const corrections = (
      await aAgent.request('GET', `/api/v1/tickets/${ticket.id}/triage/corrections`)
    ).json().items;
    expect(corrections).toEqual([
      expect.objectContaining({
        field: 'severity',
        autoValue: 'normal',
        agentValue: 'low',
        userId: aAgent.userId,
      }),
    ]);
  });
});

describe('corrections and the report', () => {
  test('an agent corrects categories and severity; the report shows triage against agents', async () => {
    const t1 = await open(aAgent, '杯子有裂缝，质量太差');
    // The agent adds damaged_in_transit to whatever the model said (the model's own choice is not
    // what this test is about).
    const auto = t1.categories.filter((c: string) => c !== 'damaged_in_transit');
    const agentCats = [...auto, 'damaged_in_transit'];
    const res = await aAgent.request('POST', `/api/v1/tickets/${t1.id}/triage/corrections`, {
      categories: agentCats,
      severity: 'high',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ severity: 'high' });
    expect([...res.json().categories].sort()).toEqual([...agentCats].sort());

    // A confirmation (agent agrees) is recorded too.
    const t2 = await open(aAgent, '物流太慢了，一个星期还没到');
    const confirmed = await aAgent.request('POST', `/api/v1/tickets/${t2.id}/triage/corrections`, {
      categories: t2.categories,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().triage.locked.categories).toBe(true);

    const rows = (await aAgent.request('GET', `/api/v1/tickets/${t1.id}/triage/corrections`)).json().items;
    expect(rows.map((r: { field: string }) => r.field).sort()).toEqual(['categories', 'severity']);
    expect(rows.find((r: { field: string }) => r.field === 'categories')).toMatchObject({
      autoValue: t1.categories,
      agentValue: agentCats,
      userName: expect.any(String),
    });

    const forbidden = await aAgent.request('GET', '/api/v1/triage/corrections/report');
    expect(forbidden.statusCode).toBe(403);
    const report = await aSupervisor.request('GET', '/api/v1/triage/corrections/report?days=30');
    expect(report.statusCode).toBe(200);
    const body = report.json();
    const row = (c: string) =>
      body.categories.perCategory.find((x: { category: string }) => x.category === c);
    for (const c of auto) expect(row(c).tp).toBeGreaterThanOrEqual(1);
    expect(row('damaged_in_transit')).toMatchObject({ fn: 1 });
    for (const c of t2.categories) expect(row(c).tp).toBeGreaterThanOrEqual(1);
    expect(body.aspects.cases).toBeGreaterThanOrEqual(1);
    expect(
      body.aspects.counts.logistics.negative + body.aspects.counts.quality.negative,
    ).toBeGreaterThanOrEqual(1);
    expect(body.categories.matrix['(none)'].damaged_in_transit).toBe(1);
    expect(body.severity.matrix.normal.high).toBeGreaterThanOrEqual(1);
  });

  test('bad corrections are refused', async () => {
    const ticket = await open(aAgent, '杯子有裂缝');
    const url = `/api/v1/tickets/${ticket.id}/triage/corrections`;
    expect((await aAgent.request('POST', url, {})).statusCode).toBe(400);
    expect((await aAgent.request('POST', url, { categories: ['nonsense'] })).statusCode).toBe(400);
    expect((await aAgent.request('POST', url, { severity: 'urgent' })).statusCode).toBe(400);
    expect(
      (
        await aAgent.request(
          'POST',
          '/api/v1/tickets/00000000-0000-7000-8000-000000000000/triage/corrections',
          {
            severity: 'high',
          },
        )
      ).statusCode,
    ).toBe(404);
    expect((await aSupervisor.request('GET', '/api/v1/triage/corrections/report?days=0')).statusCode).toBe(
      400,
    );
  });
});

describe('tenant lexicon', () => {
  test('a supervisor adds a term; new messages use it; agents may read but not change it', async () => {
    const added = await aSupervisor.request('POST', '/api/v1/triage/lexicon', {
      term: '缺角',
      category: 'damaged_in_transit',
      severity: 'high',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ term: '缺角', category: 'damaged_in_transit', severity: 'high' });

    const ticket = await open(aAgent, '盒子缺角了');
    expect(ticket.categories).toContain('damaged_in_transit');
    expect(ticket.severity).toBe('high');
    expect(ticket.triage.auto.explanation.categories.damaged_in_transit).toContain('缺角 (tenant)');

    const tried = await aAgent.request('POST', '/api/v1/triage/analyze', { text: '盒子缺角了' });
    expect(tried.json().categories).toContain('damaged_in_transit');

    expect((await aAgent.request('GET', '/api/v1/triage/lexicon')).json().items).toHaveLength(1);
    expect(
      (await aAgent.request('POST', '/api/v1/triage/lexicon', { term: 'x', category: 'other' })).statusCode,
    ).toBe(403);
    const dup = await aSupervisor.request('POST', '/api/v1/triage/lexicon', {
      term: '缺角',
      category: 'damaged_in_transit',
      severity: 'high',
    });
    expect(dup.statusCode).toBe(409);
    expect((await aSupervisor.request('POST', '/api/v1/triage/lexicon', { term: '缺角' })).statusCode).toBe(
      400,
    );
    expect(
      (await aSupervisor.request('POST', '/api/v1/triage/lexicon', { term: '  ', category: 'other' }))
        .statusCode,
    ).toBe(400);

    const removed = await aSupervisor.request('DELETE', `/api/v1/triage/lexicon/${added.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect(
      (await aSupervisor.request('DELETE', `/api/v1/triage/lexicon/${added.json().id}`)).statusCode,
    ).toBe(404);
    const after = await aAgent.request('POST', '/api/v1/triage/analyze', { text: '盒子缺角了' });
    // The term no longer applies (the learned model may still read the text as damage on its own).
    expect(after.json().explanation.categories.damaged_in_transit ?? []).not.toContain('缺角 (tenant)');
  });
});

describe('PII', () => {
  test('message bodies are shown masked; a supervisor reveals one, and the reveal is audited', async () => {
    const ticket = await open(aAgent, '我的电话13812345678，身份证11010519491231002X，杯子碎了');
    const thread = (await aAgent.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    expect(thread[0].body).toBe('我的电话138****5678，身份证110105********002X，杯子碎了');
    expect(JSON.stringify(thread)).not.toContain('13812345678');
    expect(thread[0].triage.pii.map((p: { type: string }) => p.type)).toEqual(['mobile', 'id_card']);
    expect(ticket.triage.auto.pii).toEqual(['mobile', 'id_card']);

    const url = `/api/v1/tickets/${ticket.id}/messages/${thread[0].id}/original`;
    expect((await aAgent.request('GET', url)).statusCode).toBe(403);
    const revealed = await aSupervisor.request('GET', url);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().body).toContain('13812345678');
    const audit = (await aSupervisor.request('GET', `/api/v1/tickets/${ticket.id}/audit`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('pii_revealed');
  });
});

describe('bad input', () => {
  test.each([
    ['HTML and script tags', '<script>alert("x")</script><b>假货</b>'],
    ['emoji only', '😡😡😡'],
    ['control characters', '屏幕\u0007碎了\u001b[0m'],
    ['a NUL character', '屏幕\u0000碎了'],
    ['a lone surrogate', '坏了\ud800好'],
    ['mixed scripts', 'Этот товар 是假货 fake 🙃'],
    ['20,000 characters', '屏幕碎了'.repeat(5000)],
  ])('%s: stored as text, triaged, no crash', async (_name, body) => {
    const res = await aAgent.request('POST', '/api/v1/tickets', complaint(body));
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    expect(['zh', 'en', 'mixed', 'unknown']).toContain(ticket.language);
    const thread = (await aAgent.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    if (body.includes('<script>')) expect(thread[0].body).toBe(body);
  });

  test('analyze takes up to 100 KB and refuses more', async () => {
    const ok = await aAgent.request('POST', '/api/v1/triage/analyze', { text: '屏幕碎了。'.repeat(19_000) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().truncated).toBe(true);
    const tooLong = await aAgent.request('POST', '/api/v1/triage/analyze', { text: 'x'.repeat(100_001) });
    expect(tooLong.statusCode).toBe(400);
    expect((await aAgent.request('POST', '/api/v1/triage/analyze', { text: '' })).json().language).toBe(
      'unknown',
    );
  });
});

describe('tenant isolation', () => {
  test('another tenant cannot see, correct or reveal anything of ours, nor use our lexicon', async () => {
    const ticket = await open(a, '我的电话13812345678，假货');
    const thread = (await a.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    await a.request('POST', '/api/v1/triage/lexicon', { term: '专属词', category: 'privacy_concern' });
    await a.request('POST', `/api/v1/tickets/${ticket.id}/triage/corrections`, { severity: 'critical' });

    expect(
      (await b.request('POST', `/api/v1/tickets/${ticket.id}/triage/corrections`, { severity: 'low' }))
        .statusCode,
    ).toBe(404);
    expect((await b.request('GET', `/api/v1/tickets/${ticket.id}/triage/corrections`)).statusCode).toBe(404);
    expect(
      (await b.request('GET', `/api/v1/tickets/${ticket.id}/messages/${thread[0].id}/original`)).statusCode,
    ).toBe(404);
    expect((await b.request('GET', '/api/v1/triage/lexicon')).json().items).toEqual([]);
    const ours = (await a.request('GET', '/api/v1/triage/lexicon')).json().items;
    const term = ours.find((e: { term: string }) => e.term === '专属词');
    expect((await b.request('DELETE', `/api/v1/triage/lexicon/${term.id}`)).statusCode).toBe(404);
    expect(
      (await b.request('POST', '/api/v1/triage/analyze', { text: '专属词' })).json().categories,
    ).not.toContain('privacy_concern');
    expect(
      (await a.request('POST', '/api/v1/triage/analyze', { text: '专属词' })).json().categories,
    ).toContain('privacy_concern');
    const report = (await b.request('GET', '/api/v1/triage/corrections/report')).json();
    expect(report.reviewedTickets).toBe(0);
    const unauth = await t.app.inject({ method: 'GET', url: '/api/v1/triage/lexicon' });
    expect(unauth.statusCode).toBe(401);
  });
});
