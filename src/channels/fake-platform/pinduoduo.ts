import { parse } from 'node:querystring';
import { z } from 'zod';
import { safeEqual } from '../crypto.js';
import type { DeliveryCategory } from '../delivery-error.js';
import { signPddApi } from '../pinduoduo/signature.js';
import { checkParams, isForm, jsonObject, refusal, secondsMs, withinSkew } from './checks.js';
import type { FakePlatformModule } from './types.js';

const id = z.union([z.string().regex(/^\d{1,30}$/), z.number().int().positive()]);
const text = z.string().min(1);

/** The `request` object of each after-sales write (lywzx/pdd-node-sdk packages/pdd-origin-api/src/shouHou/). */
const TYPES: Record<string, { request?: z.ZodType; params?: z.ZodType; token: boolean; response: string }> = {
  'pdd.refund.agree': {
    request: z.strictObject({ after_sales_id: id, order_sn: text, operate_desc: z.string().optional() }),
    token: true,
    response: 'response',
  },
  'pdd.refund.returngoods.agree': {
    request: z.strictObject({
      after_sales_id: id,
      operate_desc: text,
      order_sn: text,
      return_address_id: text,
    }),
    token: true,
    response: 'response',
  },
  'pdd.refund.exchange.shipping': {
    request: z.strictObject({
      after_sales_id: id,
      order_sn: text,
      shipping_id: z.number().int().positive(),
      shipping_name: z.string(),
      tracking_number: text,
    }),
    token: true,
    response: 'response',
  },
  // xiaoXiFuWu/PddPmcUserPermit.ts: topics? (comma-separated)
  'pdd.pmc.user.permit': {
    params: z.looseObject({ topics: z.string().optional() }),
    token: true,
    response: 'pmc_user_permit_response',
  },
  // dianPu/PddMallInfoGet.ts: no parameters; the self-test's read of the shop
  'pdd.mall.info.get': { params: z.looseObject({}), token: true, response: 'mall_info_get_response' },
  // shouHou/PddRefundListIncrementGet.ts: window ≤ 30 minutes, page_size ≤ 100
  'pdd.refund.list.increment.get': {
    params: z
      .looseObject({
        after_sales_status: z.coerce.number().int(),
        after_sales_type: z.coerce.number().int().min(1).max(5),
        start_updated_at: z.coerce.number().int(),
        end_updated_at: z.coerce.number().int(),
        page: z.coerce.number().int().min(1).optional(),
        page_size: z.coerce.number().int().min(1).max(100).optional(),
      })
      .refine(
        (v) => v.end_updated_at >= v.start_updated_at && v.end_updated_at - v.start_updated_at <= 1800,
        {
          message: 'the window is at most 30 minutes',
        },
      ),
    token: true,
    response: 'refund_increment_get_response',
  },
  'pdd.time.get': { params: z.looseObject({}), token: false, response: 'time_get_response' },
};

const ERRORS: Record<DeliveryCategory, { error_code: number; error_msg: string }> = {
  auth_expired: { error_code: 10019, error_msg: 'access_token已过期' },
  auth_invalid: { error_code: 20032, error_msg: 'access_token不存在' },
  app_key_invalid: { error_code: 10016, error_msg: 'client_id不存在' },
  signature_invalid: { error_code: 20004, error_msg: '签名校验失败' },
  permission_denied: { error_code: 20031, error_msg: '用户没有授权访问此接口' },
  rate_limited: { error_code: 70031, error_msg: '调用过于频繁，请调整调用频率' },
  platform_busy: { error_code: 52103, error_msg: '服务暂时不可用，请稍后重试' },
  invalid_request: { error_code: 10000, error_msg: '参数错误' },
  wrong_state: { error_code: 10000, error_msg: '参数错误' },
  not_found: { error_code: 10000, error_msg: '参数错误' },
  needs_verification: { error_code: 10000, error_msg: '参数错误' },
  missing_setup: { error_code: 10000, error_msg: '参数错误' },
  manual_only: { error_code: 10001, error_msg: 'API不存在' },
  timeout: { error_code: 52102, error_msg: '当前接口暂时不可用，请稍后重试' },
  network: { error_code: 52102, error_msg: '当前接口暂时不可用，请稍后重试' },
  unknown: { error_code: 50000, error_msg: '系统错误' },
};

