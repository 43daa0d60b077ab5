import { describe, expect, test } from 'vitest';
import type { CheckContext, RulePlatform } from './check-types.js';
import { DEFAULT_RULES } from './default-rules.js';
import { checkReply, compileRules } from './reply-check.js';
import { effectiveRules, patternProblems } from './rule-table.js';

const chat: CheckContext = { platform: 'douyin', publicChannel: false, locale: 'zh-CN' };
const review: CheckContext = { platform: 'douyin', publicChannel: true, locale: 'zh-CN' };
const compiled = (platform: RulePlatform = 'douyin') => compileRules(DEFAULT_RULES, platform);
const rulesOf = (body: string, ctx = chat, platform: RulePlatform = 'douyin') =>
  checkReply(compiled(platform), body, ctx).map((f) => `${f.rule}:${f.severity}:${f.text}`);

describe('reply checks on the default rule table', () => {
  test.each([
    // the acceptance draft: blame and contempt, blocking
    ['你自己不会用怪谁', ['blame.buyer:block:你自己不会用怪谁']],
    ['爱买不买，事儿多', ['insult.abuse:block:爱买不买', 'insult.abuse:block:事儿多']],
    ['你等着，后果自负', ['threat.intimidation:block:你等着', 'threat.intimidation:block:后果自负']],
    [
      '我给您退50元，保证明天到',
      ['promise.authority:warning:我给您退50元', 'promise.authority:warning:保证明天到'],
    ],
    ['补偿你20块', ['promise.authority:warning:补偿你20块']],
    [
      '我们这款是全网最低价，绝对正品',
      ['absolute_claim.ad_law:warning:全网最低价', 'absolute_claim.ad_law:warning:绝对正品'],
    ],
    ['加我微信 abc123 聊', ['off_platform.contact:block:微信']],
    ['QQ：12345678', ['off_platform.contact:block:QQ：12345678']],
    ['淘宝上更便宜', ['other_platform.name:warning:淘宝']],
    // polite replies: nothing
    ['亲，非常抱歉给您带来不便，我们马上为您核实物流。', []],
    ['不怪您，是我们自己的问题，已为您申请退款，请耐心等待审核。', []],
    ['可以装滚开的水，杯身耐热120℃。', []],
    ['已用京东快递发出，单号 JD0012345678901', []],
    ['订单号 231688123456 已经发货', []],
    ['您最好先拍照留存，再申请售后。', []],
    ['给您赔个不是，马上处理', []],
    ['支持微信支付和支付宝', []],
    // Latin terms are whole words: not inside a word, a number or a link (a recall page's id)
    ['USB 接口的充电线已补发', []],
    ['召回说明：https://shop.example.com/recalls/4sb9k2m7xq1z', []],
    ['请提供 deadline id 以便核对', []],
    ['你是sb吗', ['insult.abuse:block:sb']],
    ['加vx123456', ['off_platform.contact:block:vx']],
    ['去 taobao.com 买', ['other_platform.name:warning:taobao']],
    ['', []],
  ])('%s', (body, expected) => {
    expect(rulesOf(body)).toEqual(expected);
  });

  test('the platform’s own name is fine on its own shops', () => {
    expect(rulesOf('淘宝官方活动', chat, 'taobao')).toEqual([]);
    expect(rulesOf('淘宝官方活动', chat, 'douyin')).toEqual(['other_platform.name:warning:淘宝']);
  });

  test('personal data is a finding on a public channel only', () => {
    const body = '收到，寄回地址 13812345678';
    expect(rulesOf(body, review)).toEqual(['personal_data.public:block:13812345678']);
    expect(rulesOf(body, chat)).toEqual([]);
  });

  test('the merchant’s own channels use the all table: no other-platform rule there', () => {
    expect(rulesOf('淘宝上也有卖', { ...chat, platform: null }, 'all')).toEqual([]);
  });

  test('findings give offsets into the reply as written (full-width letters too)', () => {
    const body = '请加ＶＸ联系';
    const [f] = checkReply(compiled(), body, chat);
    expect(f).toMatchObject({ rule: 'off_platform.contact', start: 2, end: 4, text: 'ＶＸ' });
    expect(body.slice(f!.start, f!.end)).toBe('ＶＸ');
  });

  test('messages follow the locale', () => {
    const [f] = checkReply(compiled(), '你等着', { ...chat, locale: 'en' });
    expect(f?.message).toMatch(/Threatening/);
  });
});

describe('tenant edits of a platform table', () => {
  const base = {
    platform: 'douyin' as const,
    category: 'insult' as const,
    enabled: true,
    terms: [],
    allow: [],
    patterns: [],
    messageZh: '',
    messageEn: '',
    source: '',
  };
  test('a rule switched off, made blocking, or added is what the table then checks', () => {
    const rules = effectiveRules(
      DEFAULT_RULES,
      [
        {
          ...base,
          ruleId: 'absolute_claim.ad_law',
          category: 'absolute_claim',
          severity: 'block',
          terms: ['最佳'],
        },
        {
          ...base,
          ruleId: 'other_platform.name',
          category: 'other_platform',
          severity: 'warning',
          enabled: false,
        },
        {
          ...base,
          ruleId: 'custom.slang',
          severity: 'warning',
          terms: ['亲爱滴'],
          messageZh: '别用网络用语',
        },
      ],
      'douyin',
    );
    const c = compileRules(rules, 'douyin');
    expect(checkReply(c, '最佳选择，淘宝没有，亲爱滴', chat).map((f) => `${f.rule}:${f.severity}`)).toEqual([
      'absolute_claim.ad_law:block',
      'custom.slang:warning',
    ]);
    // another platform's table is untouched
    expect(
      effectiveRules(DEFAULT_RULES, [], 'taobao').find((r) => r.id === 'absolute_claim.ad_law')?.severity,
    ).toBe('warning');
  });

  test.each([
    ['(退', 'invalid'],
    ['(a+)+$', 'catastrophic'],
    ['.*', 'empty'],
    ['x'.repeat(201), 'longer'],
  ])('pattern %s is refused (%s)', (pattern, reason) => {
    expect(patternProblems([pattern])[0]?.reason).toMatch(new RegExp(reason === 'invalid' ? '.' : reason));
  });

  test('good patterns pass', () => {
    expect(patternProblems(['退\\d+元', '(?<!\\d)1688(?!\\d)'])).toEqual([]);
  });
});
