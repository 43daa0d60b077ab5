import { concatSorted, hmacHex, md5Hex, safeEqual } from '../crypto.js';

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

/**
 * Our HTTP relay's signature over the body too (X-Pdd-Body-Sign): lowercase hex
 * HMAC-SHA256(client_secret, client_id + "\n" + X-Pdd-Timestamp + "\n" + raw body bytes). The
 * message service's own sig (client_id + ts + secret) covers no body: one observed request would let
 * anyone post other events for five minutes. Shops whose relay cannot change keep that scheme only
 * by choosing it (settings.pddRelaySignature = 'legacy').
 */
export function signPddRelayBody(
  clientId: string,
  timestamp: string,
  body: Buffer | string,
  clientSecret: string,
) {
  const bytes = Buffer.concat([Buffer.from(`${clientId}\n${timestamp}\n`, 'utf8'), Buffer.from(body)]);
  return hmacHex('sha256', clientSecret, bytes);
}

export function verifyPddPush(input: {
  clientId: string;
  clientSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
  maxAgeMs?: number;
  /** With the body: X-Pdd-Body-Sign is checked (the default scheme); without: the legacy sig. */
  body?: { rawBody: Buffer; bodySignature: string | undefined };
}): PddVerify {
  const ts = pddTimestampMs(input.timestamp);
  if (ts === null) return { ok: false, reason: 'stale_timestamp' };
  const good = input.body
    ? safeEqual(
        input.body.bodySignature?.toLowerCase(),
        signPddRelayBody(input.clientId, input.timestamp!, input.body.rawBody, input.clientSecret),
      )
    : safeEqual(input.signature, signPddPush(input.clientId, input.timestamp!, input.clientSecret));
  if (!good) return { ok: false, reason: 'bad_signature' };
  const maxAge = input.maxAgeMs ?? PDD_MAX_AGE_MS;
  if (Math.abs(input.nowMs - ts) > maxAge) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}

/**
 * Open API: the caller adds type, client_id, timestamp (s), data_type "JSON", version "V1",
 * access_token?; object values are JSON strings; sign = UPPER(md5_hex(secret + k1v1k2v2… + secret)).
 * Empty values are signed as their bare key, as lywzx/pdd-node-sdk `PddClient.sign` does.
 */
export function signPddApi(params: Record<string, unknown>, clientSecret: string): string {
  const joined = concatSorted(params, ['sign'], { keepEmpty: true });
  return md5Hex(`${clientSecret}${joined}${clientSecret}`).toUpperCase();
}

export function verifyPddApi(params: Record<string, unknown>, clientSecret: string): boolean {
  const sign = typeof params.sign === 'string' ? params.sign.toUpperCase() : undefined;
  return safeEqual(sign, signPddApi(params, clientSecret));
}
