import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { AppError } from '../shared/app-error.js';

export type Metrics = {
  registry: Registry;
  deliveries: Counter<'platform' | 'kind' | 'outcome' | 'category'>;
};

/**
 * Prometheus metrics at /metrics: with AFTERCARE_METRICS_TOKEN set, for `Authorization: Bearer <token>`
 * only; without it, for clients on this machine only (the socket's own address, never a forwarding header).
 */
export function installMetrics(
  app: FastifyInstance,
  options: { defaultMetrics: boolean; token?: string | undefined },
): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'aftercare_' });
  const requests = new Counter({
    name: 'aftercare_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'aftercare_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'aftercare_outbound_deliveries_total',
    help: 'Outbound delivery attempts (replies, acknowledgements, refunds, notices…) by platform, kind, outcome (sent | retrying | failed) and failure category',
    labelNames: ['platform', 'kind', 'outcome', 'category'],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: reply.statusCode });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(req, options.token)) {
      throw new AppError(
        'FORBIDDEN',
        options.token ? 'metrics need the metrics token' : 'metrics are served to this machine only',
      );
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return { registry, deliveries };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  return LOOPBACK.test(req.socket.remoteAddress ?? '');
}
