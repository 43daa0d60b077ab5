import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEFAULT_CARE_SETTINGS } from '../care/care-rules.js';
import { LIST_APIS } from '../channels/fake-platform/lists.js';
import { type StrictFake, startStrictFake } from '../channels/fake-platform/server.js';
import {
  type FakePddMessageServer,
  startFakePddMessageServer,
} from '../channels/pinduoduo/fake-message-server.js';
import { signedPush } from '../channels/push.js';
import { withDatabase } from '../db/test-global-setup.js';
import { type Cluster, startCluster } from './scale-cluster.js';

/**
 * Issue 18 §7: two API processes and two worker processes (AFTERCARE_ROLE) on one PostgreSQL
 * database share the work and do nothing twice. Webhooks go through both APIs (the same event to
 * both); the fake platform counts every send and list call, the fake Pinduoduo message service every
 * connection. Every server takes a free port, unless SCALE_TEST_PORT_BASE is set: then it and the next
 * 7 ports are used.
 *
 * SCALE_TEST_PGBOUNCER_URL (postgres://…@host:port, PgBouncer in transaction mode in front of the
 * same server): the processes' pools go through it, LISTEN and the leader lock use DATABASE_DIRECT_URL.
 */
const adminUrl = process.env.DATABASE_URL;
const pgbouncerUrl = process.env.SCALE_TEST_PGBOUNCER_URL;
const PORT_BASE = process.env.SCALE_TEST_PORT_BASE ? Number(process.env.SCALE_TEST_PORT_BASE) : undefined;
/** The given port base plus `offset`, or 0 (any free port) without one. */
const portAt = (offset: number) => (PORT_BASE === undefined ? 0 : PORT_BASE + offset);
const HOUR = 3_600_000;
const CASES = 24;
const REPLIES = 8;
const DELIVERIES = 6;

let dbName = '';
let databaseUrl = '';
let db: pg.Pool;
let fake: StrictFake;
/** The second worker's platform: which worker made a call is which fake received it. */
let fake2: StrictFake;
const calls = () => [
  ...fake.calls.map((c) => ({ ...c, worker: 1 })),
  ...fake2.calls.map((c) => ({ ...c, worker: 2 })),
];
let pddServer: FakePddMessageServer;
const pddSecrets: Record<string, string> = {};
let cluster: Cluster;
let cookie = '';
let tenantId = '';
const taobao = { id: '', appKey: 'scale-taobao', appSecret: 'scale-taobao-secret-0123' };
const pdd = { id: '', appKey: 'scale-pdd', appSecret: 'scale-pdd-secret-0123' };
let douyinShop = '';
/** The most connections to the message service open at one moment, sampled while the test runs. */
let pddMostOpen = 0;
let sampler: NodeJS.Timeout | undefined;

const q = async <T>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows as T[];

