import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LoggerOptions } from 'pino';
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
        'password',
        'token',
        'appSecret',
        'secret',
        'phone',
        'mobile',
        'address',
        'idNumber',
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

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Fastify's request logger, made only when something is logged through it at an enabled level:
 * pino builds a child's bindings (and its redaction) eagerly, 3% of the API's CPU accepting
 * webhooks, where almost no request logs anything at the production level.
 */
export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level || options.serializers) return logger.child(bindings, options);
  const enabled = (level: Level) =>
    (logger as { isLevelEnabled?: (l: string) => boolean }).isLevelEnabled?.(level) ?? true;
  let child: FastifyBaseLogger | undefined;
  const real = () => {
    child ??= logger.child(bindings, options);
    return child;
  };
  const at =
    (level: Level): FastifyBaseLogger['info'] =>
    (...args: unknown[]) => {
      if (child || enabled(level)) (real()[level] as (...a: unknown[]) => void)(...args);
    };
  return {
    get level() {
      return child ? child.level : logger.level;
    },
    set level(level: string) {
      real().level = level;
    },
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    silent: () => {},
    child: (more: Bindings, moreOptions?: ChildLoggerOptions) => real().child(more, moreOptions),
  };
}
