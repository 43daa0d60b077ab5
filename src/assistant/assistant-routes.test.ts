import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let supervisor: TestClient;
let shopId: string;
let productId: string;
let customerId: string;
let orderId: string;

const ok = async (client: TestClient, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) => {
  const res = await client.request(method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
};

async function anOrder(overrides: Record<string, unknown> = {}) {
  const customer = await ok(a, 'POST', '/api/v1/customers', {
    name: '李先生',
    shopId,
    externalId: `buyer-${Math.random().toString(36).slice(2)}`,
  });
  const product = await ok(a, 'POST', '/api/v1/products', {
    name: '玻璃保温杯',
    shopId,
    category: '家居/杯具',
    skus: [{ code: `CUP-${Math.random().toString(36).slice(2, 8)}`, name: '保温杯 400ml', priceFen: 89_00 }],
  });
  const order = await ok(a, 'POST', '/api/v1/orders', {
    shopId,
    externalId: `DY${Date.now()}${Math.floor(Math.random() * 1000)}`,
    customerId: customer.id,
    status: 'shipped',
    paidAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    shippedAt: new Date(Date.now() - 86_400_000).toISOString(),
    carrier: '中通快递',
    trackingNo: 'ZT7700112233',
    items: [{ skuId: product.skus[0].id, name: '保温杯 400ml', quantity: 1, unitPriceFen: 89_00 }],
    ...overrides,
  });
  return { customerId: customer.id as string, productId: product.id as string, orderId: order.id as string };
}

const chat = async (body: string, order: { customerId: string; orderId: string } = { customerId, orderId }) =>
  ok(a, 'POST', '/api/v1/tickets', {
    kind: 'inquiry',
    channel: 'live_chat',
    subject: body.slice(0, 20),
    body,
    shopId,
    customerId: order.customerId,
    orderId: order.orderId,
  });

const messagesOf = async (ticketId: string) =>
  (await a.request('GET', `/api/v1/tickets/${ticketId}/messages`)).json().items as {
    direction: string;
    body: string;
    authorType: string;
    authorName: string;
  }[];

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  supervisor = await a.addUser('supervisor');
  shopId = (
    await ok(a, 'POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '杯具旗舰店',
      appKey: 'k',
      appSecret: 's',
    })
  ).id;
  ({ customerId, productId, orderId } = await anOrder());
  await ok(supervisor, 'PUT', '/api/v1/assistant/settings', {
    enabled: true,
    threshold: 0.75,
    channels: ['live_chat', 'platform_message'],
    intents: [
      'where_is_parcel',
      'ship_time',
      'return_how',
      'size_fit',
      'invoice',
      'how_to_use',
      'is_genuine',
    ],
    shipWithinHours: 48,
    publicBaseUrl: 'https://shop.example.cn',
  });
}, 180_000);

