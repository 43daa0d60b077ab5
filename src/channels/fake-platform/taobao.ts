import { z } from 'zod';
import type { DeliveryCategory } from '../delivery-error.js';
import { type TopSignMethod, verifyTop } from '../taobao/signature.js';
import { beijingMs, checkParams, isForm, refusal, withinSkew } from './checks.js';
import type { FakePlatformModule } from './types.js';

const digits = z.string().regex(/^\d{1,30}$/, 'digits');
const bytesAtMost = (n: number) => (s: string) => Buffer.byteLength(s) <= n;
const topTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'yyyy-MM-dd HH:mm:ss');

/** Methods and parameters (bububa/opentaobao model/refund, model/tbrefund, model/traderate, model/tmc). */
const METHODS: Record<string, { params: z.ZodType; session: boolean }> = {
  'taobao.refund.message.add': {
    params: z.strictObject({
      refund_id: digits,
      content: z.string().min(1).refine(bytesAtMost(400), 'at most 400 bytes'),
    }),
    session: true,
  },
  'taobao.rp.refunds.agree': {
    params: z.strictObject({
      refund_infos: z
        .string()
        .regex(
          /^\d+\|\d+\|\d+(\|(onsale|aftersale))?(,\d+\|\d+\|\d+(\|(onsale|aftersale))?)*$/,
          'refund_id|amount|version|phase',
        ),
      code: z.string().optional(),
    }),
    session: true,
  },
  'taobao.rp.returngoods.agree': {
    params: z.strictObject({
      refund_id: digits,
      seller_address_id: digits,
      refund_phase: z.enum(['onsale', 'aftersale']).optional(),
      refund_version: digits.optional(),
      remark: z.string().optional(),
      post_fee_bear_role: z.enum(['0', '1']).optional(),
      name: z.string().optional(),
      address: z.string().optional(),
      post: z.string().optional(),
      tel: z.string().optional(),
      mobile: z.string().optional(),
      virtual_return_goods: z.enum(['true', 'false']).optional(),
    }),
    session: true,
  },
  'taobao.refund.refuse': {
    params: z.strictObject({
      refund_id: digits,
      refuse_message: z
        .string()
        .refine((s) => [...s].length >= 2 && [...s].length <= 200, '2–200 characters'),
      refund_phase: z.enum(['onsale', 'aftersale']).optional(),
      refund_version: digits.optional(),
      refuse_reason_id: digits.optional(),
    }),
    session: true,
  },
  'taobao.traderate.explain.add': {
    params: z.strictObject({
      oid: digits,
      reply: z
        .string()
        .min(1)
        .refine((s) => [...s].length <= 500, 'at most 500 characters'),
    }),
    session: true,
  },
  'taobao.tmc.user.permit': { params: z.strictObject({ topics: z.string().optional() }), session: true },
  'taobao.tmc.messages.consume': {
    params: z.strictObject({
      group_name: z.string().optional(),
      quantity: z.coerce.number().int().min(10).max(200).optional(),
    }),
    session: false,
  },
  'taobao.tmc.messages.confirm': {
    params: z.strictObject({
      s_message_ids: z.string().regex(/^\d+(,\d+)*$/, 'comma-separated ids'),
      f_message_ids: z.string().optional(),
      group_name: z.string().optional(),
    }),
    session: false,
  },
  'taobao.user.seller.get': { params: z.strictObject({ fields: z.string().min(1) }), session: true },
  // opentaobao model/refund RefundsReceiveGetRequest: times "yyyy-MM-dd HH:mm:ss" (Beijing), both ends in.
  'taobao.refunds.receive.get': {
    params: z
      .looseObject({
        fields: z.string().min(1),
        status: z.string().optional(),
        start_modified: topTime.optional(),
        end_modified: topTime.optional(),
        page_no: z.coerce.number().int().min(1).optional(),
        page_size: z.coerce.number().int().min(1).max(100).optional(),
        use_has_next: z.enum(['true', 'false']).optional(),
      })
      .refine(
        (p) => !p.start_modified || !p.end_modified || p.start_modified <= p.end_modified,
        'start_modified must not be after end_modified',
      ),
    session: true,
  },
};

const ERRORS: Record<DeliveryCategory, { code: number; msg: string; sub_code?: string }> = {
  auth_expired: { code: 27, msg: 'Invalid session', sub_code: 'session-expired' },
  auth_invalid: { code: 27, msg: 'Invalid session', sub_code: 'invalid-sessionkey' },
  app_key_invalid: { code: 29, msg: 'Invalid app Key' },
  signature_invalid: { code: 25, msg: 'Invalid signature' },
  permission_denied: {
    code: 11,
    msg: 'Insufficient isv permissions',
    sub_code: 'isv.permission-api-package-empty',
  },
  rate_limited: { code: 7, msg: 'App Call Limited', sub_code: 'accesscontrol.limited-by-api-access-count' },
  platform_busy: { code: 15, msg: 'Remote service error', sub_code: 'isp.remote-service-unavailable' },
  invalid_request: { code: 41, msg: 'Invalid arguments', sub_code: 'isv.invalid-parameter' },
  wrong_state: { code: 15, msg: 'Remote service error', sub_code: 'isv.refund-status-not-support' },
  not_found: { code: 15, msg: 'Remote service error', sub_code: 'isv.refund-not-exist' },
  needs_verification: { code: 15, msg: 'Remote service error', sub_code: 'isv.refund-need-verify-code' },
  missing_setup: { code: 40, msg: 'Missing required arguments', sub_code: 'isv.missing-parameter' },
  manual_only: { code: 22, msg: 'Invalid method' },
  timeout: { code: 15, msg: 'Remote service error', sub_code: 'isp.remote-service-timeout' },
  network: { code: 15, msg: 'Remote service error', sub_code: 'isp.remote-connection-error' },
  unknown: { code: 15, msg: 'Remote service error', sub_code: 'isp.unknown-error' },
};

