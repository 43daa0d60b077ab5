import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from './channel.js';
import { CREDS, SETTINGS } from './contract/cases.js';
import { type StrictFake, startStrictFake } from './fake-platform/server.js';
import type { SendShop } from './outbound.js';
import { CHANNELS } from './registry.js';
import { judgeSelfTest, type ProbeOutcome, refusedOutcome, selfTestProbes } from './self-test.js';

let fake: StrictFake;
beforeAll(async () => {
  fake = await startStrictFake();
});
afterAll(() => fake.close());

const shopOf = (
  p: Platform,
  extra: Partial<SendShop> = {},
  settings: Record<string, unknown> = {},
): SendShop => ({
  appKey: CREDS[p].appKey,
  appSecret: CREDS[p].appSecret,
  externalShopId: null,
  settings: { ...SETTINGS[p], ...settings },
  ...extra,
});

/** Runs every probe against the strict fake, as the self-test route does through the outbound sender. */
async function run(p: Platform, shop: SendShop) {
  const outcomes: ProbeOutcome[] = [];
  for (const probe of selfTestProbes(p, shop, `${fake.url}/${p}`, new Date())) {
    const refused = refusedOutcome(probe);
    if (refused || !probe.plan.ok) {
      outcomes.push(refused!);
      continue;
    }
    const r = probe.plan.request;
    const res = await fetch(r.url, {
      method: r.method,
      headers: r.headers,
      ...(r.method === 'GET' ? {} : { body: r.body }),
    });
    outcomes.push({
      scope: probe.scope,
      call: probe.call,
      result: CHANNELS[p].readResponse(res.status, await res.text()),
    });
  }
  return judgeSelfTest(outcomes);
}

describe('connection self-test against the strict fake', () => {
  test.each(PLATFORMS)('%s: good keys, token and signature: every check passes', async (p) => {
    fake.register(p, { ...CREDS[p] });
    const report = await run(p, shopOf(p));
    expect(report).toMatchObject({ ok: true, keys: 'ok', token: 'ok', signing: 'ok', problems: [] });
    expect(report.permissions.every((x) => x.state === 'granted')).toBe(true);
  });

  test.each(PLATFORMS)('%s: a wrong app secret shows as the signing failing', async (p) => {
    fake.register(p, { ...CREDS[p] });
    const report = await run(p, shopOf(p, { appSecret: 'wrong-secret' }));
    expect(report).toMatchObject({ ok: false, keys: 'ok', signing: 'failed' });
    expect(report.problems[0]?.category).toBe('signature_invalid');
  });

  test.each(PLATFORMS)('%s: an app key the platform does not know shows as the keys failing', async (p) => {
    const report = await run(p, shopOf(p, { appKey: '55555555' }));
    expect(report).toMatchObject({ ok: false, keys: 'failed' });
  });

  test.each(PLATFORMS)('%s: no token is missing; a stale one failed; an expired one says so', async (p) => {
    fake.register(p, { ...CREDS[p] });
    expect((await run(p, shopOf(p, {}, { accessToken: undefined }))).token).toBe('missing');
    expect((await run(p, shopOf(p, {}, { accessToken: 'old-token' }))).token).toBe('failed');
    fake.failNext({ platform: p, failure: { type: 'error', category: 'auth_expired' } });
    const expired = await run(p, shopOf(p));
    expect(expired.token).toBe('failed');
    expect(expired.problems[0]?.category).toBe('auth_expired');
  });

  test.each(PLATFORMS)('%s: a missing after-sales permission is named', async (p) => {
    const call = selfTestProbes(p, shopOf(p), fake.url, new Date()).find(
      (x) => x.scope === 'after_sales',
    )!.call;
    fake.register(p, { ...CREDS[p], denied: [call] });
    const report = await run(p, shopOf(p));
    expect(report).toMatchObject({ ok: false, keys: 'ok', token: 'ok', signing: 'ok' });
    expect(report.permissions.find((x) => x.scope === 'after_sales')?.state).toBe('missing');
    fake.register(p, { ...CREDS[p] });
  });

  test('a platform that cannot be reached says nothing about the keys', () => {
    const report = judgeSelfTest([
      {
        scope: 'credentials',
        call: 'x',
        result: { ok: false, category: 'timeout', code: 'local', message: 'timed out' },
      },
    ]);
    expect(report).toMatchObject({ ok: false, keys: 'unknown', token: 'unknown', signing: 'unknown' });
  });
});
