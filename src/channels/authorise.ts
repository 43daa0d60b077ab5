import type { DeliveryCategory } from './delivery-error.js';
import type { DeliveryResult, PlatformRequest, SendPlan, SendShop } from './outbound.js';
import { jsonOf } from './responses.js';

/**
 * Shop authorisation (OAuth code flows) as each platform runs it: the consent page the merchant is
 * sent to, the request that exchanges the returned code (or a refresh token) for tokens, and what the
 * answer means. Pure: never sends. The consent hosts and token endpoints come from public SDK code and
 * are UNCERTAIN where marked; a shop's `authBaseUrl` (or the installation's) replaces the consent host.
 */
export type ConsentInput = {
  shop: SendShop;
  /** Opaque, single-use, bound to the shop and the user who asked (checked on the way back). */
  state: string;
  /** Our callback; platforms that take no redirect_uri use the one registered with the app. */
  redirectUri: string;
  authBase: string;
};

export type GrantInput = {
  shop: SendShop;
  redirectUri: string;
  /** The consent host (TikTok, Taobao exchange codes there). */
  authBase: string;
  /** The API gateway (Pinduoduo, Douyin exchange codes with a signed API call). */
  apiBase: string;
  now: Date;
} & ({ grant: 'code'; code: string } | { grant: 'refresh'; refreshToken: string });

export type TokenGrant = {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  refreshExpiresAt: Date | null;
  /** The shop as the platform names it (shown to the merchant after consent). */
  shopName: string | null;
  /** The platform's id of the shop or seller, when the answer carries one. */
  externalShopId: string | null;
};

export type TokenAnswer =
  | { ok: true; grant: TokenGrant }
  | { ok: false; category: DeliveryCategory; code: string; message: string };

export type ConsentPlan =
  | { ok: true; url: string }
  | { ok: false; category: DeliveryCategory; message: string };

export type AuthSpec = {
  /** The platform's consent host (UNCERTAIN per platform; see each spec). */
  authBase: string;
  /** Whether the consent URL carries our redirect_uri; otherwise it is registered with the app. */
  redirectInUrl: boolean;
  consentUrl(input: ConsentInput): ConsentPlan;
  tokenRequest(input: GrantInput): SendPlan;
  readToken(status: number, body: string, now: Date): TokenAnswer;
};

/** A number of seconds from now, or null when the value is not one. */
export function secondsFrom(now: Date, value: unknown): Date | null {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? new Date(now.getTime() + n * 1000) : null;
}

/** An absolute unix time in seconds, or null. */
export function unixDate(value: unknown): Date | null {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 1_000_000_000 ? new Date(n * 1000) : null;
}

export const text = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

/** The grant of an answer's token fields, or a failure naming what is missing. */
export function grantOf(fields: {
  accessToken: unknown;
  refreshToken: unknown;
  expiresAt: Date | null;
  refreshExpiresAt: Date | null;
  shopName?: unknown;
  externalShopId?: unknown;
}): TokenAnswer {
  const accessToken = text(fields.accessToken);
  if (!accessToken || !fields.expiresAt) {
    return {
      ok: false,
      category: 'unknown',
      code: 'no_token',
      message: 'the answer carries no access token or expiry',
    };
  }
  return {
    ok: true,
    grant: {
      accessToken,
      refreshToken: text(fields.refreshToken),
      expiresAt: fields.expiresAt,
      refreshExpiresAt: fields.refreshExpiresAt,
      shopName: text(fields.shopName),
      externalShopId: text(fields.externalShopId),
    },
  };
}

/** A failed token answer in the platform's error words (its API reader), else by HTTP status. */
export function tokenFailure(result: DeliveryResult, status: number, body: string): TokenAnswer {
  if (!result.ok) return { ok: false, category: result.category, code: result.code, message: result.message };
  return {
    ok: false,
    category: 'unknown',
    code: `http_${status}`,
    message: (jsonOf(body) ? 'the answer carries no token' : 'the answer is not JSON').slice(0, 300),
  };
}

export const formRequest = (url: string, params: Record<string, string>): PlatformRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
  body: new URLSearchParams(params).toString(),
});
