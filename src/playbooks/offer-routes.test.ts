import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { aPowerBankMerchant, openRefund } from '../recalls/test-fixtures.js';
import { aQualityCase, auditActions, type CaseFixture } from './test-fixtures.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let agent: TestClient;
let supervisor: TestClient;
let kase: CaseFixture;
let bCase: CaseFixture;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  agent = await a.addUser('agent');
  supervisor = await a.addUser('supervisor');
  kase = await aQualityCase(a);
  bCase = await aQualityCase(b);
});

const offer = (client: TestClient, ticketId: string, body: Record<string, unknown>) =>
  client.request('POST', `/api/v1/tickets/${ticketId}/offers`, body);
const outboxRows = (tenantId: string) =>
  t.database.query<{ kind: string; payload: Record<string, unknown>; ticket_id: string }>(
    'select kind, payload, ticket_id from outbox where tenant_id = $1 order by created_at',
    [tenantId],
  );

describe('offers and negotiation', () => {
  test('exchange + ¥10 coupon → buyer counters with a return and refund → supervisor approves → on a case entered by hand the return and the refund are to-dos, never failing outbox rows', async () => {
    const first = await offer(agent, kase.ticketId, { remedy: 'exchange', couponFen: 10_00 });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'proposed',
      round: 1,
      party: 'shop',
      returnShippingPaid: true,
      couponFen: 10_00,
    });
    const ticket = (await agent.request('GET', `/api/v1/tickets/${kase.ticketId}`)).json();
    expect(ticket.status).toBe('resolution_proposed');

    const counter = await agent.request('POST', `/api/v1/offers/${first.json().id}/counter`, {
      remedy: 'return_and_refund',
    });
    expect(counter.statusCode).toBe(201);
    const c = counter.json();
    // The full refund (¥199) is over the agent's ¥50: it waits for a supervisor.
    expect(c).toMatchObject({
      round: 2,
      party: 'buyer',
      amountFen: 199_00,
      status: 'awaiting_approval',
      requiredRole: 'supervisor',
    });
    expect((await agent.request('GET', `/api/v1/offers/${first.json().id}`)).json().status).toBe('countered');

    const queue = (await supervisor.request('GET', '/api/v1/offers/awaiting-approval')).json().items;
    expect(queue.map((o: { id: string }) => o.id)).toContain(c.id);
    expect((await agent.request('GET', '/api/v1/offers/awaiting-approval')).statusCode).toBe(403);

    const agentTry = await agent.request('POST', `/api/v1/offers/${c.id}/approve`, {});
    expect(agentTry.statusCode).toBe(422);
    expect(agentTry.json().error.code).toBe('OFFER_OVER_LIMIT');
    expect(agentTry.json().error.message).toContain('supervisor');

    const approved = await supervisor.request('POST', `/api/v1/offers/${c.id}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json().offer).toMatchObject({ status: 'accepted', approvedByName: expect.any(String) });
    const tasks = approved.json().tasks as {
      kind: string;
      status: string;
      data: Record<string, unknown>;
      dueAt: string;
    }[];
    // This case was entered by hand: there is no Douyin after-sale for the platform's API to act on,
    // so the return instruction is a to-do for a person (in the Douyin back office), not an outbox
    // row that could only fail.
    expect(tasks.map((x) => `${x.kind}:${x.status}`)).toEqual([
      'return_instruction:open',
      'watch_return_parcel:open',
    ]);
    expect(tasks[0]!.data).toMatchObject({ manual: true, manualWhy: 'no_target' });
    expect(tasks[0]!.data.outboxId).toBeUndefined();
    expect(new Date(tasks[1]!.dueAt).getTime()).toBeGreaterThan(Date.now());
    expect(await outboxRows(a.tenantId)).toEqual([]);
    expect((await agent.request('GET', `/api/v1/tickets/${kase.ticketId}`)).json().status).toBe('resolving');

    const again = await agent.request('POST', `/api/v1/offers/${c.id}/accept`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OFFER_ALREADY_ACCEPTED');
    const actions = await auditActions(t, a, kase.ticketId);
    expect(actions).toEqual(
      expect.arrayContaining([
        'offer_created',
        'offer_countered',
        'offer_approve_refused',
        'offer_approved',
        'offer_accepted',
        'offer_accept_refused',
      ]),
    );

    // The return parcel comes back: the refund is a person's to-do too, a satisfaction check follows.
    const watch = (await agent.request('GET', `/api/v1/tasks?ticketId=${kase.ticketId}`))
      .json()
      .items.find((x: { kind: string }) => x.kind === 'watch_return_parcel');
    const done = await agent.request('POST', `/api/v1/tasks/${watch.id}/complete`, {
      note: '退货已签收，商品完好',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().created.map((x: { kind: string; status: string }) => `${x.kind}:${x.status}`)).toEqual(
      ['refund:open', 'satisfaction_check:open'],
    );
    expect(done.json().created[0].data).toMatchObject({ manual: true, amountFen: 199_00 });
    expect(await outboxRows(a.tenantId)).toEqual([]);
  });

  test('on the buyer’s own after-sale the platform does it: the return instruction goes out through the outbox on that after-sale', async () => {
    const c = await t.signup('C');
    const m = await aPowerBankMerchant(c, 1);
    const refundId = await openRefund(t, m.shop, m.inScope[0]!.externalId);
    const [link] = await t.database.query<{ ticket_id: string }>(
      'select ticket_id from channel_cases where tenant_id = $1 and external_ref = $2',
      [c.tenantId, `aftersale:${refundId}`],
    );
    const ticketId = link!.ticket_id;
    const first = (
      await offer(c, ticketId, { remedy: 'return_and_refund', orderId: m.inScope[0]!.orderId })
    ).json();
    expect(first.status, JSON.stringify(first)).toBe('proposed');
    const counter = (
      await c.request('POST', `/api/v1/offers/${first.id}/counter`, { remedy: 'return_and_refund' })
    ).json();
    const accepted = await c.request('POST', `/api/v1/offers/${counter.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    const tasks = accepted.json().tasks as { kind: string; status: string; data: Record<string, unknown> }[];
    expect(tasks.map((x) => `${x.kind}:${x.status}`)).toEqual([
      'return_instruction:queued',
      'watch_return_parcel:open',
    ]);
    expect(tasks[0]!.data.outboxId).toEqual(expect.any(String));
    const out = await t.database.query<{ kind: string; case_ref: string; payload: Record<string, unknown> }>(
      'select kind, case_ref, payload from outbox where tenant_id = $1 and kind = $2',
      [c.tenantId, 'return_instruction'],
    );
    expect(out).toEqual([
      expect.objectContaining({
        case_ref: `aftersale:${refundId}`,
        payload: expect.objectContaining({
          return_shipping_paid: true,
          purpose: 'return_and_refund',
          // Taobao's calls name the refund's version: its last update, from the buyer's push.
          refund_version: expect.stringMatching(/^\d{13}$/),
        }),
      }),
    ]);
  });

  test('an agent accepting a buyer’s counter within the limit sets the exchange going, with tracking and follow-ups', async () => {
    const k = await aQualityCase(a, { shopId: kase.shopId });
    const first = (await offer(agent, k.ticketId, { remedy: 'partial_refund', amountFen: 30_00 })).json();
    const counter = (
      await agent.request('POST', `/api/v1/offers/${first.id}/counter`, { remedy: 'exchange' })
    ).json();
    expect(counter.status).toBe('proposed');
    const accepted = await agent.request('POST', `/api/v1/offers/${counter.id}/accept`, {});
    expect(accepted.json().offer.status).toBe('accepted');
    const ship = accepted.json().tasks.find((x: { kind: string }) => x.kind === 'ship_replacement');
    const noTracking = await agent.request('POST', `/api/v1/tasks/${ship.id}/complete`, {});
    expect(noTracking.statusCode).toBe(400);
    expect(noTracking.json().error.message).toContain('tracking');
    const shipped = await agent.request('POST', `/api/v1/tasks/${ship.id}/complete`, {
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890',
    });
    expect(shipped.json().created.map((x: { kind: string }) => x.kind)).toEqual([
      'notify_tracking',
      'watch_parcel',
    ]);
    const preview = await agent.request('GET', `/api/v1/tickets/${k.ticketId}/templates?locale=zh-CN`);
    const shippedTpl = preview.json().items.find((x: { key: string }) => x.key === 'exchange_shipped');
    expect(shippedTpl.preview.text).toContain('SF1234567890');
    expect(shippedTpl.preview.text).toContain('顺丰速运');
    expect(shippedTpl.preview.missing).toEqual([]);
    expect((await agent.request('POST', `/api/v1/tasks/${ship.id}/complete`, {})).statusCode).toBe(409);
  });

  test('bad offers are refused with a clear reason, change nothing, and are audited', async () => {
    const k = await aQualityCase(a, { shopId: kase.shopId });
    const otherShop = await aQualityCase(a); // same tenant, another shop
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ remedy: 'partial_refund', amountFen: -500 }, 400, 'VALIDATION_FAILED', 'negative'],
      [{ remedy: 'refund', amountFen: 250_00 }, 422, 'OFFER_REFUSED', 'order'],
      [{ remedy: 'refund', orderId: otherShop.orderId }, 422, 'OFFER_REFUSED', 'another shop'],
      [{ remedy: 'refund', orderId: bCase.orderId }, 404, 'ORDER_NOT_FOUND', 'not found'],
      [{ remedy: 'exchange', amountFen: 10_00 }, 400, 'VALIDATION_FAILED', 'coupon'],
      [{ remedy: 'partial_refund' }, 400, 'VALIDATION_FAILED', 'amount'],
    ];
    for (const [body, status, code, words] of cases) {
      const res = await offer(agent, k.ticketId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toContain(words);
    }
    expect((await agent.request('GET', `/api/v1/tickets/${k.ticketId}/offers`)).json().items).toEqual([]);
    const refused = (await a.request('GET', `/api/v1/tickets/${k.ticketId}/audit`))
      .json()
      .items.filter((e: { action: string }) => e.action === 'offer_refused');
    expect(refused).toHaveLength(cases.length);
    expect(refused[0].after).toMatchObject({ code: 'VALIDATION_FAILED', amountFen: -500 });
    expect(refused.map((e: { after: { reason: string } }) => e.after.reason).join(' ')).toContain(
      'another shop',
    );
  });

  test('approval limits are the tenant’s: an admin sets them; a supervisor cannot approve above theirs', async () => {
    expect((await agent.request('GET', '/api/v1/playbook-settings')).json().approvalLimits).toEqual({
      agent: 50_00,
      supervisor: 500_00,
      admin: null,
    });
    expect(
      (
        await supervisor.request('PUT', '/api/v1/playbook-settings', {
          approvalLimits: { agent: 0, supervisor: 100_00, admin: null },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await a.request('PUT', '/api/v1/playbook-settings', {
      approvalLimits: { agent: 200_00, supervisor: 100_00, admin: null },
    });
    expect(bad.statusCode).toBe(400);
    const set = await a.request('PUT', '/api/v1/playbook-settings', {
      approvalLimits: { agent: 0, supervisor: 100_00, admin: null },
    });
    expect(set.statusCode).toBe(200);
    const k = await aQualityCase(a, { shopId: kase.shopId });
    const coupon = (await offer(agent, k.ticketId, { remedy: 'coupon', amountFen: 5_00 })).json();
    expect(coupon).toMatchObject({ status: 'awaiting_approval', requiredRole: 'supervisor' });
    const refund = (await offer(supervisor, k.ticketId, { remedy: 'refund' })).json();
    expect(refund).toMatchObject({ status: 'awaiting_approval', requiredRole: 'admin' });
    const denied = await supervisor.request('POST', `/api/v1/offers/${refund.id}/approve`, {});
    expect(denied.json().error.code).toBe('OFFER_OVER_LIMIT');
    const rejected = await supervisor.request('POST', `/api/v1/offers/${coupon.id}/reject`, {
      reason: '先换货',
    });
    expect(rejected.json().offer).toMatchObject({ status: 'rejected', decisionReason: '先换货' });
    expect((await a.request('POST', `/api/v1/offers/${refund.id}/approve`, {})).json().offer.status).toBe(
      'proposed',
    );
    await a.request('PUT', '/api/v1/playbook-settings', {
      approvalLimits: { agent: 50_00, supervisor: 500_00, admin: null },
    });
  });

  test('the buyer cannot accept an offer before it reached them: a queued message is not enough, a call recorded is', async () => {
    const k = await aQualityCase(a, { shopId: kase.shopId });
    const o = (await offer(agent, k.ticketId, { remedy: 'partial_refund', amountFen: 20_00 })).json();
    expect(o).toMatchObject({ status: 'proposed', told: null });
    const untold = await agent.request('POST', `/api/v1/offers/${o.id}/accept`, {});
    expect(untold.statusCode).toBe(409);
    expect(untold.json().error.code).toBe('OFFER_NOT_TOLD');

    // Sent as a message on the case: on this Douyin case it has no platform API (a person must
    // paste it in the back office), so it has not reached the buyer.
    const told = await agent.request('POST', `/api/v1/offers/${o.id}/tell`, { via: 'message' });
    expect(told.statusCode).toBe(200);
    expect(told.json().told).toMatchObject({ via: 'message', delivery: { state: 'failed', manual: true } });
    const thread = (await agent.request('GET', `/api/v1/tickets/${k.ticketId}/messages`)).json().items as {
      id: string;
      body: string;
    }[];
    expect(thread.find((m) => m.id === told.json().told.messageId)?.body).toContain('部分退款 ¥20.00');
    const early = await agent.request('POST', `/api/v1/offers/${o.id}/accept`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'OFFER_NOT_TOLD',
      message: expect.stringContaining('did not reach the buyer'),
    });

    // The agent rings the buyer instead: now the buyer's yes can be recorded.
    const phoned = await agent.request('POST', `/api/v1/offers/${o.id}/tell`, { via: 'phone' });
    expect(phoned.json().told).toMatchObject({ via: 'phone', delivery: null });
    expect((await agent.request('POST', `/api/v1/offers/${o.id}/accept`, {})).statusCode).toBe(200);
    expect(await auditActions(t, a, k.ticketId)).toEqual(
      expect.arrayContaining(['offer_told', 'offer_accept_refused', 'offer_accepted']),
    );
    // An accepted offer is not told again; bad input is a 400.
    expect((await agent.request('POST', `/api/v1/offers/${o.id}/tell`, { via: 'phone' })).statusCode).toBe(
      409,
    );
    expect((await agent.request('POST', `/api/v1/offers/${o.id}/tell`, { via: 'fax' })).statusCode).toBe(400);
  });

  test('an offer message the platform cannot take is sent in the back office and marked so: then the buyer’s yes counts', async () => {
    const k = await aQualityCase(a, { shopId: kase.shopId });
    const o = (await offer(agent, k.ticketId, { remedy: 'partial_refund', amountFen: 10_00 })).json();
    const told = (await agent.request('POST', `/api/v1/offers/${o.id}/tell`, { via: 'message' })).json().told;
    expect(told.delivery).toMatchObject({ state: 'failed', manual: true });
    const url = `/api/v1/tickets/${k.ticketId}/messages/${told.messageId}/sent-by-hand`;

    // Another tenant, another case's id, a bad id: not found, and nothing moves.
    expect((await b.request('POST', url, {})).statusCode).toBe(404);
    const other = await aQualityCase(a, { shopId: kase.shopId });
    const elsewhere = await agent.request(
      'POST',
      `/api/v1/tickets/${other.ticketId}/messages/${told.messageId}/sent-by-hand`,
      {},
    );
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('NOT_FOUND');
    expect(
      (await agent.request('POST', `/api/v1/tickets/${k.ticketId}/messages/x/sent-by-hand`, {})).statusCode,
    ).toBe(400);

    const marked = await agent.request('POST', url, {});
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toMatchObject({
      deliveryStatus: 'sent_by_hand',
      delivery: { state: 'sent', byHand: true },
    });
    expect((await agent.request('GET', `/api/v1/offers/${o.id}`)).json().told.delivery).toEqual({
      state: 'sent',
      byHand: true,
    });
    // Said once: a second click is refused, a buyer's own message was never waiting for a person.
    expect((await agent.request('POST', url, {})).statusCode).toBe(409);
    const inbound = (await agent.request('GET', `/api/v1/tickets/${k.ticketId}/messages`))
      .json()
      .items.find((m: { direction: string }) => m.direction === 'inbound');
    expect(
      (await agent.request('POST', `/api/v1/tickets/${k.ticketId}/messages/${inbound.id}/sent-by-hand`, {}))
        .statusCode,
    ).toBe(409);
    expect((await agent.request('POST', `/api/v1/offers/${o.id}/accept`, {})).statusCode).toBe(200);
    expect(await auditActions(t, a, k.ticketId)).toEqual(
      expect.arrayContaining(['offer_told', 'message_sent_by_hand', 'offer_accepted']),
    );
  });

  test('tenant B can neither see nor move A’s offers', async () => {
    const k = await aQualityCase(a, { shopId: kase.shopId });
    const o = (await offer(agent, k.ticketId, { remedy: 'refund' })).json();
    expect(o.status).toBe('awaiting_approval');
    expect((await b.request('GET', `/api/v1/tickets/${k.ticketId}/offers`)).statusCode).toBe(404);
    expect((await offer(b, k.ticketId, { remedy: 'coupon', amountFen: 100 })).statusCode).toBe(404);
    expect((await b.request('GET', `/api/v1/offers/${o.id}`)).statusCode).toBe(404);
    for (const action of ['accept', 'approve', 'reject']) {
      expect((await b.request('POST', `/api/v1/offers/${o.id}/${action}`, {})).statusCode).toBe(404);
    }
    expect((await b.request('POST', `/api/v1/offers/${o.id}/tell`, { via: 'phone' })).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/offers/${o.id}/counter`, { remedy: 'refund' })).statusCode).toBe(
      404,
    );
    expect((await b.request('GET', '/api/v1/offers/awaiting-approval')).json().items).toEqual([]);
    expect((await b.request('GET', '/api/v1/playbook-settings')).json().approvalLimits.agent).toBe(50_00);
    const bLimits = { approvalLimits: { agent: 1_000_00, supervisor: 2_000_00, admin: null } };
    expect((await b.request('PUT', '/api/v1/playbook-settings', bLimits)).statusCode).toBe(200);
    expect((await a.request('GET', '/api/v1/playbook-settings')).json().approvalLimits.agent).toBe(50_00);
    expect((await agent.request('GET', `/api/v1/offers/${o.id}`)).json().status).toBe('awaiting_approval');
  });
});