describe('knowledge base', () => {
  test('an article with script is stored without it, versioned on edit, and public once published', async () => {
    const created = await supervisor.request('POST', '/api/v1/kb/articles', {
      productId,
      kind: 'usage',
      locale: 'zh-CN',
      title: '保温杯使用说明<script>alert(1)</script>',
      body: '## 使用方法\n首次使用前请用温水清洗。<script>document.cookie</script>\n\n- 可以装开水，杯身耐热120℃\n- 不可放入微波炉',
    });
    expect(created.statusCode).toBe(201);
    const article = created.json();
    expect(article).toMatchObject({ title: '保温杯使用说明', status: 'draft', version: 1 });
    expect(article.body).not.toMatch(/script/i);
    const published = await ok(supervisor, 'PATCH', `/api/v1/kb/articles/${article.id}`, {
      status: 'published',
    });
    expect(published.version).toBe(2);
    const versions = (await a.request('GET', `/api/v1/kb/articles/${article.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const page = (await a.request('GET', `/api/v1/kb/products/${productId}/page`)).json();
    const html = await t.app.inject({ method: 'GET', url: `/kb/${page.publicId}` });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('可以装开水');
    expect(html.body).not.toMatch(/<script|李先生|ZT7700/);
    expect((await t.app.inject({ method: 'GET', url: '/kb/zzzzzzzzzzzz' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/kb/<script>' })).statusCode).toBe(404);
  });

  test('bad input is a 400; agents read but do not write; another tenant sees nothing', async () => {
    expect(
      (
        await supervisor.request('POST', '/api/v1/kb/articles', {
          kind: 'usage',
          locale: 'fr',
          title: 'x',
          body: 'y',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await supervisor.request('POST', '/api/v1/kb/articles', {
          kind: 'usage',
          locale: 'zh-CN',
          title: '<b></b>',
          body: 'y',
        })
      ).statusCode,
    ).toBe(400);
    expect((await a.request('GET', '/api/v1/kb/articles?cursor=nope')).statusCode).toBe(400);
    const agent = await a.addUser('agent');
    expect(
      (
        await agent.request('POST', '/api/v1/kb/articles', {
          kind: 'usage',
          locale: 'zh-CN',
          title: 't',
          body: 'b',
        })
      ).statusCode,
    ).toBe(403);
    const mine = (await a.request('GET', '/api/v1/kb/articles')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect((await b.request('GET', '/api/v1/kb/articles')).json().items).toEqual([]);
    expect((await b.request('GET', `/api/v1/kb/articles/${mine[0].id}`)).statusCode).toBe(404);
    expect((await b.request('PATCH', `/api/v1/kb/articles/${mine[0].id}`, { title: 'x' })).statusCode).toBe(
      404,
    );
    expect((await b.request('GET', `/api/v1/kb/products/${productId}/page`)).statusCode).toBe(404);
    expect(
      (
        await b.request('POST', '/api/v1/kb/articles', {
          productId,
          kind: 'usage',
          locale: 'zh-CN',
          title: 't',
          body: 'b',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('the answering assistant on live chat', () => {
  test('“我的快递到哪了” gets the tracking status at once, marked automatic', async () => {
    const ticket = await chat('我的快递到哪了');
    const out = (await messagesOf(ticket.id)).filter(
      (m) => m.direction === 'outbound' && m.body.includes('【自动回复】'),
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.body).toContain('中通快递');
    expect(out[0]!.body).toContain('ZT7700112233');
    expect(out[0]!.body).toContain('人工');
    expect(out[0]!.authorType).toBe('system');
  });

  test('a live chat gets one first reply: the answer when the assistant answers, the acknowledgement otherwise', async () => {
    const answered = await chat('我的快递到哪了');
    const toBuyer = (await messagesOf(answered.id)).filter((m) => m.direction === 'outbound');
    expect(toBuyer).toHaveLength(1);
    expect(toBuyer[0]!.body.startsWith('【自动回复】')).toBe(true);
    const handedOver = await chat('你们是不是骗子');
    const ack = (await messagesOf(handedOver.id)).filter((m) => m.direction === 'outbound');
    expect(ack).toHaveLength(1);
    expect(ack[0]!.body).toContain('已收到');
  });

  test('“这个杯子能装开水吗” is answered from the product’s article, with its public link', async () => {
    const ticket = await chat('这个杯子能装开水吗');
    const answer = (await messagesOf(ticket.id)).find((m) => m.body.startsWith('【自动回复】'));
    expect(answer?.body).toContain('可以装开水');
    expect(answer?.body).toMatch(/https:\/\/shop\.example\.cn\/kb\/[0-9a-z]{12}/);
  });

  test('“你们是不是骗子” goes to a person; the assistant stays quiet on that case afterwards', async () => {
    const ticket = await chat('你们是不是骗子');
    expect((await messagesOf(ticket.id)).some((m) => m.body.startsWith('【自动回复】'))).toBe(false);
    await ok(a, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'inbound',
      body: '我的快递到哪了',
    });
    expect((await messagesOf(ticket.id)).some((m) => m.body.startsWith('【自动回复】'))).toBe(false);
  });

  test('traditional characters are understood; pinyin and emoji only go to a person', async () => {
    const hk = await chat('請問我的貨到哪了');
    expect((await messagesOf(hk.id)).some((m) => m.body.startsWith('【自动回复】'))).toBe(true);
    for (const text of ['wo de kuaidi dao na le', '😭😭😭']) {
      const ticket = await chat(text);
      expect((await messagesOf(ticket.id)).some((m) => m.body.startsWith('【自动回复】'))).toBe(false);
    }
  });

  test('a tracking number the carrier does not know is handed over with a draft, never answered', async () => {
    const unknown = await anOrder({ status: 'paid', shippedAt: undefined, trackingNo: 'XX000000000' });
    const ticket = await chat('我的快递到哪了', unknown);
    const msgs = await messagesOf(ticket.id);
    expect(msgs.some((m) => m.body.startsWith('【自动回复】'))).toBe(false);
    expect(msgs.find((m) => m.direction === 'note')?.body).toContain('查不到轨迹');
  });

  test('stats count answered, handed over and buyers who wrote again within 24 h; per tenant', async () => {
    const ticket = await chat('发货了吗');
    await ok(a, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'inbound',
      body: '还是没看到物流',
    });
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const stats = (await supervisor.request('GET', `/api/v1/assistant/stats?from=${from}&to=${to}`)).json();
    expect(stats.answered).toBeGreaterThanOrEqual(4);
    expect(stats.handedOver).toBeGreaterThanOrEqual(4);
    expect(stats.reopenedWithin24h).toBeGreaterThanOrEqual(1);
    expect((await b.request('GET', `/api/v1/assistant/stats?from=${from}&to=${to}`)).json()).toEqual({
      answered: 0,
      handedOver: 0,
      reopenedWithin24h: 0,
    });
    expect(
      (await supervisor.request('GET', `/api/v1/assistant/stats?from=${to}&to=${from}`)).statusCode,
    ).toBe(400);
    expect((await supervisor.request('GET', '/api/v1/assistant/stats?from=x&to=y')).statusCode).toBe(400);
    const log = (await supervisor.request('GET', `/api/v1/assistant/log?from=${from}&to=${to}`)).json();
    expect(log.items.length).toBeGreaterThan(5);
    expect((await b.request('GET', `/api/v1/assistant/log?from=${from}&to=${to}`)).json().items).toEqual([]);
  });

  test('settings: bad values are refused; agents cannot change them', async () => {
    const agent = await a.addUser('agent');
    const current = (await agent.request('GET', '/api/v1/assistant/settings')).json();
    expect((await agent.request('PUT', '/api/v1/assistant/settings', current)).statusCode).toBe(403);
    expect(
      (await supervisor.request('PUT', '/api/v1/assistant/settings', { ...current, threshold: 2 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await supervisor.request('PUT', '/api/v1/assistant/settings', { ...current, channels: ['review'] }))
        .statusCode,
    ).toBe(400);
    expect((await b.request('GET', '/api/v1/assistant/settings')).json().enabled).toBe(false);
  });
});
