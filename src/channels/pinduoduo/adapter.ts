import type { ChannelAdapter, InboundEvent, ShopAuth } from '../channel.js';
import { header, parseBody, parseInner, setting, zodReason } from '../common.js';
import { idString } from '../json.js';
import { buildFromPlan } from '../outbound.js';
import { readPddResponse } from './errors.js';
import { normalisePinduoduo } from './normalise.js';
import { PddCommon } from './payloads.js';
import { PDD_API_BASE, pddCapability, planPddSend } from './send.js';
import { verifyPddPush } from './signature.js';

export type PddCommonRead =
  | { ok: true; event: InboundEvent; frame: PddCommon }
  | { ok: false; reason: string };

/**
 * One `Common` frame (parsed JSON) → the inbox event. The HTTP relay and the WebSocket client
 * both read frames here, so an event has the same id, type and payload whichever way it came.
 */
export function readPddCommon(value: unknown, shop: Pick<ShopAuth, 'externalShopId'>): PddCommonRead {
  const frame = PddCommon.safeParse(value);
  if (!frame.success) return { ok: false, reason: zodReason(frame.error) };
  const m = frame.data.message;
  if (shop.externalShopId && m.mallID !== undefined && idString(m.mallID) !== shop.externalShopId) {
    return { ok: false, reason: 'mallID does not match the shop' };
  }
  const content = parseInner(m.content);
  if (content === undefined) return { ok: false, reason: 'message.content is not JSON' };
  const event: InboundEvent = {
    externalEventId: idString(frame.data.id)!,
    eventType: m.type,
    payload: { type: m.type, mallID: idString(m.mallID), sendTime: frame.data.sendTime ?? null, content },
  };
  return { ok: true, event, frame: frame.data };
}

export const pinduoduoAdapter: ChannelAdapter = {
  platform: 'pinduoduo',
  label: { zh: '拼多多', en: 'Pinduoduo' },
  apiBase: PDD_API_BASE,
  acceptPush(request, shop) {
    // The body-covering relay signature unless the shop explicitly keeps the legacy scheme.
    const legacy = setting(shop.settings, 'pddRelaySignature', ['body', 'legacy'], 'body') === 'legacy';
    const verdict = verifyPddPush({
      clientId: shop.appKey,
      clientSecret: shop.appSecret,
      timestamp: header(request, 'x-pdd-timestamp'),
      signature: header(request, 'x-pdd-sign'),
      nowMs: request.now.getTime(),
      ...(legacy
        ? {}
        : { body: { rawBody: request.rawBody, bodySignature: header(request, 'x-pdd-body-sign') } }),
    });
    if (!verdict.ok) {
      return {
        ok: false,
        status: 401,
        reason:
          verdict.reason === 'stale_timestamp'
            ? 'X-Pdd-Timestamp missing or older than 5 minutes'
            : legacy
              ? 'bad X-Pdd-Sign'
              : 'bad X-Pdd-Body-Sign (HMAC-SHA256 over client id, timestamp and body)',
      };
    }
    const body = parseBody(request.rawBody);
    if (!body.ok) return { ok: false, status: 400, reason: body.reason };
    const read = readPddCommon(body.value, shop);
    if (!read.ok) return { ok: false, status: 400, reason: read.reason };
    return { ok: true, events: [read.event] };
  },
  // The message service's Ack (whalesky-labs/pdd-sdk-php MessageProtocol.php): our time, the frame's sendTime.
  ackBody: (events, now) => {
    const e = events[0];
    const p = (e?.payload ?? {}) as { mallID?: string | null; sendTime?: number | string | null };
    return {
      id: e?.externalEventId ?? null,
      commandType: 'Ack',
      time: now.getTime(),
      sendTime: p.sendTime ?? null,
      type: e?.eventType ?? null,
      mallID: p.mallID ?? null,
    };
  },
  failBody: (reason) => ({ commandType: 'Fail', error: reason }),
  normalise: normalisePinduoduo,
  capability: pddCapability,
  planSend: planPddSend,
  readResponse: readPddResponse,
  buildSend: buildFromPlan(planPddSend),
};
