import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../auth/roles.js';
import { type StrictFake, startStrictFake } from '../channels/fake-platform/server.js';
import { createOutboundPolicy } from '../http/outbound-policy.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, drain, fixture, push, type TestShop } from './testing.js';

// Tmall's refund calls need the refund's phase (售中 onsale / 售后 aftersale). The after-sale's pushes
// name it; the case keeps it, and every refund call about the case carries it. The shop setting
// taobaoRefundPhase is only the fallback for a case whose events never named one.
let t: TestApp;
let a: TestClient;
let fake: StrictFake;
let shop: TestShop;
let refundNo = 166123456789100000n;
let messageNo = 9223372036854000001n;

beforeAll(async () => {
  fake = await startStrictFake();
  t = await createTestApp({
    outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
    ingest: {
      backoffBaseMs: 0,
      backoffMaxMs: 0,
      outboxMaxAttempts: 1,
      apiBaseUrls: { taobao: `${fake.url}/taobao` },
    },
  });
  a = await t.signup('天猫商家');
  // The fallback says 售中; the pushes below say otherwise where they name a phase.
  const settings = { accessToken: 'token-tmall', returnAddressId: '7001', taobaoRefundPhase: 'onsale' };
  shop = await createShop(a, 'taobao', { settings });
  fake.register('taobao', { ...shop, ...settings });
});
afterAll(() => fake.close());

/** A push of one of the after-sale's events, with this refund id and this phase (or none). */
function refundEvent(name: string, refundId: string, phase: string | null, modified: string) {
  // Edited as text: the message id is a 64-bit number JSON.parse would round. The trade is the refund's own.
  return fixture('taobao', name)
    .replace('\\"refund_id\\": \\"166123456789012345\\"', `\\"refund_id\\": \\"${refundId}\\"`)
    .replace('\\"tid\\": \\"3801234567890123456\\"', `\\"tid\\": \\"${tradeOf(refundId)}\\"`)
    .replace(/\\"modified\\": \\"[^\\]*\\"/, `\\"modified\\": \\"${modified}\\"`)
    .replace('\\"refund_phase\\": \\"aftersale\\", ', phase ? `\\"refund_phase\\": \\"${phase}\\", ` : '')
    .replace(/"id": \d+/, `"id": ${messageNo++}`);
}
const tradeOf = (refundId: string) => `38${refundId}`;

/** The buyer's paid trade, as the merchant's order import knows it: a refund can only be of an order. */
async function orderFor(refundId: string) {
  const res = await a.request('POST', '/api/v1/orders', {
    shopId: shop.id,
    externalId: tradeOf(refundId),
    paidAt: '2026-11-20T08:00:00.000Z',
    items: [{ name: '电热水壶', quantity: 1, unitPriceFen: 12990 }],
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function caseOf(refundId: string) {
  const items = (await a.request('GET', `/api/v1/tickets?shopId=${shop.id}`)).json().items as {
    id: string;
    externalRef: string | null;
  }[];
  return items.find((x) => x.externalRef === `aftersale:${refundId}`)!;
}

/** Refunds the case (pre-approved, as a recall does) and sends what the outbox queued. */
async function refundAndSend(ticketId: string) {
  const before = fake.calls.length;
  await t.services.playbooks.offers.acceptPreApproved(
    systemActor(a.tenantId, 'test'),
    ticketId,
    { remedy: 'refund', amountFen: 12990 },
    'test',
  );
  for (let i = 0; i < 5; i++) if ((await t.services.ingest.runOutboxBatch()) === 0) break;
  return fake.calls.slice(before).filter((c) => c.api === 'taobao.rp.refunds.agree');
}

describe('Tmall refund phase: stored on the case at ingest, used on every refund call', () => {
  test('the phase the pushes named goes on the refund call, not the shop’s fallback; a later push without one keeps it', async () => {
    const refundId = String(refundNo++);
    await orderFor(refundId);
    await push(t, shop, refundEvent('refund-created', refundId, 'aftersale', '2026-11-25 10:00:00'));
    // The buyer's later words on the refund name no phase: the case keeps 售后.
    await push(t, shop, refundEvent('refund-message', refundId, null, '2026-11-25 10:05:00'));
    await drain(t);
    const ticket = await caseOf(refundId);
    expect(ticket).toBeDefined();

    const calls = await refundAndSend(ticket.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.accepted).toBe(true);
    expect(String(calls[0]!.params.refund_infos)).toMatch(
      new RegExp(`^${refundId}\\|12990\\|\\d+\\|aftersale$`),
    );
  });

  test('a case whose events never named a phase falls back to the shop setting', async () => {
    const refundId = String(refundNo++);
    await orderFor(refundId);
    await push(t, shop, refundEvent('refund-created', refundId, null, '2026-11-25 11:00:00'));
    await drain(t);
    const calls = await refundAndSend((await caseOf(refundId)).id);
    expect(calls).toHaveLength(1);
    expect(String(calls[0]!.params.refund_infos)).toMatch(/\|onsale$/);
  });

  test('a late push with another phase does not overwrite the latest one; a later one does', async () => {
    const refundId = String(refundNo++);
    await orderFor(refundId);
    await push(t, shop, refundEvent('refund-created', refundId, 'onsale', '2026-11-25 12:00:00'));
    await drain(t);
    await push(t, shop, refundEvent('refund-agreed', refundId, 'aftersale', '2026-11-25 12:30:00'));
    // Delivered after the 12:30 event, but older: it changes neither the stage nor the phase.
    await push(t, shop, refundEvent('refund-message', refundId, 'onsale', '2026-11-25 12:10:00'));
    await drain(t);
    const calls = await refundAndSend((await caseOf(refundId)).id);
    expect(String(calls[0]!.params.refund_infos)).toMatch(/\|aftersale$/);
  });
});
