import { type AuthSpec, grantOf, secondsFrom, type TokenAnswer, tokenFailure } from '../authorise.js';
import { joinUrl } from '../outbound.js';
import { jsonOf } from '../responses.js';
import { readDouyinResponse } from './errors.js';
import { douyinRequest } from './send.js';

/**
 * Douyin shop authorisation for service-market (工具型) apps (minibear2021/doudian `core.py`
 * `_token_request`; bububa/jinritemai-go `token`): the merchant consents at
 * `fuwu.jinritemai.com/authorize?service_id&state` and comes back to the URL registered with the app;
 * the code is exchanged with the signed call `token.create` (grant_type=authorization_code, code) and
 * renewed with `token.refresh` (grant_type=refresh_token, refresh_token), without an access_token. The
 * answer: { code: 10000, data: { access_token, expires_in, refresh_token, shop_id, shop_name } }.
 * Self-built (自用型) apps use grant_type=authorization_self: their token is entered by hand.
 * UNCERTAIN: SDK code only; the service id (settings.douyinServiceId) and the host are configurable.
 */
export const DOUYIN_AUTH_BASE = 'https://fuwu.jinritemai.com';

export const douyinAuthorise: AuthSpec = {
  authBase: DOUYIN_AUTH_BASE,
  redirectInUrl: false,
  consentUrl({ shop, state, authBase }) {
    const serviceId = shop.settings.douyinServiceId;
    if (typeof serviceId !== 'string' || serviceId === '') {
      return {
        ok: false,
        category: 'missing_setup',
        message: 'the shop has no service id (douyinServiceId) of its service-market app',
      };
    }
    const q = new URLSearchParams({ service_id: serviceId, state });
    return { ok: true, url: `${joinUrl(authBase, '/authorize')}?${q}` };
  },
  tokenRequest(input) {
    const params =
      input.grant === 'code'
        ? { code: input.code, grant_type: 'authorization_code' }
        : { refresh_token: input.refreshToken, grant_type: 'refresh_token' };
    const method = input.grant === 'code' ? 'token.create' : 'token.refresh';
    return douyinRequest(input.shop, input.apiBase, input.now, method, params, { token: false });
  },
  readToken(status, body, now): TokenAnswer {
    const json = jsonOf(body);
    const data = json?.data as Record<string, unknown> | undefined;
    if (!json || Number(json.code) !== 10000 || !data || typeof data !== 'object') {
      return tokenFailure(readDouyinResponse(status, body), status, body);
    }
    return grantOf({
      accessToken: data.access_token,
      refreshToken: data.refresh_token,
      expiresAt: secondsFrom(now, data.expires_in),
      refreshExpiresAt: null,
      shopName: data.shop_name,
      externalShopId: data.shop_id,
    });
  },
};
