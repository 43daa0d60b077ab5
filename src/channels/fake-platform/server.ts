import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPlatform, type Platform } from '../channel.js';
import { fakeDouyin } from './douyin.js';
import { LIST_APIS, listAnswer } from './lists.js';
import type { OAuthOutcome } from './oauth.js';
import { createFakeOAuth } from './oauth.js';
import { fakePinduoduo } from './pinduoduo.js';
import { createFakeRecords, type FakeRecords } from './records.js';
import { createFakeTaobao, type TmcQueue } from './taobao.js';
import { fakeTiktok } from './tiktok.js';
import type { FakeApp, FakeCall, FakeFailure, FakeHttpRequest, FakePlatformModule } from './types.js';

type FailureRule = {
  platform?: Platform | undefined;
  api?: string | undefined;
  times: number;
  failure: FakeFailure;
};

/**
 * A strict stand-in for the four platforms' open APIs on 127.0.0.1 (tests and the demo), mounted at
 * `<url>/<platform>`: it checks method names or paths, required parameters, encodings, timestamps,
 * tokens and signatures as the cited SDKs build them, and refuses anything else with the platform's
 * own error shape. It can be told to fail (`failNext`): platform errors, timeouts, HTTP statuses.
 */
export type StrictFake = {
  url: string;
  calls: FakeCall[];
  /** Registers (or replaces) an app; the fake refuses calls from app keys it does not know. */
  register(platform: Platform, app: FakeApp): void;
  /** The next `times` matching calls (default 1) fail as told, after passing the checks. */
  failNext(rule: { platform?: Platform; api?: string; times?: number; failure: FakeFailure }): void;
  /** Every matching call fails as told until `clearFailures`. */
  failAlways(rule: { platform?: Platform; api?: string; failure: FakeFailure }): void;
  clearFailures(): void;
  /** Taobao TMC: messages waiting for an app's `taobao.tmc.messages.consume`. */
  tmc: TmcQueue;
  /** The shops' after-sales and orders the list APIs page through (tests put them here). */
  records: FakeRecords;
  /**
   * At most `perSecond` list calls per app each second, as the platforms limit them (UNCERTAIN
   * figures; default 20); beyond, the platform's rate-limit error.
   */
  limitLists(perSecond: number): void;
  /**
   * The app's access token expires after its next `calls` accepted calls (a token running out in the
   * middle of a reconciler's pull); the calls after are refused as expired until it is renewed.
   */
  expireTokenAfter(platform: Platform, appKey: string, calls: number): void;
  /** Accepted calls of one platform (and API). */
  accepted(platform: Platform, api?: string): FakeCall[];
  close(): Promise<void>;
};

