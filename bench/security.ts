import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as undiciRequest } from 'undici';
import { buildApp } from '../src/app.js';
import { signedPush } from '../src/channels/push.js';
import { createOutboundPolicy } from '../src/http/outbound-policy.js';
import { csvWideRow, xlsxManyCells, xlsxOneHugeCell } from '../src/imports/hostile-files.js';
import { multipartBody } from '../src/imports/test-helpers.js';
import { fixture } from '../src/ingest/testing.js';
import { systemClock } from '../src/shared/clock.js';
import { createSecretBox } from '../src/shared/secret-box.js';
import { openBenchDatabase } from './_db.js';
import { measureDuring, percentile, runConcurrently } from './_security-kit.js';

const PUSHES = Number(process.env.BENCH_SECURITY_PUSHES ?? 200);
const OUTBOUND_REQUESTS = Number(process.env.BENCH_SECURITY_OUTBOUND ?? 1000);
const PASSWORD = 'plum-blossom-tea-2718';

/**
 * Issue 10's figures on the real app (default limits, every route and hook on):
 * - the worst uploads (a 400 MB one-cell XLSX bomb, 3.2 M cells, a million-column CSV): time to the
 *   refusal, the process's peak RSS while it is read, and /healthz latency meanwhile;
 * - webhook acceptance (p50/p99, failures) for one tenant alone, then while another tenant sends
 *   malformed pushes (lone surrogates, NULs in ids, 5,000 levels of nesting) at the same time;
 * - login: a good log-in's cost, how many wrong passwords until the throttle answers and what an
 *   answer from the throttle costs, and that a rotated X-Forwarded-For changes nothing;
 * - the outbound policy's cost: requests per second to a loopback server through the policy
 *   (allow-listed) against plain undici.
 * Before (from the issue, the same files without the limits): 500 after 47 s, /healthz stalled
 * 43 s, RSS 2.9 → 5.6 GB; 200 malformed pushes made 161 of another tenant's 200 fail on PostgreSQL.
 */
