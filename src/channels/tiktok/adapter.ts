import type { ChannelAdapter } from '../channel.js';
import { header, parseBody, zodReason } from '../common.js';
import { idString } from '../json.js';
import { buildFromPlan } from '../outbound.js';
import { readTiktokResponse } from './errors.js';
import { normaliseTiktok } from './normalise.js';
import { TIKTOK_TYPES, TiktokEnvelope } from './payloads.js';
import { planTiktokSend, TIKTOK_API_BASE, tiktokCapability } from './send.js';
import { verifyTiktokPush } from './signature.js';

export const tiktokAdapter: ChannelAdapter = {
  platform: 'tiktok',
  label: { zh: 'TikTok Shop', en: 'TikTok Shop' },
  apiBase: TIKTOK_API_BASE,
  acceptPush(request, shop) {
    const signature = header(request, 'authorization');
    if (
      !verifyTiktokPush({
        appKey: shop.appKey,
        appSecret: shop.appSecret,
        rawBody: request.rawBody,
        signature,
      })
    ) {
      return { ok: false, status: 401, reason: 'bad Authorization signature' };
    }
    const body = parseBody(request.rawBody);
    if (!body.ok) return { ok: false, status: 400, reason: body.reason };
    const env = TiktokEnvelope.safeParse(body.value);
    if (!env.success) return { ok: false, status: 400, reason: zodReason(env.error) };
    const e = env.data;
    if (shop.externalShopId && e.shop_id !== undefined && idString(e.shop_id) !== shop.externalShopId) {
      return { ok: false, status: 400, reason: 'shop_id does not match the shop' };
    }
    return {
      ok: true,
      events: [
        {
          externalEventId: idString(e.tts_notification_id)!,
          eventType: TIKTOK_TYPES[e.type] ?? `TYPE_${e.type}`,
          payload: {
            ...e,
            tts_notification_id: idString(e.tts_notification_id),
            shop_id: idString(e.shop_id),
          },
        },
      ],
    };
  },
  ackBody: () => ({ code: 0, message: 'success' }),
  failBody: (reason) => ({ code: 1, message: reason }),
  normalise: normaliseTiktok,
  capability: tiktokCapability,
  planSend: planTiktokSend,
  readResponse: readTiktokResponse,
  buildSend: buildFromPlan(planTiktokSend),
};
