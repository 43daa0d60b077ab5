import { type AuthSpec, formRequest, grantOf, secondsFrom, type TokenAnswer, text } from '../authorise.js';
import type { DeliveryCategory } from '../delivery-error.js';
import { joinUrl } from '../outbound.js';
import { httpCategory, jsonOf } from '../responses.js';

/**
 * Taobao OAuth 2.0 (open.taobao.com "用户授权介绍"; bububa/opentaobao `auth`): the merchant consents at
 * `oauth.taobao.com/authorize` (response_type=code, client_id, redirect_uri, state, view=web) and the
 * code is exchanged at `oauth.taobao.com/token` with a form POST (grant_type=authorization_code, code,
 * client_id, client_secret, redirect_uri); grant_type=refresh_token renews. The answer carries
 * access_token, expires_in, refresh_token, re_expires_in (seconds) and taobao_user_nick (URL-encoded).
 * UNCERTAIN: confirmed only against SDK code; the host is configurable (authBaseUrl).
 */
export const TAOBAO_AUTH_BASE = 'https://oauth.taobao.com';

const ERRORS: Record<string, DeliveryCategory> = {
  invalid_client: 'app_key_invalid',
  unauthorized_client: 'permission_denied',
  invalid_grant: 'auth_invalid',
  invalid_request: 'invalid_request',
};

export const taobaoAuthorise: AuthSpec = {
  authBase: TAOBAO_AUTH_BASE,
  redirectInUrl: true,
  consentUrl({ shop, state, redirectUri, authBase }) {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: shop.appKey,
      redirect_uri: redirectUri,
      state,
      view: 'web',
    });
    return { ok: true, url: `${joinUrl(authBase, '/authorize')}?${q}` };
  },
  tokenRequest(input) {
    const common = { client_id: input.shop.appKey, client_secret: input.shop.appSecret };
    const params =
      input.grant === 'code'
        ? {
            grant_type: 'authorization_code',
            code: input.code,
            redirect_uri: input.redirectUri,
            view: 'web',
            ...common,
          }
        : { grant_type: 'refresh_token', refresh_token: input.refreshToken, ...common };
    return { ok: true, request: formRequest(joinUrl(input.authBase, '/token'), params) };
  },
  readToken(status, body, now): TokenAnswer {
    const json = jsonOf(body);
    if (json && typeof json.error === 'string') {
      return {
        ok: false,
        category: ERRORS[json.error] ?? httpCategory(status),
        code: json.error,
        message: String(json.error_description ?? json.error).slice(0, 300),
      };
    }
    if (!json || status >= 300) {
      return {
        ok: false,
        category: httpCategory(status),
        code: `http_${status}`,
        message: body.slice(0, 300),
      };
    }
    const nick = text(json.taobao_user_nick);
    return grantOf({
      accessToken: json.access_token,
      refreshToken: json.refresh_token,
      expiresAt: secondsFrom(now, json.expires_in),
      refreshExpiresAt: secondsFrom(now, json.re_expires_in),
      shopName: nick ? safeDecode(nick) : null,
      externalShopId: json.taobao_user_id,
    });
  },
};

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