async function api(path: string, method = 'GET', body?: unknown, base = cluster.apis[0]!.url) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${cluster.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A Taobao refund's three steps (opened, agreed, goods returned), as TOP pushes them. */
function refundEvent(kase: number, step: number): string {
  const id = `7100${String(kase).padStart(8, '0')}`;
  const t = 1_764_000_000 + step * 600;
  return JSON.stringify({
    topic: [
      'taobao_refund_RefundCreated',
      'taobao_refund_RefundSellerAgreeAgreement',
      'taobao_refund_RefundBuyerReturnGoods',
    ][step],
    content: JSON.stringify({
      refund_id: id,
      tid: `T${id}`,
      refund_fee: '19.90',
      bill_type: 'return_bill',
      modified: t,
    }),
    id: `scale-${kase}-${step}`,
    userid: 1,
    publisher: 'TOP',
  });
}

async function pushTo(base: string, body: string) {
  const signed = signedPush('taobao', taobao, body);
  const res = await fetch(`${base}/hooks/taobao/${taobao.id}`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  await res.arrayBuffer();
  return res.status;
}

describe.skipIf(!adminUrl)('more than one process (PostgreSQL only: PGlite is one process)', () => {
  beforeAll(async () => {
    dbName = `aftercare_scale_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName} template ${inject('pgTemplate')}`);
    await admin.end();
    databaseUrl = withDatabase(adminUrl!, dbName);
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    fake = await startStrictFake({ port: portAt(0) });
    fake2 = await startStrictFake({ port: portAt(6) });
    pddServer = await startFakePddMessageServer(pddSecrets, { port: portAt(1) });
    cluster = await startCluster({
      apis: 2,
      workers: 2,
      ...(PORT_BASE === undefined ? {} : { portBase: PORT_BASE + 2 }),
      env: {
        DATABASE_URL: pgbouncerUrl ? withDatabase(pgbouncerUrl, dbName) : databaseUrl,
        DATABASE_DIRECT_URL: databaseUrl,
        DATABASE_POOL_SIZE: '4',
        AFTERCARE_SECRET: 'scale-test-secret-0123456789',
        AFTERCARE_OPEN_SIGNUP: 'true',
        AFTERCARE_OUTBOUND_ALLOW: '127.0.0.1',
        AFTERCARE_API_BASE_TAOBAO: `${fake.url}/taobao`,
        AFTERCARE_API_BASE_PINDUODUO: `${fake.url}/pinduoduo`,
        AFTERCARE_API_BASE_DOUYIN: `${fake.url}/douyin`,
        AFTERCARE_PDD_MESSAGE_URL: pddServer.url,
        AFTERCARE_INGEST_POLL_MS: '100',
        AFTERCARE_OUTBOX_POLL_MS: '100',
        AFTERCARE_PERIODIC_MS: '300',
        LOG_LEVEL: 'warn',
      },
      envOf: (role, i): Record<string, string> =>
        role === 'worker' && i === 1
          ? {
              AFTERCARE_API_BASE_TAOBAO: `${fake2.url}/taobao`,
              AFTERCARE_API_BASE_PINDUODUO: `${fake2.url}/pinduoduo`,
              AFTERCARE_API_BASE_DOUYIN: `${fake2.url}/douyin`,
            }
          : {},
    });
    sampler = setInterval(() => {
      const open = pddServer.connections.filter(
        (c) => c.clientId === pdd.appKey && c.socket.readyState === c.socket.OPEN,
      ).length;
      pddMostOpen = Math.max(pddMostOpen, open);
    }, 20);

    const signup = await fetch(`${cluster.apis[0]!.url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenantName: '多进程测试',
        email: `scale-${Date.now()}@example.cn`,
        password: 'plum-blossom-tea-2718',
      }),
    });
    expect(signup.status).toBe(201);
    cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
    tenantId = (await signup.json()).tenant.id;
    taobao.id = (
      await api('/shops', 'POST', {
        platform: 'taobao',
        name: '淘宝店',
        appKey: taobao.appKey,
        appSecret: taobao.appSecret,
        settings: { accessToken: 'tok-taobao' },
      })
    ).id;
    for (const f of [fake, fake2]) f.register('taobao', { ...taobao, accessToken: 'tok-taobao' });
    pdd.id = (
      await api('/shops', 'POST', {
        platform: 'pinduoduo',
        name: '拼多多店',
        appKey: pdd.appKey,
        appSecret: pdd.appSecret,
        settings: { accessToken: 'tok-pdd' },
      })
    ).id;
    for (const f of [fake, fake2]) f.register('pinduoduo', { ...pdd, accessToken: 'tok-pdd' });
    pddSecrets[pdd.appKey] = pdd.appSecret;
    await q(`update shops set settings = settings || '{"pddMessageService": true}' where id = $1`, [pdd.id]);
    douyinShop = (
      await api('/shops', 'POST', { platform: 'douyin', name: '抖店', appKey: 'scale-dy', appSecret: 's' })
    ).id;
  }, 600_000);

  afterAll(async () => {
    clearInterval(sampler);
    await cluster?.stop();
    await fake?.close();
    await fake2?.close();
    await pddServer?.close();
    await db?.end();
    if (dbName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }, 120_000);

  test('webhooks through both APIs: one inbox row per event, one case per after-sale, every event processed', async () => {
    const [one, two] = cluster.apis.map((s) => s.url) as [string, string];
    const statuses: number[] = [];
    // Every event to both APIs at once (a platform retrying through another node), in rounds of steps.
    for (let step = 0; step < 3; step++) {
      await Promise.all(
        Array.from({ length: CASES }, async (_, kase) => {
          const body = refundEvent(kase, step);
          statuses.push(...(await Promise.all([pushTo(one, body), pushTo(two, body)])));
        }),
      );
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    await until('the inbox to drain', async () => {
      const [r] = await q<{ n: number }>(
        `select count(*)::int as n from inbox_events where tenant_id = $1 and status = 'pending'`,
        [tenantId],
      );
      return r!.n === 0;
    });
    const events = await q<{ external_event_id: string; status: string; ticket_id: string | null }>(
      'select external_event_id, status, ticket_id from inbox_events where tenant_id = $1 and shop_id = $2',
      [tenantId, taobao.id],
    );
    expect(events).toHaveLength(CASES * 3);
    expect(events.every((e) => e.status === 'processed' && e.ticket_id)).toBe(true);
    const tickets = await q<{ id: string; number: number }>(
      'select id, number from tickets where tenant_id = $1 and shop_id = $2',
      [tenantId, taobao.id],
    );
    expect(tickets).toHaveLength(CASES);
    expect(new Set(tickets.map((t) => t.number)).size).toBe(CASES);
    expect(new Set(events.map((e) => e.ticket_id)).size).toBe(CASES);
  }, 300_000);

  test('replies through both APIs: each outbox row sent once, the fake platform counts one call per row', async () => {
    const tickets = await q<{ id: string }>(
      'select id from tickets where tenant_id = $1 and shop_id = $2 order by number limit $3',
      [tenantId, taobao.id, REPLIES],
    );
    await Promise.all(
      tickets.map((t, i) =>
        api(
          `/tickets/${t.id}/messages`,
          'POST',
          { direction: 'outbound', body: `您好，您的退款申请我们已经收到，正在为您处理（${i + 1}）` },
          cluster.apis[i % 2]!.url,
        ),
      ),
    );
    await until('the outbox to empty', async () => {
      const [r] = await q<{ n: number }>(
        `select count(*)::int as n from outbox where tenant_id = $1 and status = 'pending'`,
        [tenantId],
      );
      return r!.n === 0;
    });
    const rows = await q<{ kind: string; status: string; attempts: number }>(
      'select kind, status, attempts from outbox where tenant_id = $1 and shop_id = $2',
      [tenantId, taobao.id],
    );
    expect(rows.filter((r) => r.kind === 'reply')).toHaveLength(REPLIES);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const sends = calls().filter(
      (c) => c.platform === 'taobao' && c.api && !LIST_APIS.has(c.api) && c.api.startsWith('taobao.refund.'),
    );
    expect(sends.every((c) => c.accepted)).toBe(true);
    expect(sends).toHaveLength(rows.length);
  }, 300_000);

  test('SLA sweepers on both workers raise each warning and breach once', async () => {
    const tickets = await q<{ id: string }>('select id from tickets where tenant_id = $1 and shop_id = $2', [
      tenantId,
      taobao.id,
    ]);
    await q(
      `update ticket_sla set resolution_warn_at = now() - interval '2 minutes',
                             resolution_due_at = now() - interval '1 minute'
       where tenant_id = $1 and ticket_id = any($2::uuid[])`,
      [tenantId, tickets.map((t) => t.id)],
    );
    await until('every resolution breach to be raised', async () => {
      const [r] = await q<{ n: number }>(
        `select count(*)::int as n from ticket_sla where tenant_id = $1 and ticket_id = any($2::uuid[])
           and not exists (select 1 from unnest(alerts) a where a like 'resolution:breach%')`,
        [tenantId, tickets.map((t) => t.id)],
      );
      return r!.n === 0;
    });
    const alerts = await q<{ alerts: string[] }>(
      'select alerts from ticket_sla where tenant_id = $1 and ticket_id = any($2::uuid[])',
      [tenantId, tickets.map((t) => t.id)],
    );
    for (const a of alerts) expect(new Set(a.alerts).size).toBe(a.alerts.length);
    const notes = await q<{ ticket_id: string; kind: string; audience: string; user_id: string | null }>(
      `select ticket_id, kind, audience, user_id from sla_notifications
       where tenant_id = $1 and target = 'resolution' and ticket_id = any($2::uuid[])`,
      [tenantId, tickets.map((t) => t.id)],
    );
    const keys = notes.map((n) => `${n.ticket_id}/${n.kind}/${n.audience}/${n.user_id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(notes.filter((n) => n.kind === 'breach').map((n) => n.ticket_id)).size).toBe(CASES);
  }, 300_000);

  test('the reconciler: each shop claimed by one worker, each window of the list API read once', async () => {
    await until('both platform shops to be reconciled', async () => {
      const rows = await q<{ n: number }>(
        `select count(*)::int as n from reconcile_shops where tenant_id = $1 and last_finished_at is not null
           and shop_id = any($2::uuid[])`,
        [tenantId, [taobao.id, pdd.id]],
      );
      return rows[0]!.n === 2;
    });
    // 立即对账 through the other API: the next free worker runs it, once.
    await api(`/reconcile/shops/${taobao.id}/run`, 'POST', undefined, cluster.apis[1]!.url);
    await until('the requested run to finish', async () => {
      const [r] = await q<{ done: boolean }>(
        `select requested_at is null and last_finished_at > last_started_at as done from reconcile_shops
         where tenant_id = $1 and shop_id = $2`,
        [tenantId, taobao.id],
      );
      return r?.done === true;
    });
    const lists = calls().filter((c) => c.accepted && c.api && LIST_APIS.has(c.api));
    expect(lists.length).toBeGreaterThan(0);
    const key = (c: (typeof lists)[number]) => `${c.platform} ${c.api} ${JSON.stringify(windowOf(c.params))}`;
    // A page read again by the same worker is its retry after a timeout on a loaded machine (by design);
    // the same page read by both workers would be two workers pulling one shop.
    const byFirst = new Set(lists.filter((c) => c.worker === 1).map(key));
    const byBoth = lists.filter((c) => c.worker === 2 && byFirst.has(key(c))).map(key);
    expect(byBoth).toEqual([]);
  }, 300_000);

  test('the Pinduoduo message service is held by one worker process', async () => {
    await until('the message service to connect', async () =>
      pddServer.connections.some((c) => c.clientId === pdd.appKey && c.socket.readyState === c.socket.OPEN),
    );
    // Several scans of both workers (every 300 ms) later, one connection, never two at once (a
    // connection dropped on a loaded machine may be made again, by either worker).
    await new Promise((r) => setTimeout(r, 3000));
    expect(pddMostOpen).toBe(1);
    const open = pddServer.connections.filter(
      (c) => c.clientId === pdd.appKey && c.socket.readyState === c.socket.OPEN,
    );
    expect(open).toHaveLength(1);
  }, 300_000);

  test('deadline reminders and care after delivery: each raised or written once', async () => {
    const now = Date.now();
    const dispute = await api('/disputes', 'POST', {
      type: 'quality',
      platform: 'pinduoduo',
      evidenceDueAt: new Date(now + 6 * HOUR).toISOString(),
      responseDueAt: new Date(now + 20 * 24 * HOUR).toISOString(),
    });
    const product = await api('/products', 'POST', {
      name: '玻璃保温杯',
      shopId: douyinShop,
      category: '家居/杯具',
      skus: [{ code: 'CUP-400', name: '保温杯 400ml', priceFen: 89_00 }],
    });
    const article = await api('/kb/articles', 'POST', {
      productId: product.id,
      kind: 'usage',
      locale: 'zh-CN',
      title: '保温杯使用说明',
      body: '## 使用方法\n首次使用前请用温水清洗。\n\n- 可以装开水\n- 不可放入微波炉',
    });
    await api(`/kb/articles/${article.id}`, 'PATCH', { status: 'published' });
    const orders: string[] = [];
    for (let i = 0; i < DELIVERIES; i++) {
      const buyer = await api('/customers', 'POST', {
        name: `买家${i}`,
        shopId: douyinShop,
        externalId: `scale-buyer-${i}`,
      });
      const order = await api('/orders', 'POST', {
        shopId: douyinShop,
        externalId: `SCALE${i}`,
        customerId: buyer.id,
        status: 'delivered',
        paidAt: new Date(now - 5 * 24 * HOUR).toISOString(),
        shippedAt: new Date(now - 4 * 24 * HOUR).toISOString(),
        deliveredAt: new Date(now - 2 * 24 * HOUR).toISOString(),
        items: [{ skuId: product.skus[0].id, name: '保温杯 400ml', quantity: 1, unitPriceFen: 89_00 }],
      });
      orders.push(order.id);
    }
    await api('/care/settings', 'PUT', {
      ...DEFAULT_CARE_SETTINGS,
      enabled: true,
      holdoutPercent: 0,
      publicBaseUrl: 'https://shop.example.cn',
    });
    await until('every delivered order to be looked at', async () => {
      const [r] = await q<{ n: number }>(
        'select count(distinct order_id)::int as n from care_messages where tenant_id = $1',
        [tenantId],
      );
      return r!.n === DELIVERIES;
    });
    await until('the dispute’s reminder', async () => {
      const [r] = await q<{ n: number }>(
        'select count(*)::int as n from deadline_reminders where tenant_id = $1 and subject_id = $2',
        [tenantId, dispute.id],
      );
      return r!.n > 0;
    });
    // Many more ticks of both workers.
    await new Promise((r) => setTimeout(r, 3000));
    const care = await q<{ order_id: string }>('select order_id from care_messages where tenant_id = $1', [
      tenantId,
    ]);
    expect(care.map((c) => c.order_id).sort()).toEqual([...orders].sort());
    const reminders = await q<{ key: string }>(
      `select deadline || '/' || stage as key from deadline_reminders where tenant_id = $1 and subject_id = $2`,
      [tenantId, dispute.id],
    );
    expect(new Set(reminders.map((r) => r.key)).size).toBe(reminders.length);
    const audits = await q<{ action: string; entity_id: string; n: number }>(
      `select action, entity_id, count(*)::int as n from audit_events where tenant_id = $1
       and action in ('blocklist_expired', 'personal_data_erased', 'token_refreshed') group by 1, 2 having count(*) > 1`,
      [tenantId],
    );
    expect(audits).toEqual([]);
  }, 300_000);

  test('automatic recall answers: each buyer question answered once, one platform call each, with two workers', async () => {
    // An order of the recalled batch on the Taobao shop, a campaign over it that answers by itself.
    await api('/orders', 'POST', {
      shopId: taobao.id,
      externalId: 'SCALE-RECALL-1',
      paidAt: new Date(Date.now() - 10 * 24 * HOUR).toISOString(),
      items: [{ name: '充电宝 20000mAh', quantity: 1, unitPriceFen: 129_00, batch: 'B2024-11' }],
    });
    const recall = await api('/recalls', 'POST', {
      title: '充电宝 B2024-11 批次召回',
      hazard: '部分电芯在充电时可能过热。',
      scope: { batches: ['B2024-11'] },
    });
    await api(`/recalls/${recall.id}/statement`, 'PUT', { locale: 'zh-CN', text: '召回公告：请停止使用。' });
    await api(`/recalls/${recall.id}/status`, 'POST', { status: 'announced' });
    const marker = '【召回自动答复】';
    await api(`/recalls/${recall.id}`, 'PATCH', {
      autoReply: true,
      answerZh: `${marker}请停止使用，可申请全额退款或换货。`,
    });
    // Six buyers ask on their Taobao refunds, each question pushed through both APIs.
    const asking = Array.from({ length: 6 }, (_, kase) => kase);
    const [one, two] = cluster.apis.map((x) => x.url) as [string, string];
    const statuses = await Promise.all(
      asking.flatMap((kase) => {
        const id = `7100${String(kase).padStart(8, '0')}`;
        const body = JSON.stringify({
          topic: 'taobao_refund_RefundCreateMessage',
          content: JSON.stringify({
            refund_id: id,
            tid: `T${id}`,
            modified: 1_764_000_000 + 3 * 600,
            message: '我的也是 B2024-11 这个批次吗？',
          }),
          id: `scale-recall-${kase}`,
          userid: 1,
          publisher: 'TOP',
        });
        return [pushTo(one, body), pushTo(two, body)];
      }),
    );
    expect(statuses.every((x) => x === 200)).toBe(true);
    await until('every question to be answered', async () => {
      const rows = await q<{ answer_state: string }>(
        'select answer_state from recall_inquiries where tenant_id = $1 and recall_id = $2',
        [tenantId, recall.id],
      );
      return rows.length === asking.length && rows.every((r) => r.answer_state === 'answered');
    });
    await until('the answers to leave the outbox', async () => {
      const [r] = await q<{ n: number }>(
        `select count(*)::int as n from outbox where tenant_id = $1 and status = 'pending'`,
        [tenantId],
      );
      return r!.n === 0;
    });
    // Many more ticks of both workers' recall sweeps.
    await new Promise((r) => setTimeout(r, 2000));
    const answers = await q<{ ticket_id: string; n: number }>(
      `select ticket_id, count(*)::int as n from messages
       where tenant_id = $1 and direction = 'outbound' and strpos(body, $2) > 0 group by ticket_id`,
      [tenantId, marker],
    );
    expect(answers).toHaveLength(asking.length);
    expect(answers.every((a) => a.n === 1)).toBe(true);
    const sent = calls().filter(
      (c) => c.accepted && c.api === 'taobao.refund.message.add' && String(c.params.content).includes(marker),
    );
    expect(sent.map((c) => c.params.refund_id).sort()).toEqual(
      asking.map((kase) => `7100${String(kase).padStart(8, '0')}`).sort(),
    );
  }, 300_000);

  test('no worker reported a conflict it had to retry (duplicate key, deadlock, serialization)', () => {
    expect(cluster.output()).not.toMatch(/duplicate key|deadlock detected|could not serialize/i);
  });
});

/** The list call's window and page, without its signature and credentials. */
function windowOf(params: Record<string, unknown>): Record<string, unknown> {
  const skip = /^(sign|sign_method|timestamp|access_token|session|app_key|v|format|method|simplify)$/;
  return Object.fromEntries(
    Object.entries(params)
      .filter(([k]) => !skip.test(k))
      .sort(),
  );
}
