import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform } from '../channel.js';
import type { DeliveryCategory } from '../delivery-error.js';
import { type StrictFake, startStrictFake } from '../fake-platform/server.js';
import { parseJsonLossless } from '../json.js';
import type { OutboundWork, PlatformRequest, SendShop } from '../outbound.js';
import { CHANNELS } from '../registry.js';
import { API_CASES, type ApiCase, CREDS, MANUAL_CASES, NOW, SETTINGS } from './cases.js';

const shopOf = (p: Platform, extra: Record<string, unknown> = {}): SendShop => ({
  appKey: CREDS[p].appKey,
  appSecret: CREDS[p].appSecret,
  externalShopId: null,
  settings: { ...SETTINGS[p], ...extra },
});

const goldenPath = (c: ApiCase) => new URL(`./golden/${c.platform}/${c.name}.json`, import.meta.url);

/** JSON-looking strings (PDD `request`, TikTok chat `content`) compared by what they say. */
function deepParse(v: unknown): unknown {
  if (typeof v === 'string' && /^[[{]/.test(v)) {
    try {
      return deepParse(parseJsonLossless(v));
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map(deepParse);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepParse(x)]));
  return v;
}

/** A request up to field order and encoding: URL without query, sorted query, parsed body, key headers. */
function canonical(r: PlatformRequest, options: { withSign: boolean }) {
  const u = new URL(r.url);
  const query = Object.fromEntries(
    [...u.searchParams].filter(([k]) => options.withSign || k !== 'sign').sort(),
  );
  const type = r.headers['content-type'] ?? '';
  let body: unknown = r.body;
  if (r.body && type.startsWith('application/x-www-form-urlencoded')) {
    body = deepParse(
      Object.fromEntries([...new URLSearchParams(r.body)].filter(([k]) => options.withSign || k !== 'sign')),
    );
  } else if (r.body && type.startsWith('application/json')) {
    body = deepParse(parseJsonLossless(r.body));
  }
  return {
    method: r.method,
    endpoint: `${u.origin}${u.pathname}`,
    query,
    contentType: type,
    token: r.headers['x-tts-access-token'] ?? null,
    body,
  };
}

function ourRequest(c: ApiCase, base?: string): PlatformRequest {
  const adapter = CHANNELS[c.platform];
  const plan = adapter.planSend(c.work, shopOf(c.platform), base ?? adapter.apiBase, NOW);
  if (!plan.ok) throw new Error(`${c.platform} ${c.name}: ${plan.category} ${plan.message}`);
  return plan.request;
}

describe('golden requests: ours equals the cited SDK’s for the same input', () => {
  test.each(API_CASES.map((c) => [`${c.platform} ${c.name}`, c] as const))('%s', (_name, c) => {
    const sdk = c.sdk();
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(new URL(`./golden/${c.platform}/`, import.meta.url), { recursive: true });
      writeFileSync(
        goldenPath(c),
        `${JSON.stringify({ source: c.source, now: NOW.toISOString(), input: c.work, request: sdk }, null, 2)}\n`,
      );
    }
    // A missing fixture fails: run with UPDATE_GOLDEN=1 to write it, then review it by hand.
    const golden = JSON.parse(readFileSync(goldenPath(c), 'utf8')) as { request: PlatformRequest };
    // The golden fixture is the SDK's request byte for byte …
    expect(sdk).toEqual(golden.request);
    // … and ours says the same; when the bytes match exactly, so does the signature.
    const ours = ourRequest(c);
    const sameBytes = ours.body === golden.request.body;
    expect(canonical(ours, { withSign: sameBytes })).toEqual(
      canonical(golden.request, { withSign: sameBytes }),
    );
  });
});

