import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type Bytes = string | Buffer | Uint8Array;

export const md5Hex = (data: Bytes): string => createHash('md5').update(data).digest('hex');

export const hmacHex = (algorithm: 'md5' | 'sha256', key: Bytes, data: Bytes): string =>
  createHmac(algorithm, key).update(data).digest('hex');

/** Constant-time comparison of two signature strings (different lengths compare unequal). */
export function safeEqual(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Still spend a comparison so the length alone does not show in the timing.
    timingSafeEqual(right, right);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Joins bytes for "prefix + rawBody + suffix" without re-encoding the body. */
export const concatBytes = (...parts: Bytes[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** A value as the signing schemes write it: strings as-is, objects as compact JSON. */
export const signValue = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);

/**
 * k1v1k2v2… over keys in byte order, skipping undefined and null. Empty strings are skipped too
 * (TOP) unless `keepEmpty` is set: the PDD and TikTok SDKs sign an empty value as its bare key.
 */
export function concatSorted(
  params: Record<string, unknown>,
  exclude: readonly string[] = [],
  options: { keepEmpty?: boolean } = {},
): string {
  return Object.keys(params)
    .filter((k) => !exclude.includes(k))
    .filter((k) => params[k] !== undefined && params[k] !== null && (options.keepEmpty || params[k] !== ''))
    .sort()
    .map((k) => `${k}${signValue(params[k])}`)
    .join('');
}

/**
 * JSON with object keys sorted recursively and no spaces (Douyin param_json). `ascii` escapes every
 * non-ASCII character as \uXXXX (lowercase hex), as Python's json.dumps does by default.
 */
export function sortedJson(value: unknown, options: { ascii?: boolean } = {}): string {
  const text = sortedJsonText(value);
  return options.ascii
    ? text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}

function sortedJsonText(value: unknown): string {
  // A bigint is an id too long for a JS number that the API wants as a JSON number.
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(sortedJsonText).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJsonText(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
