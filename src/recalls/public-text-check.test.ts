import { describe, expect, test } from 'vitest';
import { describeFindings, findPersonalData, plausibleName } from './public-text-check.js';

const none = { buyerNames: [], orderRefs: [] };

describe('personal data in a public recall text', () => {
  test.each([
    ['a mobile number', '如有疑问请联系王女士 13812345678。', 'mobile', '138****5678'],
    ['a street address', '退货地址：上海市浦东新区世纪大道100号3号楼。', 'address', '上海市浦东新区***'],
    ['a Pinduoduo order number', '订单 231205-123456789012345 的买家已退款。', 'order_number', '2312******5'],
    ['a Douyin order number', 'Order 6912345678901234567 was refunded.', 'order_number', '6912******7'],
    ['an e-mail address', 'Write to li.ming@example.com for help.', 'email', 'l***@example.com'],
  ])('%s is found and masked', (_name, text, type, masked) => {
    expect(findPersonalData('statement', text, none)).toEqual([{ type, masked, field: 'statement' }]);
  });

  test("a buyer's name and order number known from the campaign's orders are found", () => {
    const found = findPersonalData('statement', '张小凤的订单 PDD-88 已处理。', {
      buyerNames: ['张小凤'],
      orderRefs: ['PDD-88'],
    });
    expect(found.map((f) => [f.type, f.masked])).toEqual([
      ['order_number', 'P****8'],
      ['buyer_name', '张*凤'],
    ]);
  });

  test("the merchant's own contact line is allowed", () => {
    const contact = '客服热线 13900001111，退货地址：深圳市南山区科技园路1号';
    const text = `召回公告……联系我们：${contact}`;
    expect(findPersonalData('statement', text, none, [contact])).toEqual([]);
    expect(findPersonalData('statement', text, none, [])).toHaveLength(2);
  });

  test('a statement of batches, dates and a 400 hotline carries nothing personal', () => {
    const text = '批次：B2024-11；销售时间：2024年11月1日至2024年12月31日；客服电话 400-820-8820。';
    expect(findPersonalData('statement', text, none)).toEqual([]);
  });

  test.each([
    ['张', false],
    ['张三', true],
    ['Li', false],
    ['Lee', true],
  ])('the name %s is looked for: %s', (name, expected) => {
    expect(plausibleName(name)).toBe(expected);
  });

  test('the refusal names each finding masked, never the data itself', () => {
    const message = describeFindings(findPersonalData('statement (zh-CN)', '请联系 13812345678', none));
    expect(message).toContain('a mobile number (138****5678) in statement (zh-CN)');
    expect(message).not.toContain('13812345678');
  });
});
