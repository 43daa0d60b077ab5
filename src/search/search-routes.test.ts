import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;

type Item = {
  id: string;
  subject: string;
  status: string;
  severity: string;
  search: {
    snippet: string;
    highlights: [number, number][];
    subjectHighlights: [number, number][];
    messageId: string | null;
  };
};

const open = async (
  client: TestClient,
  subject: string,
  body: string,
  extra: Record<string, unknown> = {},
) => {
  const res = await client.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject,
    body,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
};

const search = async (client: TestClient, query: string) => {
  const res = await client.request('GET', `/api/v1/search?${query}`);
  return {
    status: res.statusCode,
    body: res.json() as { items: Item[]; terms: string[]; capped: boolean; nextCursor: string | null },
  };
};

const marked = (item: Item) => item.search.highlights.map(([s, e]) => item.search.snippet.slice(s, e));

let cracked: { id: string };
let slow: { id: string };
let english: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  cracked = await open(a, '手机有问题', '收到手机发现屏幕摔碎了，要求退货退款', { severity: 'high' });
  slow = await open(a, '物流太慢', '下单一周了物流还没动，客服也不回', { severity: 'normal' });
  english = await open(a, 'Broken kettle', 'The kettle arrived with a cracked lid. Refund please.');
  await open(b, '屏幕碎了', 'B 店铺的屏幕也碎了 secret-b-text');
});

