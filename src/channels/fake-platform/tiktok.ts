import { z } from 'zod';
import { safeEqual } from '../crypto.js';
import type { DeliveryCategory } from '../delivery-error.js';
import { signTiktokApi } from '../tiktok/signature.js';
import { checkParams, isJson, jsonObject, refusal, secondsMs, withinSkew } from './checks.js';
import type { FakePlatformModule } from './types.js';

const reason = z.string().min(1);
const image = z.looseObject({ image_id: z.string().min(1) });

/** Calls by method and path template (easycb/easycb-go tiktok/, EcomPHP/tiktokshop-php src/Resources/). */
const ROUTES: {
  method: 'GET' | 'POST';
  pattern: RegExp;
  api: string;
  body: z.ZodType | 'none';
  query?: z.ZodType;
  shopless?: boolean;
}[] = [
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/[^/]+\/approve$/,
    api: 'returns/{return_id}/approve',
    body: z.strictObject({
      decision: z.enum([
        'APPROVE_REFUND',
        'APPROVE_RETURN',
        'APPROVE_RECEIVED_PACKAGE',
        'APPROVE_REPLACEMENT',
        'ISSUE_REPLACEMENT_REFUND',
        'OFFER_PARTIAL_REFUND',
      ]),
      buyer_keep_item: z.boolean().optional(),
      partial_refund: z.looseObject({ amount: z.string(), currency: z.string() }).optional(),
    }),
  },
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/[^/]+\/reject$/,
    api: 'returns/{return_id}/reject',
    body: z.strictObject({
      decision: z.enum(['REJECT_REFUND', 'REJECT_RETURN', 'REJECT_RECEIVED_PACKAGE', 'REJECT_REPLACEMENT']),
      reject_reason: reason,
      comment: z.string().optional(),
      images: z.array(image).optional(),
    }),
  },
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/cancellations\/[^/]+\/approve$/,
    api: 'cancellations/{cancel_id}/approve',
    body: 'none',
  },
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/cancellations\/[^/]+\/reject$/,
    api: 'cancellations/{cancel_id}/reject',
    body: z.strictObject({
      reject_reason: reason,
      comment: z.string().optional(),
      images: z.array(image).optional(),
    }),
  },
  {
    method: 'POST',
    pattern: /^\/customer_service\/202309\/conversations\/[^/]+\/messages$/,
    api: 'conversations/{conversation_id}/messages',
    body: z
      .strictObject({
        type: z.enum(['TEXT', 'IMAGE', 'PRODUCT_CARD', 'ORDER_CARD']),
        content: z.string().min(1),
      })
      .refine((v) => {
        const c = jsonObject(v.content);
        return c !== null && (v.type !== 'TEXT' || (typeof c.content === 'string' && c.content !== ''));
      }, 'content must be a JSON string ({"content": "…"} for TEXT)'),
  },
  {
    method: 'GET',
    pattern: /^\/authorization\/202309\/shops$/,
    api: 'authorization/shops',
    body: 'none',
    shopless: true,
  },
  {
    method: 'GET',
    pattern: /^\/customer_service\/202309\/conversations$/,
    api: 'conversations',
    body: 'none',
    query: z.looseObject({ page_size: z.coerce.number().int().min(1).max(20) }),
  },
  // The searches (hsib19/tiktok-shop-sdk SearchReturnParams, OrderModule): page in the query, filter
  // in the body; an update-time window must not end before it starts.
  {
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/search$/,
    api: 'returns/search',
    body: searchBody(),
    query: searchQuery(100),
  },
  {
    method: 'POST',
    pattern: /^\/order\/202309\/orders\/search$/,
    api: 'orders/search',
    body: searchBody(),
    query: searchQuery(100),
  },
];

function searchQuery(maxPage: number) {
  return z.looseObject({
    page_size: z.coerce.number().int().min(1).max(maxPage),
    page_token: z.string().min(1).optional(),
    sort_field: z.enum(['create_time', 'update_time']).optional(),
    sort_order: z.enum(['ASC', 'DESC']).optional(),
  });
}

function searchBody() {
  const seconds = z.number().int().min(0).max(9_999_999_999).optional();
  return z
    .looseObject({
      update_time_ge: seconds,
      update_time_lt: seconds,
      create_time_ge: seconds,
      create_time_lt: seconds,
    })
    .refine(
      (b) =>
        b.update_time_ge === undefined ||
        b.update_time_lt === undefined ||
        b.update_time_ge < b.update_time_lt,
      'update_time_ge must be before update_time_lt',
    );
}

