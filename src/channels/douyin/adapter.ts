import type { ChannelAdapter, InboundEvent } from '../channel.js';
import { digest, header, parseBody, parseInner, zodReason } from '../common.js';
import { idString } from '../json.js';
import { buildFromPlan } from '../outbound.js';
import { readDouyinResponse } from './errors.js';
import { normaliseDouyin } from './normalise.js';
import { DouyinPush, eventTypeOf } from './payloads.js';
import { DOUYIN_API_BASE, douyinCapability, planDouyinSend } from './send.js';
import { verifyDouyinPush } from './signature.js';

export const douyinAdapter: ChannelAdapter = {
  platform: 'douyin',
  label: { zh: '抖店', en: 'Douyin Shop' },
  apiBase: DOUYIN_API_BASE,
  acceptPush(request, shop) {
    const appId = header(request, 'app-id');
    if (appId !== undefined && appId !== shop.appKey) {
      return { ok: false, status: 401, reason: 'app-id does not match the shop app key' };
    }
    const signature = header(request, 'event-sign');
    if (
      !verifyDouyinPush({
        appKey: shop.appKey,
        appSecret: shop.appSecret,
        rawBody: request.rawBody,
        signature,
      })
    ) {
      return { ok: false, status: 401, reason: 'bad event-sign' };
    }
    const body = parseBody(request.rawBody);
    if (!body.ok) return { ok: false, status: 400, reason: body.reason };
    const push = DouyinPush.safeParse(body.value);
    if (!push.success) return { ok: false, status: 400, reason: zodReason(push.error) };
    const events: InboundEvent[] = [];
    for (const item of push.data) {
      const data = parseInner(item.data);
      if (data === undefined) return { ok: false, status: 400, reason: `tag ${item.tag}: data is not JSON` };
      const rawData = typeof item.data === 'string' ? item.data : JSON.stringify(item.data);
      events.push({
        externalEventId: idString(item.msg_id) ?? `${item.tag}:${digest(rawData)}`,
        eventType: eventTypeOf(item.tag),
        payload: { tag: item.tag, msg_id: idString(item.msg_id), data },
      });
    }
    return { ok: true, events };
  },
  ackBody: () => ({ code: 0, msg: 'success' }),
  failBody: () => ({ code: 1, msg: 'fail' }),
  normalise: normaliseDouyin,
  capability: douyinCapability,
  planSend: planDouyinSend,
  readResponse: readDouyinResponse,
  buildSend: buildFromPlan(planDouyinSend),
};
