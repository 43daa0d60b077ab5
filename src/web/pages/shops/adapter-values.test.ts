import { describe, expect, test } from 'vitest';
import { initialAdapterValues, settingsBody } from './adapter-values.js';

describe('the shop form reconcile settings', () => {
  const shop = {
    id: 's1',
    platform: 'pinduoduo' as const,
    name: 'P',
    settings: {
      reconcile: { pageSize: 50, feeds: ['after_sales' as const], methods: { after_sales: 'x.y' } },
    },
  };

  test('a stored override shows in the form, and saving keeps what the form does not show', () => {
    const values = initialAdapterValues(shop as never);
    expect(values).toMatchObject({ reconcileOn: true, reconcilePageSize: 50, reconcileWindowMinutes: null });
    const body = settingsBody(
      { ...values, reconcileOn: false, reconcilePageSize: null, reconcileWindowMinutes: 30 },
      { platform: 'pinduoduo', editing: true, clearToken: false, kept: shop.settings },
    );
    expect(body?.reconcile).toEqual({
      feeds: ['after_sales'],
      methods: { after_sales: 'x.y' },
      enabled: false,
      maxWindowMinutes: 30,
    });
  });

  test('all defaults send null on edit (removes the key) and nothing on create', () => {
    const values = initialAdapterValues(undefined);
    expect(values.reconcileOn).toBe(true);
    const edit = settingsBody(values, { platform: 'douyin', editing: true, clearToken: false });
    expect(edit?.reconcile).toBeNull();
    const create = settingsBody(values, { platform: 'douyin', editing: false, clearToken: false });
    expect(create?.reconcile).toBeUndefined();
  });
});

describe('the shop form reply limits', () => {
  const shop = {
    id: 's2',
    platform: 'douyin' as const,
    name: 'D',
    settings: { replyLimits: { review: 300 } },
  };

  test.each([
    // [what the form holds, what is sent on edit]
    [{ review: 300 }, { review: 300 }],
    [
      { review: 300, chat: 1000 },
      { review: 300, chat: 1000 },
    ],
    [{ review: null, chat: null }, null], // emptied: the platform table again
    [{ after_sales: 0 }, null], // not a length
    [{ chat: 12.5 }, null], // not whole
  ])('form %j sends %j', (limits, sent) => {
    const values = initialAdapterValues(shop as never);
    expect(values.replyLimits).toEqual({ review: 300 });
    const body = settingsBody(
      { ...values, replyLimits: limits },
      { platform: 'douyin', editing: true, clearToken: false, kept: shop.settings },
    );
    expect(body?.replyLimits).toEqual(sent);
  });

  test('a new shop without limits sends none', () => {
    const create = settingsBody(initialAdapterValues(undefined), {
      platform: 'douyin',
      editing: false,
      clearToken: false,
    });
    expect(create?.replyLimits).toBeUndefined();
  });
});
