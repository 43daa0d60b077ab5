import { type AuthSpec, grantOf, type TokenAnswer, unixDate } from '../authorise.js';
import { joinUrl } from '../outbound.js';
import { httpCategory, jsonOf } from '../responses.js';
import { readTiktokResponse } from './errors.js';

/**
 * TikTok Shop authorisation (EcomPHP/tiktokshop-php `src/Auth.php`; easycb/easycb-go `tiktok/`): the
 * seller consents at `auth.tiktok-shops.com/oauth/authorize?app_key&state`; the redirect goes to the
 * URL registered with the app in Partner Center (none in the consent URL). The auth code is exchanged
 * with GET `/api/v2/token/get?app_key&app_secret&auth_code&grant_type=authorized_code`, renewed with
 * `/api/v2/token/refresh?…&refresh_token&grant_type=refresh_token`. The answer: { code: 0, data: {
 * access_token, access_token_expire_in, refresh_token, refresh_token_expire_in, open_id, seller_name } }
 * where the two expiries are absolute unix times (seconds). UNCERTAIN: SDK code only; configurable host.
 */
export const TIKTOK_AUTH_BASE = 'https://auth.tiktok-shops.com';

export const tiktokAuthorise: AuthSpec = {
  authBase: TIKTOK_AUTH_BASE,
  redirectInUrl: false,
  consentUrl({ shop, state, authBase }) {
    const q = new URLSearchParams({ app_key: shop.appKey, state });
    return { ok: true, url: `${joinUrl(authBase, '/oauth/authorize')}?${q}` };
  },
  tokenRequest(input) {
    const q = new URLSearchParams(
      input.grant === 'code'
        ? {
            app_key: input.shop.appKey,
            app_secret: input.shop.appSecret,
            auth_code: input.code,
            grant_type: 'authorized_code',
          }
        : {
            app_key: input.shop.appKey,
            app_secret: input.shop.appSecret,
            refresh_token: input.refreshToken,
            grant_type: 'refresh_token',
          },
    );
    const path = input.grant === 'code' ? '/api/v2/token/get' : '/api/v2/token/refresh';
    return {
      ok: true,
      request: {
        method: 'GET',
        url: `${joinUrl(input.authBase, path)}?${q}`,
        headers: { accept: 'application/json' },
        body: '',
      },
    };
  },
  readToken(status, body): TokenAnswer {
    const json = jsonOf(body);
    const data = json?.data as Record<string, unknown> | undefined;
    if (json?.code !== 0 || !data || typeof data !== 'object') {
      const r = readTiktokResponse(status, body);
      if (!r.ok) return { ok: false, category: r.category, code: r.code, message: r.message };
      return {
        ok: false,
        category: httpCategory(status),
        code: `http_${status}`,
        message: 'the answer carries no token',
      };
    }
    return grantOf({
      accessToken: data.access_token,
      refreshToken: data.refresh_token,
      expiresAt: unixDate(data.access_token_expire_in),
      refreshExpiresAt: unixDate(data.refresh_token_expire_in),
      shopName: data.seller_name,
      externalShopId: data.open_id,
    });
  },
};
