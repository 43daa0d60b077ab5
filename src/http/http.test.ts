import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { beforeAll, describe, expect, test } from 'vitest';
import { installAccessControl } from './access.js';
import { lazyChildLogger, loggerOptions } from './logger.js';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('HTTP conventions', () => {
  test('health answers with the engine in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', engine: t.database.engine });
  });

  test('metrics are exposed for Prometheus', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('aftercare_http_requests_total');
  });

  test('the OpenAPI document is generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/tickets',
        '/api/v1/tickets/{id}/status',
        '/api/v1/shops',
        '/api/v1/auth/login',
        '/api/v1/tokens',
      ]),
    );
    expect(doc.paths['/api/v1/tickets'].post.requestBody).toBeDefined();
  });

  test('every answer carries a request id; a sane incoming one is kept', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const fresh = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': '<script>' },
    });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('unknown API routes answer 404 in the envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route GET /api/v1/nothing-here' },
    });
  });

  test('a body over 1 MiB is 413 and a form post is 415', async () => {
    const owner = await t.signup();
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ subject: 'x'.repeat(1_100_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'subject=x',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('an API route that declares no access refuses to register', async () => {
    const app = Fastify();
    installAccessControl(app, t.services.auth);
    // so the whole app building at all (createTestApp) proves every route declares who may call it
    expect(() => app.get('/api/v1/forgotten', async () => 'oops')).toThrow(/declares no access/);
  });
});

describe('logs', () => {
  test('passwords, tokens, cookies, phone numbers and addresses never reach the log', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(loggerOptions('info'), sink);
    log.info(
      {
        body: {
          password: 'hunter22',
          token: 'ac_secret',
          phone: '13812345678',
          address: '北京市朝阳区建国路88号',
        },
      },
      'signup',
    );
    log.info({ req: { headers: { authorization: 'Bearer ac_x', cookie: 'ac_session=abc' } } }, 'request');
    log.info('buyer 13812345678 called about id 11010519491231002X');
    const text = lines.join('\n');
    for (const secret of [
      'hunter22',
      'ac_secret',
      '13812345678',
      '建国路',
      'Bearer ac_x',
      'ac_session=abc',
      '11010519491231002X',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  test("a request's logger is made when it first logs at an enabled level, and carries the request id", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const root = pino(loggerOptions('warn'), sink);
    let made = 0;
    const child = root.child.bind(root);
    root.child = ((...a: Parameters<typeof child>) => {
      made++;
      return child(...a);
    }) as typeof root.child;
    const log = lazyChildLogger(root, { reqId: 'r-1' }, {});
    log.info('incoming request');
    log.debug('detail');
    expect(made).toBe(0);
    expect(log.level).toBe('warn');
    log.warn({ bytes: 3, phone: '13812345678' }, 'webhook refused');
    log.error('and again');
    expect(made).toBe(1);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      reqId: 'r-1',
      msg: 'webhook refused',
      bytes: 3,
      phone: '[redacted]',
    });
    expect(log.child({ shop: 's' }, {})).toBeTruthy();
  });
});
