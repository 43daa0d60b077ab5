import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let aAgent: TestClient;
let aSupervisor: TestClient;
let bSupervisor: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const a = await t.signup('A');
  const b = await t.signup('B');
  aAgent = await a.addUser('agent');
  aSupervisor = await a.addUser('supervisor');
  bSupervisor = await b.addUser('supervisor');
});

const SLOW = [
  '客服回复太慢了，等了一天才回',
  '问了客服半天没人回复',
  '客服一直不回消息',
  '联系客服没人理',
  '等客服回复等到天黑',
  '找客服三次都没人回',
  '客服不回复，留言也没人看',
  '发消息给客服，两天了还没回',
  '客服电话打不通，在线也不回',
  '咨询客服一上午没人搭理',
  '客服回得好慢',
  '问客服什么时候发货，没人回',
];
const FRESH = '客服电话打不通，留言也没人回';

async function open(client: TestClient, body: string) {
  const res = await client.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject: '买家留言',
    body,
    customer: { name: '李先生' },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

/**
 * Asks for a retrain and waits for a layer trained on `examples` cases (the retrain a correction
 * schedules by itself may come first, with the cases corrected so far).
 */
async function retrained(client: TestClient, examples: number) {
  const res = await client.request('POST', '/api/v1/triage/adjustment/retrain', {});
  expect(res.statusCode).toBe(202);
  for (let i = 0; i < 600; i++) {
    const status = (await client.request('GET', '/api/v1/triage/adjustment')).json();
    if (status.examples === examples && status.status !== 'none') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the layer did not retrain');
}

describe('learning from the merchant', () => {
  test('corrections train this tenant’s layer in the background; the other tenant is untouched', async () => {
    const none = (await aSupervisor.request('GET', '/api/v1/triage/adjustment')).json();
    expect(none).toMatchObject({ status: 'none', examples: 0, before: null, after: null, trainedAt: null });

    // Too few corrected cases: no layer yet, and the console is told why.
    const first = await open(aAgent, SLOW[0]!);
    const fix = await aAgent.request('POST', `/api/v1/tickets/${first.id}/triage/corrections`, {
      categories: ['slow_response'],
    });
    expect(fix.statusCode).toBe(200);
    const few = await retrained(aSupervisor, 1);
    expect(few).toMatchObject({ status: 'too_few', examples: 1, minExamples: 10 });

    for (const text of SLOW.slice(1)) {
      const ticket = await open(aAgent, text);
      await aAgent.request('POST', `/api/v1/tickets/${ticket.id}/triage/corrections`, {
        categories: ['slow_response'],
      });
    }
    // Without a layer (tenant B has none): A's own case could already meet the retrain a correction
    // schedules by itself, which on a loaded machine may finish before this line.
    const before = (await open(bSupervisor, FRESH)).categories;
    expect(before).not.toEqual(['slow_response']);
    const ready = await retrained(aSupervisor, SLOW.length);
    expect(ready).toMatchObject({ status: 'ready', examples: SLOW.length });
    expect(ready.after.exactMatch).toBeGreaterThan(ready.before.exactMatch);

    // Tenant A's new cases use A's layer (the cache is dropped on retrain)…
    expect((await open(aAgent, FRESH)).categories).toEqual(['slow_response']);
    // …tenant B's do not, and B sees nothing of A's layer.
    expect((await open(bSupervisor, FRESH)).categories).toEqual(before);
    expect((await bSupervisor.request('GET', '/api/v1/triage/adjustment')).json()).toMatchObject({
      status: 'none',
      examples: 0,
    });
  });

  test('agents may not read or retrain the layer', async () => {
    expect((await aAgent.request('GET', '/api/v1/triage/adjustment')).statusCode).toBe(403);
    expect((await aAgent.request('POST', '/api/v1/triage/adjustment/retrain', {})).statusCode).toBe(403);
    const bad = await aSupervisor.request('POST', '/api/v1/triage/adjustment/retrain', { now: true });
    expect(bad.statusCode).toBe(400);
  });
});
