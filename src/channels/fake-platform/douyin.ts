import { z } from 'zod';
import { safeEqual } from '../crypto.js';
import type { DeliveryCategory } from '../delivery-error.js';
import { DOUYIN_OPERATE_TYPES } from '../douyin/operate-types.js';
import { signDouyinApi } from '../douyin/signature.js';
import { parseJsonLossless } from '../json.js';
import { beijingMs, checkParams, isJson, refusal, withinSkew } from './checks.js';
import type { FakePlatformModule } from './types.js';

const id = z.string().regex(/^\d{1,30}$/, 'an id of digits, as a string');
const refuseTypes = new Set<number>([
  DOUYIN_OPERATE_TYPES.refuse_refund,
  DOUYIN_OPERATE_TYPES.refuse_return,
  DOUYIN_OPERATE_TYPES.refuse_received,
  DOUYIN_OPERATE_TYPES.refuse_exchange,
]);
const logisticsTypes = new Set<number>([
  DOUYIN_OPERATE_TYPES.agree_return,
  DOUYIN_OPERATE_TYPES.agree_exchange,
  DOUYIN_OPERATE_TYPES.exchange_shipped,
]);

/** The official SDK's AfterSaleOperateParam (items ≤ 20; refusals need reason, remark, reason code). */
const OperateItem = z.strictObject({
  aftersale_id: id,
  reason: z.string().min(1).max(500).optional(),
  remark: z.string().min(1).max(500).optional(),
  evidence: z
    .array(
      z.strictObject({ type: z.number().int().min(1).max(4), url: z.url(), desc: z.string().optional() }),
    )
    .max(8)
    .optional(),
  logistics: z
    .strictObject({
      company_code: z.string().min(1).optional(),
      logistics_code: z.string().min(1).optional(),
      receiver_address_id: z.number().int().positive().optional(),
    })
    .optional(),
  reject_reason_code: z.number().int().positive().optional(),
  update_time: z.number().int().optional(),
});
const Operate = z
  .strictObject({
    type: z
      .number()
      .int()
      .refine((t) => Object.values(DOUYIN_OPERATE_TYPES).includes(t as never), 'unknown type'),
    items: z.array(OperateItem).min(1).max(20),
    store_id: z.number().int().optional(),
  })
  .superRefine((v, ctx) => {
    for (const [i, item] of v.items.entries()) {
      if (refuseTypes.has(v.type) && (!item.reason || !item.remark || !item.reject_reason_code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i],
          message: 'a refusal needs reason, remark and reject_reason_code',
        });
      }
      if (logisticsTypes.has(v.type) && !item.logistics) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'logistics'], message: 'required for this type' });
      }
      if (
        v.type === DOUYIN_OPERATE_TYPES.exchange_shipped &&
        (!item.logistics?.company_code || !item.logistics.logistics_code)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'logistics'],
          message: 'company_code and logistics_code are required',
        });
      }
    }
  });

/** Methods the fake knows, with their parameters (bububa/jinritemai-go and the official SDK). */
const METHODS: Record<string, z.ZodType> = {
  'afterSale.operate': Operate,
  'order.replyService': z.strictObject({
    id: z.union([z.number().int().positive(), id]),
    reply: z.string().min(1).max(500),
    evidence: z.string().optional(),
  }),
  'afterSale.addOrderRemark': z.strictObject({ order_id: id, remark: z.string().min(1) }),
  // The self-test's harmless reads (requests/order/logisticsCompanyList.go, requests/order/serviceList.go).
  'order.logisticsCompanyList': z.strictObject({}),
  // The reconciler's lists (bububa/jinritemai-go requests/aftersale/list.go, requests/order/searchList.go):
  // update times in seconds, page from 0, size ≤ 100.
  'afterSale.List': z
    .looseObject({
      update_start_time: z.number().int(),
      update_end_time: z.number().int(),
      page: z.number().int().min(0),
      size: z.number().int().min(1).max(100),
    })
    .refine((v) => v.update_end_time >= v.update_start_time, 'update_end_time before update_start_time'),
  'order.searchList': z
    .looseObject({
      update_time_start: z.number().int(),
      update_time_end: z.number().int(),
      page: z.number().int().min(0),
      size: z.number().int().min(1).max(100),
    })
    .refine((v) => v.update_time_end >= v.update_time_start, 'update_time_end before update_time_start'),
  'order.serviceList': z.strictObject({
    start_time: z.number().int(),
    end_time: z.number().int(),
    supply: z.number().int().min(0).max(1),
    page: z.number().int().min(0).max(99),
    size: z.number().int().min(1).max(100).optional(),
    status: z.number().int().optional(),
  }),
};

