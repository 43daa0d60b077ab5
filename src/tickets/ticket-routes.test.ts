import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopId: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  const shop = await a.request('POST', '/api/v1/shops', {
    platform: 'douyin',
    name: '抖店旗舰店',
    appKey: 'k1',
    appSecret: 's1',
  });
  shopId = shop.json().id;
});

const aComplaint = (extra: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  channel: 'platform_message',
  subject: '收到的杯子有裂缝',
  body: '打开包装发现杯子有裂缝，怎么处理？',
  shopId,
  customer: { name: '王女士', phone: '13812345678' },
  ...extra,
});

describe('tickets', () => {
  test('an agent opens a case and finds it in the open inbox', async () => {
    const created = await a.request('POST', '/api/v1/tickets', aComplaint());
    expect(created.statusCode).toBe(201);
    const ticket = created.json();
    expect(ticket).toMatchObject({ status: 'new', severity: 'normal', number: expect.any(Number) });
    expect(ticket.sla).toHaveProperty('firstResponseDueAt');

    const inbox = await a.request('GET', '/api/v1/tickets?status=open');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    expect(inbox.json().items[0].shopName).toBe('抖店旗舰店');
  });

  test('the customer phone is stored masked', async () => {
    const ticket = (await a.request('POST', '/api/v1/tickets', aComplaint())).json();
    const detail = (await a.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(detail.customer.phoneMasked).toBe('138****5678');
    expect(JSON.stringify(detail)).not.toContain('13812345678');
  });

  test('a supervisor can reveal the full phone number, an agent cannot, and each look is audited', async () => {
    const ticket = (await a.request('POST', '/api/v1/tickets', aComplaint())).json();
    const agent = await a.addUser('agent');
    const supervisor = await a.addUser('supervisor');
    expect((await agent.request('POST', `/api/v1/customers/${ticket.customerId}/reveal`)).statusCode).toBe(
      403,
    );
    const revealed = await supervisor.request('POST', `/api/v1/customers/${ticket.customerId}/reveal`);
    expect(revealed.json()).toEqual({ phone: '13812345678', address: null });
    expect((await b.request('POST', `/api/v1/customers/${ticket.customerId}/reveal`)).statusCode).toBe(404);
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_events where entity_id = $1 and action = 'contact_revealed'",
      [ticket.customerId],
    );
    expect(row!.n).toBe(1);
  });

  test('a reply acknowledges the case, and the thread and audit show every step', async () => {
    const ticket = (await a.request('POST', '/api/v1/tickets', aComplaint())).json();
    const reply = await a.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '非常抱歉，请拍照给我们看看',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().ticket.status).toBe('acknowledged');
    expect(reply.json().ticket.firstRespondedAt).not.toBeNull();

    const thread = (await a.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    // inbound, the automatic SLA acknowledgement (not a human reply), the agent's reply
    expect(thread.map((m: { direction: string }) => m.direction)).toEqual([
      'inbound',
      'outbound',
      'outbound',
    ]);
    expect(thread[1].authorType).toBe('system');

    const audit = (await a.request('GET', `/api/v1/tickets/${ticket.id}/audit`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'acknowledgement_sent',
      'message_outbound',
      'assigned', // the unassigned case goes to whoever answered it
      'status_changed',
    ]);
    expect(audit[1]).toMatchObject({ actorType: 'system', after: { messageId: thread[1].id } });
    expect(audit[3]).toMatchObject({ after: { assigneeId: a.userId }, actorType: 'user' });
    expect(audit[4]).toMatchObject({
      before: { status: 'new' },
      after: { status: 'acknowledged' },
      actorType: 'user',
    });
  });

  test('status moves along the machine; an illegal move is 409 and changes nothing', async () => {
    const ticket = (await a.request('POST', '/api/v1/tickets', aComplaint())).json();
    const illegal = await a.request('POST', `/api/v1/tickets/${ticket.id}/status`, { status: 'follow_up' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.code).toBe('ILLEGAL_TRANSITION');
    expect((await a.request('GET', `/api/v1/tickets/${ticket.id}`)).json().status).toBe('new');

    expect(
      (await a.request('POST', `/api/v1/tickets/${ticket.id}/status`, { status: 'investigating' }))
        .statusCode,
    ).toBe(200);
    const noCause = await a.request('POST', `/api/v1/tickets/${ticket.id}/status`, { status: 'closed' });
    expect(noCause.statusCode).toBe(400);
    const closed = await a.request('POST', `/api/v1/tickets/${ticket.id}/status`, {
      status: 'closed',
      rootCause: 'supplier_defect',
      resolution: '换货',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', rootCause: 'supplier_defect' });

    const inbound = await a.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'inbound',
      body: '换的货还是坏的',
    });
    expect(inbound.json().ticket).toMatchObject({ status: 'investigating', reopenCount: 1 });
    // the buyer's message carries the buyer's name
    expect(inbound.json().message).toMatchObject({ authorType: 'customer', authorName: '王女士' });
  });

  test('assignment, tags and severity are audited with before and after', async () => {
    const ticket = (await a.request('POST', '/api/v1/tickets', aComplaint())).json();
    const agent = await a.addUser('agent');
    const patched = await a.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      assigneeId: agent.userId,
      tags: ['vip'],
      severity: 'high',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ assigneeId: agent.userId, tags: ['vip'], severity: 'high' });
    const mine = (await agent.request('GET', '/api/v1/tickets?assigneeId=me')).json().items;
    expect(mine.map((i: { id: string }) => i.id)).toEqual([ticket.id]);
    const audit = (await a.request('GET', `/api/v1/tickets/${ticket.id}/audit`)).json().items;
    expect(audit.at(-1)).toMatchObject({
      action: 'updated',
      before: { severity: 'normal', assigneeId: null },
      after: { severity: 'high', assigneeId: agent.userId },
    });
  });

  test('filters combine and pages follow the cursor without gaps or repeats', async () => {
    const c = await t.signup('C');
    const shop = (await c.request('POST', '/api/v1/shops', { platform: 'manual', name: '热线' })).json();
    for (let i = 0; i < 7; i++) {
      await c.request('POST', '/api/v1/tickets', {
        kind: 'inquiry',
        channel: 'hotline',
        subject: `问题 ${i}`,
        shopId: shop.id,
        severity: i % 2 ? 'high' : 'low',
        tags: i < 3 ? ['双11'] : [],
      });
    }
    const high = (await c.request('GET', `/api/v1/tickets?severity=high&shopId=${shop.id}&status=new`)).json()
      .items;
    expect(high).toHaveLength(3);
    const tagged = (await c.request('GET', `/api/v1/tickets?tag=${encodeURIComponent('双11')}`)).json().items;
    expect(tagged).toHaveLength(3);

    for (const sort of ['due', 'created', 'updated']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/tickets?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = (await c.request('GET', url)).json();
        seen.push(...res.items.map((i: { id: string }) => i.id));
        cursor = res.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(7);
      expect(seen).toHaveLength(7);
    }
  });

  test('bad input is refused with the envelope and changes nothing', async () => {
    const before = (await a.request('GET', '/api/v1/tickets?limit=200')).json().items.length;
    const cases: [unknown, number, string][] = [
      [{ ...aComplaint(), kind: 'rant' }, 400, 'VALIDATION_FAILED'],
      [{ ...aComplaint(), unknownField: 1 }, 400, 'VALIDATION_FAILED'],
      [{ ...aComplaint(), subject: 'x'.repeat(201) }, 400, 'VALIDATION_FAILED'],
      [{ ...aComplaint(), subject: 42 }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'complaint' }, 400, 'VALIDATION_FAILED'],
      [{ ...aComplaint(), shopId: '00000000-0000-7000-8000-000000000000' }, 404, 'SHOP_NOT_FOUND'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await a.request('POST', '/api/v1/tickets', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toBeTruthy();
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie: a.cookie, 'content-type': 'application/json' },
      payload: '{"kind": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_REQUEST');
    expect((await a.request('GET', '/api/v1/tickets?cursor=notacursor')).statusCode).toBe(400);
    expect((await a.request('GET', '/api/v1/tickets?status=bogus')).statusCode).toBe(400);
    expect((await a.request('GET', '/api/v1/tickets/not-a-uuid')).statusCode).toBe(400);
    expect((await a.request('GET', '/api/v1/tickets?limit=200')).json().items.length).toBe(before);
  });

  test('tenant B sees none of tenant A’s cases and cannot touch them', async () => {
    const ticket = (await a.request('POST', '/api/v1/tickets', aComplaint())).json();
    expect((await b.request('GET', `/api/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await b.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).statusCode).toBe(404);
    expect((await b.request('GET', `/api/v1/tickets/${ticket.id}/audit`)).statusCode).toBe(404);
    expect(
      (await b.request('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'hi' })).statusCode,
    ).toBe(404);
    expect(
      (await b.request('POST', `/api/v1/tickets/${ticket.id}/status`, { status: 'investigating' }))
        .statusCode,
    ).toBe(404);
    expect((await b.request('PATCH', `/api/v1/tickets/${ticket.id}`, { severity: 'low' })).statusCode).toBe(
      404,
    );
    expect((await b.request('POST', '/api/v1/tickets', aComplaint())).statusCode).toBe(404); // A's shop
    expect((await b.request('GET', '/api/v1/tickets')).json().items).toHaveLength(0);
    expect(
      (await b.request('PATCH', `/api/v1/tickets/${ticket.id}`, { assigneeId: a.userId })).statusCode,
    ).toBe(404);
    expect((await a.request('GET', `/api/v1/tickets/${ticket.id}`)).json().status).toBe('new');
  });

  test('without a session the API answers 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/tickets' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});