const ERRORS: Record<DeliveryCategory, { status: number; code: number; message: string }> = {
  auth_expired: { status: 200, code: 105002, message: 'Access token is expired' },
  auth_invalid: { status: 200, code: 105001, message: 'Invalid access token' },
  app_key_invalid: { status: 200, code: 36009001, message: 'Invalid app_key' },
  signature_invalid: { status: 200, code: 36009004, message: 'Invalid signature' },
  permission_denied: { status: 200, code: 105005, message: 'Permission denied for this API' },
  rate_limited: { status: 429, code: 36009009, message: 'Too many requests' },
  platform_busy: { status: 500, code: 50000001, message: 'Internal error, please retry' },
  invalid_request: { status: 200, code: 36009003, message: 'Invalid request' },
  wrong_state: {
    status: 200,
    code: 25001004,
    message: 'The current return status does not allow this operation',
  },
  not_found: { status: 200, code: 25001001, message: 'Return not found' },
  needs_verification: { status: 200, code: 36009003, message: 'Invalid request' },
  missing_setup: { status: 200, code: 36009003, message: 'Invalid request' },
  manual_only: { status: 404, code: 36009002, message: 'API not found' },
  timeout: { status: 504, code: 50000002, message: 'Gateway timeout' },
  network: { status: 502, code: 50000003, message: 'Bad gateway' },
  unknown: { status: 200, code: 99999999, message: 'Unknown error' },
};

/**
 * TikTok Shop API 202309 as EcomPHP/tiktokshop-php and easycb/easycb-go call it: query app_key,
 * timestamp, shop_cipher (not on /authorization or /seller), the call's own query, sign; header
 * x-tts-access-token; sign over path + sorted query (empty values too) + body for every method but GET.
 */
export const fakeTiktok: FakePlatformModule = {
  verify(req, apps, nowMs) {
    const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(req.path));
    const api = route?.api;
    const { sign, ...query } = req.query;
    for (const key of ['app_key', 'timestamp']) {
      if (!query[key]) return refusal('invalid_request', `missing query parameter ${key}`, api);
    }
    if (!sign) return refusal('invalid_request', 'missing query parameter sign', api);
    if (!withinSkew(secondsMs(query.timestamp), nowMs))
      return refusal('invalid_request', 'timestamp out of range', api);
    const app = apps(query.app_key!);
    if (!app) return refusal('app_key_invalid', 'unknown app_key', api);
    const body = req.method === 'GET' ? '' : req.body;
    const expected = signTiktokApi({ appSecret: app.appSecret, path: req.path, query, body });
    if (!safeEqual(sign, expected)) return refusal('signature_invalid', 'sign mismatch', api);
    const token = req.headers['x-tts-access-token'];
    if (!token || (app.accessToken && token !== app.accessToken))
      return refusal('auth_invalid', 'x-tts-access-token', api);
    if (!route) return refusal('manual_only', `no API ${req.method} ${req.path}`);
    if (!route.shopless && (!query.shop_cipher || (app.shopCipher && query.shop_cipher !== app.shopCipher))) {
      return refusal('invalid_request', 'shop_cipher is required and must be the shop’s', api);
    }
    if (route.shopless && query.shop_cipher)
      return refusal('invalid_request', 'shop_cipher is not allowed here', api);
    if (app.denied?.includes(route.api))
      return refusal('permission_denied', `no permission for ${route.api}`, api);
    if (req.method === 'POST' && !isJson(req.headers['content-type']))
      return refusal('invalid_request', 'content-type must be application/json', api);
    let params: Record<string, unknown> = {};
    if (route.query) {
      const q = checkParams(route.query, query);
      if (!q.ok) return refusal('invalid_request', q.detail, api);
      // The searches read their page from the query: the list answer sees both.
      const { app_key: _k, timestamp: _t, shop_cipher: _c, ...own } = q.value as Record<string, unknown>;
      params = own;
    }
    if (route.body === 'none') {
      if (req.body !== '') return refusal('invalid_request', 'this call takes no body', api);
    } else {
      const parsed = jsonObject(req.body);
      if (!parsed) return refusal('invalid_request', 'the body must be a JSON object', api);
      const checked = checkParams(route.body, parsed);
      if (!checked.ok) return refusal('invalid_request', checked.detail, api);
      params = { ...params, ...checked.value };
    }
    const answer =
      route.api === 'authorization/shops'
        ? {
            shops: [
              {
                id: '7494012345678901234',
                cipher: app.shopCipher ?? 'ROW_fake',
                name: 'fake shop',
                region: 'GB',
              },
            ],
          }
        : route.api.endsWith('/messages')
          ? { message_id: `msg-${Date.now()}` }
          : {};
    return { ok: true, app, api: route.api, params, answer };
  },
  errorAnswer(category, detail) {
    const e = ERRORS[category];
    return {
      status: e.status,
      body: { code: e.code, message: `${e.message} (${detail})`, request_id: 'fake-request', data: null },
    };
  },
  successAnswer(_api, data) {
    return { status: 200, body: { code: 0, message: 'Success', request_id: 'fake-request', data } };
  },
};