const ERRORS: Record<DeliveryCategory, { code: number; msg: string; sub_code: string; sub_msg: string }> = {
  auth_expired: {
    code: 30002,
    msg: 'access_token已过期',
    sub_code: 'isv.access-token-expired',
    sub_msg: 'access_token已过期',
  },
  auth_invalid: {
    code: 30001,
    msg: 'access_token不存在',
    sub_code: 'isv.access-token-no-existed',
    sub_msg: 'access_token不存在',
  },
  app_key_invalid: {
    code: 40002,
    msg: 'app_key不存在',
    sub_code: 'isv.app-key-not-exist',
    sub_msg: 'app_key不存在',
  },
  signature_invalid: { code: 40003, msg: '签名错误', sub_code: 'isv.sign-invalid', sub_msg: 'sign校验失败' },
  permission_denied: {
    code: 30005,
    msg: '无权限',
    sub_code: 'isv.no-permission',
    sub_msg: '应用没有该接口权限',
  },
  rate_limited: { code: 90000, msg: '调用太频繁', sub_code: 'isv.call-limited', sub_msg: '触发限流' },
  platform_busy: {
    code: 20000,
    msg: '系统错误',
    sub_code: 'isp.service-error:10002',
    sub_msg: '服务暂不可用',
  },
  invalid_request: {
    code: 40004,
    msg: '非法的参数',
    sub_code: 'isv.parameter-invalid:11000',
    sub_msg: '参数错误',
  },
  wrong_state: {
    code: 50002,
    msg: '业务处理失败',
    sub_code: 'isv.business-failed:20309541',
    sub_msg: '售后状态错误',
  },
  not_found: {
    code: 50002,
    msg: '业务处理失败',
    sub_code: 'isv.business-failed:11005',
    sub_msg: '售后单不存在',
  },
  needs_verification: {
    code: 50002,
    msg: '业务处理失败',
    sub_code: 'isv.business-failed',
    sub_msg: '需要短信验证码',
  },
  missing_setup: { code: 40004, msg: '非法的参数', sub_code: 'isv.parameter-invalid', sub_msg: '参数缺失' },
  manual_only: {
    code: 50002,
    msg: '业务处理失败',
    sub_code: 'isv.business-failed:11001',
    sub_msg: '暂不支持通过OPEN处理',
  },
  timeout: { code: 20000, msg: '系统错误', sub_code: 'isp.service-error', sub_msg: '超时' },
  network: { code: 20000, msg: '系统错误', sub_code: 'isp.service-error', sub_msg: '网络错误' },
  unknown: { code: 20000, msg: '系统错误', sub_code: 'isp.unknown-error', sub_msg: '未知错误' },
};

/**
 * Douyin open API v2 as minibear2021/doudian core.py calls it: POST /<path>?app_key&method
 * &access_token&timestamp&v=2&sign_method&sign, method = the path in dot form, body = param_json.
 */
export const fakeDouyin: FakePlatformModule = {
  verify(req, apps, nowMs) {
    const q = req.query;
    const method = req.path.slice(1).replace(/\//g, '.');
    if (req.method !== 'POST') return refusal('invalid_request', 'POST only');
    for (const key of ['app_key', 'method', 'access_token', 'timestamp', 'v', 'sign_method', 'sign']) {
      if (!q[key]) return refusal('invalid_request', `missing parameter ${key}`, method);
    }
    if (q.method !== method)
      return refusal('invalid_request', `method ${q.method} does not match the path ${req.path}`, method);
    if (q.v !== '2') return refusal('invalid_request', 'v must be 2', method);
    if (q.sign_method !== 'md5' && q.sign_method !== 'hmac-sha256')
      return refusal('invalid_request', 'bad sign_method', method);
    if (!withinSkew(beijingMs(q.timestamp), nowMs))
      return refusal('invalid_request', 'timestamp is not yyyy-MM-dd HH:mm:ss within 10 minutes', method);
    const app = apps(q.app_key!);
    if (!app) return refusal('app_key_invalid', 'unknown app_key', method);
    const expected = signDouyinApi({
      appKey: app.appKey,
      appSecret: app.appSecret,
      method,
      paramJson: req.body,
      timestamp: q.timestamp!,
      signMethod: q.sign_method,
    }).sign;
    if (!safeEqual(q.sign, expected)) return refusal('signature_invalid', 'sign mismatch', method);
    if (app.accessToken && q.access_token !== app.accessToken)
      return refusal('auth_invalid', 'access_token not valid', method);
    if (!isJson(req.headers['content-type']))
      return refusal('invalid_request', 'the body must be application/json', method);
    const schema = METHODS[method];
    if (!schema) return refusal('invalid_request', `unknown method ${method}`, method);
    if (app.denied?.includes(method))
      return refusal('permission_denied', `no permission for ${method}`, method);
    let params: Record<string, unknown> | null = null;
    try {
      const v = parseJsonLossless(req.body);
      params = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      params = null;
    }
    if (!params) return refusal('invalid_request', 'param_json is not a JSON object', method);
    const checked = checkParams(schema, params);
    if (!checked.ok) return refusal('invalid_request', checked.detail, method);
    const answer =
      method === 'afterSale.operate'
        ? {
            items: (params.items as { aftersale_id: string }[]).map((i) => ({
              aftersale_id: i.aftersale_id,
              status_code: 0,
              status_msg: 'success',
            })),
          }
        : method === 'order.serviceList'
          ? { total: 0, list: [] }
          : method === 'order.logisticsCompanyList'
            ? [{ id: 7, name: '中通快递', code: 'zhongtong' }]
            : {};
    return { ok: true, app, api: method, params: checked.value, answer };
  },
  errorAnswer(category, detail) {
    const e = ERRORS[category];
    return { status: 200, body: { ...e, sub_msg: `${e.sub_msg}: ${detail}`, log_id: 'fake-log', data: {} } };
  },
  successAnswer(_api, data) {
    return {
      status: 200,
      body: { code: 10000, msg: 'success', sub_code: '', sub_msg: '', log_id: 'fake-log', data },
    };
  },
};
