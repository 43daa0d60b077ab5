import { describe, expect, test } from 'vitest';
import { buyerNotice, fitTo, noticeTexts, TEXT_LIMITS } from './notice-texts.js';
import { answerFor, defaultAnswer, generateStatement, type StatementFacts } from './statement.js';

const facts: StatementFacts = {
  title: '充电宝 B2024-11 批次召回',
  productName: '20000mAh 快充充电宝',
  hazard: '部分电芯在充电时可能过热，存在起火风险。',
  skus: ['PB-20K 充电宝 20000mAh 黑色'],
  batches: ['B2024-11'],
  soldFrom: new Date('2024-11-01T00:00:00Z'),
  soldTo: new Date('2024-12-01T00:00:00Z'),
  remedies: ['refund', 'exchange'],
  claimDeadline: new Date('2025-03-31T08:00:00Z'),
  contact: '客服电话 400-800-1234',
  merchantName: '闪电数码',
};
const url = 'https://shop.example.cn/recalls/abcdefghjkmn';

describe('ready-to-post texts fit their medium', () => {
  test.each(['zh-CN', 'en'] as const)('%s: every medium within its limit, the essentials kept', (locale) => {
    const texts = noticeTexts(facts, url, locale);
    for (const [medium, t] of Object.entries(texts)) {
      expect([...t.text].length, medium).toBeLessThanOrEqual(TEXT_LIMITS[medium as keyof typeof TEXT_LIMITS]);
      expect(t.text, medium).toContain('B2024-11');
    }
    expect(texts.platform.text).toContain(url);
    expect(texts.weibo.text).toContain(url);
  });

  test('a long product name and address still fit one SMS segment', () => {
    const long = {
      ...facts,
      productName: '超大容量 20000mAh 双向快充 PD 65W 笔记本电脑充电宝（黑色礼盒装）',
    };
    const sms = noticeTexts(long, `${url}?from=sms-campaign-long-tracking`, 'zh-CN').sms;
    expect(sms.length).toBeLessThanOrEqual(70);
  });

  test('a reminder says so and still fits a platform message', () => {
    const text = buyerNotice(facts, url, 'zh-CN', true);
    expect(text.startsWith('【再次提醒】')).toBe(true);
    expect([...text].length).toBeLessThanOrEqual(TEXT_LIMITS.platform);
  });

  test('cutting keeps whole characters and ends with an ellipsis', () => {
    expect(fitTo('充电宝召回通知', 4)).toBe('充电宝…');
    expect(fitTo('短', 4)).toBe('短');
  });
});

describe('the statement and the campaign answer', () => {
  test('the Chinese statement says what, which batch, the hazard, what to do and whom to contact', () => {
    const text = generateStatement(facts, 'zh-CN');
    for (const part of [
      'B2024-11',
      '起火风险',
      '立即停止使用',
      '全额退款',
      '2025年3月31日',
      '400-800-1234',
      '2024年11月1日至2024年12月1日',
    ]) {
      expect(text).toContain(part);
    }
  });

  test('the English statement carries the same facts', () => {
    const text = generateStatement(facts, 'en');
    for (const part of ['B2024-11', 'Stop using', 'a full refund', '2025-03-31', '400-800-1234'])
      expect(text).toContain(part);
  });

  test.each([
    [true, '经核对，您购买的商品在本次召回范围内。'],
    [false, '经核对，您的订单不在本次召回范围内'],
    [null, '您好'],
  ] as const)('the answer for an order in scope = %s starts with "%s"', (inScope, start) => {
    expect(answerFor(defaultAnswer(facts, 'zh-CN'), inScope, 'zh-CN').startsWith(start)).toBe(true);
  });
});
