import { concatSorted, hmacHex, md5Hex, safeEqual } from '../crypto.js';

export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';

/**
 * TOP: md5 → UPPER(md5_hex(secret + concat_sorted(k+v) + secret)); hmac → UPPER(hex(HMAC_MD5(secret,
 * concat_sorted))); hmac-sha256 likewise. Empty values and `sign` itself are skipped.
 */
export function signTop(
  params: Record<string, unknown>,
  secret: string,
  method: TopSignMethod = 'md5',
): string {
  const joined = concatSorted(params, ['sign']);
  if (method === 'hmac') return hmacHex('md5', secret, joined).toUpperCase();
  if (method === 'hmac-sha256') return hmacHex('sha256', secret, joined).toUpperCase();
  return md5Hex(`${secret}${joined}${secret}`).toUpperCase();
}

export function verifyTop(
  params: Record<string, unknown>,
  secret: string,
  signature: string | undefined,
  method: TopSignMethod = 'md5',
): boolean {
  return safeEqual(signature?.toUpperCase(), signTop(params, secret, method));
}

/**
 * Our HTTP relay of TMC messages (topic, content, id, userid, nick, outtime, dataid, publisher):
 * signed with the TOP md5 scheme over the message's own top-level fields (every field but `sign`),
 * sent in the `x-top-sign` header (or a `sign` field of the message). Values are as in the JSON
 * text: strings as-is, numbers by their digits — parse with `parseJsonLossless` so long ids keep
 * every digit.
 */
export function signTmcMessage(message: Record<string, unknown>, appSecret: string): string {
  return signTop(message, appSecret, 'md5');
}

export function verifyTmcMessage(
  message: Record<string, unknown>,
  appSecret: string,
  signature: string | undefined,
): boolean {
  return verifyTop(message, appSecret, signature, 'md5');
}
