import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../shared/app-error.js';

/** Deepest nesting of arrays and objects a JSON body may have (API and webhooks). */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests deeper than `max`, found by one pass over the text before any parse (a
 * 5,000-level body never reaches JSON.parse, the recursive walkers after it or jsonb).
 */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  return false;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text PostgreSQL can store: NUL (which text and jsonb cannot hold) removed, and lone UTF-16
 * surrogates — an emoji cut in half by a buyer's app — replaced by U+FFFD. Everything else a person
 * can type passes unchanged.
 */
export function cleanText(text: string): string {
  const noNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return noNul.replace(LONE_SURROGATE, '\uFFFD');
}

/** cleanText on every string and key of a parsed JSON value, in place (depth already bounded). */
export function cleanValue<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (depth > MAX_JSON_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanValue(value[i], depth + 1);
    return value;
  }
  if (Buffer.isBuffer(value)) return value;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const clean = cleanValue(obj[key], depth + 1);
    const cleanKey = cleanText(key);
    if (cleanKey !== key) delete obj[key];
    obj[cleanKey] = clean;
  }
  return value;
}

/**
 * Every /api JSON body and query string: depth checked before parsing (400), prototype poisoning
 * refused by Fastify's own parser, then NULs and lone surrogates cleaned before validation. Webhook
 * bodies stay byte-exact for their signatures (see webhook-routes.ts and group-insert.ts).
 */
export function installTextHygiene(app: FastifyInstance) {
  const defaultParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (jsonDepthExceeds(text)) {
        return done(
          new AppError('BAD_REQUEST', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`),
          undefined,
        );
      }
      return defaultParser(request, text, done);
    },
  );
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (request.body !== undefined) request.body = cleanValue(request.body);
    if (request.query && typeof request.query === 'object') request.query = cleanValue(request.query);
  });
}
