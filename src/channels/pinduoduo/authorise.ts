import {
  type AuthSpec,
  grantOf,
  secondsFrom,
  type TokenAnswer,
  tokenFailure,
  unixDate,
} from '../authorise.js';
import { joinUrl } from '../outbound.js';
import { jsonOf } from '../responses.js';
import { readPddResponse } from './errors.js';
import { pddRequest } from './send.js';

/**
 * Pinduoduo authorisation (lywzx/pdd-node-sdk `PopAuthTokenCreate`/`PopAuthTokenRefresh`; the
 * service-market consent page): the merchant consents at
 * `fuwu.pinduoduo.com/service-market/auth?response_type=code&client_id&redirect_uri&state`; the code
 * is exchanged with the signed API call `pdd.pop.auth.token.create` (code), renewed with
 * `pdd.pop.auth.token.refresh` (refresh_token), neither carrying an access_token. The answer:
 * `pop_auth_token_create_response` / `pop_auth_token_refresh_response` with access_token, expires_at
 * (unix s) or expires_in, refresh_token, refresh_token_expires_at, owner_id, owner_name.
 * UNCERTAIN: SDK code only; the consent host is configurable (authBaseUrl).
 */
export const PDD_AUTH_BASE = 'https://fuwu.pinduoduo.com';

export const pinduoduoAuthorise: AuthSpec = {
  authBase: PDD_AUTH_BASE,
  redirectInUrl: true,
  consentUrl({ shop, state, redirectUri, authBase }) {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: shop.appKey,
      redirect_uri: redirectUri,
      state,
    });
    return { ok: true, url: `${joinUrl(authBase, '/service-market/auth')}?${q}` };
  },
  tokenRequest(input) {
    return input.grant === 'code'
      ? pddRequest(
          input.shop,
          input.apiBase,
          input.now,
          'pdd.pop.auth.token.create',
          { code: input.code },
          { token: false },
        )
      : pddRequest(
          input.shop,
          input.apiBase,
          input.now,
          'pdd.pop.auth.token.refresh',
          { refresh_token: input.refreshToken },
          { token: false },
        );
  },
  readToken(status, body, now): TokenAnswer {
    const json = jsonOf(body);
    const inner = (json?.pop_auth_token_create_response ?? json?.pop_auth_token_refresh_response) as
      | Record<string, unknown>
      | undefined;
    if (!inner || typeof inner !== 'object') return tokenFailure(readPddResponse(status, body), status, body);
    return grantOf({
      accessToken: inner.access_token,
      refreshToken: inner.refresh_token,
      expiresAt: unixDate(inner.expires_at) ?? secondsFrom(now, inner.expires_in),
      refreshExpiresAt:
        unixDate(inner.refresh_token_expires_at) ?? secondsFrom(now, inner.refresh_token_expires_in),
      shopName: inner.owner_name,
      externalShopId: inner.owner_id,
    });
  },
};
