import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { setShopSettings } from '../ingest/testing.js';
import { aPowerBankMerchant, openRefund, type PowerBankMerchant } from './test-fixtures.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let agent: TestClient;
let m: PowerBankMerchant;
let bm: PowerBankMerchant;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  agent = await a.addUser('agent');
  m = await aPowerBankMerchant(a);
  bm = await aPowerBankMerchant(b, 1);
  // Two buyers of the batch and the buyer of the other batch opened refunds on Taobao.
  for (const o of [m.inScope[1]!, m.inScope[2]!, m.outOfScope]) await openRefund(t, m.shop, o.externalId);
});

const open = async (client: TestClient, body: Record<string, unknown>) =>
  client.request('POST', '/api/v1/recalls', {
    title: '充电宝 B2024-11 批次召回',
    hazard: '部分电芯在充电时可能过热，存在起火风险。',
    productName: '20000mAh 快充充电宝',
    ...body,
  });
const count = async (table: string, tenantId: string) =>
  (
    await t.database.query<{ n: number }>(`select count(*)::int as n from ${table} where tenant_id = $1`, [
      tenantId,
    ])
  )[0]!.n;

describe('a recall campaign through its contract', () => {
  let id = '';

  test('opened from the critical case, scoped to one batch: 201 with its id, only that batch is affected', async () => {
    const res = await open(a, {
      scope: { batches: ['B2024-11'] },
      sourceTicketId: m.criticalTicketId,
      budgetFen: 1_000_00,
    });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    const got = (await a.request('GET', `/api/v1/recalls/${id}`)).json();
    expect(got).toMatchObject({
      status: 'draft',
      source: 'critical_case',
      publicId: expect.stringMatching(/^[0-9a-z]{12}$/),
    });
    expect(got.totals).toMatchObject({ orders: 3, units: 3, customers: 3 });
    const affected = (await a.request('GET', `/api/v1/recalls/${id}/affected?limit=2`)).json();
    expect(affected).toMatchObject({ orders: 3, units: 3, customers: 3, frozen: false });
    expect(affected.items).toHaveLength(2);
    const rest = (
      await a.request('GET', `/api/v1/recalls/${id}/affected?limit=2&cursor=${affected.nextCursor}`)
    ).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const ids = [...affected.items, ...rest.items].map((i: { orderId: string }) => i.orderId).sort();
    expect(ids).toEqual(m.inScope.map((o) => o.orderId).sort());
  });

  test('the statement is a generated draft until saved; announcing without a saved one is refused and changes nothing', async () => {
    const draft = (await a.request('GET', `/api/v1/recalls/${id}/statement?locale=zh-CN`)).json();
    expect(draft).toMatchObject({ locale: 'zh-CN', generated: true, version: 0 });
    expect(draft.text).toContain('B2024-11');
    expect(draft.text).toContain('停止使用');
    const en = (await a.request('GET', `/api/v1/recalls/${id}/statement?locale=en`)).json();
    expect(en.text).toContain('Stop using');
    const refused = await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'announced' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('statement');
    expect((await a.request('GET', `/api/v1/recalls/${id}`)).json().status).toBe('draft');
    expect(await count('recall_orders', a.tenantId)).toBe(0);
  });

  test('an edited statement is saved as a version; announcing freezes the scope and opens the stop-sale and platform tasks', async () => {
    const saved = await a.request('PUT', `/api/v1/recalls/${id}/statement`, {
      locale: 'zh-CN',
      text: '【召回公告】已编辑的声明 B2024-11',
    });
    expect(saved.json()).toMatchObject({ version: 1, generated: false });
    expect((await a.request('GET', `/api/v1/recalls/${id}/statement?locale=zh-CN`)).json().text).toContain(
      '已编辑',
    );
    const announced = await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'announced' });
    expect(announced.statusCode).toBe(200);
    expect(announced.json()).toMatchObject({ status: 'announced', frozenAt: expect.any(String) });
    expect((await a.request('GET', `/api/v1/recalls/${id}/affected`)).json()).toMatchObject({
      frozen: true,
      orders: 3,
    });
    const tasks = (await a.request('GET', `/api/v1/recalls/${id}/tasks`)).json().items;
    expect(tasks.map((x: { kind: string }) => x.kind).sort()).toEqual(['platform_notice', 'stop_sale']);
    const detail = (await a.request('GET', `/api/v1/recalls/${id}`)).json();
    expect(detail.minutesToAnnounce).toBeGreaterThanOrEqual(0);
  });

  test('an illegal move is 409 (announced straight to closed; back to draft)', async () => {
    for (const status of ['closed', 'draft', 'announced']) {
      expect((await a.request('POST', `/api/v1/recalls/${id}/status`, { status })).statusCode).toBe(409);
    }
  });

  test('notices: one per affected order, only batch B2024-11; through the platform where it can reach the buyer, by hand where it cannot; a second send is 409 and adds nothing', async () => {
    // The shop's own API address: the notices are queued for it (a later change of address holds them).
    const endpoint = 'https://127.0.0.1:9/router/rest';
    await setShopSettings(t, m.shopId, { apiBaseUrl: endpoint });
    const sent = await a.request('POST', `/api/v1/recalls/${id}/notices`, { wave: 'first' });
    await setShopSettings(t, m.shopId, {});
    expect(sent.statusCode, sent.body).toBe(200);
    // Taobao writes to a buyer only on their refund: two buyers opened one; the reporting buyer's
    // case has no platform conversation, so that notice is for a person to give.
    expect(sent.json()).toMatchObject({ wave: 'first', queued: 2, unsendable: 1 });
    const rows = await t.database.query<{
      order_ref: string;
      kind: string;
      case_ref: string | null;
      endpoint: string | null;
    }>(
      `select o.order_ref, o.kind, o.case_ref, o.endpoint from outbox o join recall_notices n
         on n.tenant_id = o.tenant_id and n.outbox_id = o.id where o.tenant_id = $1`,
      [a.tenantId],
    );
    expect(rows.map((r) => r.order_ref).sort()).toEqual(
      [m.inScope[1]!.externalId, m.inScope[2]!.externalId].sort(),
    );
    expect(rows.every((r) => r.kind === 'notice' && r.case_ref?.startsWith('aftersale:'))).toBe(true);
    expect(rows.map((r) => r.endpoint)).toEqual([endpoint, endpoint]);
    // The reporting buyer hears it on their case, a message like any other: searchable, on the SLA
    // timeline, audited as a recall notice.
    const thread = (await a.request('GET', `/api/v1/tickets/${m.criticalTicketId}/messages`)).json().items;
    const notice = thread.find((x: { body: string }) => x.body.includes('B2024-11'));
    expect(notice).toMatchObject({ direction: 'outbound' });
    const hits = (await a.request('GET', `/api/v1/search?q=${encodeURIComponent('召回')}`)).json().items;
    expect(hits.find((h: { id: string }) => h.id === m.criticalTicketId)?.search.messageId).toBe(notice.id);
    const timeline = (await a.request('GET', `/api/v1/sla/tickets/${m.criticalTicketId}`)).json().timeline;
    expect(timeline).toContainEqual(
      expect.objectContaining({ type: 'outbound', at: new Date(notice.createdAt).getTime() }),
    );
    const audit = (await a.request('GET', `/api/v1/tickets/${m.criticalTicketId}/audit`)).json().items;
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'recall_notice_sent', after: { messageId: notice.id } }),
    );
    const outboxBefore = await count('outbox', a.tenantId);
    const again = await a.request('POST', `/api/v1/recalls/${id}/notices`, { wave: 'first' });
    expect(again.statusCode).toBe(409);
    expect(await count('outbox', a.tenantId)).toBe(outboxBefore);
    const list = (await a.request('GET', `/api/v1/recalls/${id}/notices`)).json();
    expect(list.items).toHaveLength(3);
    expect(list.items.map((n: { state: string }) => n.state).sort()).toEqual([
      'queued',
      'queued',
      'unsendable',
    ]);
    expect(list.items.find((n: { state: string }) => n.state === 'unsendable').lastError).toBe('manual_only');
    expect(list.items.some((n: { externalId: string }) => n.externalId === m.outOfScope.externalId)).toBe(
      false,
    );
    expect((await a.request('GET', `/api/v1/recalls/${id}`)).json().status).toBe('active');
  });

  test('a buyer asking "我的也是这个批次吗" lands in the recall queue with the campaign’s answer', async () => {
    const asked = await a.request('POST', '/api/v1/tickets', {
      kind: 'inquiry',
      channel: 'platform_message',
      subject: '咨询',
      body: '我的也是这个批次吗',
      shopId: m.shopId,
      customerId: m.inScope[1]!.customerId,
      orderId: m.inScope[1]!.orderId,
    });
    expect(asked.statusCode).toBe(201);
    const queue = (await a.request('GET', `/api/v1/recalls/${id}/inquiries`)).json().items;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      question: '我的也是这个批次吗',
      matchedBy: 'order',
      inScope: true,
      answerState: 'suggested',
    });
    expect(queue[0].suggestedAnswer).toContain('在本次召回范围内');
    expect((await a.request('GET', `/api/v1/tickets/${asked.json().id}`)).json().kind).toBe('recall_inquiry');
    const answered = await agent.request('POST', `/api/v1/recalls/${id}/inquiries/answer`, {
      inquiryId: queue[0].id,
    });
    expect(answered.json()).toEqual({ answered: 1 });
    const thread = (await a.request('GET', `/api/v1/tickets/${asked.json().id}/messages`)).json();
    expect(JSON.stringify(thread)).toContain('在本次召回范围内');
  });

  test('two refunds and one exchange, pre-approved by the campaign (an agent, no approval): through the platform where the buyer has an after-sale, a to-do where not', async () => {
    const choices = [
      [m.inScope[0]!.orderId, 'refund'],
      [m.inScope[1]!.orderId, 'refund'],
      [m.inScope[2]!.orderId, 'exchange'],
    ] as const;
    for (const [orderId, remedy] of choices) {
      const res = await agent.request('POST', `/api/v1/recalls/${id}/remedies`, { orderId, remedy });
      expect(res.statusCode, res.body).toBe(201);
    }
    // Buyers 2 and 3 opened refunds on Taobao: the platform's refund APIs act on those after-sales.
    // Buyer 1 has none (only the safety complaint): Taobao has no call that refunds an order without
    // one, so no outbox row is queued that could only fail — a person does it in the back office.
    const kinds = await t.database.query<{ kind: string; case_ref: string }>(
      `select kind, case_ref from outbox where tenant_id = $1 and kind in ('agree_refund', 'return_instruction') order by kind`,
      [a.tenantId],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['agree_refund', 'return_instruction']);
    expect(kinds.every((k) => k.case_ref.startsWith('aftersale:'))).toBe(true);
    const remedies = (await a.request('GET', `/api/v1/recalls/${id}/remedies`)).json().items as {
      orderId: string;
      ticketId: string;
      state: string;
      reason: string | null;
      retryOutboxId: string | null;
      steps: { kind: string; outboxId: string | null; manual: boolean }[];
    }[];
    const of = (orderId: string) => remedies.find((r) => r.orderId === orderId)!;
    expect(of(m.inScope[0]!.orderId)).toMatchObject({ state: 'manual', retryOutboxId: null });
    expect(of(m.inScope[0]!.orderId).steps).toEqual([
      expect.objectContaining({ kind: 'refund', outboxId: null, manual: true }),
    ]);
    expect(of(m.inScope[1]!.orderId)).toMatchObject({ state: 'queued', retryOutboxId: null });
    expect(of(m.inScope[2]!.orderId)).toMatchObject({ state: 'queued', retryOutboxId: null });
    // The remedy on a refund case sits on the buyer's own after-sale, not a new recall case.
    const refundCase = (
      await a.request('GET', `/api/v1/tickets/${of(m.inScope[1]!.orderId).ticketId}`)
    ).json();
    expect(refundCase.kind).not.toBe('recall_inquiry');
    // The manual refund is an open to-do on its case, with the reason, never something to retry.
    const todo = (await agent.request('GET', `/api/v1/tasks?ticketId=${of(m.inScope[0]!.orderId).ticketId}`))
      .json()
      .items.find((x: { kind: string }) => x.kind === 'refund');
    expect(todo).toMatchObject({ status: 'open', data: { manual: true, manualWhy: 'no_target' } });
    const offers = await t.database.query<{ status: string; approved_by_name: string }>(
      'select status, approved_by_name from offers where tenant_id = $1',
      [a.tenantId],
    );
    expect(offers.every((o) => o.status === 'accepted' && o.approved_by_name.includes('召回'))).toBe(true);
  });

  test('each remedy shows what the platform did: sent only when accepted, failed with the reason and a retry, retrying, manual until a person did it', async () => {
    const rows = await t.database.query<{ id: string; kind: string }>(
      `select id, kind from outbox where tenant_id = $1 and kind in ('agree_refund', 'return_instruction') order by kind, id`,
      [a.tenantId],
    );
    const set = (id: string, status: string, error: string | null) =>
      t.database.query(
        'update outbox set status = $2, last_error = $3, attempts = 1 where tenant_id = $1 and id = $4',
        [a.tenantId, status, error, id],
      );
    type R = {
      orderId: string;
      ticketId: string;
      state: string;
      reason: string | null;
      retryOutboxId: string | null;
    };
    const remedies = async () =>
      (await a.request('GET', `/api/v1/recalls/${id}/remedies`)).json().items as R[];
    const of = async (orderId: string) => (await remedies()).find((r) => r.orderId === orderId)!;
    const refund = rows.find((r) => r.kind === 'agree_refund')!;
    const ret = rows.find((r) => r.kind === 'return_instruction')!;
    // What the sender records: the platform refused the refund, the return waits for a retry.
    await set(refund.id, 'failed', '[auth] 27: Invalid session');
    await set(ret.id, 'pending', '[unavailable] 503');
    expect(await of(m.inScope[1]!.orderId)).toMatchObject({
      state: 'failed',
      reason: '[auth] 27: Invalid session',
      retryOutboxId: refund.id,
    });
    expect(await of(m.inScope[2]!.orderId)).toMatchObject({ state: 'retrying', reason: '[unavailable] 503' });
    expect(await of(m.inScope[0]!.orderId)).toMatchObject({ state: 'manual', retryOutboxId: null });
    // The platform took the refund; a person refunded buyer 1 in Taobao's back office, marking the
    // step's own task (the one the remedy names) done: done by hand, never "accepted by the platform".
    await set(refund.id, 'sent', null);
    const manual = (await of(m.inScope[0]!.orderId)) as R & {
      steps: { kind: string; taskId: string; manual: boolean; doneByHand: boolean }[];
    };
    const todo = manual.steps.find((s) => s.kind === 'refund')!;
    expect(todo).toMatchObject({ manual: true, doneByHand: false });
    expect((await agent.request('POST', `/api/v1/tasks/${todo.taskId}/complete`, {})).statusCode).toBe(200);
    expect(await of(m.inScope[0]!.orderId)).toMatchObject({ state: 'done_by_hand', retryOutboxId: null });
    expect(((await of(m.inScope[0]!.orderId)) as typeof manual).steps[0]).toMatchObject({ doneByHand: true });
    expect(await of(m.inScope[1]!.orderId)).toMatchObject({
      state: 'sent',
      reason: null,
      retryOutboxId: null,
    });
    // Only what is done counts as remedied.
    const progress = (await a.request('GET', `/api/v1/recalls/${id}/progress`)).json();
    expect(progress.byShop[0]).toMatchObject({ remediedUnits: 2, inProgressUnits: 1 });
    // The return instruction back as the sender left it for the tests below (queued).
    await set(ret.id, 'pending', null);
  });

  test('a remedy twice, outside the scope, or not offered is a clear 4xx and changes nothing', async () => {
    const before = await count('outbox', a.tenantId);
    const twice = await agent.request('POST', `/api/v1/recalls/${id}/remedies`, {
      orderId: m.inScope[0]!.orderId,
      remedy: 'refund',
    });
    expect(twice.statusCode).toBe(409);
    const outside = await agent.request('POST', `/api/v1/recalls/${id}/remedies`, {
      orderId: m.outOfScope.orderId,
      remedy: 'refund',
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.code).toBe('ORDER_NOT_IN_SCOPE');
    const repair = await agent.request('POST', `/api/v1/recalls/${id}/remedies`, {
      orderId: m.outOfScope.orderId,
      remedy: 'repair',
    });
    expect(repair.statusCode).toBe(422);
    expect(await count('outbox', a.tenantId)).toBe(before);
  });

  test('CAPA, findings published, the campaign closes with its completion rate', async () => {
    expect(
      (
        await a.request('PUT', `/api/v1/recalls/${id}/findings`, {
          rootCause: '电芯供应商更换了隔膜材料',
          faultSupplier: '深圳电芯厂',
          faultBatch: 'B2024-11',
          findingsZh: '原因：B2024-11 批次电芯隔膜不合格。整改：更换供应商并增加来料抽检。',
        })
      ).statusCode,
    ).toBe(200);
    const action = await a.request('POST', `/api/v1/recalls/${id}/actions`, {
      kind: 'corrective',
      description: '来料逐批做热失控抽检',
      ownerName: '品控 张工',
      dueAt: '2030-01-10T00:00:00Z',
    });
    expect(action.statusCode).toBe(201);
    const verifyEarly = await a.request('PATCH', `/api/v1/recalls/${id}/actions/${action.json().id}`, {
      verification: '抽检记录',
    });
    expect(verifyEarly.statusCode).toBe(409);
    const verified = await a.request('PATCH', `/api/v1/recalls/${id}/actions/${action.json().id}`, {
      done: true,
      verification: '抽检记录 3 批合格',
    });
    expect(verified.json()).toMatchObject({ verification: '抽检记录 3 批合格', doneAt: expect.any(String) });
    expect((await a.request('POST', `/api/v1/recalls/${id}/findings/publish`)).statusCode).toBe(200);
    const progress = (await a.request('GET', `/api/v1/recalls/${id}/progress`)).json();
    expect(progress.stages).toMatchObject({
      statement: 'done',
      investigation: 'done',
      notices: 'attention',
    });
    expect(progress.byShop[0]).toMatchObject({ units: 3, inProgressUnits: 1, remediedUnits: 2 });
    // The outbox delivers the return instruction: every remedy counts as done.
    await t.database.query(`update outbox set status = 'sent', sent_at = now() where tenant_id = $1`, [
      a.tenantId,
    ]);
    expect((await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'closing' })).statusCode).toBe(
      200,
    );
    const closed = await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed', completionPermille: 1000 });
    const monitoring = await a.request('GET', `/api/v1/recalls/${id}/monitoring`);
    expect(monitoring.statusCode).toBe(200);
    expect(monitoring.json().remediedUnits.reduce((s: number, p: { value: number }) => s + p.value, 0)).toBe(
      3,
    );
  });

  test('the public page shows the published statement and the findings, and no buyer data', async () => {
    const { publicId } = (await a.request('GET', `/api/v1/recalls/${id}`)).json();
    const page = await t.app.inject({ method: 'GET', url: `/recalls/${publicId}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('已编辑的声明 B2024-11');
    expect(page.body).toContain('电芯隔膜不合格');
    expect(page.body).not.toContain('<script');
    for (const secret of ['买家1', '买家2', m.inScope[0]!.externalId, '深圳电芯厂'])
      expect(page.body).not.toContain(secret);
    expect((await t.app.inject({ method: 'GET', url: '/recalls/zzzzzzzzzzzz' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/recalls/<script>' })).statusCode).toBe(404);
  });
});

describe('bad input is a clear 4xx and changes nothing', () => {
  test.each<[string, number, Record<string, unknown>]>([
    ['an empty scope', 400, { scope: {} }],
    ['a scope of empty lists', 400, { scope: { batches: [], skuIds: [] } }],
    ['a scope that matches nothing', 422, { scope: { batches: ['NO-SUCH-BATCH'] } }],
    [
      'a batch only another tenant sold',
      422,
      { scope: { batches: ['B2024-12'], suppliers: ['没有这个供应商'] } },
    ],
    ['an unknown field', 400, { scope: { batches: ['B2024-11'] }, extra: 1 }],
    ['a malformed date', 400, { scope: { batches: ['B2024-11'], soldFrom: 'yesterday' } }],
    [
      'dates in the wrong order',
      400,
      { scope: { batches: ['B2024-11'], soldFrom: '2025-01-01', soldTo: '2024-01-01' } },
    ],
    ['a sku of another tenant', 404, { scope: { skuIds: ['00000000-0000-7000-8000-000000000000'] } }],
  ])('%s → %i', async (_name, status, body) => {
    const before = await count('recalls', a.tenantId);
    const res = await open(a, body);
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(await count('recalls', a.tenantId)).toBe(before);
  });

  test('B’s batch names in A’s scope select none of B’s orders', async () => {
    const res = await open(a, { scope: { skuIds: [bm.skuId] } });
    expect(res.statusCode).toBe(404);
  });

  test('an agent cannot open or announce a recall', async () => {
    expect((await open(agent, { scope: { batches: ['B2024-11'] } })).statusCode).toBe(403);
  });

  test('a bad cursor is 400', async () => {
    const { id } = (await open(a, { scope: { batches: ['B2024-11'] } })).json();
    expect((await a.request('GET', `/api/v1/recalls/${id}/affected?cursor=bm90LWpzb24`)).statusCode).toBe(
      400,
    );
  });
});

describe('tenants never see each other’s campaigns', () => {
  let aId = '';
  beforeAll(async () => {
    aId = (await open(a, { scope: { batches: ['B2024-11'] } })).json().id;
  });

  test.each([
    ['GET', ''],
    ['PATCH', ''],
    ['POST', '/status'],
    ['GET', '/affected'],
    ['GET', '/affected/by-shop'],
    ['GET', '/affected/export'],
    ['GET', '/affected/diff'],
    ['POST', '/affected/recompute'],
    ['GET', '/statement'],
    ['PUT', '/statement'],
    ['GET', '/statement/versions'],
    ['GET', '/texts'],
    ['GET', '/tasks'],
    ['POST', '/notices'],
    ['GET', '/notices'],
    ['GET', '/remedies'],
    ['POST', '/remedies'],
    ['GET', '/inquiries'],
    ['POST', '/inquiries/answer'],
    ['PUT', '/findings'],
    ['POST', '/findings/publish'],
    ['GET', '/actions'],
    ['POST', '/actions'],
    ['PUT', '/review'],
    ['GET', '/progress'],
    ['GET', '/monitoring'],
  ] as const)('B gets 404 for %s /recalls/:id%s of A', async (method, path) => {
    const bodies: Record<string, unknown> = {
      '': { title: 'hijack' },
      '/status': { status: 'cancelled' },
      '/statement': { locale: 'zh-CN', text: 'hijack' },
      '/notices': { wave: 'first' },
      '/remedies': { orderId: m.inScope[0]!.orderId, remedy: 'refund' },
      '/inquiries/answer': {},
      '/findings': { rootCause: 'x', findingsZh: 'x' },
      '/actions': { kind: 'corrective', description: 'x', ownerName: 'x', dueAt: '2030-01-01' },
      '/review': { items: [] },
    };
    const res = await b.request(
      method,
      `/api/v1/recalls/${aId}${path}`,
      method === 'GET' ? undefined : (bodies[path] ?? {}),
    );
    expect(res.statusCode, res.body).toBe(404);
    expect((await a.request('GET', `/api/v1/recalls/${aId}`)).json()).toMatchObject({
      status: 'draft',
      title: '充电宝 B2024-11 批次召回',
    });
  });

  test('B’s list holds none of A’s campaigns', async () => {
    const items = (await b.request('GET', '/api/v1/recalls')).json().items;
    expect(items.some((r: { id: string }) => r.id === aId)).toBe(false);
  });

  test('B’s task and remedy ids on A’s campaign are 404', async () => {
    const fake = '00000000-0000-7000-8000-000000000001';
    expect((await b.request('POST', `/api/v1/recalls/${aId}/tasks/${fake}/done`, {})).statusCode).toBe(404);
    expect(
      (await b.request('PATCH', `/api/v1/recalls/${aId}/remedies/${fake}`, { received: true })).statusCode,
    ).toBe(404);
    expect(
      (await b.request('PATCH', `/api/v1/recalls/${aId}/actions/${fake}`, { done: true })).statusCode,
    ).toBe(404);
  });
});
