import type { Platform } from './channel.js';
import { signDouyinPush } from './douyin/signature.js';
import { parseJsonLossless } from './json.js';
import { signPddPush, signPddRelayBody } from './pinduoduo/signature.js';
import { signTmcMessage } from './taobao/signature.js';
import { signTiktokPush } from './tiktok/signature.js';

export type SignedPush = { body: string; headers: Record<string, string> };

/**
 * A push as the platform would send it to /hooks/<platform>/<shopId>: the exact body text and the
 * signature headers (tests, the simulator and the benchmark all use this).
 */
export function signedPush(
  platform: Platform,
  credentials: { appKey: string; appSecret: string },
  body: string | object,
  options: { now?: Date; timestamp?: string } = {},
): SignedPush {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const { appKey, appSecret } = credentials;
  switch (platform) {
    case 'douyin':
      headers['app-id'] = appKey;
      headers['event-sign'] = signDouyinPush(appKey, text, appSecret);
      break;
    case 'tiktok':
      headers.authorization = signTiktokPush(appKey, text, appSecret);
      break;
    case 'pinduoduo': {
      const ts = options.timestamp ?? String((options.now ?? new Date()).getTime());
      headers['x-pdd-timestamp'] = ts;
      headers['x-pdd-sign'] = signPddPush(appKey, ts, appSecret);
      headers['x-pdd-body-sign'] = signPddRelayBody(appKey, ts, text, appSecret);
      break;
    }
    case 'taobao': {
      // TOP signs the message fields: a body that is not a JSON object has nothing to sign.
      let fields: unknown;
      try {
        fields = parseJsonLossless(text);
      } catch {
        fields = null;
      }
      if (fields && typeof fields === 'object' && !Array.isArray(fields)) {
        headers['x-top-sign'] = signTmcMessage(fields as Record<string, unknown>, appSecret);
      }
      break;
    }
  }
  return { body: text, headers };
}
