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
 * Douyin open API: s = secret + "app_key"+k + "method"+m + "param_json"+json + "timestamp"+ts + "v2" + secret;
 * sign = md5_hex(s) or hmac_sha256_hex(secret, s). param_json has keys sorted recursively, no spaces.
 */
export function signDouyinApi(input: {
  appKey: string;
  appSecret: string;
  method: string;
  params: unknown;
  timestamp: string;
  signMethod?: DouyinSignMethod;
}): { sign: string; paramJson: string } {
  const paramJson = sortedJson(input.params ?? {});
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
