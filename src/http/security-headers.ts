import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppError } from '../shared/app-error.js';

/**
 * Browser-side protections for the console and API: a CSP with no inline script (antd writes its
 * styles inline, so style-src keeps 'unsafe-inline'), no framing (frame-ancestors and
 * X-Frame-Options), nosniff and a strict referrer policy.
 */
const applySecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginEmbedderPolicy: false,
  // HSTS belongs to the TLS terminator in front (it knows whether HTTPS is on).
  strictTransportSecurity: false,
});

/**
 * helmet's headers for this configuration, computed once: they depend on nothing in the request.
 * Running its middleware on every request (a dozen setHeader calls through nine middlewares) was
 * 3% of the API's CPU while accepting webhooks; @fastify/helmet, which rebuilt the middleware
 * per request, had been 7–10%.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  applySecurityHeaders({} as never, response as never, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  return Object.freeze(headers);
})();

export async function installSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request a browser sends with our session cookie must come from our own pages:
 * its Origin (or Referer) names this host, or one of the configured origins. SameSite=Lax alone lets
 * same-site pages (another subdomain) post forms and multipart uploads. Requests with a bearer
 * token, and clients that send neither header (scripts, not browsers), are not cookie CSRF.
 */
export function installOriginCheck(
  app: FastifyInstance,
  options: { allowedOrigins?: readonly string[] } = {},
) {
  const allowed = new Set((options.allowedOrigins ?? []).map((o) => o.replace(/\/+$/, '').toLowerCase()));
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    if (request.headers.authorization) return;
    const origin = requestOrigin(request);
    if (origin === null) return;
    if (origin !== 'null') {
      let host: string | null = null;
      try {
        host = new URL(origin).host.toLowerCase();
      } catch {
        host = null;
      }
      if (host && host === request.host.toLowerCase()) return;
      if (allowed.has(origin.toLowerCase())) return;
    }
    throw new AppError('FORBIDDEN', 'cross-site request refused: this page is not part of Aftercare');
  });
}

function requestOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin) return origin;
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return null;
  const referer = request.headers.referer;
  if (typeof referer === 'string' && referer) {
    try {
      return new URL(referer).origin;
    } catch {
      return 'null';
    }
  }
  return site === 'cross-site' || site === 'same-site' ? 'null' : null;
}
