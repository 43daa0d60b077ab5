import type { Platform } from './channel.js';
import type { DeliveryCategory } from './delivery-error.js';
import { douyinRequest } from './douyin/send.js';
import type { DeliveryResult, SendPlan, SendShop } from './outbound.js';
import { pddRequest } from './pinduoduo/send.js';
import { topRequest } from './taobao/send.js';
import { tiktokRequest } from './tiktok/send.js';

/**
 * A shop's connection self-test: harmless reads with the shop's own credentials. The first probe of
 * each platform needs only the keys, the token and the signature; the others need a permission.
 */
export type ProbeScope = 'credentials' | 'after_sales' | 'chat';

export type Probe = { scope: ProbeScope; call: string; plan: SendPlan };

export function selfTestProbes(platform: Platform, shop: SendShop, baseUrl: string, now: Date): Probe[] {
  const s = Math.floor(now.getTime() / 1000);
  switch (platform) {
    case 'douyin':
      return [
        // bububa/jinritemai-go requests/order/logisticsCompanyList.go: no parameters.
        {
          scope: 'credentials',
          call: 'order.logisticsCompanyList',
          plan: douyinRequest(shop, baseUrl, now, 'order.logisticsCompanyList', {}),
        },
        // requests/order/serviceList.go: buyer service requests of the last day, one page of one.
        {
          scope: 'after_sales',
          call: 'order.serviceList',
          plan: douyinRequest(shop, baseUrl, now, 'order.serviceList', {
            start_time: s - 86_400,
            end_time: s,
            supply: 0,
            page: 0,
            size: 1,
          }),
        },
      ];
    case 'pinduoduo':
      return [
        // lywzx/pdd-node-sdk dianPu/PddMallInfoGet.ts: the shop's own info.
        {
          scope: 'credentials',
          call: 'pdd.mall.info.get',
          plan: pddRequest(shop, baseUrl, now, 'pdd.mall.info.get', {}),
        },
        // shouHou/PddRefundListIncrementGet.ts: the last 30 minutes, all types, one page of one.
        {
          scope: 'after_sales',
          call: 'pdd.refund.list.increment.get',
          plan: pddRequest(shop, baseUrl, now, 'pdd.refund.list.increment.get', {
            after_sales_status: 1,
            after_sales_type: 1,
            start_updated_at: s - 1800,
            end_updated_at: s,
            page: 1,
            page_size: 1,
          }),
        },
      ];
    case 'tiktok':
      return [
        // easycb/easycb-go tiktok/authorization.go GetAuthorizedShops: no shop_cipher.
        {
          scope: 'credentials',
          call: 'authorization/shops',
          plan: tiktokRequest(shop, baseUrl, now, 'GET', '/authorization/202309/shops', {}, null),
        },
        // tiktok/aftersale.go SearchReturns: POST returns/search?page_size=1 with an empty filter.
        {
          scope: 'after_sales',
          call: 'returns/search',
          plan: tiktokRequest(
            shop,
            baseUrl,
            now,
            'POST',
            '/return_refund/202309/returns/search',
            { page_size: '1' },
            {},
          ),
        },
        // tiktok/chat.go GetConversations: page_size 1.
        {
          scope: 'chat',
          call: 'conversations',
          plan: tiktokRequest(
            shop,
            baseUrl,
            now,
            'GET',
            '/customer_service/202309/conversations',
            { page_size: '1' },
            null,
          ),
        },
      ];
    case 'taobao':
      return [
        // bububa/opentaobao model/tbuser/TaobaoUserSellerGetAPIRequest.go: the seller behind the session.
        {
          scope: 'credentials',
          call: 'taobao.user.seller.get',
          plan: topRequest(shop, baseUrl, now, 'taobao.user.seller.get', { fields: 'nick,user_id' }),
        },
        // model/refund/TaobaoRefundsReceiveGetAPIRequest.go: one refund.
        {
          scope: 'after_sales',
          call: 'taobao.refunds.receive.get',
          plan: topRequest(shop, baseUrl, now, 'taobao.refunds.receive.get', {
            fields: 'refund_id',
            page_size: '1',
          }),
        },
      ];
  }
}

export type CheckState = 'ok' | 'failed' | 'missing' | 'unknown';
export type ProbeOutcome = { scope: ProbeScope; call: string; result: DeliveryResult };

export type SelfTestReport = {
  ok: boolean;
  keys: CheckState;
  token: CheckState;
  signing: CheckState;
  /** Per permission scope: granted, missing, or unknown (not reached or another error). */
  permissions: { scope: ProbeScope; call: string; state: 'granted' | 'missing' | 'unknown' }[];
  /** Every failure, with its category (the console says what to do from it) and the platform's words. */
  problems: { scope: ProbeScope; call: string; category: DeliveryCategory; detail: string }[];
};

const UNREACHED: ReadonlySet<DeliveryCategory> = new Set([
  'network',
  'timeout',
  'platform_busy',
  'rate_limited',
  'unknown',
]);

/** What the probes' answers say about the keys, the token, the signing and the permissions. */
export function judgeSelfTest(outcomes: ProbeOutcome[]): SelfTestReport {
  const problems = outcomes.flatMap((o) =>
    o.result.ok
      ? []
      : [
          {
            scope: o.scope,
            call: o.call,
            category: o.result.category,
            detail: `${o.result.code}: ${o.result.message}`,
          },
        ],
  );
  const first = outcomes.find((o) => o.scope === 'credentials');
  let keys: CheckState = 'unknown';
  let signing: CheckState = 'unknown';
  let token: CheckState = 'unknown';
  const r = first?.result;
  if (r?.ok || (r && r.category === 'permission_denied')) {
    keys = signing = token = 'ok';
  } else if (r) {
    switch (r.category) {
      case 'app_key_invalid':
        keys = 'failed';
        break;
      case 'signature_invalid':
        keys = 'ok';
        signing = 'failed';
        break;
      case 'auth_invalid':
      case 'auth_expired':
        keys = signing = 'ok';
        // No token at all never reaches the platform: the builder refuses first.
        token = r.code === 'local' ? 'missing' : 'failed';
        break;
      case 'missing_setup':
        keys = signing = 'ok';
        break;
      default:
        if (!UNREACHED.has(r.category)) keys = signing = 'ok';
    }
  }
  const permissions = outcomes.map((o) => ({
    scope: o.scope,
    call: o.call,
    state: o.result.ok
      ? ('granted' as const)
      : o.result.category === 'permission_denied'
        ? ('missing' as const)
        : ('unknown' as const),
  }));
  return {
    ok: outcomes.length > 0 && outcomes.every((o) => o.result.ok),
    keys,
    token,
    signing,
    permissions,
    problems,
  };
}

/** A probe the builder refused (no token, no cipher…) as an outcome, without a call. */
export const refusedOutcome = (probe: Probe): ProbeOutcome | null =>
  probe.plan.ok
    ? null
    : {
        scope: probe.scope,
        call: probe.call,
        result: { ok: false, category: probe.plan.category, code: 'local', message: probe.plan.message },
      };
