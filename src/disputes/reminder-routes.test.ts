import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
const clock = fixedClock('2026-03-02T02:00:00.000Z');
const HOUR = 3_600_000;
/** Sweeps run at a later time without moving the clock (sessions would expire). */
const later = (hours: number) => new Date(clock.now().getTime() + hours * HOUR);

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
});

type Reminder = { subjectId: string; deadline: string; stage: string; status: string; id: string };
async function remindersOf(client: TestClient, status = 'active'): Promise<Reminder[]> {
  const res = await client.request('GET', `/api/v1/deadline-reminders?status=${status}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('deadline reminders', () => {
  test('a Douyin penalty: reminded 3 days and 1 day before its appeal deadline, each once; resolved by the appeal', async () => {
    const penalty = (
      await a.request('POST', '/api/v1/penalties', {
        platform: 'douyin',
        kind: 'points',
        points: 4,
        reason: '虚假宣传',
        penalizedAt: clock.now().toISOString(),
      })
    ).json();
    expect(penalty.appealDueAt).toBe('2026-03-09T02:00:00.000Z');

    const probe = await a.request('GET', '/api/v1/deadline-reminders');
    expect(probe.statusCode, probe.body).toBe(200);
    const sweep = (hours: number) => t.services.reminders.sweep(later(hours));
    expect(await sweep(0)).toEqual({ raised: 0, resolved: 0 });
    expect(await sweep(5 * 24)).toEqual({ raised: 1, resolved: 0 }); // 2 days left
    expect(await sweep(5 * 24 + 1)).toEqual({ raised: 0, resolved: 0 }); // once
    await sweep(6 * 24 + 6); // 18 hours left
    const raised = await remindersOf(a);
    expect(raised.filter((r) => r.subjectId === penalty.id).map((r) => [r.deadline, r.stage])).toEqual([
      ['appeal_due', 'ahead_3d'],
      ['appeal_due', 'ahead_1d'],
    ]);
    expect(await remindersOf(b)).toEqual([]); // another tenant sees none of them

    const seen = await a.request('POST', `/api/v1/deadline-reminders/${raised[0]?.id}/acknowledge`);
    expect(seen.json()).toMatchObject({ status: 'acknowledged', acknowledgedByName: expect.any(String) });
    expect(
      (await b.request('POST', `/api/v1/deadline-reminders/${raised[1]?.id}/acknowledge`)).statusCode,
    ).toBe(404);

    await a.request('POST', `/api/v1/penalties/${penalty.id}/appeal`, { text: '申请撤销扣分' });
    expect((await sweep(6 * 24 + 7)).resolved).toBe(2);
    // The appeal deadline no longer applies; what is due now is the platform's decision.
    expect(
      (await remindersOf(a)).filter((r) => r.subjectId === penalty.id).map((r) => [r.deadline, r.stage]),
    ).toEqual([['decision_expected', 'ahead_3d']]);
    expect((await remindersOf(a, 'resolved')).filter((r) => r.subjectId === penalty.id)).toHaveLength(2);
  });

  test('a dispute past its evidence deadline gets one overdue reminder, which stays until it is closed', async () => {
    const dispute = (
      await a.request('POST', '/api/v1/disputes', {
        type: 'quality',
        platform: 'pinduoduo',
        evidenceDueAt: later(6).toISOString(),
        responseDueAt: later(20 * 24).toISOString(),
      })
    ).json();
    await t.services.reminders.sweep(later(0));
    await t.services.reminders.sweep(later(10)); // evidence 4 hours overdue
    await t.services.reminders.sweep(later(11));
    const mine = (await remindersOf(a)).filter((r) => r.subjectId === dispute.id);
    expect(mine.map((r) => [r.deadline, r.stage, r.status])).toEqual([
      ['evidence_due', 'ahead_1d', 'open'],
      ['evidence_due', 'overdue', 'open'],
    ]);
    await a.request('POST', `/api/v1/disputes/${dispute.id}/decide`, { outcome: 'lost', amountLostFen: 100 });
    await t.services.reminders.sweep(later(12));
    expect((await remindersOf(a)).filter((r) => r.subjectId === dispute.id)).toEqual([]);
  });

  test('bad input is a 4xx', async () => {
    expect((await a.request('GET', '/api/v1/deadline-reminders?status=sent')).statusCode).toBe(400);
    expect((await a.request('POST', '/api/v1/deadline-reminders/x/acknowledge')).statusCode).toBe(400);
  });
});
