import { Writable } from 'node:stream';
import pino from 'pino';
import { beforeAll, describe, expect, test } from 'vitest';
import { listAudit } from '../../audit/audit-repo.js';
import { scopeTo } from '../../db/tenant-scope.js';
import { createShop, drain, fixture, push } from '../../ingest/testing.js';
import { loggerOptions } from '../logger.js';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

const PHONE = '13812345678';
const MASKED = '138****5678';

let t: TestApp;
let admin: TestClient;
let agent: TestClient;
let supervisor: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup('Privacy');
  agent = await admin.addUser('agent');
  supervisor = await admin.addUser('supervisor');
}, 240_000);

/** A Pinduoduo buyer message carrying a phone number, pushed and processed into a case. */
async function buyerMessageWithPhone() {
  const shop = await createShop(admin, 'pinduoduo');
  const body = JSON.parse(fixture('pinduoduo', 'chat-message'));
  const inner = JSON.parse(body.message.content);
  inner.content = `杯子碎了，麻烦联系我 ${PHONE} 谢谢`;
  inner.msg_id = `m-${Math.random()}`;
  body.id = Math.floor(Math.random() * 1e9);
  body.message.content = JSON.stringify(inner);
  const res = await push(t, shop, JSON.stringify(body));
  expect(res.statusCode, res.body).toBe(200);
  await drain(t);
  const events = (await admin.request('GET', `/api/v1/ingest/events?shopId=${shop.id}`)).json().items;
  return { eventId: events[0].id as string };
}

describe('personal numbers are masked where every role looks', () => {
  test('a case subject built from buyer text shows the number masked, in the case, the list and search', async () => {
    await buyerMessageWithPhone();
    const list = (await agent.request('GET', '/api/v1/tickets?limit=50')).json().items as {
      subject: string;
    }[];
    const mine = list.find((x) => x.subject.includes('杯子碎了'));
    expect(mine?.subject).toContain(MASKED);
    expect(JSON.stringify(list)).not.toContain(PHONE);
    const found = (await agent.request('GET', `/api/v1/search?q=${encodeURIComponent('杯子碎了')}`)).json();
    expect(JSON.stringify(found.items)).not.toContain(PHONE);
  }, 120_000);

  test('a subject typed with a number in it is stored masked', async () => {
    const res = await agent.request('POST', '/api/v1/tickets', {
      kind: 'complaint',
      channel: 'hotline',
      subject: `来电 ${PHONE} 投诉`,
      body: `客户电话 ${PHONE}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().subject).toBe(`来电 ${MASKED} 投诉`);
  });

  test('an event payload is masked for an agent; a supervisor reveals it and the reveal is audited', async () => {
    const { eventId } = await buyerMessageWithPhone();
    const masked = await agent.request('GET', `/api/v1/ingest/events/${eventId}`);
    expect(masked.statusCode, masked.body).toBe(200);
    expect(JSON.stringify(masked.json().payload)).toContain(MASKED);
    expect(masked.body).not.toContain(PHONE);

    const agentReveal = await agent.request('GET', `/api/v1/ingest/events/${eventId}?reveal=true`);
    expect(agentReveal.statusCode).toBe(403);

    const revealed = await supervisor.request('GET', `/api/v1/ingest/events/${eventId}?reveal=true`);
    expect(revealed.statusCode).toBe(200);
    expect(JSON.stringify(revealed.json().payload)).toContain(PHONE);
    const audit = await listAudit(scopeTo(t.database.db, admin.tenantId), 'inbox_event', eventId);
    expect(audit.map((e) => [e.action, e.actorName])).toEqual([['pii_revealed', expect.any(String)]]);
  }, 120_000);

  test('searching by a phone number: refused for an agent (it would say whose it is), answered for a supervisor', async () => {
    const asAgent = await agent.request('GET', `/api/v1/search?q=${PHONE}`);
    expect(asAgent.statusCode).toBe(403);
    expect(asAgent.json().error.code).toBe('FORBIDDEN');
    const asSupervisor = await supervisor.request('GET', `/api/v1/search?q=${PHONE}`);
    expect(asSupervisor.statusCode).toBe(200);
  });
});

describe('logs never carry a personal number', () => {
  test('a request URL with a phone or e-mail in its query is logged masked', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(loggerOptions('info'), sink);
    log.info(
      { req: { method: 'GET', url: `/api/v1/search?q=${PHONE}&e=wang%40example.cn` } },
      'incoming request',
    );
    log.info(`looked up ${PHONE}`);
    const text = lines.join('');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('wang@example.cn');
    expect(text).not.toContain('wang%40example.cn');
    expect(text).toContain('138****');
  });
});
