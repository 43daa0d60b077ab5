import type { LoggerOptions } from 'pino';
import { maskPii } from '../triage/pii.js';

// PII inside log text: first what the console masks (src/triage/pii.ts: mobiles, IDs with a valid check
// digit, Luhn card numbers, e-mail, street addresses), then — logs err on the safe side — any
// remaining mobile-like, ID-like or long digit run.
const PII_IN_TEXT =
  /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)|(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])|(?<!\d)\d{16,19}(?!\d)/g;

export const maskPiiInText = (text: string): string =>
  maskPii(text).replace(PII_IN_TEXT, (m) => `${m.slice(0, 3)}****${m.slice(-2)}`);

/** The URL with its query decoded, so an e-mail sent as %40 is recognised; left as it is when malformed. */
function decodeQuery(url: string): string {
  try {
    return decodeURIComponent(url.replaceAll('+', ' '));
  } catch {
    return url;
  }
}

/** pino options: structured JSON, PII and secrets redacted by field and masked inside messages. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.appSecret',
        '*.secret',
        '*.phone',
        '*.mobile',
        '*.address',
        '*.idNumber',
        '*.*.password',
        '*.*.phone',
        '*.*.address',
        '*.*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // Fastify logs each request's URL: a search for a phone number must not put it in the log.
      req: (req: { method?: string; url?: string; ip?: string; hostname?: string }) => ({
        method: req.method,
        url: maskPiiInText(decodeQuery(req.url ?? '')),
        host: req.hostname,
        remoteAddress: req.ip,
      }),
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPiiInText(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
}
