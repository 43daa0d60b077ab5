import { describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from './channel.js';
import {
  type CodeReason,
  DELIVERY_CATEGORIES,
  type DeliveryCategory,
  formatDeliveryError,
} from './delivery-error.js';
import { describeDeliveryError, explainDeliveryFailure } from './delivery-reasons.js';
import { DOUYIN_CODES } from './douyin/errors.js';
import { fakeDouyin } from './fake-platform/douyin.js';
import { fakePinduoduo } from './fake-platform/pinduoduo.js';
import { createFakeTaobao } from './fake-platform/taobao.js';
import { fakeTiktok } from './fake-platform/tiktok.js';
import type { FakePlatformModule } from './fake-platform/types.js';
import { PDD_CODES } from './pinduoduo/errors.js';
import { CHANNELS } from './registry.js';
import { TOP_CODES, TOP_SUB_CODES } from './taobao/errors.js';
import { TIKTOK_CODES } from './tiktok/errors.js';

const TABLES: [string, Record<string, CodeReason>][] = [
  ['douyin', DOUYIN_CODES],
  ['pinduoduo', PDD_CODES],
  ['tiktok', TIKTOK_CODES],
  ['taobao', TOP_CODES],
  ['taobao sub codes', TOP_SUB_CODES],
];

const chinese = /[\u4e00-\u9fff]/;
const english = /^[\x20-\x7e’—]+$/;

describe('each platform’s error table', () => {
  test.each(TABLES)(
    '%s: every code has a category, and its own advice in both languages or none',
    (_, table) => {
      for (const [code, row] of Object.entries(table)) {
        expect(DELIVERY_CATEGORIES, code).toContain(row.category);
        expect(row.zh === undefined, code).toBe(row.en === undefined);
        if (row.zh) expect(row.zh, code).toMatch(chinese);
        if (row.en) expect(row.en, code).toMatch(english);
      }
    },
  );
});

describe('describeDeliveryError: a platform code in the merchant’s words', () => {
  test.each<[Platform, string, string, DeliveryCategory, RegExp]>([
    ['pinduoduo', '10019', 'access_token已过期', 'auth_expired', /拼多多服务市场/],
    ['douyin', '50002', '售后单状态不允许该操作', 'wrong_state', /售后工作台/],
    ['taobao', '15/isv.refund-need-verify-code', 'Remote service error', 'needs_verification', /短信验证码/],
    ['taobao', '11', 'Insufficient isv permissions', 'permission_denied', /权限包/],
    ['tiktok', '105002', 'Access token is expired', 'auth_expired', /TikTok Shop/],
    // A code no table lists: its words decide.
    ['tiktok', '99999999', 'request too frequent, rate limit', 'rate_limited', /自动重试/],
    ['douyin', '12345', 'something odd', 'unknown', /技术支持/],
  ])('%s %s is %s', (platform, code, message, category, advice) => {
    const why = describeDeliveryError(platform, code, message, 'zh');
    expect(why).toMatchObject({ category, platform, code, detail: message });
    expect(why.advice).toMatch(advice);
    expect(describeDeliveryError(platform, code, message, 'en').advice).toMatch(english);
  });

  test('an uncertain code says so; a verified one does not', () => {
    expect(describeDeliveryError('tiktok', '105002', '', 'en').uncertain).toBe(true);
    expect(describeDeliveryError('pinduoduo', '10019', '', 'en').uncertain).toBe(false);
  });
});

describe('explainDeliveryFailure: what the outbox stored, explained', () => {
  test.each<[string, DeliveryCategory, boolean, RegExp]>([
    ['[auth_expired] pinduoduo 10019: access_token已过期', 'auth_expired', false, /拼多多/],
    ['[platform_busy] taobao HTTP 503', 'platform_busy', true, /自动重试/],
    ['[manual_only] douyin: no_api', 'manual_only', false, /手动/],
    ['[timeout] tiktok: timed out', 'timeout', true, /超时/],
    // Written before categories: the platform's table decides.
    ['pinduoduo 10019: access_token已过期', 'auth_expired', false, /拼多多/],
    ['HTTP 500', 'unknown', true, /技术支持/],
  ])('%s', (stored, category, retryable, advice) => {
    const why = explainDeliveryFailure(stored, 'zh')!;
    expect(why).toMatchObject({ category, retryable });
    expect(why.advice).toMatch(advice);
    expect(why.title).toMatch(chinese);
    expect(explainDeliveryFailure(stored, 'en')!.title).toMatch(english);
  });

  const FAKES: Record<Platform, FakePlatformModule> = {
    douyin: fakeDouyin,
    pinduoduo: fakePinduoduo,
    tiktok: fakeTiktok,
    taobao: createFakeTaobao(),
  };
  const answered: DeliveryCategory[] = [
    'auth_expired',
    'auth_invalid',
    'app_key_invalid',
    'signature_invalid',
    'permission_denied',
    'rate_limited',
    'platform_busy',
    'wrong_state',
  ];
  test.each(PLATFORMS.flatMap((p) => answered.map((c) => [p, c] as const)))(
    '%s: the platform’s own %s answer, read and stored as the sender does, is explained as that',
    (p, category) => {
      const answer = FAKES[p].errorAnswer(category, 'x');
      const result = CHANNELS[p].readResponse(answer.status, JSON.stringify(answer.body));
      if (result.ok) throw new Error('an error answer read as success');
      const why = explainDeliveryFailure(
        formatDeliveryError(result.category, `${result.code}: ${result.message}`),
        'zh',
      )!;
      expect(why).toMatchObject({ category, platform: p });
      expect(why.advice).toMatch(chinese);
    },
  );

  test('nothing stored, nothing to explain', () => {
    expect(explainDeliveryFailure(null, 'zh')).toBeNull();
    expect(explainDeliveryFailure('', 'en')).toBeNull();
  });
});
