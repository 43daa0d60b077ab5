import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { aPowerBankMerchant, type PowerBankMerchant } from './test-fixtures.js';

// A campaign that answers by itself: the worker's sweep answers each recognised question once,
// through the ticket service. (Several worker processes at once: src/ops/scale-out.test.ts.)
let t: TestApp;
let a: TestClient;
let m: PowerBankMerchant;
let recallId = '';

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  m = await aPowerBankMerchant(a);
  const ok = async (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) => {
    const res = await a.request(method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json();
  };
  recallId = (
    await ok('POST', '/api/v1/recalls', {
      title: '充电宝 B2024-11 批次召回',
      hazard: '部分电芯在充电时可能过热。',
      scope: { batches: ['B2024-11'] },
    })
  ).id;
  await ok('PUT', `/api/v1/recalls/${recallId}/statement`, {
    locale: 'zh-CN',
    text: '召回公告：请停止使用。',
  });
  await ok('POST', `/api/v1/recalls/${recallId}/status`, { status: 'announced' });
  await ok('PATCH', `/api/v1/recalls/${recallId}`, { autoReply: true, answerZh: '【自动答复】请停止使用。' });
});

const ask = (i: number) =>
  a.request('POST', '/api/v1/tickets', {
    kind: 'inquiry',
    channel: 'platform_message',
    subject: '咨询',
    body: '我的也是这个批次吗',
    shopId: m.shopId,
    customerId: m.inScope[i]!.customerId,
    orderId: m.inScope[i]!.orderId,
  });

const queue = async () =>
  (await a.request('GET', `/api/v1/recalls/${recallId}/inquiries`)).json().items as {
    ticketId: string;
    answerState: string;
  }[];

const answersOn = async (ticketId: string) =>
  (
    (await a.request('GET', `/api/v1/tickets/${ticketId}/messages`)).json().items as {
      direction: string;
      body: string;
    }[]
  ).filter((x) => x.direction === 'outbound' && x.body.includes('【自动答复】'));

describe('automatic recall answers', () => {
  test('each question is answered once by the sweep; a second sweep finds nothing to do', async () => {
    for (const i of [0, 1]) expect((await ask(i)).statusCode).toBe(201);
    expect((await queue()).map((x) => x.answerState)).toEqual(['auto_pending', 'auto_pending']);

    expect(await t.services.recalls.inquiries.sendAutomaticAnswers()).toBe(2);
    expect(await t.services.recalls.inquiries.sendAutomaticAnswers()).toBe(0);
    const rows = await queue();
    expect(rows.map((x) => x.answerState)).toEqual(['answered', 'answered']);
    for (const row of rows) expect(await answersOn(row.ticketId)).toHaveLength(1);
  });

  test('a sweep that fails leaves the question due and writes no answer; the next sweep answers it', async () => {
    expect((await ask(2)).statusCode).toBe(201);
    // The answer cannot be written: the sweep fails inside its transaction.
    await t.database.query(
      `create or replace function recall_test_refuse() returns trigger language plpgsql as $$
       begin raise exception 'messages refused for the test'; end $$`,
    );
    await t.database.query(
      'create trigger recall_test_refuse before insert on messages for each row execute function recall_test_refuse()',
    );
    try {
      await expect(t.services.recalls.inquiries.sendAutomaticAnswers()).rejects.toThrow();
    } finally {
      await t.database.query('drop trigger recall_test_refuse on messages');
    }
    const waiting = (await queue()).find((x) => x.answerState !== 'answered')!;
    expect(waiting.answerState).toBe('auto_pending');
    expect(await answersOn(waiting.ticketId)).toHaveLength(0);

    expect(await t.services.recalls.inquiries.sendAutomaticAnswers()).toBe(1);
    expect(await answersOn(waiting.ticketId)).toHaveLength(1);
  });
});
