import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StrictFake, startStrictFake } from '../../channels/fake-platform/server.js';
import { createShop, drain, fixture, push, type TestShop } from '../../ingest/testing.js';
import { createOutboundPolicy } from '../outbound-policy.js';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

// Two fake platforms the installation allows (old and new address of a shop), and a trap that must
// never see a connection. Everything listens on 127.0.0.1.
let oldGw: StrictFake;
let newGw: StrictFake;
let trap: Server;
let trapPort = 0;
let trapConnections = 0;
let t: TestApp;
let a: TestClient;
let shop: TestShop;

beforeAll(async () => {
  oldGw = await startStrictFake();
  newGw = await startStrictFake();
  trap = createServer((s) => {
    trapConnections++;
    s.destroy();
  });
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
  trapPort = (trap.address() as { port: number }).port;
  t = await createTestApp({
    outbound: createOutboundPolicy({ allow: [new URL(oldGw.url).host, new URL(newGw.url).host] }),
    ingest: { backoffBaseMs: 0, backoffMaxMs: 0, outboxMaxAttempts: 2 },
  });
  a = await t.signup('Outbound');
  shop = await createShop(a, 'taobao', {
    settings: { apiBaseUrl: `${oldGw.url}/taobao`, accessToken: 'token-tb-sec' },
  });
  for (const gw of [oldGw, newGw]) gw.register('taobao', { ...shop, accessToken: 'token-tb-sec' });
});

afterAll(async () => {
  await oldGw.close();
  await newGw.close();
  await new Promise((r) => trap.close(r));
});

async function queuedReply(text: string) {
  await push(t, shop, fixture('taobao', 'refund-created'));
  await drain(t);
  const [ticket] = (await a.request('GET', `/api/v1/tickets?shopId=${shop.id}`)).json().items;
  const res = await a.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
    direction: 'outbound',
    body: text,
  });
  expect(res.statusCode).toBe(201);
  return res.json().message.id as string;
}

/** Sets the stored address directly, as a row written before the API checked addresses would hold it. */
async function setAddress({ apiBaseUrl }: { apiBaseUrl: string }) {
  await t.database.query(
    `update shops set settings = jsonb_set(settings, '{apiBaseUrl}', to_jsonb($2::text)) where id = $1`,
    [shop.id, apiBaseUrl],
  );
}

async function sendAll() {
  for (let i = 0; i < 5; i++) if ((await t.services.ingest.runOutboxBatch()) === 0) return;
}

const deliveryOf = async (messageId: string) =>
  (
    (await a.request('GET', '/api/v1/ingest/outbox?limit=200')).json().items as {
      messageId: string;
      status: string;
      lastError: string | null;
      id: string;
    }[]
  ).find((r) => r.messageId === messageId)!;

describe('a shop address that points inside', () => {
  test.each([
    'http://127.0.0.1:PORT/',
    'https://127.0.0.1:PORT/',
    'https://2130706433:PORT/',
    'https://0x7f000001:PORT/',
    'https://[::ffff:127.0.0.1]:PORT/',
    'https://localhost:PORT/',
    'https://169.254.169.254/latest/meta-data/',
    'https://10.0.0.1/',
    'https://0.0.0.0:PORT/',
  ])('%s is refused with 400 when a tenant sets it', async (template) => {
    const url = template.replace('PORT', String(trapPort));
    const res = await a.request('PATCH', `/api/v1/shops/${shop.id}`, { settings: { apiBaseUrl: url } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/settings\.apiBaseUrl/);
    const ws = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { pddMessageUrl: url.replace(/^http/, 'ws') },
    });
    expect(ws.statusCode).toBe(400);
    expect(ws.json().error.message).toMatch(
      /settings\.pddMessageUrl: (the address is not a public|only https)/,
    );
  });

  test('a stored internal address (set before this check) is refused at send time, with no connection and no body shown', async () => {
    const messageId = await queuedReply('您好，已为您处理');
    await setAddress({ apiBaseUrl: `https://2130706433:${trapPort}/` });
    // Held first (the address changed after queuing); the merchant re-sends it on purpose.
    await sendAll();
    const held = await deliveryOf(messageId);
    expect(held.status).toBe('failed');
    expect(held.lastError).toMatch(/held/);
    await a.request('POST', `/api/v1/ingest/outbox/${held.id}/retry`);
    await sendAll();
    const refused = await deliveryOf(messageId);
    expect(refused.status).not.toBe('sent');
    expect(refused.lastError).toMatch(/not a public internet address/);
    expect(refused.lastError).not.toMatch(/127|2130706433/);
    expect(trapConnections).toBe(0);
    await setAddress({ apiBaseUrl: `${oldGw.url}/taobao` });
  });
});

describe('changing a shop’s address', () => {
  test('work queued for the old address is held with a reason, not sent to the new one, until re-sent', async () => {
    const messageId = await queuedReply('旧地址排队的回复');
    const res = await a.request('PATCH', `/api/v1/shops/${shop.id}`, {
      settings: { apiBaseUrl: `${newGw.url}/taobao` },
    });
    expect(res.statusCode).toBe(200);
    const before = newGw.calls.length;
    await sendAll();
    const held = await deliveryOf(messageId);
    expect(held.status).toBe('failed');
    expect(held.lastError).toMatch(/address changed/);
    expect(newGw.calls.length).toBe(before);
    const retried = await a.request('POST', `/api/v1/ingest/outbox/${held.id}/retry`);
    expect(retried.statusCode).toBe(200);
    await sendAll();
    expect((await deliveryOf(messageId)).status).toBe('sent');
    expect(newGw.calls.length).toBe(before + 1);
  });

  test('a platform error answer is shown as its code and a short message, never the body', async () => {
    await setAddress({ apiBaseUrl: `${newGw.url}/taobao` });
    newGw.failAlways({
      failure: {
        type: 'status',
        status: 500,
        body: `<html>internal admin console: db password hunter2 ${'x'.repeat(5000)}</html>`,
      },
    });
    const messageId = await queuedReply('会失败的回复');
    await sendAll();
    const failed = await deliveryOf(messageId);
    expect(failed.lastError).toBe('[platform_busy] taobao HTTP 500');
    newGw.clearFailures();
  });
});
