import { concatSorted, md5Hex, safeEqual } from '../crypto.js';

/** Push relay and WebSocket: sig = base64(md5_hex_lowercase(client_id + ts + client_secret)). */
export function signPddPush(clientId: string, timestamp: string, clientSecret: string): string {
  return Buffer.from(md5Hex(`${clientId}${timestamp}${clientSecret}`), 'utf8').toString('base64');
}

/** Max age of X-Pdd-Timestamp on our HTTP relay (and how far in the future we tolerate clock skew). */
export const PDD_MAX_AGE_MS = 5 * 60 * 1000;

/** X-Pdd-Timestamp in seconds or milliseconds (the WebSocket uses ms; the API uses s). */
export function pddTimestampMs(timestamp: string | undefined): number | null {
  if (!timestamp || !/^\d{9,13}$/.test(timestamp)) return null;
  const n = Number(timestamp);
  return timestamp.length >= 12 ? n : n * 1000;
}

export type PddVerify = { ok: true } | { ok: false; reason: 'bad_signature' | 'stale_timestamp' };

export function verifyPddPush(input: {
  clientId: string;
  clientSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
  maxAgeMs?: number;
}): PddVerify {
  const ts = pddTimestampMs(input.timestamp);
  if (ts === null) return { ok: false, reason: 'stale_timestamp' };
  const good = safeEqual(input.signature, signPddPush(input.clientId, input.timestamp!, input.clientSecret));
  if (!good) return { ok: false, reason: 'bad_signature' };
  const maxAge = input.maxAgeMs ?? PDD_MAX_AGE_MS;
  if (Math.abs(input.nowMs - ts) > maxAge) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}

/**
 * Open API: the caller adds type, client_id, timestamp (s), data_type "JSON", version "V1",
 * access_token?; object values are JSON strings; sign = UPPER(md5_hex(secret + k1v1k2v2… + secret)).
 */
export function signPddApi(params: Record<string, unknown>, clientSecret: string): string {
  return md5Hex(`${clientSecret}${concatSorted(params, ['sign'])}${clientSecret}`).toUpperCase();
}

export function verifyPddApi(params: Record<string, unknown>, clientSecret: string): boolean {
  const sign = typeof params.sign === 'string' ? params.sign.toUpperCase() : undefined;
  return safeEqual(sign, signPddApi(params, clientSecret));
}
