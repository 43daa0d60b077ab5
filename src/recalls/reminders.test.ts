import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { aPowerBankMerchant, openRefund, type PowerBankMerchant } from './test-fixtures.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let m: PowerBankMerchant;
let id = '';
let firstAt = 0;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  m = await aPowerBankMerchant(a, 3);
  for (const o of m.inScope) await openRefund(t, m.shop, o.externalId);
  const res = await a.request('POST', '/api/v1/recalls', {
    title: '充电宝 B2024-11 批次召回',
    hazard: '部分电芯在充电时可能过热，存在起火风险。',
    scope: { batches: ['B2024-11'] },
  });
  id = res.json().id;
  await a.request('PUT', `/api/v1/recalls/${id}/statement`, {
    locale: 'zh-CN',
    text: '召回公告：请停止使用。',
  });
  await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'announced' });
  const first = await a.request('POST', `/api/v1/recalls/${id}/notices`, { wave: 'first' });
  expect(first.statusCode, first.body).toBe(200);
  firstAt = Date.parse(first.json().at);
});

const detail = async () => (await a.request('GET', `/api/v1/recalls/${id}`)).json();
const reminders = () => t.services.recalls.notices;

describe('reminder waves go out on schedule, sent by the worker', () => {
  test('after the first notice the next reminder is due 3 days later (the default 3 and 7 days)', async () => {
    const r = await detail();
    expect(r.reminderDays).toEqual([3, 7]);
    expect(Date.parse(r.nextReminderAt)).toBe(firstAt + 3 * DAY);
  });

  test('nothing is sent before it is due', async () => {
    expect(await reminders().sendDueReminders(new Date(firstAt + 2 * DAY))).toBe(0);
  });

  test('when due, the worker sends the wave to buyers who have neither answered nor chosen a remedy, once', async () => {
    // One buyer chose a refund: the reminder skips that order.
    const remedy = await a.request('POST', `/api/v1/recalls/${id}/remedies`, {
      orderId: m.inScope[0]!.orderId,
      remedy: 'refund',
    });
    expect(remedy.statusCode, remedy.body).toBe(201);
    const at = new Date(firstAt + 3 * DAY + 60_000);
    expect(await reminders().sendDueReminders(at)).toBe(1);
    // A second worker (or the next tick) finds nothing due.
    expect(await reminders().sendDueReminders(at)).toBe(0);
    const progress = (await a.request('GET', `/api/v1/recalls/${id}/progress`)).json();
    const wave = progress.waves.find((w: { wave: string }) => w.wave === 'reminder-2');
    expect(wave).toMatchObject({ by: 'schedule', queued: 2 });
    const r = await detail();
    expect(Date.parse(r.nextReminderAt)).toBe(firstAt + 7 * DAY);
    // Who the next reminder would reach: the two buyers still waiting (the refunded one is not).
    const waiting = (await a.request('GET', `/api/v1/recalls/${id}/reminders/waiting`)).json();
    expect(waiting.total).toBe(2);
    expect(waiting.items.map((w: { orderId: string }) => w.orderId).sort()).toEqual(
      [m.inScope[1]!.orderId, m.inScope[2]!.orderId].sort(),
    );
    expect((await b.request('GET', `/api/v1/recalls/${id}/reminders/waiting`)).statusCode).toBe(404);
    const notices = (await a.request('GET', `/api/v1/recalls/${id}/notices?wave=reminder-2`)).json();
    expect(notices.items.map((n: { orderId: string }) => n.orderId).sort()).toEqual(
      [m.inScope[1]!.orderId, m.inScope[2]!.orderId].sort(),
    );
  });

  test('a new schedule moves the next reminder; an empty one turns them off', async () => {
    const moved = await a.request('PATCH', `/api/v1/recalls/${id}`, { reminderDays: [14, 5] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await detail()).reminderDays).toEqual([5, 14]);
    expect(Date.parse((await detail()).nextReminderAt)).toBe(firstAt + 14 * DAY);
    await a.request('PATCH', `/api/v1/recalls/${id}`, { reminderDays: [] });
    expect((await detail()).nextReminderAt).toBeNull();
    expect(await reminders().sendDueReminders(new Date(firstAt + 30 * DAY))).toBe(0);
  });

  test('a bad schedule is 400 and changes nothing; another tenant cannot change it', async () => {
    for (const reminderDays of [[0], [91], [1, 2, 3, 4, 5, 6, 7], ['3']]) {
      const res = await a.request('PATCH', `/api/v1/recalls/${id}`, { reminderDays });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await b.request('PATCH', `/api/v1/recalls/${id}`, { reminderDays: [1] })).statusCode).toBe(404);
    expect((await detail()).reminderDays).toEqual([]);
  });

  test('a closed campaign sends no reminder', async () => {
    await a.request('PATCH', `/api/v1/recalls/${id}`, { reminderDays: [20, 25] });
    expect((await detail()).nextReminderAt).not.toBeNull();
    await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'closing' });
    await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'closed' });
    expect((await detail()).nextReminderAt).toBeNull();
    expect(await reminders().sendDueReminders(new Date(firstAt + 30 * DAY))).toBe(0);
  });
});
