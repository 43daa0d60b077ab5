import { stringify } from 'node:querystring';
import {
  accessTokenOf,
  type Capability,
  joinUrl,
  MESSAGE_KINDS,
  type OutboundWork,
  overriddenCall,
  refOf,
  refuse,
  type SendPlan,
  type SendShop,
  str,
  unixSeconds,
} from '../outbound.js';
import { signPddApi } from './signature.js';

/** lywzx/pdd-node-sdk `PDD_END_POINTS` is this gateway plus /api/router. */
export const PDD_API_BASE = 'https://gw-api.pinduoduo.com';

/**
 * What each kind becomes on Pinduoduo. The after-sales catalogue (whalesky-labs/pdd-sdk-php
 * docs/api-catalog.md, 售后API) has agree refund, agree return and exchange shipping; it has no
 * refusal, no after-sales message and no evidence upload, and no review or chat API: those are manual.
 */
export function pddCapability(kind: string, caseRef: string | null): Capability {
  if (MESSAGE_KINDS.has(kind) || kind === 'review_reply' || kind === 'refuse_refund' || kind === 'evidence') {
    return { mode: 'manual', why: 'no_api' };
  }
  const onCase = refOf(caseRef, 'aftersale') !== null;
  switch (kind) {
    case 'agree_refund':
      return onCase ? { mode: 'api', call: 'pdd.refund.agree' } : { mode: 'manual', why: 'no_target' };
    case 'return_instruction':
      return onCase
        ? { mode: 'api', call: 'pdd.refund.returngoods.agree' }
        : { mode: 'manual', why: 'no_target' };
    case 'exchange_shipped':
      return onCase
        ? { mode: 'api', call: 'pdd.refund.exchange.shipping' }
        : { mode: 'manual', why: 'no_target' };
    default:
      return { mode: 'manual', why: 'not_applicable' };
  }
}

export function planPddSend(work: OutboundWork, shop: SendShop, baseUrl: string, now: Date): SendPlan {
  const cap = pddCapability(work.kind, work.caseRef);
  if (cap.mode === 'manual') return refuse('manual_only', `pinduoduo has no API for ${work.kind}`);
  const afterSalesId = refOf(work.caseRef, 'aftersale')!;
  const orderSn = work.orderRef;
  if (!orderSn) return refuse('invalid_request', 'the after-sale has no order number (order_sn)');
  const p = work.payload;
  const type = overriddenCall(shop, work.kind, cap.call);
  switch (cap.call) {
    case 'pdd.refund.agree':
      // packages/pdd-origin-api/src/shouHou/PddRefundAgree.ts: request { after_sales_id, order_sn, operate_desc? }
      return pddRequest(shop, baseUrl, now, type, {
        request: {
          after_sales_id: afterSalesId,
          order_sn: orderSn,
          ...(str(p.note) ? { operate_desc: str(p.note) } : {}),
        },
      });
    case 'pdd.refund.returngoods.agree': {
      // PddRefundReturngoodsAgree.ts: request { after_sales_id, operate_desc, order_sn, return_address_id }
      const addressId = str(p.address_id) ?? str(shop.settings.returnAddressId);
      if (!addressId) {
        return refuse(
          'missing_setup',
          'pinduoduo needs the return address id (shop setting returnAddressId)',
        );
      }
      return pddRequest(shop, baseUrl, now, type, {
        request: {
          after_sales_id: afterSalesId,
          operate_desc: str(p.note) ?? '同意退货，请按退货地址寄回',
          order_sn: orderSn,
          return_address_id: addressId,
        },
      });
    }
    default: {
      // PddRefundExchangeShipping.ts: request { after_sales_id, order_sn, shipping_id, shipping_name, tracking_number }
      const shippingId = Number(str(p.carrier_code));
      const tracking = str(p.tracking_no);
      if (!Number.isSafeInteger(shippingId) || shippingId <= 0 || !tracking) {
        return refuse(
          'invalid_request',
          'pinduoduo needs its numeric carrier id (pdd.logistics.companies.get) and the tracking number',
        );
      }
      return pddRequest(shop, baseUrl, now, type, {
        request: {
          after_sales_id: afterSalesId,
          order_sn: orderSn,
          shipping_id: shippingId,
          shipping_name: str(p.carrier_name) ?? '',
          tracking_number: tracking,
        },
      });
    }
  }
}

/**
 * lywzx/pdd-node-sdk `PddClient.request` + `NetworkAdapter.post`: the defaults data_type "JSON" and
 * version "V1", client_id, timestamp (s), type, access_token, every object value JSON.stringify'd, sign
 * over all of them (empty values too); POST to /api/router as application/x-www-form-urlencoded
 * (querystring.stringify).
 */
export function pddRequest(
  shop: SendShop,
  baseUrl: string,
  now: Date,
  type: string,
  business: Record<string, unknown>,
  options: { token?: boolean } = {},
): SendPlan {
  const token = accessTokenOf(shop);
  if (options.token !== false && !token) return refuse('auth_invalid', 'the shop has no access token');
  const params: Record<string, string> = {
    data_type: 'JSON',
    version: 'V1',
    client_id: shop.appKey,
    timestamp: unixSeconds(now),
    type,
    ...(options.token !== false && token ? { access_token: token } : {}),
  };
  for (const [k, v] of Object.entries(business)) {
    if (v === undefined || v === null) continue;
    params[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  params.sign = signPddApi(params, shop.appSecret);
  return {
    ok: true,
    request: {
      method: 'POST',
      url: joinUrl(baseUrl, '/api/router'),
      headers: {
        'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
        accept: 'application/json',
      },
      body: stringify(params),
    },
  };
}

/**
 * pdd.pmc.user.permit for one shop (lywzx/pdd-node-sdk xiaoXiFuWu/PddPmcUserPermit.ts): without it
 * the message service sends nothing for the shop. topics unset inherits the app's subscription.
 */
export const planPddPermit = (shop: SendShop, baseUrl: string, now: Date): SendPlan =>
  pddRequest(shop, baseUrl, now, 'pdd.pmc.user.permit', {});