describe('search', () => {
  test('an agent finds a case by two Chinese words inside a jieba compound (屏幕 碎 in 屏幕摔碎了)', async () => {
    const { status, body } = await search(a, `q=${encodeURIComponent('屏幕 碎')}`);
    expect(status).toBe(200);
    expect(body.terms).toEqual(['屏幕', '碎']);
    expect(body.items.map((i) => i.id)).toEqual([cracked.id]);
    expect(marked(body.items[0]!)).toEqual(['屏幕', '碎']);
    expect(body.items[0]!.search.messageId).not.toBeNull();
  });

  test('the query is segmented as the text is: 物流慢 finds 物流太慢', async () => {
    const { body } = await search(a, `q=${encodeURIComponent('物流 慢')}`);
    expect(body.items.map((i) => i.id)).toEqual([slow.id]);
  });

  test('English search is case-insensitive and highlights the words', async () => {
    const { body } = await search(a, 'q=CRACKED%20lid');
    expect(body.items.map((i) => i.id)).toEqual([english.id]);
    expect(marked(body.items[0]!)).toEqual(['cracked', 'lid']);
  });

  test('a subject match ranks above a body match and highlights the subject', async () => {
    const subjectHit = await open(a, '屏幕碎裂投诉', '请尽快处理');
    const { body } = await search(a, `q=${encodeURIComponent('屏幕')}`);
    expect(body.items[0]!.id).toBe(subjectHit.id);
    expect(body.items[0]!.search.messageId).toBeNull();
    expect(body.items[0]!.search.subjectHighlights).toEqual([[0, 2]]);
    expect(body.items.map((i) => i.id)).toContain(cracked.id);
  });

  test('new replies are searchable at once', async () => {
    await a.request('POST', `/api/v1/tickets/${slow.id}/messages`, {
      direction: 'outbound',
      body: '已为您催促顺丰快递，预计明天送达',
    });
    const { body } = await search(a, `q=${encodeURIComponent('顺丰')}`);
    expect(body.items.map((i) => i.id)).toEqual([slow.id]);
    expect(body.items[0]!.search.snippet).toContain('顺丰');
  });

  test('an edited subject is searchable by its new words, not its old ones', async () => {
    const ticket = await open(a, '旧标题', '内容');
    await a.request('PATCH', `/api/v1/tickets/${ticket.id}`, { subject: '充电器冒烟' });
    expect((await search(a, `q=${encodeURIComponent('冒烟')}`)).body.items.map((i) => i.id)).toEqual([
      ticket.id,
    ]);
    expect((await search(a, `q=${encodeURIComponent('旧标题')}`)).body.items).toEqual([]);
  });

  test('search combines with the inbox filters', async () => {
    const low = await open(a, '保温杯不保温', '保温杯用了两天就不保温了', { severity: 'low', tags: ['vip'] });
    const other = await open(a, '保温杯漏水', '保温杯盖子漏水');
    await a.request('POST', `/api/v1/tickets/${other.id}/messages`, {
      direction: 'outbound',
      body: '请提供照片',
    });
    const word = encodeURIComponent('保温杯');
    // Triage may re-grade severity from the text: filter by the severity the case ended up with.
    const severity = (await a.request('GET', `/api/v1/tickets/${low.id}`)).json().severity as string;
    const otherSeverity = severity === 'critical' ? 'low' : 'critical';
    expect((await search(a, `q=${word}&severity=${severity}`)).body.items.map((i) => i.id)).toContain(low.id);
    expect(
      (await search(a, `q=${word}&severity=${otherSeverity}`)).body.items.map((i) => i.id),
    ).not.toContain(low.id);
    expect((await search(a, `q=${word}&tag=vip&kind=complaint`)).body.items.map((i) => i.id)).toEqual([
      low.id,
    ]);
    expect((await search(a, `q=${word}&status=acknowledged`)).body.items.map((i) => i.id)).toEqual([
      other.id,
    ]);
    expect((await search(a, `q=${word}&status=closed`)).body.items).toEqual([]);
    // The hand reply took the unassigned case: only the other one is still nobody's.
    expect((await search(a, `q=${word}&assigneeId=none&status=open`)).body.items.map((i) => i.id)).toEqual([
      low.id,
    ]);
  });

  test('results page by cursor without repeats', async () => {
    for (let i = 0; i < 5; i++) await open(a, `退款问题 ${i}`, `第${i}次申请退款，没有回复`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Item[]; nextCursor: string | null } } = await search(
        a,
        `q=${encodeURIComponent('退款')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('HTML in a message is returned as plain text; highlights only mark matches', async () => {
    const ticket = await open(a, '页面问题', '<script>alert("xss")</script> 页面<b>乱码</b>');
    const { body } = await search(a, `q=${encodeURIComponent('乱码')}`);
    const item = body.items.find((i) => i.id === ticket.id)!;
    expect(item.search.snippet).toContain('<script>alert("xss")</script>');
    expect(marked(item)).toEqual(['乱码']);
  });

  test('snippets mask personal data as the thread does', async () => {
    const ticket = await open(a, '联系方式', '快递丢件了，请打 13912345678 联系我');
    const { body } = await search(a, `q=${encodeURIComponent('快递 丢件')}`);
    const item = body.items.find((i) => i.id === ticket.id)!;
    expect(item.search.snippet).not.toContain('13912345678');
    expect(item.search.snippet).toContain('139****5678');
  });

  test.each([
    ['an empty query', 'q='],
    ['a blank query', 'q=%20%20'],
    ['a missing query', ''],
    ['a query over 1,000 characters', `q=${'屏'.repeat(1001)}`],
    ['a bad cursor', 'q=x&cursor=bm90LWEtY3Vyc29y'],
    ['an unknown status', 'q=x&status=lost'],
  ])('%s is a 400', async (_name, query) => {
    const { status, body } = await search(a, query);
    expect(status).toBe(400);
    expect((body as unknown as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  test.each([
    ['punctuation only', "&|!:*()'"],
    ['tsquery syntax', "屏幕' & !碎 | (x:*)"],
    ['emoji only', '😀😀😀'],
    ['a 1,000-character query', '屏幕碎了物流太慢'.repeat(125)],
    ['SQL', "'; drop table tickets; --"],
    ['a backslash and quotes', '\\\'"\\'],
    ['control characters', '\u0000\u0007屏幕'],
  ])('%s never fails', async (_name, q) => {
    const { status, body } = await search(a, `q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(Array.isArray(body.items)).toBe(true);
  });

  test('tenant B never finds tenant A text, and A never finds B text', async () => {
    expect((await search(b, `q=${encodeURIComponent('物流')}`)).body.items).toEqual([]);
    expect((await search(b, 'q=kettle')).body.items).toEqual([]);
    expect((await search(a, 'q=secret')).body.items).toEqual([]);
    const own = await search(b, `q=${encodeURIComponent('屏幕 碎')}`);
    expect(own.body.items.map((i) => i.subject)).toEqual(['屏幕碎了']);
  });

  test('the OpenAPI document describes GET /search', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const op = res.json().paths['/api/v1/search'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'status', 'severity']),
    );
    expect(res.json().paths['/api/v1/tickets'].get.parameters.map((p: { name: string }) => p.name)).toContain(
      'q',
    );
  });

  test('signed-out callers get 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=x' });
    expect(res.statusCode).toBe(401);
  });
});

