import type { Platform } from '../../channels/channel.js';
import type { SimShop } from './signed-pushes.js';

/** Only loopback targets: the simulator and the demo never send traffic off this machine. */
export function assertLoopback(target: string): URL {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host) || !/^https?:$/.test(url.protocol)) {
    throw new Error(`refusing ${target}: the simulator only targets 127.0.0.1, localhost or ::1`);
  }
  return url;
}

export type Credentials = {
  email?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
};

/** A logged-in client of the target's API (session cookie or bearer token). */
export type ApiClient = {
  base: string;
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
};

export function createClient(base: string, auth: { cookie?: string; token?: string }): ApiClient {
  return {
    base,
    async call(method, path, body) {
      const headers: Record<string, string> = {};
      if (auth.cookie) headers.cookie = auth.cookie;
      if (auth.token) headers.authorization = `Bearer ${auth.token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed as never };
    },
  };
}

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0];

/**
 * Logs in (or, with `signupTenant` on a first run or open sign-up, signs up) and answers a client.
 * A token needs no login.
 */
export async function connect(
  target: string,
  creds: Credentials,
  signupTenant?: string,
): Promise<{ client: ApiClient; signedUp: boolean }> {
  const base = assertLoopback(target).origin;
  if (creds.token) return { client: createClient(base, { token: creds.token }), signedUp: false };
  if (!creds.email || !creds.password) throw new Error('give --email and --password, or --token');
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const login = await post('/api/v1/auth/login', { email: creds.email, password: creds.password });
  if (login.ok) return { client: createClient(base, { cookie: cookieOf(login)! }), signedUp: false };
  if (signupTenant) {
    const status = (await (await fetch(`${base}/api/v1/auth/status`)).json()) as { signupAllowed?: boolean };
    if (status.signupAllowed) {
      const signup = await post('/api/v1/auth/signup', {
        tenantName: signupTenant,
        email: creds.email,
        password: creds.password,
        name: '店长',
      });
      if (signup.ok) return { client: createClient(base, { cookie: cookieOf(signup)! }), signedUp: true };
      throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
    }
  }
  throw new Error(`login failed (${login.status}): ${await login.text()}`);
}

export const SIM_PLATFORMS: Platform[] = ['douyin', 'pinduoduo', 'tiktok', 'taobao'];

const SHOP_NAMES: Record<Platform, string> = {
  douyin: '抖店旗舰店',
  pinduoduo: '拼多多专营店',
  tiktok: 'TikTok Shop 海外店',
  taobao: '天猫旗舰店',
};

/**
 * `count` shops, platforms in turn, with known app keys and secrets: an existing shop of the same
 * name and platform is re-keyed and reused, so running again does not pile up shops.
 */
/**
 * Simulated shops never talk to real platforms: their sends go to the built-in simulated platform
 * (`settings.simulated`), which checks them as the platform would and fails one in `failEvery`.
 */
const simulatedSettings = (platform: string, i: number, failEvery: number | null) => ({
  simulated: true,
  simulatedFailureEvery: failEvery,
  accessToken: `sim-token-${platform}-${i + 1}`,
  returnAddressId: '7001',
  ...(platform === 'tiktok' ? { shopCipher: `ROW_sim-cipher-${i + 1}` } : {}),
});

export async function ensureShops(
  client: ApiClient,
  count: number,
  secretSeed = 'aftercare-sim',
  /** One send in this many fails on the simulated platform (null: none). */
  failEvery: number | null = null,
): Promise<SimShop[]> {
  const listed = await client.call<{ items: { id: string; platform: string; name: string }[] }>(
    'GET',
    '/api/v1/shops',
  );
  if (listed.status !== 200)
    throw new Error(`cannot list shops: ${listed.status} ${JSON.stringify(listed.body)}`);
  const shops: SimShop[] = [];
  for (let i = 0; i < count; i++) {
    const platform = SIM_PLATFORMS[i % SIM_PLATFORMS.length]!;
    const round = Math.floor(i / SIM_PLATFORMS.length);
    const name = `${SHOP_NAMES[platform]}${round ? ` ${round + 1}` : ''}（模拟）`;
    const appKey = `sim-${platform}-${round + 1}`;
    const appSecret = `${secretSeed}-${platform}-${round + 1}-secret`;
    const externalShopId = String(880_000 + i);
    const existing = listed.body.items.find((s) => s.platform === platform && s.name === name);
    const res = existing
      ? await client.call<{ id: string }>('PATCH', `/api/v1/shops/${existing.id}`, {
          appKey,
          appSecret,
          externalShopId,
          enabled: true,
          settings: simulatedSettings(platform, i, failEvery),
        })
      : await client.call<{ id: string }>('POST', '/api/v1/shops', {
          platform,
          name,
          appKey,
          appSecret,
          externalShopId,
          settings: {
            ...simulatedSettings(platform, i, failEvery),
            simulatedFailureEvery: failEvery ?? undefined,
          },
        });
    if (res.status >= 300)
      throw new Error(`cannot set up shop ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    shops.push({ id: res.body.id, platform, appKey, appSecret, externalShopId });
  }
  return shops;
}
