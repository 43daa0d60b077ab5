import { randomBytes } from 'node:crypto';
import { parse } from 'node:querystring';
import type { Platform } from '../channel.js';
import { safeEqual } from '../crypto.js';
import type { DeliveryCategory } from '../delivery-error.js';
import { signDouyinApi } from '../douyin/signature.js';
import { signPddApi } from '../pinduoduo/signature.js';
import { beijingMs, jsonObject, secondsMs, withinSkew } from './checks.js';
import type { FakeApp, FakeHttpRequest } from './types.js';

/** What the fake answers to an authorisation request: a page or redirect, JSON, or a refusal. */
export type OAuthOutcome =
  | { kind: 'raw'; api: string; status: number; headers: Record<string, string>; body: string }
  | { kind: 'json'; api: string; answer: () => { status: number; body: unknown } }
  | { kind: 'refusal'; api: string; category: DeliveryCategory; detail: string };

type Apps = (appKey: string) => FakeApp | undefined;
type Code = { platform: Platform; appKey: string; redirectUri: string; expiresAt: number; used: boolean };

const CONSENT_PATH: Record<Platform, string> = {
  taobao: '/authorize',
  tiktok: '/oauth/authorize',
  pinduoduo: '/service-market/auth',
  douyin: '/authorize',
};
const DEFAULT_TTL_S = 7 * 24 * 3600;
const REFRESH_TTL_S = 30 * 24 * 3600;
const token = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;
const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The platforms' consent pages and token endpoints on the fake, as the SDKs cited in
 * src/channels/<platform>/authorise.ts call them: a consent page with 同意授权 / 取消, single-use codes
 * (10 minutes), tokens that expire after the app's `tokenTtlSeconds` and refresh tokens that rotate.
 * An issued token replaces the app's `accessToken`: API calls with the old one are refused.
 */
