import { type Bytes, concatBytes, hmacHex, md5Hex, safeEqual, sortedJson } from '../crypto.js';

/** Douyin push: event-sign = lowercase_hex(MD5(app_key + rawBody + app_secret)). */
export function signDouyinPush(appKey: string, rawBody: Bytes, appSecret: string): string {
  return md5Hex(concatBytes(appKey, rawBody, appSecret));
}

export function verifyDouyinPush(input: {
  appKey: string;
  appSecret: string;
  rawBody: Bytes;
  signature: string | undefined;
}): boolean {
  return safeEqual(
    input.signature?.toLowerCase(),
    signDouyinPush(input.appKey, input.rawBody, input.appSecret),
  );
}

export type DouyinSignMethod = 'md5' | 'hmac-sha256';

/**
 * param_json as minibear2021/doudian core.py writes it (json.dumps(sort_keys=True,
 * separators=(',', ':'))): keys sorted recursively, no spaces, non-ASCII escaped as \uXXXX.
 * UNCERTAIN: whether the gateway re-serialises before checking; we sign exactly the bytes we send.
 */
export const douyinParamJson = (params: unknown): string => sortedJson(params ?? {}, { ascii: true });

/**
 * Douyin open API (core.py `_sign`): s = secret + "app_key"+k + "method"+m + "param_json"+json +
 * "timestamp"+ts + "v"+"2" + secret; sign = hmac_sha256_hex(secret, s) (core.py) or md5_hex(s)
 * (bububa/jinritemai-go's default). `method` is the dot form of the URL path (afterSale.operate).
 */
export function signDouyinApi(input: {
  appKey: string;
  appSecret: string;
  method: string;
  params?: unknown;
  paramJson?: string;
  timestamp: string;
  signMethod?: DouyinSignMethod;
}): { sign: string; paramJson: string } {
  const paramJson = input.paramJson ?? douyinParamJson(input.params);
  const s =
    `${input.appSecret}app_key${input.appKey}method${input.method}param_json${paramJson}` +
    `timestamp${input.timestamp}v2${input.appSecret}`;
  const sign = input.signMethod === 'hmac-sha256' ? hmacHex('sha256', input.appSecret, s) : md5Hex(s);
  return { sign, paramJson };
}

export function verifyDouyinApi(
  input: Parameters<typeof signDouyinApi>[0] & { sign: string | undefined },
): boolean {
  return safeEqual(input.sign?.toLowerCase(), signDouyinApi(input).sign);
}
