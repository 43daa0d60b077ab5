import type { Platform } from '../../channels/channel.js';
import { signDouyinPush } from '../../channels/douyin/signature.js';
import { signPddPush, signPddRelayBody } from '../../channels/pinduoduo/signature.js';
import { signTmcMessage } from '../../channels/taobao/signature.js';
import { signTiktokPush } from '../../channels/tiktok/signature.js';

// Each platform's push envelope, signed as the platform signs it: what the simulator's stories
// (events.ts) put their events in.

/** A shop on the target with the credentials the simulator signs with. */
export type SimShop = {
  id: string;
  platform: Platform;
  appKey: string;
  appSecret: string;
  externalShopId: string;
};

/** One signed webhook, ready to send (and to send again as a duplicate). */
export type Delivery = {
  platform: Platform;
  /** What it is, for the summary: platform event type. */
  type: string;
  path: string;
  headers: Record<string, string>;
  body: string;
};

/** Long platform ids (> 2^53) written as bare JSON numbers, as Douyin and TikTok send them. */
export const BIG = (digits: string) => `#big:${digits}`;
export const json = (value: unknown) => JSON.stringify(value).replace(/"#big:(\d+)"/g, '$1');

export const seconds = (ms: number) => Math.floor(ms / 1000);

export function douyin(shop: SimShop, type: string, tag: string, msgId: string, data: unknown): Delivery {
  const body = JSON.stringify([{ tag, msg_id: msgId, data: json(data) }]);
  return {
    platform: 'douyin',
    type,
    path: `/hooks/douyin/${shop.id}`,
    headers: {
      'content-type': 'application/json',
      'app-id': shop.appKey,
      'event-sign': signDouyinPush(shop.appKey, body, shop.appSecret),
    },
    body,
  };
}

export function pinduoduo(
  shop: SimShop,
  id: string,
  type: string,
  content: unknown,
  nowMs: number,
): Delivery {
  const body = JSON.stringify({
    commandType: 'Common',
    id,
    sendTime: nowMs,
    message: { type, mallID: shop.externalShopId, content: json(content) },
  });
  const ts = String(nowMs);
  return {
    platform: 'pinduoduo',
    type,
    path: `/hooks/pinduoduo/${shop.id}`,
    headers: {
      'content-type': 'application/json',
      'x-pdd-timestamp': ts,
      'x-pdd-sign': signPddPush(shop.appKey, ts, shop.appSecret),
      'x-pdd-body-sign': signPddRelayBody(shop.appKey, ts, body, shop.appSecret),
    },
    body,
  };
}

const TIKTOK_NAMES: Record<number, string> = {
  5: 'PRODUCT_STATUS_CHANGE',
  12: 'RETURN_STATUS_CHANGE',
  14: 'NEW_MESSAGE',
};

export function tiktok(shop: SimShop, type: number, id: string, data: unknown, nowMs: number): Delivery {
  const body = json({
    type,
    tts_notification_id: BIG(id),
    shop_id: shop.externalShopId,
    timestamp: seconds(nowMs),
    data,
  });
  return {
    platform: 'tiktok',
    type: TIKTOK_NAMES[type] ?? `TYPE_${type}`,
    path: `/hooks/tiktok/${shop.id}`,
    headers: {
      'content-type': 'application/json',
      authorization: signTiktokPush(shop.appKey, body, shop.appSecret),
    },
    body,
  };
}

export function taobao(shop: SimShop, id: string, topic: string, content: unknown, nowMs: number): Delivery {
  // Every field a string: the TOP scheme signs values as they are written.
  const message = {
    topic,
    id,
    content: JSON.stringify(content),
    userid: shop.externalShopId,
    nick: '模拟淘宝店',
    outtime: new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
    dataid: String((content as { refund_id?: string }).refund_id ?? id),
    publisher: 'taobao',
  };
  const body = JSON.stringify(message);
  return {
    platform: 'taobao',
    type: topic,
    path: `/hooks/taobao/${shop.id}`,
    headers: { 'content-type': 'application/json', 'x-top-sign': signTmcMessage(message, shop.appSecret) },
    body,
  };
}

export const beijingTime = (ms: number) =>
  new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