export function createFakeOAuth(now: () => number) {
  const codes = new Map<string, Code>();

  function issue(app: FakeApp) {
    const t = now();
    app.accessToken = token('at');
    app.accessTokenExpiresAt = t + (app.tokenTtlSeconds ?? DEFAULT_TTL_S) * 1000;
    app.refreshToken = token('rt');
    app.issued = (app.issued ?? 0) + 1;
    return {
      accessToken: app.accessToken,
      refreshToken: app.refreshToken,
      expiresInS: app.tokenTtlSeconds ?? DEFAULT_TTL_S,
      expiresAtS: Math.floor(app.accessTokenExpiresAt / 1000),
      refreshExpiresAtS: Math.floor((t + REFRESH_TTL_S * 1000) / 1000),
    };
  }

  /** Exchanges a code or a refresh token of `app`; a refusal when neither is good. */
  function grant(
    platform: Platform,
    app: FakeApp,
    input: { code?: string | undefined; refreshToken?: string | undefined; redirectUri?: string | undefined },
  ): { ok: true; tokens: ReturnType<typeof issue> } | { ok: false; detail: string } {
    if (input.code !== undefined) {
      const c = codes.get(input.code);
      if (!c || c.used || c.platform !== platform || c.appKey !== app.appKey || c.expiresAt < now())
        return { ok: false, detail: 'invalid or used authorization code' };
      if (input.redirectUri !== undefined && input.redirectUri !== c.redirectUri)
        return { ok: false, detail: 'redirect_uri does not match the one the code was issued for' };
      return lazyTokens(app, () => (c.used = true));
    }
    if (!input.refreshToken || !app.refreshToken || !safeEqual(input.refreshToken, app.refreshToken))
      return { ok: false, detail: 'invalid refresh_token' };
    return lazyTokens(app, () => {});
  }

  /**
   * Tokens issued when the answer is written, not when the request is checked: a token call the test
   * makes fail (an injected failure) leaves the app's tokens as they were, as a refused call would.
   */
  function lazyTokens(app: FakeApp, spend: () => void) {
    let tokens: ReturnType<typeof issue> | undefined;
    return {
      ok: true as const,
      get tokens() {
        if (!tokens) {
          spend();
          tokens = issue(app);
        }
        return tokens;
      },
    };
  }

  function consentPage(
    platform: Platform,
    req: FakeHttpRequest,
    apps: Apps,
    all: () => FakeApp[],
  ): OAuthOutcome {
    const q = req.query;
    const app =
      platform === 'douyin'
        ? all().find((a) => a.serviceId && a.serviceId === q.service_id)
        : apps((platform === 'tiktok' ? q.app_key : q.client_id) ?? '');
    const api = 'oauth.consent';
    if (!app)
      return {
        kind: 'raw',
        api,
        status: 400,
        headers: { 'content-type': 'text/plain' },
        body: 'unknown app',
      };
    const redirectUri = (CONSENT_TAKES_REDIRECT[platform] ? q.redirect_uri : app.redirectUri) ?? '';
    if (!/^https?:\/\//.test(redirectUri))
      return {
        kind: 'raw',
        api,
        status: 400,
        headers: { 'content-type': 'text/plain' },
        body: 'no redirect_uri',
      };
    if (CONSENT_TAKES_REDIRECT[platform] && q.response_type !== 'code')
      return {
        kind: 'raw',
        api,
        status: 400,
        headers: { 'content-type': 'text/plain' },
        body: 'response_type must be code',
      };
    if (q.approve === '1' || q.approve === '0') {
      const target = new URL(redirectUri);
      if (q.approve === '1') {
        const code = token('code');
        codes.set(code, {
          platform,
          appKey: app.appKey,
          redirectUri,
          expiresAt: now() + 600_000,
          used: false,
        });
        target.searchParams.set('code', code);
      } else {
        target.searchParams.set('error', 'access_denied');
      }
      if (q.state !== undefined) target.searchParams.set('state', q.state);
      return { kind: 'raw', api, status: 302, headers: { location: target.toString() }, body: '' };
    }
    const self = new URLSearchParams(q);
    const link = (approve: string) => {
      const p = new URLSearchParams(self);
      p.set('approve', approve);
      return `?${p}`;
    };
    const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>店铺授权</title></head>
<body><h1>授权 ${html(app.shopName ?? app.appKey)} 给应用</h1>
<p>应用将可以读取售后单、订单和评价，并代你回复买家。</p>
<a id="approve" href="${html(link('1'))}">同意授权</a> <a id="deny" href="${html(link('0'))}">取消</a></body></html>`;
    return { kind: 'raw', api, status: 200, headers: { 'content-type': 'text/html;charset=utf-8' }, body };
  }

  function taobaoToken(req: FakeHttpRequest, apps: Apps): OAuthOutcome {
    const api = 'oauth.token';
    const p = parse(req.body) as Record<string, string | undefined>;
    const oauthError = (status: number, error: string, description: string): OAuthOutcome => ({
      kind: 'raw',
      api,
      status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error, error_description: description }),
    });
    if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'POST only');
    const app = apps(p.client_id ?? '');
    if (!app || !p.client_secret || !safeEqual(p.client_secret, app.appSecret))
      return oauthError(401, 'invalid_client', 'client_id or client_secret is wrong');
    if (p.grant_type !== 'authorization_code' && p.grant_type !== 'refresh_token')
      return oauthError(400, 'unsupported_grant_type', 'grant_type');
    const r = grant('taobao', app, {
      code: p.grant_type === 'authorization_code' ? (p.code ?? '') : undefined,
      refreshToken: p.refresh_token,
      redirectUri: p.grant_type === 'authorization_code' ? (p.redirect_uri ?? '') : undefined,
    });
    if (!r.ok) return oauthError(400, 'invalid_grant', r.detail);
    return {
      kind: 'json',
      api,
      answer: () => ({
        status: 200,
        body: {
          access_token: r.tokens.accessToken,
          token_type: 'Bearer',
          expires_in: r.tokens.expiresInS,
          refresh_token: r.tokens.refreshToken,
          re_expires_in: REFRESH_TTL_S,
          taobao_user_nick: encodeURIComponent(app.shopName ?? '淘宝店'),
          taobao_user_id: '2200001',
        },
      }),
    };
  }

  function tiktokToken(req: FakeHttpRequest, apps: Apps, refresh: boolean): OAuthOutcome {
    const api = refresh ? 'token.refresh' : 'token.get';
    const q = req.query;
    if (req.method !== 'GET')
      return { kind: 'refusal', api, category: 'invalid_request', detail: 'GET only' };
    const app = apps(q.app_key ?? '');
    if (!app || !q.app_secret || !safeEqual(q.app_secret, app.appSecret))
      return { kind: 'refusal', api, category: 'app_key_invalid', detail: 'app_key or app_secret is wrong' };
    if (q.grant_type !== (refresh ? 'refresh_token' : 'authorized_code'))
      return { kind: 'refusal', api, category: 'invalid_request', detail: 'grant_type' };
    const r = grant('tiktok', app, refresh ? { refreshToken: q.refresh_token } : { code: q.auth_code ?? '' });
    if (!r.ok) return { kind: 'refusal', api, category: 'auth_invalid', detail: r.detail };
    return {
      kind: 'json',
      api,
      answer: () => ({
        status: 200,
        body: {
          code: 0,
          message: 'success',
          request_id: token('req'),
          data: {
            access_token: r.tokens.accessToken,
            access_token_expire_in: r.tokens.expiresAtS,
            refresh_token: r.tokens.refreshToken,
            refresh_token_expire_in: r.tokens.refreshExpiresAtS,
            open_id: 'open-7001',
            seller_name: app.shopName ?? 'TikTok Shop',
          },
        },
      }),
    };
  }

  function pddToken(req: FakeHttpRequest, apps: Apps, nowMs: number): OAuthOutcome | null {
    if (req.method !== 'POST' || req.path !== '/api/router') return null;
    const params = parse(req.body) as Record<string, string>;
    const api = params.type ?? '';
    if (api !== 'pdd.pop.auth.token.create' && api !== 'pdd.pop.auth.token.refresh') return null;
    if (!withinSkew(secondsMs(params.timestamp), nowMs))
      return { kind: 'refusal', api, category: 'invalid_request', detail: 'timestamp out of range' };
    const app = apps(params.client_id ?? '');
    if (!app) return { kind: 'refusal', api, category: 'app_key_invalid', detail: 'unknown client_id' };
    if (!safeEqual(params.sign, signPddApi(params, app.appSecret)))
      return { kind: 'refusal', api, category: 'signature_invalid', detail: 'sign mismatch' };
    const refresh = api === 'pdd.pop.auth.token.refresh';
    const r = grant(
      'pinduoduo',
      app,
      refresh ? { refreshToken: params.refresh_token } : { code: params.code ?? '' },
    );
    if (!r.ok) return { kind: 'refusal', api, category: 'auth_invalid', detail: r.detail };
    const key = refresh ? 'pop_auth_token_refresh_response' : 'pop_auth_token_create_response';
    return {
      kind: 'json',
      api,
      answer: () => ({
        status: 200,
        body: {
          [key]: {
            access_token: r.tokens.accessToken,
            expires_at: r.tokens.expiresAtS,
            expires_in: r.tokens.expiresInS,
            refresh_token: r.tokens.refreshToken,
            refresh_token_expires_at: r.tokens.refreshExpiresAtS,
            owner_id: '90001',
            owner_name: app.shopName ?? '拼多多店铺',
            scope: ['pdd.refund.agree'],
          },
        },
      }),
    };
  }

  function douyinToken(req: FakeHttpRequest, apps: Apps, nowMs: number): OAuthOutcome | null {
    const api = req.path.slice(1).replace(/\//g, '.');
    if (api !== 'token.create' && api !== 'token.refresh') return null;
    const q = req.query;
    if (req.method !== 'POST')
      return { kind: 'refusal', api, category: 'invalid_request', detail: 'POST only' };
    if (q.method !== api) return { kind: 'refusal', api, category: 'invalid_request', detail: 'method' };
    if (!withinSkew(beijingMs(q.timestamp), nowMs))
      return { kind: 'refusal', api, category: 'invalid_request', detail: 'timestamp' };
    const app = apps(q.app_key ?? '');
    if (!app) return { kind: 'refusal', api, category: 'app_key_invalid', detail: 'unknown app_key' };
    const expected = signDouyinApi({
      appKey: app.appKey,
      appSecret: app.appSecret,
      method: api,
      paramJson: req.body,
      timestamp: q.timestamp ?? '',
      signMethod: q.sign_method === 'md5' ? 'md5' : 'hmac-sha256',
    }).sign;
    if (!safeEqual(q.sign, expected))
      return { kind: 'refusal', api, category: 'signature_invalid', detail: 'sign mismatch' };
    const body = jsonObject(req.body) ?? {};
    const refresh = api === 'token.refresh';
    if (body.grant_type !== (refresh ? 'refresh_token' : 'authorization_code'))
      return { kind: 'refusal', api, category: 'invalid_request', detail: 'grant_type' };
    const r = grant(
      'douyin',
      app,
      refresh ? { refreshToken: String(body.refresh_token ?? '') } : { code: String(body.code ?? '') },
    );
    if (!r.ok) return { kind: 'refusal', api, category: 'auth_invalid', detail: r.detail };
    return {
      kind: 'json',
      api,
      answer: () => ({
        status: 200,
        body: {
          code: 10000,
          msg: 'success',
          data: {
            access_token: r.tokens.accessToken,
            expires_in: r.tokens.expiresInS,
            refresh_token: r.tokens.refreshToken,
            scope: 'SCOPE',
            shop_id: 5001,
            shop_name: app.shopName ?? '抖店',
          },
        },
      }),
    };
  }

  return {
    /** The authorisation request's outcome, or null when the request is an ordinary API call. */
    handle(
      platform: Platform,
      req: FakeHttpRequest,
      apps: Apps,
      all: () => FakeApp[],
      nowMs: number,
    ): OAuthOutcome | null {
      if (req.method === 'GET' && req.path === CONSENT_PATH[platform])
        return consentPage(platform, req, apps, all);
      if (platform === 'taobao' && req.path === '/token') return taobaoToken(req, apps);
      if (platform === 'tiktok' && req.path === '/api/v2/token/get') return tiktokToken(req, apps, false);
      if (platform === 'tiktok' && req.path === '/api/v2/token/refresh') return tiktokToken(req, apps, true);
      if (platform === 'pinduoduo') return pddToken(req, apps, nowMs);
      if (platform === 'douyin') return douyinToken(req, apps, nowMs);
      return null;
    },
  };
}

const CONSENT_TAKES_REDIRECT: Record<Platform, boolean> = {
  taobao: true,
  pinduoduo: true,
  tiktok: false,
  douyin: false,
};
