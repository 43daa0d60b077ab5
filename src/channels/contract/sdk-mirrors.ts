// Test support: each function rebuilds, step by step, the request the cited SDK sends for one call,
// written independently of our builders (no shared helpers) so a contract test compares two
// derivations. Implemented with node:crypto; no SDK code is copied.
import { createHash, createHmac } from 'node:crypto';
import { stringify } from 'node:querystring';
import type { PlatformRequest } from '../outbound.js';

export type Creds = { appKey: string; appSecret: string; accessToken: string; shopCipher?: string };

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const hmac = (alg: 'sha256' | 'md5', key: string, s: string) =>
  createHmac(alg, key).update(s, 'utf8').digest('hex');

/** Python's json.dumps(v, sort_keys=True, separators=(',', ':')) with ensure_ascii=True. */
export function pythonJsonDumps(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') {
    let out = '"';
    for (const unit of v.split('')) {
      const c = unit.charCodeAt(0);
      if (unit === '"') out += '\\"';
      else if (unit === '\\') out += '\\\\';
      else if (unit === '\n') out += '\\n';
      else if (unit === '\r') out += '\\r';
      else if (unit === '\t') out += '\\t';
      else if (unit === '\b') out += '\\b';
      else if (unit === '\f') out += '\\f';
      else if (c < 0x20 || c > 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
      else out += unit;
    }
    return `${out}"`;
  }
  if (Array.isArray(v)) return `[${v.map(pythonJsonDumps).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${pythonJsonDumps(k)}:${pythonJsonDumps(o[k])}`)
    .join(',')}}`;
}

/** PHP's json_encode($v) with no flags: "/" as "\/", non-ASCII as \uXXXX. */
export function phpJsonEncode(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    return JSON.stringify(v)
      .replace(/\//g, '\\/')
      .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(v)) return `[${v.map(phpJsonEncode).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .map((k) => `${phpJsonEncode(k)}:${phpJsonEncode(o[k])}`)
    .join(',')}}`;
}

/** datetime.now().strftime('%Y-%m-%d %H:%M:%S') on a machine in China (UTC+8). */
function chinaClock(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
}

/**
 * minibear2021/doudian doudian/core.py `DouDian._request(path, params)` (the default sign method
 * hmac-sha256, a non-token request).
 */
export function doudianCorePy(
  c: Creds,
  path: string,
  params: Record<string, unknown>,
  now: Date,
): PlatformRequest {
  const gateway = 'https://openapi-fxg.jinritemai.com';
  const timestamp = chinaClock(now);
  const paramJson = pythonJsonDumps(params);
  const method = path.slice(1).replaceAll('/', '.');
  const pattern = `app_key${c.appKey}method${method}param_json${paramJson}timestamp${timestamp}v2`;
  const sign = hmac('sha256', c.appSecret, `${c.appSecret}${pattern}${c.appSecret}`);
  // core.py formats the query by hand; `requests` percent-encodes the space of the timestamp.
  const url = `${gateway}${path}?app_key=${c.appKey}&method=${method}&access_token=${c.accessToken}&timestamp=${timestamp.replace(' ', '%20')}&v=2&sign_method=hmac-sha256&sign=${sign}`;
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: paramJson,
  };
}

/** lywzx/pdd-node-sdk `PddClient.request(params)` posted by `NetworkAdapter.post` (form). */
export function pddNodeSdk(c: Creds, params: Record<string, unknown>, now: Date): PlatformRequest {
  const args: Record<string, string | number> = {
    data_type: 'JSON',
    version: 'V1',
    client_id: c.appKey,
    timestamp: Math.floor(now.getTime() / 1000),
  };
  for (const [k, v] of Object.entries({ ...params, access_token: c.accessToken })) {
    args[k] = typeof v === 'object' ? JSON.stringify(v) : (v as string | number);
  }
  let base = c.appSecret;
  for (const k of Object.keys(args).sort()) base += k + String(args[k]);
  args.sign = md5(base + c.appSecret).toUpperCase();
  return {
    method: 'POST',
    url: 'https://gw-api.pinduoduo.com/api/router',
    headers: {
      'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
      accept: 'application/json',
    },
    body: stringify(args),
  };
}

/**
 * EcomPHP/tiktokshop-php: a Resource call ('return_refund', '202309', action) through
 * `Client::modifyRequestBeforeSend` and `prepareSignature`; Guzzle's `json` option (json_encode).
 */
export function tiktokshopPhp(
  c: Creds,
  call: {
    method: 'GET' | 'POST';
    category: string;
    action: string;
    query?: Record<string, string>;
    json?: unknown;
  },
  now: Date,
): PlatformRequest {
  const path = `/${call.category}/202309/${call.action}`;
  const query: Record<string, string> = {
    ...(call.query ?? {}),
    app_key: c.appKey,
    timestamp: String(Math.floor(now.getTime() / 1000)),
  };
  if (c.shopCipher && !/^\/(authorization|seller)\/\d{6}\//.test(path)) query.shop_cipher = c.shopCipher;
  const body = call.json === undefined ? '' : phpJsonEncode(call.json);
  let s = '';
  for (const k of Object.keys(query).sort()) s += `${k}${query[k]}`;
  s = path + s;
  if (call.method !== 'GET') s += body;
  query.sign = hmac('sha256', c.appSecret, `${c.appSecret}${s}${c.appSecret}`);
  return {
    method: call.method,
    url: `https://open-api.tiktokglobalshop.com${path}?${new URLSearchParams(query)}`,
    headers: { 'content-type': 'application/json', 'x-tts-access-token': c.accessToken },
    body,
  };
}

/** bububa/opentaobao `SDKClient.Post(req, resp, session)` with the default md5 and JSON format. */
export function opentaobaoPost(
  c: Creds,
  method: string,
  api: Record<string, string>,
  now: Date,
): PlatformRequest {
  const values: Record<string, string> = {
    method,
    app_key: c.appKey,
    sign_method: 'md5',
    timestamp: chinaClock(now),
    format: 'json',
    v: '2.0',
    session: c.accessToken,
    simplify: 'true',
    ...api,
  };
  let q = c.appSecret;
  for (const k of Object.keys(values).sort()) q += k + values[k];
  values.sign = md5(q + c.appSecret).toUpperCase();
  // url.Values.Encode(): keys sorted, QueryEscape.
  const body = Object.keys(values)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(values[k]!).replace(/%20/g, '+')}`)
    .join('&');
  return {
    method: 'POST',
    url: 'https://eco.taobao.com/router/rest',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body,
  };
}
