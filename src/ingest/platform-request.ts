import type { OutboundRequest, Platform, ShopAuth } from '../channels/channel.js';
import type { DeliveryCategory } from '../channels/delivery-error.js';
import type { DeliveryResult } from '../channels/outbound.js';
import { CHANNELS } from '../channels/registry.js';
import {
  type OutboundPolicy,
  OutboundRefused,
  outboundReason,
  sanitisedText,
} from '../http/outbound-policy.js';
import type { IngestSettings } from './ingest-settings.js';

export type PlatformResponse = { status: number; ok: boolean; text: string };

/** Platform answers are small; anything longer is refused unread (a tenant's URL may point anywhere). */
const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * The one place the server sends a request to a platform's API (the outbox sender's sends, the
 * connection self-test's reads): the adapter's method, signed headers and body through the
 * outbound-request policy (public https only, no redirects, bounded time and size).
 */
export async function sendToPlatform(
  outbound: Pick<OutboundPolicy, 'request'>,
  request: OutboundRequest,
  timeoutMs: number,
): Promise<PlatformResponse> {
  const res = await outbound.request(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.method === 'GET' ? {} : { body: request.body }),
    timeoutMs,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  });
  return { status: res.status, ok: res.status >= 200 && res.status < 300, text: res.text };
}

/** Where a shop's calls go: its own address, then the installation's, then the platform's gateway. */
export function apiBaseFor(
  platform: Platform,
  auth: Pick<ShopAuth, 'settings'>,
  settings: Pick<IngestSettings, 'apiBaseUrls'>,
): string {
  return (
    (typeof auth.settings.apiBaseUrl === 'string' && auth.settings.apiBaseUrl) ||
    settings.apiBaseUrls[platform] ||
    CHANNELS[platform].apiBase
  );
}

const ADDRESS_REFUSALS: ReadonlySet<string> = new Set([
  'bad_url',
  'scheme',
  'internal_address',
  'not_allowed',
]);

/** A network or policy failure's category: an address the policy refuses is the shop's to fix. */
export function requestFailureCategory(error: unknown): DeliveryCategory {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof OutboundRefused) {
      if (current.refusal === 'timeout') return 'timeout';
      return ADDRESS_REFUSALS.has(current.refusal) ? 'missing_setup' : 'network';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return outboundReason(error) === 'timed out' ? 'timeout' : 'network';
}

/**
 * A platform's answer read by its adapter; a failure keeps the platform's code and, when the answer
 * is the platform's error object, its short message — never the body itself (the address may be
 * anyone's page).
 */
export function readPlatformAnswer(platform: Platform, res: PlatformResponse): DeliveryResult {
  const result = CHANNELS[platform].readResponse(res.status, res.text);
  if (result.ok) return result;
  const code = result.code.startsWith(platform) ? result.code : `${platform} ${result.code}`;
  return {
    ...result,
    code,
    message: platformErrorOf(parseJson(res.text)) ? sanitisedText(result.message) : '',
  };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Error answers inside a 200: Douyin/TikTok {code≠0}, TOP {error_response}, PDD {error_response},
 * {success:false}. Only the platform's error code and short message are kept, cleaned and cut.
 */
export function platformErrorOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const e = b.error_response;
  if (e && typeof e === 'object') {
    const r = e as Record<string, unknown>;
    const code = sanitisedText(r.error_code ?? r.code ?? r.sub_code, 40);
    const msg = sanitisedText(r.error_msg ?? r.msg ?? r.sub_msg ?? r.message);
    return `platform error${code ? ` ${code}` : ''}${msg ? `: ${msg}` : ''}`;
  }
  if (e) return 'platform error';
  if (b.success === false) {
    const msg = sanitisedText(b.message ?? b.msg ?? b.error_msg);
    return `platform error${msg ? `: ${msg}` : ''}`;
  }
  if (b.code !== undefined && b.code !== 0 && b.code !== '0' && b.code !== 10000) {
    const msg = sanitisedText(b.msg ?? b.message);
    return `platform error ${sanitisedText(b.code, 40)}${msg ? `: ${msg}` : ''}`;
  }
  return null;
}
