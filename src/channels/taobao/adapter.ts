import type { ChannelAdapter } from '../channel.js';
import { header, parseBody, parseInner, zodReason } from '../common.js';
import { idString } from '../json.js';
import { buildFromPlan } from '../outbound.js';
import { readTaobaoResponse } from './errors.js';
import { normaliseTaobao } from './normalise.js';
import { TmcMessage } from './payloads.js';
import { planTaobaoSend, TAOBAO_API_BASE, taobaoCapability } from './send.js';
import { verifyTmcMessage } from './signature.js';

export const taobaoAdapter: ChannelAdapter = {
  platform: 'taobao',
  label: { zh: '淘宝/天猫', en: 'Taobao/Tmall' },
  apiBase: TAOBAO_API_BASE,
  acceptPush(request, shop) {
    // The TOP scheme signs the message fields, so the body is read first; a body we cannot read
    // cannot be verified and gets 400 before anything is stored.
    const body = parseBody(request.rawBody);
    if (!body.ok) return { ok: false, status: 400, reason: body.reason };
    const value = body.value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, status: 400, reason: 'the body must be a TMC message object' };
    }
    const fields = value as Record<string, unknown>;
    const signature =
      header(request, 'x-top-sign') ?? (typeof fields.sign === 'string' ? fields.sign : undefined);
    if (!verifyTmcMessage(fields, shop.appSecret, signature)) {
      return { ok: false, status: 401, reason: 'bad TOP signature' };
    }
    const msg = TmcMessage.safeParse(fields);
    if (!msg.success) return { ok: false, status: 400, reason: zodReason(msg.error) };
    const content = parseInner(msg.data.content);
    if (content === undefined) return { ok: false, status: 400, reason: 'content is not JSON' };
    const { sign: _sign, ...rest } = msg.data;
    return {
      ok: true,
      events: [
        {
          externalEventId: idString(msg.data.id)!,
          eventType: msg.data.topic,
          payload: { ...rest, id: idString(msg.data.id), content },
        },
      ],
    };
  },
  ackBody: () => ({ success: true }),
  failBody: (reason) => ({ success: false, error: reason }),
  normalise: normaliseTaobao,
  capability: taobaoCapability,
  planSend: planTaobaoSend,
  readResponse: readTaobaoResponse,
  buildSend: buildFromPlan(planTaobaoSend),
};
