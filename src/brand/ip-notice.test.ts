import { describe, expect, test } from 'vitest';
import { readIpNotice } from './ip-notice.js';

const at = new Date('2026-03-02T02:00:00.000Z');

describe('reading a platform notice as an IP complaint against our shop', () => {
  test.each([
    ['订单发货提醒：请及时发货', null],
    ['您的投诉已受理，投诉编号 IP20260301', null],
    [
      '【知识产权投诉】投诉方：杭州银月饰品有限公司，商标注册号：12345678，涉嫌侵权商品：925银手镯',
      'trademark_listing_misuse',
    ],
    ['您的商品被投诉外观设计专利侵权，专利号：ZL202030123456.7', 'patent_design'],
    ['侵权投诉：您的商品图片涉嫌盗图', 'copyright_image'],
    ['您的店铺涉嫌售假，收到知识产权投诉', 'counterfeit_goods'],
    ['IP complaint: counterfeit trademark goods. Complainant: Acme Ltd', 'counterfeit_goods'],
    ['Your listing was reported for copyright infringement', 'copyright_image'],
  ])('%s → %s', (text, type) => {
    expect(readIpNotice(text, at)?.type ?? null).toBe(type);
  });

  test('the complainant, the right, the reference and the listing are read from the words', () => {
    expect(
      readIpNotice(
        '【知识产权投诉】投诉编号：PDD-IP-889901。投诉方：杭州银月饰品有限公司；商标注册号：12345678；涉嫌侵权商品：银月925银手镯 女款；请于2026-03-05 18:00前提交申诉材料。',
        at,
      ),
    ).toEqual({
      type: 'trademark_listing_misuse',
      complainant: '杭州银月饰品有限公司',
      rightNo: '12345678',
      externalRef: 'PDD-IP-889901',
      dueAt: new Date('2026-03-05T10:00:00.000Z'),
      listingTitle: '银月925银手镯 女款',
    });
  });

  test.each([
    ['知识产权投诉，请于2026年3月4日前申诉', '2026-03-04T15:59:00.000Z'],
    ['知识产权投诉，请在3天内提交申诉', '2026-03-05T02:00:00.000Z'],
    ['知识产权投诉，请在3个工作日内提交申诉', '2026-03-07T02:00:00.000Z'],
    ['IP complaint: respond within 7 days', '2026-03-09T02:00:00.000Z'],
    ['知识产权投诉，请尽快处理', null],
  ])('the deadline of "%s" is %s', (text, due) => {
    expect(readIpNotice(text, at)?.dueAt?.toISOString() ?? null).toBe(due);
  });
});
