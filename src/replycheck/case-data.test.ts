import { describe, expect, test } from 'vitest';
import { type CaseFacts, caseDataSpans } from './case-data.js';
import type { CheckContext } from './check-types.js';
import { DEFAULT_RULES } from './default-rules.js';
import { checkReply, compileRules } from './reply-check.js';

const facts: CaseFacts = {
  numbers: ['6920123456789012345', 'SF1234567890', '7301234567890123456'],
  names: ['王小明', 'Lucy_88'],
};
const found = (body: string, f: CaseFacts = facts) =>
  caseDataSpans(body, f).map((s) => body.slice(s.start, s.end));

describe('the case’s own numbers and buyer in a reply', () => {
  test.each([
    // [reply, what is found]
    ['您的订单 6920123456789012345 已处理', ['6920123456789012345']],
    ['订单 6920 1234 5678 9012 345 已处理', ['6920 1234 5678 9012 345']], // typed in groups
    ['运单号 sf1234567890，请查收', ['sf1234567890']], // any case
    ['售后单7301234567890123456已同意', ['7301234567890123456']],
    ['王小明您好，已为您补发', ['王小明']],
    ['感谢 lucy_88 的评价', ['lucy_88']],
    ['订单 16920123456789012345 不是本单', []], // inside a longer number: another number
    ['亲，非常抱歉，已为您处理', []],
  ])('%s', (body, expected) => {
    expect(found(body)).toEqual(expected);
  });

  test('masked and short values are not searched for', () => {
    expect(found('张先生，138 您好', { numbers: ['138****5678', '12345'], names: ['张**', '张'] })).toEqual(
      [],
    );
  });
});

describe('public replies with an order number typed by hand', () => {
  const review: CheckContext = { platform: 'douyin', publicChannel: true, locale: 'zh-CN', caseFacts: facts };
  const chat: CheckContext = { ...review, publicChannel: false };
  const rules = compileRules(DEFAULT_RULES, 'douyin');
  const blocking = (body: string, ctx: CheckContext) =>
    checkReply(rules, body, ctx)
      .filter((f) => f.severity === 'block')
      .map((f) => `${f.rule}:${f.text}`);

  test.each([
    // the case's own order number, however it is written
    [
      '您的订单6920123456789012345已退款',
      ['personal_data.case:6920123456789012345', 'personal_data.order_number:6920123456789012345'],
    ],
    ['王小明您好，问题已解决', ['personal_data.case:王小明']],
    // another order number in a platform's shape
    ['参考订单 231105-123456789012345', ['personal_data.order_number:231105-123456789012345']],
    ['订单 5769876543210987654 已处理', ['personal_data.order_number:5769876543210987654']],
    // ordinary numbers are not order numbers
    ['保温杯 500ml，保温 12 小时，价格 129.00 元', []],
    ['亲，非常抱歉，已为您处理', []],
  ])('on a review: %s', (body, expected) => {
    expect(blocking(body, review)).toEqual(expected);
  });

  test('in a private chat the buyer may hear their own order number', () => {
    expect(blocking('您的订单6920123456789012345已退款，王小明', chat)).toEqual([]);
  });
});