/**
 * Pinduoduo's router as lywzx/pdd-node-sdk calls it: POST /api/router, form-encoded, with type,
 * client_id, timestamp (s), data_type JSON, version V1, access_token, sign over every parameter
 * (empty ones too), object parameters as JSON strings.
 */
export const fakePinduoduo: FakePlatformModule = {
  verify(req, apps, nowMs) {
    if (req.method !== 'POST' || req.path !== '/api/router')
      return refusal('invalid_request', 'POST /api/router only');
    if (!isForm(req.headers['content-type']))
      return refusal('invalid_request', 'the body must be form-encoded');
    const raw = parse(req.body);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (Array.isArray(v)) return refusal('invalid_request', `parameter ${k} given twice`);
      params[k] = v ?? '';
    }
    const type = params.type;
    for (const key of ['type', 'client_id', 'timestamp', 'data_type', 'version', 'sign']) {
      if (!params[key]) return refusal('invalid_request', `missing parameter ${key}`, type);
    }
    if (params.data_type !== 'JSON' || params.version !== 'V1')
      return refusal('invalid_request', 'data_type JSON, version V1', type);
    if (!withinSkew(secondsMs(params.timestamp), nowMs))
      return refusal('invalid_request', 'timestamp out of range', type);
    const app = apps(params.client_id!);
    if (!app) return refusal('app_key_invalid', 'unknown client_id', type);
    if (!safeEqual(params.sign, signPddApi(params, app.appSecret)))
      return refusal('signature_invalid', 'sign mismatch', type);
    const spec = TYPES[type!];
    if (!spec) return refusal('manual_only', `unknown type ${type}`, type);
    if (
      spec.token &&
      (!params.access_token || (app.accessToken && params.access_token !== app.accessToken))
    ) {
      return refusal('auth_invalid', 'access_token not valid', type);
    }
    if (app.denied?.includes(type!)) return refusal('permission_denied', `no permission for ${type}`, type);
    const { type: _t, client_id, timestamp, data_type, version, access_token, sign, ...business } = params;
    let checked: { ok: true; value: Record<string, unknown> } | { ok: false; detail: string };
    if (spec.request) {
      const request = jsonObject(business.request ?? '');
      if (!request) return refusal('invalid_request', 'request must be a JSON object', type);
      const inner = checkParams(spec.request, request);
      checked = inner.ok ? { ok: true, value: { request: inner.value } } : inner;
    } else {
      checked = checkParams(spec.params!, business);
    }
    if (!checked.ok) return refusal('invalid_request', checked.detail, type);
    const request = checked.value.request as Record<string, unknown> | undefined;
    const answer = request
      ? {
          result: {
            after_sales_id: request.after_sales_id,
            order_sn: request.order_sn,
            succ: true,
            message: '操作成功',
          },
        }
      : type === 'pdd.pmc.user.permit'
        ? { is_success: true }
        : type === 'pdd.mall.info.get'
          ? { mall_id: 1, mall_name: 'fake mall', mall_desc: '', logo: '' }
          : type === 'pdd.refund.list.increment.get'
            ? { refund_list: [], total_count: 0 }
            : { time: new Date(nowMs).toISOString() };
    return { ok: true, app, api: type!, params: checked.value, answer: { key: spec.response, data: answer } };
  },
  errorAnswer(category, detail) {
    const e = ERRORS[category];
    if (category === 'wrong_state') {
      // Business refusals come back as 200 with result.succ = false.
      return {
        status: 200,
        body: { response: { result: { succ: false, message: `售后状态已变更，无法操作: ${detail}` } } },
      };
    }
    return { status: 200, body: { error_response: { ...e, sub_msg: detail, request_id: 'fake-request' } } };
  },
  successAnswer(_api, data) {
    const { key, data: inner } = data as { key: string; data: unknown };
    return { status: 200, body: { [key]: inner } };
  },
};
