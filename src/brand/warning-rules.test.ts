import { describe, expect, test } from 'vitest';
import { draftWarning, followUpDue, warningState } from './warning-rules.js';

const created = new Date('2026-03-02T02:00:00.000Z');
const w = { outcome: null, createdAt: created, followUpDueAt: followUpDue(created), floorFen: 199_00 };

describe('where a reseller warning stands', () => {
  test.each([
    ['nothing seen, before the follow-up date', [], '2026-03-03T00:00:00Z', 'awaiting'],
    ['nothing seen, after the follow-up date', [], '2026-03-06T00:00:00Z', 'follow_up_due'],
    [
      'still below after the warning',
      [[150_00, '2026-03-03T00:00:00Z']],
      '2026-03-06T00:00:00Z',
      'follow_up_due',
    ],
    [
      'back at the floor after the warning',
      [[199_00, '2026-03-03T00:00:00Z']],
      '2026-03-06T00:00:00Z',
      'price_back',
    ],
    [
      'back at the floor before the warning only',
      [[199_00, '2026-03-01T00:00:00Z']],
      '2026-03-03T00:00:00Z',
      'awaiting',
    ],
  ] as const)('%s', (_, seen, now, state) => {
    const points = seen.map(([priceFen, at]) => ({ priceFen, observedAt: new Date(at) }));
    expect(warningState(w, points, new Date(now))).toBe(state);
  });
  test('an outcome closes it', () => {
    expect(warningState({ ...w, outcome: 'no_change' }, [], created)).toBe('closed');
  });
});

test('the warning text names the price, the floor and the deadline; a repeat says so', () => {
  const input = {
    partyName: '星河数码专营店',
    productName: '银月手镯',
    sku: 'SM-001',
    priceFen: 159_00,
    floorFen: 199_00,
    url: 'https://example.com/1',
    followUpDays: 3,
    earlier: 1,
  };
  expect(draftWarning(input, 'zh-CN')).toContain('标价 ¥159.00，低于授权协议约定的最低售价 ¥199.00');
  expect(draftWarning(input, 'zh-CN')).toContain('这是第 2 次提醒');
  expect(draftWarning({ ...input, earlier: 0 }, 'en')).toContain('within 3 days');
});
