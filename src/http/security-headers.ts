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
 * The headers are built once: @fastify/helmet rebuilt helmet's middleware (re-parsing the CSP) on
 * every request, 7–10% of the CPU of accepting a webhook in the ingest profile.
 */
export async function installSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
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
