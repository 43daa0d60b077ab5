import type { OutboundRequest, Platform, ShopAuth } from '../channel.js';
import type { DeliveryCategory } from '../delivery-error.js';
import { fakeDouyin } from './douyin.js';
import { LIST_APIS, listAnswer } from './lists.js';
import { fakePinduoduo } from './pinduoduo.js';
import { createFakeRecords } from './records.js';
import { createFakeTaobao } from './taobao.js';
import { fakeTiktok } from './tiktok.js';
import type { FakeHttpRequest, FakePlatformModule } from './types.js';

/** Where a simulated shop's requests are addressed: a name that resolves nowhere, never a real gateway. */
export const SIMULATED_API_BASE = 'https://simulated-platform.invalid';

/** The failures a simulated shop's platform answers with, in turn: some pass with a retry, some do not. */
const FAILURES: { category: DeliveryCategory; detail: string }[] = [
  { category: 'wrong_state', detail: '模拟平台：售后单状态已变更，不能执行该操作' },
  { category: 'platform_busy', detail: '模拟平台：系统繁忙，请稍后再试' },
  { category: 'auth_expired', detail: '模拟平台：access_token 已过期' },
  { category: 'platform_busy', detail: '模拟平台：服务暂不可用' },
];

export type SimulatedPlatform = {
  /** Answers a shop's signed request as its platform would; never touches the network. */
  answer(
    platform: Platform,
    request: OutboundRequest,
    shop: ShopAuth,
    now: Date,
  ): { status: number; ok: boolean; text: string };
};

/**
 * The built-in simulated platform for demo and trial shops (`settings.simulated`): the strict fake's
 * checks (method names, parameters, timestamps, signatures with the shop's own key and secret) run
 * in process, and it answers in the platform's own shape. With `settings.simulatedFailureEvery` = N,
 * every N-th request of the shop fails (N = 1: all of them) with a platform error (busy, wrong state, expired token),
 * so the console shows delivery failing and being retried as it would in life. The reconciler's list
 * calls are answered from an empty record store (every change of a simulated shop reaches it as a push,
 * so there is nothing to catch up on) and never fail on purpose: the failure cadence is the sends'.
 */
export function createSimulatedPlatform(): SimulatedPlatform {
  const modules: Record<Platform, FakePlatformModule> = {
    douyin: fakeDouyin,
    pinduoduo: fakePinduoduo,
    tiktok: fakeTiktok,
    taobao: createFakeTaobao(),
  };
  const records = createFakeRecords();
  const counts = new Map<string, number>();
  const failures = new Map<string, number>();
  return {
    answer(platform, request, shop, now) {
      const module = modules[platform];
      const url = new URL(request.url);
      const prefix = `/${platform}`;
      const req: FakeHttpRequest = {
        method: request.method,
        path: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
        body: request.body,
      };
      const token = shop.settings.accessToken;
      const cipher = shop.settings.shopCipher;
      const verdict = module.verify(
        req,
        (key) =>
          key === shop.appKey
            ? {
                appKey: shop.appKey,
                appSecret: shop.appSecret,
                ...(typeof token === 'string' ? { accessToken: token } : {}),
                ...(typeof cipher === 'string' ? { shopCipher: cipher } : {}),
              }
            : undefined,
        now.getTime(),
      );
      const reply = (a: { status: number; body: unknown }) => ({
        status: a.status,
        ok: a.status >= 200 && a.status < 300,
        text: JSON.stringify(a.body),
      });
      if (!verdict.ok) return reply(module.errorAnswer(verdict.category, verdict.detail));
      if (LIST_APIS.has(verdict.api)) {
        const list = listAnswer(records, platform, verdict.app.appKey, verdict.api, verdict.params);
        return reply(module.successAnswer(verdict.api, list ?? {}));
      }
      const every = shop.settings.simulatedFailureEvery;
      const n = (counts.get(shop.id) ?? 0) + 1;
      counts.set(shop.id, n);
      if (typeof every === 'number' && every >= 1 && n % every === 0) {
        const f = failures.get(shop.id) ?? 0;
        failures.set(shop.id, f + 1);
        const failure = FAILURES[f % FAILURES.length]!;
        return reply(module.errorAnswer(failure.category, failure.detail));
      }
      return reply(module.successAnswer(verdict.api, verdict.answer ?? {}));
    },
  };
}
