import { type Bytes, concatBytes, concatSorted, hmacHex, safeEqual } from '../crypto.js';

/** Webhook: Authorization = lowercase_hex(HMAC_SHA256(key = app_secret, msg = app_key + rawBody)). */
export function signTiktokPush(appKey: string, rawBody: Bytes, appSecret: string): string {
  return hmacHex('sha256', appSecret, concatBytes(appKey, rawBody));
}

export function verifyTiktokPush(input: {
  appKey: string;
  appSecret: string;
  rawBody: Bytes;
  signature: string | undefined;
}): boolean {
  return safeEqual(
    input.signature?.toLowerCase(),
    signTiktokPush(input.appKey, input.rawBody, input.appSecret),
  );
}

/**
 * Open API: lowercase_hex(HMAC_SHA256(secret, secret + path + sorted(k+v, excluding sign and
 * access_token) + body + secret)); empty query values are signed as their bare key and GET requests
 * have no body (EcomPHP/tiktokshop-php `Client::prepareSignature`, easycb/easycb-go
 * `tiktok/request.go` makeSignature).
 */
export function signTiktokApi(input: {
  appSecret: string;
  path: string;
  query: Record<string, unknown>;
  body?: string | undefined;
}): string {
  const s = `${input.appSecret}${input.path}${concatSorted(input.query, ['sign', 'access_token', 'x-tts-access-token'], { keepEmpty: true })}${input.body ?? ''}${input.appSecret}`;
  return hmacHex('sha256', input.appSecret, s);
}

export function verifyTiktokApi(
  input: Parameters<typeof signTiktokApi>[0] & { sign: string | undefined },
): boolean {
  return safeEqual(input.sign?.toLowerCase(), signTiktokApi(input));
}