describe('q on the inbox', () => {
  const inbox = async (client: TestClient, query: string) => {
    const res = await client.request('GET', `/api/v1/tickets?${query}`);
    return {
      status: res.statusCode,
      ids: (res.json().items ?? []).map((i: { id: string }) => i.id) as string[],
    };
  };

  test('q narrows the inbox and combines with its filters and sorts', async () => {
    const found = (await inbox(a, `q=${encodeURIComponent('屏幕 碎')}`)).ids;
    expect(found).toContain(cracked.id);
    expect(found).not.toContain(slow.id);
    const word = encodeURIComponent('保温杯');
    expect((await inbox(a, `q=${word}`)).ids).toHaveLength(2);
    expect((await inbox(a, `q=${word}&tag=vip`)).ids).toHaveLength(1);
    expect((await inbox(a, `q=${word}&tag=nosuchtag`)).ids).toEqual([]);
    expect((await inbox(a, `q=kettle&sort=created&status=open`)).ids).toEqual([english.id]);
  });

  test('an empty q is no filter; a q of punctuation finds nothing; never a 500', async () => {
    const all = await inbox(a, 'q=');
    expect(all.status).toBe(200);
    expect(all.ids.length).toBeGreaterThan(3);
    const none = await inbox(a, `q=${encodeURIComponent("&|!:*()'")}`);
    expect(none).toEqual({ status: 200, ids: [] });
    expect((await inbox(a, `q=${'屏'.repeat(1001)}`)).status).toBe(400);
  });

  test('tenant B never finds tenant A text in the inbox', async () => {
    expect((await inbox(b, `q=${encodeURIComponent('物流')}`)).ids).toEqual([]);
    expect((await inbox(b, 'q=kettle')).ids).toEqual([]);
  });
});

describe('backfill', () => {
  test('messages written around the ticket service are indexed by indexMissing', async () => {
    const ticket = await open(a, '导入的工单', '初始内容');
    await t.database.query(
      `insert into messages (tenant_id, id, ticket_id, direction, channel, author_type, author_name, body)
       values ($1, gen_random_uuid(), $2, 'inbound', 'platform_message', 'customer', 'x', '批量导入的差评：电池鼓包')`,
      [a.tenantId, ticket.id],
    );
    expect((await search(a, `q=${encodeURIComponent('鼓包')}`)).body.items).toEqual([]);
    expect(await t.services.search.indexMissing(a.tenantId)).toBe(1);
    expect((await search(a, `q=${encodeURIComponent('鼓包')}`)).body.items.map((i) => i.id)).toEqual([
      ticket.id,
    ]);
    expect(await t.services.search.indexMissing(b.tenantId)).toBe(0);
  });
});

describe('the ranking cap', () => {
  test('past the cap the answer says capped, and a selective filter still finds its case', async () => {
    const { createSearchService } = await import('./search-service.js');
    const small = createSearchService({ db: t.database.db, rankCap: 2 });
    const actor = {
      tenantId: a.tenantId,
      type: 'user' as const,
      id: a.userId,
      name: 'a',
      role: 'admin' as const,
    };
    for (let i = 0; i < 4; i++) await open(a, `充电宝 ${i}`, `充电宝第${i}次充不进电`);
    const tagged = await open(a, '充电宝 发烫', '充电宝充电时发烫', { tags: ['rare'] });
    const all = await small.search(actor, '充电宝', {}, 10, null);
    expect(all.capped).toBe(true);
    expect(all.ranked).toBe(2);
    const rare = await small.search(actor, '充电宝', { tag: 'rare' }, 10, null);
    expect(rare.items.map((i) => i.ticket.id)).toEqual([tagged.id]);
  });
});