export async function startStrictFake(
  options: { now?: () => number; host?: string; port?: number } = {},
): Promise<StrictFake> {
  const taobao = createFakeTaobao();
  const modules: Record<Platform, FakePlatformModule> = {
    douyin: fakeDouyin,
    pinduoduo: fakePinduoduo,
    tiktok: fakeTiktok,
    taobao,
  };
  const apps = new Map<string, FakeApp>();
  const now = options.now ?? Date.now;
  let rules: FailureRule[] = [];
  const records = createFakeRecords();
  let listsPerSecond = 20;
  const listCalls = new Map<string, { second: number; n: number }>();
  /** Whether one more list call of this app fits in the current second. */
  function listAllowed(key: string): boolean {
    const second = Math.floor(now() / 1000);
    const c = listCalls.get(key);
    if (!c || c.second !== second) {
      listCalls.set(key, { second, n: 1 });
      return true;
    }
    c.n++;
    return c.n <= listsPerSecond;
  }
  const oauth = createFakeOAuth(now);
  const expiring = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const fake: StrictFake = {
    url: '',
    calls: [],
    register(platform, app) {
      apps.set(`${platform}:${app.appKey}`, app);
    },
    failNext({ platform, api, times = 1, failure }) {
      rules.push({ platform, api, times, failure });
    },
    failAlways({ platform, api, failure }) {
      rules.push({ platform, api, times: Number.POSITIVE_INFINITY, failure });
    },
    clearFailures() {
      rules = [];
    },
    tmc: taobao.tmc,
    records,
    limitLists(perSecond) {
      listsPerSecond = perSecond;
    },
    expireTokenAfter(platform, appKey, calls) {
      expiring.set(`${platform}:${appKey}`, calls);
    },
    accepted(platform, api) {
      return fake.calls.filter((c) => c.platform === platform && c.accepted && (!api || c.api === api));
    },
    close: async () => {},
  };

  function takeFailure(platform: Platform, api: string | null): FakeFailure | null {
    const rule = rules.find(
      (r) => r.times > 0 && (!r.platform || r.platform === platform) && (!r.api || r.api === api),
    );
    if (!rule) return null;
    rule.times--;
    return rule.failure;
  }

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, platform, ...rest] = url.pathname.split('/');
    const send = (status: number, answer: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(answer));
    };
    if (!platform || !isPlatform(platform)) return send(404, { error: 'unknown platform' });
    const module = modules[platform];
    const request: FakeHttpRequest = {
      method: req.method ?? 'GET',
      path: `/${rest.join('/')}`,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
      ),
      body,
    };
    const appOf = (key: string) => apps.get(`${platform}:${key}`);
    const authorisation = oauth.handle(
      platform,
      request,
      appOf,
      () => [...apps.entries()].filter(([k]) => k.startsWith(`${platform}:`)).map(([, a]) => a),
      now(),
    );
    if (authorisation) {
      const a = answerAuthorisation(platform, module, request, authorisation);
      if (res.destroyed) return;
      res.writeHead(a.status, a.headers);
      return res.end(a.body);
    }
    const verdict = module.verify(request, appOf, now());
    const call: FakeCall = {
      platform,
      ...request,
      api: verdict.api ?? null,
      params: verdict.ok ? verdict.params : {},
      accepted: false,
      refusal: null,
      status: 0,
      answer: null,
    };
    fake.calls.push(call);
    if (!verdict.ok) {
      const a = module.errorAnswer(verdict.category, verdict.detail);
      Object.assign(call, { refusal: verdict.category, status: a.status, answer: a.body });
      return send(a.status, a.body);
    }
    const expiresAt = verdict.app.accessTokenExpiresAt;
    if (expiresAt !== undefined && now() > expiresAt) {
      const a = module.errorAnswer('auth_expired', 'access_token expired');
      Object.assign(call, { refusal: 'auth_expired', status: a.status, answer: a.body });
      return send(a.status, a.body);
    }
    const failure = takeFailure(platform, verdict.api);
    if (failure?.type === 'timeout') {
      call.refusal = 'timeout';
      // Answer long after any sender has given up; the socket closes when the client aborts.
      const t = setTimeout(() => {
        timers.delete(t);
        send(504, { error: 'late' });
      }, failure.ms ?? 30_000);
      timers.add(t);
      res.on('close', () => {
        clearTimeout(t);
        timers.delete(t);
      });
      return;
    }
    if (failure?.type === 'status') {
      Object.assign(call, { refusal: 'unknown', status: failure.status, answer: failure.body });
      return send(failure.status, failure.body);
    }
    if (failure?.type === 'error') {
      const a = module.errorAnswer(failure.category, failure.detail ?? 'injected failure');
      Object.assign(call, { refusal: failure.category, status: a.status, answer: a.body });
      return send(a.status, a.body);
    }
    const isList = LIST_APIS.has(verdict.api);
    if (isList && !listAllowed(`${platform}:${verdict.app.appKey}`)) {
      const a = module.errorAnswer('rate_limited', 'too many list calls this second');
      Object.assign(call, { refusal: 'rate_limited', status: a.status, answer: a.body });
      return send(a.status, a.body);
    }
    const answer = isList
      ? listAnswer(records, platform, verdict.app.appKey, verdict.api, verdict.params)
      : verdict.answer;
    const a = module.successAnswer(verdict.api, answer ?? {});
    Object.assign(call, { accepted: true, status: a.status, answer: a.body });
    const left = expiring.get(`${platform}:${verdict.app.appKey}`);
    if (left !== undefined) {
      if (left <= 1) {
        expiring.delete(`${platform}:${verdict.app.appKey}`);
        verdict.app.accessTokenExpiresAt = now() - 1;
      } else expiring.set(`${platform}:${verdict.app.appKey}`, left - 1);
    }
    send(a.status, a.body);
  });
  /** An authorisation request: recorded like any call; injected failures apply to token calls. */
  function answerAuthorisation(
    platform: Platform,
    module: FakePlatformModule,
    request: FakeHttpRequest,
    outcome: OAuthOutcome,
  ) {
    const call: FakeCall = {
      platform,
      ...request,
      api: outcome.api,
      params: {},
      accepted: false,
      refusal: null,
      status: 0,
      answer: null,
    };
    fake.calls.push(call);
    const failure = outcome.kind === 'json' ? takeFailure(platform, outcome.api) : null;
    let status: number;
    let headers: Record<string, string> = { 'content-type': 'application/json;charset=utf-8' };
    let body: string;
    if (outcome.kind === 'raw') {
      ({ status, headers, body } = outcome);
      call.accepted = status < 400;
    } else if (outcome.kind === 'refusal' || failure) {
      const category =
        outcome.kind === 'refusal'
          ? outcome.category
          : failure?.type === 'error'
            ? failure.category
            : 'platform_busy';
      const detail = outcome.kind === 'refusal' ? outcome.detail : 'injected failure';
      // Taobao's OAuth host answers in OAuth 2.0's shape, not TOP's.
      const a =
        platform === 'taobao' && outcome.api === 'oauth.token'
          ? {
              status: 400,
              body: {
                error: category === 'app_key_invalid' ? 'invalid_client' : 'invalid_grant',
                error_description: detail,
              },
            }
          : module.errorAnswer(category, detail);
      Object.assign(call, { refusal: category });
      status = a.status;
      body = JSON.stringify(a.body);
    } else {
      const a = outcome.answer();
      call.accepted = true;
      status = a.status;
      body = JSON.stringify(a.body);
    }
    call.status = status;
    call.answer = body;
    return { status, headers, body };
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = () =>
    new Promise((resolve) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