describe('actions without an API stay manual', () => {
  test.each(MANUAL_CASES.map((c) => [`${c.platform} ${c.kind} on ${c.caseRef}`, c] as const))(
    '%s',
    (_n, c) => {
      const adapter = CHANNELS[c.platform];
      expect(adapter.capability(c.kind, c.caseRef).mode).toBe('manual');
      const work: OutboundWork = {
        id: 'w',
        kind: c.kind,
        caseRef: c.caseRef,
        orderRef: '1',
        payload: { content: 'x', reason: 'xx' },
      };
      const plan = adapter.planSend(work, shopOf(c.platform), adapter.apiBase, NOW);
      expect(plan).toMatchObject({ ok: false, category: 'manual_only' });
    },
  );
});

describe('the strict fake platform', () => {
  let fake: StrictFake;
  const base = (p: Platform) => `${fake.url}/${p}`;
  beforeAll(async () => {
    fake = await startStrictFake({ now: () => NOW.getTime() });
    for (const p of PLATFORMS) fake.register(p, { ...CREDS[p] });
  });
  afterAll(() => fake.close());

  async function send(p: Platform, r: PlatformRequest) {
    const res = await fetch(r.url, {
      method: r.method,
      headers: r.headers,
      ...(r.method === 'GET' ? {} : { body: r.body }),
    });
    const text = await res.text();
    return { call: fake.calls.at(-1)!, result: CHANNELS[p].readResponse(res.status, text) };
  }

  test.each(API_CASES.map((c) => [`${c.platform} ${c.name}`, c] as const))(
    'accepts our %s',
    async (_n, c) => {
      const { call, result } = await send(c.platform, ourRequest(c, base(c.platform)));
      expect(call.refusal).toBeNull();
      expect(call.accepted).toBe(true);
      expect(result).toEqual({ ok: true });
    },
  );

  const first = (p: Platform) => API_CASES.find((c) => c.platform === p)!;

  test.each(PLATFORMS)(
    '%s: a request signed with the wrong secret is refused as a signature error',
    async (p) => {
      const c = first(p);
      const plan = CHANNELS[p].planSend(c.work, { ...shopOf(p), appSecret: 'not-the-secret' }, base(p), NOW);
      if (!plan.ok) throw new Error(plan.message);
      const { call, result } = await send(p, plan.request);
      expect(call.accepted).toBe(false);
      expect(result).toMatchObject({ ok: false, category: 'signature_invalid' });
    },
  );

  test.each(PLATFORMS)(
    '%s: an unknown app key and a wrong token are refused in the platform’s words',
    async (p) => {
      const c = first(p);
      const stranger = CHANNELS[p].planSend(c.work, { ...shopOf(p), appKey: '99999999' }, base(p), NOW);
      if (!stranger.ok) throw new Error(stranger.message);
      expect((await send(p, stranger.request)).result).toMatchObject({
        ok: false,
        category: 'app_key_invalid',
      });
      const wrongToken = CHANNELS[p].planSend(
        c.work,
        shopOf(p, { accessToken: 'stolen-token' }),
        base(p),
        NOW,
      );
      if (!wrongToken.ok) throw new Error(wrongToken.message);
      expect((await send(p, wrongToken.request)).result).toMatchObject({
        ok: false,
        category: 'auth_invalid',
      });
    },
  );

  test.each(PLATFORMS)('%s: a tampered body is refused', async (p) => {
    const r = ourRequest(first(p), base(p));
    const body =
      p === 'douyin' || p === 'tiktok'
        ? r.body.replace(/"$|}$/, (m) => (m === '}' ? ',"x":1}' : m))
        : `${r.body}&extra=1`;
    const { call } = await send(p, { ...r, body });
    expect(call.accepted).toBe(false);
  });

  test('the strict checks: method names, required parameters and encodings', async () => {
    // Douyin: the path form of the method in the query (what we used to send) is refused.
    const dy = ourRequest(first('douyin'), base('douyin'));
    const slashed = dy.url.replace('method=afterSale.operate', 'method=afterSale%2Foperate');
    expect((await send('douyin', { ...dy, url: slashed })).call.accepted).toBe(false);
    // Pinduoduo: a JSON body instead of the form is refused; an API outside the catalogue too.
    const pdd = ourRequest(first('pinduoduo'), base('pinduoduo'));
    const json = JSON.stringify(Object.fromEntries(new URLSearchParams(pdd.body)));
    expect(
      (await send('pinduoduo', { ...pdd, body: json, headers: { 'content-type': 'application/json' } })).call
        .accepted,
    ).toBe(false);
    const refuse = CHANNELS.pinduoduo.planSend(
      { id: 'x', kind: 'agree_refund', caseRef: 'aftersale:1', orderRef: '1', payload: {} },
      shopOf('pinduoduo', { outboundMethods: { agree_refund: 'pdd.refund.refuse' } }),
      base('pinduoduo'),
      NOW,
    );
    if (!refuse.ok) throw new Error(refuse.message);
    expect((await send('pinduoduo', refuse.request)).call.refusal).toBe('manual_only');
    // TikTok: shop_id where shop_cipher belongs is refused.
    const tt = ourRequest(first('tiktok'), base('tiktok'));
    const noCipher = CHANNELS.tiktok.planSend(
      first('tiktok').work,
      shopOf('tiktok', { shopCipher: 'ROW_other' }),
      base('tiktok'),
      NOW,
    );
    if (!noCipher.ok) throw new Error(noCipher.message);
    expect((await send('tiktok', noCipher.request)).result).toMatchObject({
      ok: false,
      category: 'invalid_request',
    });
    expect(
      (await send('tiktok', { ...tt, headers: { 'content-type': 'application/json' } })).result,
    ).toMatchObject({
      ok: false,
      category: 'auth_invalid',
    });
    // Taobao: the rp.* names that do not exist are refused.
    const bogus = CHANNELS.taobao.planSend(
      {
        id: 'x',
        kind: 'refuse_refund',
        caseRef: 'aftersale:1',
        orderRef: null,
        payload: { reason: '不同意退款' },
      },
      shopOf('taobao', { outboundMethods: { refuse_refund: 'taobao.rp.refund.refuse' } }),
      base('taobao'),
      NOW,
    );
    if (!bogus.ok) throw new Error(bogus.message);
    expect((await send('taobao', bogus.request)).call.accepted).toBe(false);
  });

  const injected: DeliveryCategory[] = [
    'auth_expired',
    'rate_limited',
    'platform_busy',
    'wrong_state',
    'permission_denied',
  ];
  test.each(PLATFORMS.flatMap((p) => injected.map((k) => [p, k] as const)))(
    '%s: told to fail with %s, the fake answers in the platform’s shape and we read it back',
    async (p, category) => {
      fake.failNext({ platform: p, failure: { type: 'error', category } });
      const { call, result } = await send(p, ourRequest(first(p), base(p)));
      expect(call.refusal).toBe(category);
      expect(result).toMatchObject({ ok: false, category });
    },
  );

  test('told to time out, the fake never answers in time', async () => {
    fake.failNext({ platform: 'tiktok', failure: { type: 'timeout', ms: 5_000 } });
    const r = ourRequest(first('tiktok'), base('tiktok'));
    await expect(
      fetch(r.url, { method: 'POST', headers: r.headers, body: r.body, signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    expect(fake.calls.at(-1)!.refusal).toBe('timeout');
  });

  test('taobao: a large refund asks for the SMS code, and the second call with it goes through', async () => {
    const c = API_CASES.find((x) => x.platform === 'taobao' && x.name === 'agree-refund')!;
    fake.failNext({
      platform: 'taobao',
      api: 'taobao.rp.refunds.agree',
      failure: { type: 'error', category: 'needs_verification' },
    });
    expect((await send('taobao', ourRequest(c, base('taobao')))).result).toMatchObject({
      ok: false,
      category: 'needs_verification',
    });
    const withCode = API_CASES.find((x) => x.platform === 'taobao' && x.name === 'agree-refund-sms-code')!;
    const { call } = await send('taobao', ourRequest(withCode, base('taobao')));
    expect(call.accepted).toBe(true);
    expect(call.params.code).toBe('402931');
  });
});
