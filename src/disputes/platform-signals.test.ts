import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createShop, drain, fixture, push, type TestShop } from '../ingest/testing.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let douyin: TestShop;
let pdd: TestShop;
let taobao: TestShop;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  douyin = await createShop(a, 'douyin');
  pdd = await createShop(a, 'pinduoduo');
  taobao = await createShop(a, 'taobao');
});

let msg = 7_301_234_567_890_100_000n;
/** One Douyin push of after-sale tags for one after-sale (ids as the platform sends them: beyond 2^53). */
const douyinPush = (aftersaleId: string, tags: [string, Record<string, unknown>][]) =>
  `[${tags
    .map(([tag, extra], i) => {
      const data = JSON.stringify({
        aftersale_type: 1,
        p_id: '6920123456789012777',
        refund_amount: 19900,
        update_time: 1764000000 + i * 60,
        ...extra,
      }).replace('{', `{"aftersale_id":${aftersaleId},`);
      return JSON.stringify({ tag, msg_id: String(++msg), data });
    })
    .join(',')}]`;

const pddCommon = (id: number, type: string, content: Record<string, unknown>) => ({
  commandType: 'Common',
  id,
  sendTime: 1764000000000,
  message: { type, mallID: 445566, content: JSON.stringify(content) },
});

async function disputesOf(client: TestClient) {
  const res = await client.request('GET', '/api/v1/disputes?limit=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Record<string, unknown>[];
}

async function penaltiesOf(client: TestClient) {
  const res = await client.request('GET', '/api/v1/penalties?limit=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Record<string, unknown>[];
}

describe('platform events open disputes and record penalties (through the webhook)', () => {
  test('a Douyin arbitration opens one dispute on its case, and the platform decision closes it', async () => {
    const id = '7301234567890124001';
    // Created, buyer asks the platform to arbitrate, customer service steps in: one batch.
    const res = await push(
      t,
      douyin,
      douyinPush(id, [
        ['200', { apply_time: 1764000000 }],
        ['212', {}],
        ['217', {}],
      ]),
    );
    expect(res.statusCode).toBe(200);
    await drain(t);
    const opened = (await disputesOf(a)).filter((d) => d.externalRef === id);
    expect(opened).toHaveLength(1);
    const dispute = opened[0]!;
    expect(dispute).toMatchObject({
      platform: 'douyin',
      source: 'platform_event',
      status: 'open',
      amountAtStakeFen: 19900,
      shopId: douyin.id,
    });
    expect(dispute.ticketId).toBeTruthy();
    expect(dispute.evidenceDueAt).toBeTruthy();
    const ticket = (await a.request('GET', `/api/v1/tickets/${dispute.ticketId}`)).json();
    expect(JSON.stringify(ticket)).toContain(`aftersale:${id}`);

    // The platform asks for evidence, then decides for the seller: one event at a time.
    await push(t, douyin, douyinPush(id, [['213', { update_time: 1764003600 }]]));
    await drain(t);
    await push(
      t,
      douyin,
      douyinPush(id, [
        ['216', { arbitrate_status: 3, arbitrate_conclusion: '商家举证有效', update_time: 1764007200 }],
      ]),
    );
    await drain(t);
    const decided = (await a.request('GET', `/api/v1/disputes/${dispute.id}`)).json();
    expect(decided).toMatchObject({ status: 'closed', outcome: 'won', amountLostFen: 0 });
    expect((await disputesOf(a)).filter((d) => d.externalRef === id)).toHaveLength(1);
  });

  test('an arbitration decided for the buyer is a lost dispute with the amount at stake lost', async () => {
    const id = '7301234567890124002';
    await push(t, douyin, douyinPush(id, [['212', {}]]));
    await push(t, douyin, douyinPush(id, [['216', { arbitrate_status: 2, update_time: 1764009000 }]]));
    await drain(t);
    const [d] = (await disputesOf(a)).filter((x) => x.externalRef === id);
    expect(d).toMatchObject({ status: 'closed', outcome: 'lost', amountLostFen: 19900 });
  });

  test('a Taobao intervention and a Pinduoduo intervention (relay) open disputes', async () => {
    await push(t, taobao, fixture('taobao', 'inter-applied'));
    await push(
      t,
      pdd,
      pddCommon(2001, 'pdd_refund_RefundPlatformIntervene', {
        refund_id: 9876543299,
        tid: '241125-123456789019999',
        refund_fee: 12800,
        modified: 1764000000,
      }),
    );
    await drain(t);
    const list = await disputesOf(a);
    expect(list.find((d) => d.externalRef === '166123456789099999')).toMatchObject({ platform: 'taobao' });
    expect(list.find((d) => d.externalRef === '9876543299')).toMatchObject({
      platform: 'pinduoduo',
      amountAtStakeFen: 12800,
    });
  });

  test('violation notices record penalties once, with the appeal deadline the notice gives', async () => {
    await push(t, pdd, fixture('pinduoduo', 'notice-penalty'));
    const deadline = 1764000000 + 7 * 86400;
    await push(
      t,
      pdd,
      pddCommon(2002, 'pdd_notice_ViolationNotice', {
        notice_id: 'n-900',
        title: '违规处罚：描述不符',
        content: '扣 4 分',
        penalty_type: 'points',
        points: 4,
        appeal_deadline: deadline,
        created: 1764000000,
      }),
    );
    await drain(t);
    // The same notice again (a new delivery id): no second penalty.
    await push(t, pdd, { ...JSON.parse(fixture('pinduoduo', 'notice-penalty')), id: 1999 });
    await drain(t);
    const list = await penaltiesOf(a);
    const deposit = list.filter((p) => p.externalRef === 'n-778');
    expect(deposit).toHaveLength(1);
    expect(deposit[0]).toMatchObject({
      platform: 'pinduoduo',
      kind: 'deposit_deducted',
      depositFen: 50000,
      source: 'platform_event',
      shopId: pdd.id,
    });
    expect(list.find((p) => p.externalRef === 'n-900')).toMatchObject({
      kind: 'points',
      points: 4,
      appealDueAt: new Date(deadline * 1000).toISOString(),
    });
  });

  test('another tenant sees none of them', async () => {
    expect(await disputesOf(b)).toEqual([]);
    expect(await penaltiesOf(b)).toEqual([]);
  });
});
