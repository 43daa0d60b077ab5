import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, drain, fixture, push, type TestShop } from './testing.js';

// Issue 15 §1: what the console and the API say about outbound acts is what happened. The shops are
// simulated (settings.simulated): their sends are answered by the built-in simulated platform, so
// this test, like the demo, never reaches a network; this shop's platform refuses every send until told otherwise.
let t: TestApp;
let a: TestClient;
let b: TestClient;
let shop: TestShop;

type Delivery = { state: string; reason?: string; manual?: true };
type Msg = { id: string; direction: string; delivery: Delivery | null; deliveryStatus: string | null };

beforeAll(async () => {
  t = await createTestApp({ ingest: { backoffBaseMs: 0, backoffMaxMs: 0, outboxMaxAttempts: 3 } });
  a = await t.signup('A');
  b = await t.signup('B');
  shop = await createShop(a, 'taobao', {
    settings: {
      simulated: true,
      simulatedFailureEvery: 1,
      accessToken: 'sim-session',
      returnAddressId: '7001',
    },
  });
}, 60_000);

async function openCase() {
  await push(t, shop, fixture('taobao', 'refund-created'));
  await drain(t);
  const items = (await a.request('GET', `/api/v1/tickets?shopId=${shop.id}`)).json().items as {
    id: string;
  }[];
  return items[0]!.id;
}
const messages = async (id: string) =>
  (await a.request('GET', `/api/v1/tickets/${id}/messages`)).json().items as Msg[];
const ticket = async (id: string) => (await a.request('GET', `/api/v1/tickets/${id}`)).json();
const sendOnce = () => t.services.ingest.runOutboxBatch();
async function setFailures(every: number | null) {
  const res = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
    settings: { simulatedFailureEvery: every },
  });
  expect(res.statusCode).toBe(200);
}

describe('the true delivery state of outbound acts', () => {
  test('a reply the platform refused is failed with its reason, counts for no SLA, and is listed per shop to retry', async () => {
    const id = await openCase();
    const res = await a.request('POST', `/api/v1/tickets/${id}/messages`, {
      direction: 'outbound',
      body: '您好，我们已收到您的退款申请，马上处理',
    });
    expect(res.statusCode).toBe(201);
    const replyId = res.json().message.id as string;
    expect((await messages(id)).find((m) => m.id === replyId)?.delivery).toEqual({ state: 'queued' });
    for (let i = 0; i < 5 && (await sendOnce()) > 0; i++);

    const thread = await messages(id);
    const reply = thread.find((m) => m.id === replyId)!;
    expect(reply.delivery?.state).toBe('failed');
    // The simulated platform refuses in turn (wrong state, busy, expired token): the reason is the platform's.
    expect(reply.delivery?.reason).toMatch(/^\[(wrong_state|auth_expired)\] .*模拟平台/);

    // The buyer never got it: no first response, the clock says why.
    const t1 = await ticket(id);
    expect(t1.ticket?.firstRespondedAt ?? t1.firstRespondedAt).toBeNull();
    const clock = (await a.request('GET', `/api/v1/sla/tickets/${id}`)).json();
    expect(clock.warnings).toContain('reply_failed');
    expect(clock.state).not.toBe('met');

    // The shop's failed deliveries: the reply with its case and reason; channel health says why.
    // The automatic acknowledgement of the new refund went to the same refund API (not "manual"),
    // and was refused like the reply.
    const failed = (await a.request('GET', `/api/v1/ingest/outbox?status=failed&shopId=${shop.id}`)).json();
    const kinds = (failed.items as { kind: string }[]).map((x) => x.kind).sort();
    expect(kinds).toEqual(['acknowledgement', 'reply']);
    const failedReply = failed.items.find((x: { kind: string }) => x.kind === 'reply');
    expect(failedReply).toMatchObject({ kind: 'reply', ticketId: id, delivery: { state: 'failed' } });
    expect(failedReply.ticketNumber).toEqual(expect.any(Number));
    const health = (await a.request('GET', '/api/v1/ingest/health')).json().items as {
      shopId: string;
      outboxFailed: number;
      lastDeliveryError: string | null;
    }[];
    const mine = health.find((h) => h.shopId === shop.id)!;
    expect(mine.outboxFailed).toBe(2);
    expect(mine.lastDeliveryError).toMatch(/^\[(wrong_state|auth_expired)\]/);

    // Counted in /metrics.
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      /aftercare_outbound_deliveries_total\{platform="taobao",kind="reply",outcome="failed",category="(wrong_state|auth_expired)"\} 1/,
    );

    // The platform is fixed; retried from the shop's list: delivered, met at the moment of delivery.
    await setFailures(null);
    const retried = await a.request('POST', '/api/v1/ingest/outbox/retry-failed', { shopId: shop.id });
    expect(retried.json()).toEqual({ retried: 2 });
    for (let i = 0; i < 5 && (await sendOnce()) > 0; i++);
    expect((await messages(id)).find((m) => m.id === replyId)?.delivery).toEqual({ state: 'sent' });
    // The acknowledgement too: both went out as refund messages, neither is left for a person.
    const outbound = (await messages(id)).filter((m) => m.direction === 'outbound');
    expect(outbound.map((m) => m.delivery?.state)).toEqual(['sent', 'sent']);
    const t2 = await ticket(id);
    expect(t2.ticket?.firstRespondedAt ?? t2.firstRespondedAt).not.toBeNull();
    const clock2 = (await a.request('GET', `/api/v1/sla/tickets/${id}`)).json();
    expect(clock2.warnings).not.toContain('reply_failed');
  }, 120_000);

  test('a busy platform: the reply shows retrying with the reason, then sent', async () => {
    const id = await openCase();
    const res = await a.request('POST', `/api/v1/tickets/${id}/messages`, {
      direction: 'outbound',
      body: '请您稍等',
    });
    const replyId = res.json().message.id as string;
    // The platform's second refusal of this shop is "busy": the sender tries again later.
    await setFailures(1);
    await sendOnce();
    const retrying = (await messages(id)).find((m) => m.id === replyId)?.delivery;
    expect(retrying?.state).toBe('retrying');
    expect(retrying?.reason).toMatch(/^\[platform_busy\] /);
    await setFailures(null);
    for (let i = 0; i < 5 && (await sendOnce()) > 0; i++);
    expect((await messages(id)).find((m) => m.id === replyId)?.delivery?.state).toBe('sent');
  }, 120_000);

  test('tenant B can neither list nor retry A’s failed deliveries', async () => {
    const list = await b.request('GET', `/api/v1/ingest/outbox?status=failed&shopId=${shop.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(0);
    const retry = await b.request('POST', '/api/v1/ingest/outbox/retry-failed', { shopId: shop.id });
    expect(retry.statusCode).toBe(404);
    const bad = await a.request('POST', '/api/v1/ingest/outbox/retry-failed', { shopId: 'nope' });
    expect(bad.statusCode).toBe(400);
  });
});