export default async function run() {
  const database = await openBenchDatabase('security');
  const engine = database.engine;
  const { app } = await buildApp({
    database,
    clock: systemClock,
    secretBox: createSecretBox(Buffer.alloc(32, 1)),
    openSignup: true,
    secureCookies: false,
    sessionTtlHours: 24,
    webRoot: '/nonexistent',
  });
  const signup = async (label: string) => {
    const email = `${label}@example.cn`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { tenantName: label, email, password: PASSWORD },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const shop = await app.inject({
      method: 'POST',
      url: '/api/v1/shops',
      headers: { cookie },
      payload: { platform: 'pinduoduo', name: label, appKey: `k-${label}`, appSecret: `secret-${label}-xyz` },
    });
    const s = shop.json();
    return {
      email,
      cookie,
      shop: {
        id: s.id as string,
        platform: 'pinduoduo' as const,
        appKey: `k-${label}`,
        appSecret: `secret-${label}-xyz`,
      },
    };
  };
  const a = await signup('bench-a');
  const b = await signup('bench-b');
  const healthz = () => app.inject({ method: 'GET', url: '/healthz' });

  // 1. Uploads.
  const uploads: Record<string, unknown> = {};
  const files: [string, string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['xlsx one 400 MB cell', 'bomb.xlsx', () => xlsxOneHugeCell(400 * 1024 * 1024)],
    ['xlsx 3.2 M cells', 'cells.xlsx', () => xlsxManyCells(160_000, 20)],
    ['csv 1,000,000 columns', 'wide.csv', () => csvWideRow(1_000_000)],
  ];
  for (const [label, name, build] of files) {
    const bytes = await build();
    const body = multipartBody({ kind: 'reviews', shopId: a.shop.id }, { name, bytes });
    const m = await measureDuring(
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/imports',
          headers: { cookie: a.cookie, 'content-type': body.contentType },
          payload: body.payload,
        }),
      healthz,
    );
    const listBytes = (
      await app.inject({ method: 'GET', url: '/api/v1/imports', headers: { cookie: a.cookie } })
    ).body.length;
    uploads[label] = {
      fileMB: mb(bytes.length),
      status: m.result.statusCode,
      ...m.figures,
      importsListBytes: listBytes,
    };
    console.log(label, uploads[label]);
  }

  // 2. Webhooks of tenant A, alone and while tenant B sends malformed pushes.
  let seq = 0;
  const validPush = () => {
    const body = JSON.parse(fixture('pinduoduo', 'chat-message'));
    body.id = 10_000_000 + ++seq;
    const inner = JSON.parse(body.message.content);
    inner.msg_id = `m-${seq}`;
    body.message.content = JSON.stringify(inner);
    return JSON.stringify(body);
  };
  const malformed = (i: number) => {
    const text = validPush();
    if (i % 3 === 0) return text.replace('"id":', '"note":"cut \\ud83d","id":');
    if (i % 3 === 1) return text.replace(/"id":(\d+)/, '"id":"$1\\u0000x"');
    return text.replace('{', `{"deep":${'['.repeat(5000)}${']'.repeat(5000)},`);
  };
  const send = (shop: typeof a.shop, body: string) => {
    const signed = signedPush('pinduoduo', shop, body);
    return app.inject({
      method: 'POST',
      url: `/hooks/pinduoduo/${shop.id}`,
      headers: signed.headers,
      payload: signed.body,
    });
  };
  const timedA = async () => {
    const t0 = performance.now();
    const res = await send(a.shop, validPush());
    return { ms: performance.now() - t0, ok: res.statusCode === 200 };
  };
  const alone = await runConcurrently(PUSHES, 20, timedA);
  const bStatus: Record<number, number> = {};
  const [mixed] = await Promise.all([
    runConcurrently(PUSHES, 20, timedA),
    runConcurrently(PUSHES, 20, async (i) => {
      const res = await send(b.shop, malformed(i));
      bStatus[res.statusCode] = (bStatus[res.statusCode] ?? 0) + 1;
      return res.statusCode;
    }),
  ]);
  const summary = (rows: { ms: number; ok: boolean }[], seconds: number) => ({
    p50Ms: round(
      percentile(
        rows.map((r) => r.ms),
        0.5,
      ),
    ),
    p99Ms: round(
      percentile(
        rows.map((r) => r.ms),
        0.99,
      ),
    ),
    failed: rows.filter((r) => !r.ok).length,
    perSecond: Math.round(rows.length / seconds),
  });
  const webhooks = {
    pushes: PUSHES,
    concurrency: 20,
    tenantAAlone: summary(alone.results, alone.seconds),
    tenantAWhileBMalformed: summary(mixed.results, mixed.seconds),
    tenantBMalformedStatuses: bStatus,
  };
  console.log('webhooks', webhooks);

  // 3. Login throttle.
  const login = (email: string, password: string, forwardedFor?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      payload: { email, password },
      remoteAddress: '198.51.100.7',
    });
  const goodMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await login(b.email, PASSWORD);
    goodMs.push(performance.now() - t0);
  }
  let attemptsUntilThrottled = 0;
  let throttledMs = 0;
  for (let i = 1; i <= 30; i++) {
    const t0 = performance.now();
    const res = await login(a.email, `wrong-${i}`, `203.0.113.${i}`);
    if (res.statusCode === 429) {
      attemptsUntilThrottled = i;
      throttledMs = performance.now() - t0;
      break;
    }
  }
  const logins = {
    goodLoginP50Ms: round(percentile(goodMs, 0.5)),
    wrongPasswordsUntil429WithRotatedXForwardedFor: attemptsUntilThrottled,
    throttledAnswerMs: round(throttledMs),
  };
  console.log('login', logins);

  // 4. The outbound policy's cost on loopback.
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const policy = createOutboundPolicy({ allow: '127.0.0.1' });
  const viaPolicy = await runConcurrently(
    OUTBOUND_REQUESTS,
    10,
    async () => (await policy.request(url)).status,
  );
  const plain = await runConcurrently(OUTBOUND_REQUESTS, 10, async () => {
    const res = await undiciRequest(url);
    await res.body.text();
    return res.statusCode;
  });
  const outbound = {
    requests: OUTBOUND_REQUESTS,
    policyPerSecond: Math.round(OUTBOUND_REQUESTS / viaPolicy.seconds),
    plainUndiciPerSecond: Math.round(OUTBOUND_REQUESTS / plain.seconds),
  };
  console.log('outbound', outbound);
  server.close();
  await policy.close();
  await app.close();
  await database.close();
  return { engine, uploads, webhooks, logins, outbound };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round = (n: number) => Math.round(n * 10) / 10;
