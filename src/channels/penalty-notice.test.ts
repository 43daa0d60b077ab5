import { describe, expect, test } from 'vitest';
import { readPenaltyNotice } from './penalty-notice.js';

const at = new Date('2026-12-01T02:00:00Z');
const in7 = new Date('2026-12-08T02:00:00Z');

describe('violation notices read as penalties', () => {
  test.each([
    [
      '店铺违规通知：虚假发货\n您的店铺存在虚假发货行为，已扣除保证金 ¥500，请在 7 天内申诉。',
      {
        kind: 'deposit_deducted',
        depositFen: 500_00,
        points: null,
        appealDueAt: in7,
        reason: '店铺违规通知：虚假发货',
      },
    ],
    [
      '违规处罚：商品描述不符，扣 4 分，可在7日内提交申诉',
      { kind: 'points', points: 4, depositFen: null, appealDueAt: in7 },
    ],
    ['因售假，店铺已被清退', { kind: 'shop_closed', appealDueAt: null }],
    ['商品「银手镯」涉嫌侵权已被下架', { kind: 'product_delisted' }],
    ['商品涉嫌违禁，已禁售', { kind: 'product_banned' }],
    ['店铺因延迟发货被限制报名活动 15 天', { kind: 'business_restricted' }],
    ['冻结保证金 1,200.50 元', { kind: 'deposit_deducted', depositFen: 1_200_50 }],
  ])('%s', (text, expected) => {
    expect(readPenaltyNotice('n1', text, at)).toMatchObject({ type: 'penalty', ref: 'n1', ...expected });
  });

  test.each([
    '平台规则更新通知：12 月起新增退货运费险规则',
    '双十二活动报名开始，报名截止 12 月 8 日',
    '最近 7 天内您的店铺售后响应良好',
  ])('a notice that announces no penalty is none: %s', (text) => {
    expect(readPenaltyNotice('n1', text, at)).toBeNull();
  });
});