/** One message as `taobao.tmc.messages.consume` returns it (opentaobao model/tmc/TmcMessage.go). */
export type FakeTmcMessage = {
  id: number | string;
  topic: string;
  content: string;
  user_id?: number | string;
  user_nick?: string;
  pub_time?: string;
  pub_app_key?: string;
};

/** TMC's server side: messages per app key until confirmed; `permitted` lists the users permitted. */
export type TmcQueue = {
  publish(appKey: string, message: FakeTmcMessage): void;
  pending(appKey: string): FakeTmcMessage[];
  permitted: Set<string>;
};

export function createFakeTaobao(): FakePlatformModule & { tmc: TmcQueue } {
  const queues = new Map<string, FakeTmcMessage[]>();
  const tmc: TmcQueue = {
    publish(appKey, message) {
      queues.set(appKey, [...(queues.get(appKey) ?? []), message]);
    },
    pending: (appKey) => [...(queues.get(appKey) ?? [])],
    permitted: new Set(),
  };
  return {
    tmc,
    /**
     * TOP as bububa/opentaobao calls it: POST /router/rest, form-encoded; method, app_key, sign_method,
     * timestamp "yyyy-MM-dd HH:mm:ss" (GMT+8, ±10 min), v 2.0, format, session, simplify; sign over the
     * sorted parameters (empty ones skipped).
     */
    verify(req, apps, nowMs) {
      if (req.method !== 'POST' || req.path !== '/router/rest')
        return refusal('invalid_request', 'POST /router/rest only');
      if (!isForm(req.headers['content-type']))
        return refusal('invalid_request', 'the body must be form-encoded');
      const params = Object.fromEntries(new URLSearchParams(req.body));
      const method = params.method;
      for (const key of ['method', 'app_key', 'sign_method', 'timestamp', 'v', 'sign']) {
        if (!params[key]) return refusal('missing_setup', `missing ${key}`, method);
      }
      if (params.v !== '2.0') return refusal('invalid_request', 'v must be 2.0', method);
      if (!withinSkew(beijingMs(params.timestamp), nowMs))
        return refusal('invalid_request', 'invalid timestamp', method);
      const app = apps(params.app_key!);
      if (!app) return refusal('app_key_invalid', 'unknown app_key', method);
      const signMethod = params.sign_method as TopSignMethod;
      if (!['md5', 'hmac', 'hmac-sha256'].includes(signMethod))
        return refusal('invalid_request', 'bad sign_method', method);
      if (!verifyTop(params, app.appSecret, params.sign, signMethod))
        return refusal('signature_invalid', 'sign mismatch', method);
      const spec = METHODS[method!];
      if (!spec) return refusal('manual_only', `unknown method ${method}`, method);
      if (spec.session && !params.session) return refusal('auth_invalid', 'session required', method);
      if (spec.session && app.accessToken && params.session !== app.accessToken)
        return refusal('auth_invalid', 'session not valid', method);
      if (app.denied?.includes(method!))
        return refusal('permission_denied', `no permission for ${method}`, method);
      const {
        method: _m,
        app_key,
        sign_method,
        timestamp,
        v,
        sign,
        format,
        session,
        simplify,
        partner_id,
        target_app_key,
        ...business
      } = params;
      const checked = checkParams(spec.params, business);
      if (!checked.ok) return refusal('invalid_request', checked.detail, method);
      let answer: unknown = { is_success: true };
      if (method === 'taobao.tmc.messages.consume') {
        const quantity = Number(business.quantity ?? 100);
        answer = { messages: (queues.get(app.appKey) ?? []).slice(0, quantity) };
      } else if (method === 'taobao.tmc.messages.confirm') {
        const done = new Set(business.s_message_ids!.split(','));
        queues.set(
          app.appKey,
          (queues.get(app.appKey) ?? []).filter((m) => !done.has(String(m.id))),
        );
      } else if (method === 'taobao.tmc.user.permit') {
        tmc.permitted.add(`${app.appKey}:${session}`);
      } else if (method === 'taobao.user.seller.get') {
        answer = { user: { nick: 'fake seller', user_id: 1 } };
      } else if (method === 'taobao.refunds.receive.get') {
        answer = { refunds: [], total_results: 0 };
      } else if (method === 'taobao.rp.refunds.agree') {
        answer = { succ: true, msg: '退款成功', message: '退款成功' };
      }
      return { ok: true, app, api: method!, params: checked.value, answer };
    },
    errorAnswer(category, detail) {
      const e = ERRORS[category];
      return {
        status: 200,
        body: {
          error_response: {
            code: e.code,
            msg: e.msg,
            ...(e.sub_code ? { sub_code: e.sub_code } : {}),
            sub_msg: detail,
            request_id: 'fake-request',
          },
        },
      };
    },
    successAnswer(_api, data) {
      return { status: 200, body: { ...(data as object), request_id: 'fake-request' } };
    },
  };
}
