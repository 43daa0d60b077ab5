import { describe, expect, test } from 'vitest';
import { AUTHORISE } from './authorise-registry.js';
import type { Platform } from './channel.js';

const now = new Date('2026-12-05T10:00:00Z');
const shop = {
  appKey: 'app-1',
  appSecret: 'secret-1',
  externalShopId: null,
  settings: { douyinServiceId: 'svc-9' },
};
const input = {
  shop,
  state: 'st-1',
  redirectUri: 'https://desk.example.cn/api/v1/shops/authorise/callback/x',
};

describe('consent pages', () => {
  test.each<[Platform, string]>([
    ['taobao', 'https://oauth.taobao.com/authorize?response_type=code&client_id=app-1&redirect_uri='],
    [
      'pinduoduo',
      'https://fuwu.pinduoduo.com/service-market/auth?response_type=code&client_id=app-1&redirect_uri=',
    ],
    ['tiktok', 'https://auth.tiktok-shops.com/oauth/authorize?app_key=app-1&state=st-1'],
    ['douyin', 'https://fuwu.jinritemai.com/authorize?service_id=svc-9&state=st-1'],
  ])('%s', (platform, prefix) => {
    const plan = AUTHORISE[platform].consentUrl({ ...input, authBase: AUTHORISE[platform].authBase });
    expect(plan.ok && plan.url.startsWith(prefix)).toBe(true);
    expect(plan.ok && new URL(plan.url).searchParams.get('state')).toBe('st-1');
  });

  test('Douyin without its service id says what is missing', () => {
    const plan = AUTHORISE.douyin.consentUrl({
      ...input,
      shop: { ...shop, settings: {} },
      authBase: 'https://x',
    });
    expect(plan).toMatchObject({ ok: false, category: 'missing_setup' });
  });
});

describe('token answers', () => {
  test.each<[Platform, number, unknown, Record<string, unknown>]>([
    [
      'taobao',
      200,
      {
        access_token: 'a',
        refresh_token: 'r',
        expires_in: 86400,
        re_expires_in: 2592000,
        taobao_user_nick: '%E5%BA%97',
      },
      {
        ok: true,
        grant: {
          accessToken: 'a',
          refreshToken: 'r',
          shopName: '店',
          expiresAt: new Date('2026-12-06T10:00:00Z'),
        },
      },
    ],
    [
      'taobao',
      400,
      { error: 'invalid_grant', error_description: 'code used' },
      { ok: false, category: 'auth_invalid' },
    ],
    [
      'taobao',
      401,
      { error: 'invalid_client', error_description: 'bad secret' },
      { ok: false, category: 'app_key_invalid' },
    ],
    [
      'pinduoduo',
      200,
      {
        pop_auth_token_create_response: {
          access_token: 'a',
          refresh_token: 'r',
          expires_at: 1765000000,
          owner_name: '拼',
        },
      },
      { ok: true, grant: { accessToken: 'a', expiresAt: new Date(1765000000 * 1000), shopName: '拼' } },
    ],
    [
      'pinduoduo',
      200,
      { error_response: { error_code: 10019, error_msg: 'access_token已过期' } },
      { ok: false },
    ],
    [
      'tiktok',
      200,
      {
        code: 0,
        data: { access_token: 'a', access_token_expire_in: 1765000000, refresh_token: 'r', seller_name: 'S' },
      },
      { ok: true, grant: { accessToken: 'a', expiresAt: new Date(1765000000 * 1000), shopName: 'S' } },
    ],
    ['tiktok', 200, { code: 36004004, message: 'invalid auth code' }, { ok: false }],
    [
      'douyin',
      200,
      { code: 10000, data: { access_token: 'a', expires_in: 3600, refresh_token: 'r', shop_name: '抖' } },
      { ok: true, grant: { accessToken: 'a', expiresAt: new Date('2026-12-05T11:00:00Z'), shopName: '抖' } },
    ],
    ['douyin', 200, { code: 30002, msg: '参数错误', sub_code: 'isv.parameter-invalid' }, { ok: false }],
    ['douyin', 200, { code: 10000, data: {} }, { ok: false, code: 'no_token' }],
  ])('%s %i %j', (platform, status, body, expected) => {
    expect(AUTHORISE[platform].readToken(status, JSON.stringify(body), now)).toMatchObject(expected);
  });

  test('an answer that is not JSON is a failure, never a grant', () => {
    for (const spec of Object.values(AUTHORISE)) {
      expect(spec.readToken(502, '<html>bad gateway</html>', now).ok).toBe(false);
    }
  });
});
