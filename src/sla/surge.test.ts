import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';
import { isSurge } from './surge.js';

describe('surge rule', () => {
  test.each([
    [9, 0, false], // too few cases to call it a surge
    [10, 0, true], // a quiet hour that suddenly gets ten
    [30, 12, false], // busier than usual but not three times
    [36, 12, true], // three times the usual level
  ])('%i cases against a usual %i → surge %s', (current, usual, expected) => {
    expect(isSurge(current, usual)).toBe(expected);
  });
});

describe('surge detector', () => {
  const clock = fixedClock('2026-11-11T12:30:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });

  test('a jump in new cases for a shop raises one console alert for supervisors per hour', async () => {
    const a = await t.signup('Surge');
    const shopId = (await a.request('POST', '/api/v1/shops', { platform: 'manual', name: '双11 店' })).json()
      .id;
    // The usual level: one case in the same hour in each of the previous four weeks.
    for (const weeks of [1, 2, 3, 4]) {
      clock.set(new Date(Date.parse('2026-11-11T12:10:00Z') - weeks * 7 * 86_400_000));
      await a.request('POST', '/api/v1/tickets', {
        kind: 'inquiry',
        channel: 'live_chat',
        subject: 'q',
        shopId,
      });
    }
    clock.set('2026-11-11T12:00:00Z');
    for (let i = 0; i < 12; i++) {
      await a.request('POST', '/api/v1/tickets', {
        kind: 'inquiry',
        channel: 'live_chat',
        subject: `q${i}`,
        shopId,
      });
    }
    clock.set('2026-11-11T12:30:00Z');
    expect(await t.services.sweeper.detectSurges(clock.now())).toBeGreaterThanOrEqual(1);
    expect(await t.services.sweeper.detectSurges(clock.now())).toBe(0); // once per shop and hour
    const alerts = (await a.request('GET', '/api/v1/sla/notifications')).json().items;
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'surge',
        audience: 'supervisor',
        params: expect.objectContaining({ shopId, current: 12, usual: 1 }),
        shopName: '双11 店',
      }),
    ]);
  });
});
