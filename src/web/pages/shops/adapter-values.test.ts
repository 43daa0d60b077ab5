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

  test('a stored override shows in the form, and saving sends what the form holds', () => {
    const values = initialAdapterValues(shop as never);
    expect(values).toMatchObject({
      reconcileOn: true,
      reconcilePageSize: 50,
      reconcileWindowMinutes: null,
      reconcileFeeds: ['after_sales'],
      reconcileMethods: { after_sales: 'x.y' },
    });
    const body = settingsBody(
      { ...values, reconcileOn: false, reconcilePageSize: null, reconcileWindowMinutes: 30 },
      { platform: 'pinduoduo', editing: true, clearToken: false },
    );
    expect(body?.reconcile).toEqual({
      feeds: ['after_sales'],
      methods: { after_sales: 'x.y' },
      enabled: false,
      maxWindowMinutes: 30,
    });
  });

  test('feeds and method names edited in the form: none ticked and blank names are the defaults', () => {
    const values = initialAdapterValues(shop as never);
    const body = settingsBody(
      { ...values, reconcileFeeds: [], reconcileMethods: { after_sales: '  ', orders: ' pdd.order.list ' } },
      { platform: 'pinduoduo', editing: true, clearToken: false },
    );
    expect(body?.reconcile).toEqual({ methods: { orders: 'pdd.order.list' }, pageSize: 50 });
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
      { platform: 'douyin', editing: true, clearToken: false },
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

describe('the shop form platform settings', () => {
  const douyin = {
    id: 's3',
    platform: 'douyin' as const,
    name: 'D',
    settings: {
      returnAddressId: '7001',
      douyinReasonCodes: { '3': '质量问题' },
      douyinOperateTypes: { agree_refund: 205 },
    },
  };

  test('the Douyin tables show as rows and go back as maps; blank rows and codes are left out', () => {
    const values = initialAdapterValues(douyin as never);
    expect(values.douyinReasonCodes).toEqual([{ code: '3', text: '质量问题' }]);
    expect(values.douyinOperateTypes).toEqual({ agree_refund: 205 });
    const body = settingsBody(
      {
        ...values,
        douyinReasonCodes: [{ code: ' 3 ', text: ' 商品质量问题 ' }, { code: '16', text: '' }, {}],
        douyinOperateTypes: { agree_refund: 205, refuse_refund: null, agree_return: 2.5 },
      },
      { platform: 'douyin', editing: true, clearToken: false },
    );
    expect(body).toMatchObject({
      returnAddressId: '7001',
      douyinReasonCodes: { '3': '商品质量问题' },
      douyinOperateTypes: { agree_refund: 205 },
    });
    expect(body).not.toHaveProperty('shopCipher');
    expect(body).not.toHaveProperty('pddRelaySignature');
  });

  test('emptied tables remove the keys on edit (the built-in defaults again)', () => {
    const values = initialAdapterValues(douyin as never);
    const body = settingsBody(
      { ...values, douyinReasonCodes: [], douyinOperateTypes: {}, returnAddressId: ' ' },
      { platform: 'douyin', editing: true, clearToken: false },
    );
    expect(body).toMatchObject({ douyinReasonCodes: null, douyinOperateTypes: null, returnAddressId: null });
  });

  test.each([
    // [platform, form values, what a new shop sends]
    ['tiktok', { shopCipher: ' ROW_abc ', returnAddressId: '9' }, { shopCipher: 'ROW_abc' }],
    [
      'pinduoduo',
      { pddRelaySignature: 'legacy', returnAddressId: '12' },
      { pddRelaySignature: 'legacy', returnAddressId: '12' },
    ],
    ['taobao', { returnAddressId: '55', shopCipher: 'x' }, { returnAddressId: '55' }],
  ] as const)('a new %s shop sends only its own platform settings', (platform, form, sent) => {
    const body = settingsBody(
      { ...initialAdapterValues(undefined), ...form },
      { platform, editing: false, clearToken: false },
    );
    expect(body).toEqual({ ...sent });
  });
});
