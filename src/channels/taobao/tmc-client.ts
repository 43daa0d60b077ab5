import type { InboundEvent } from '../channel.js';
import { parseInner } from '../common.js';
import { formatDeliveryError } from '../delivery-error.js';
import { idString, parseJsonLossless } from '../json.js';
import type { PlatformRequest, SendPlan, SendShop } from '../outbound.js';
import { readTaobaoResponse } from './errors.js';
import { topRequest } from './send.js';

/**
 * Taobao's message service (TMC) pulled with `taobao.tmc.messages.consume` and acknowledged with
 * `taobao.tmc.messages.confirm` (bububa/opentaobao model/tmc/), beside the Pinduoduo WebSocket client.
 * TMC also speaks a WebSocket (ws://mc.api.taobao.com) with its own binary frames; the pull API needs
 * no long-lived connection and is documented per call, so it is the one implemented here.
 *
 * Messages are confirmed only after `store` resolved: one we failed to store is delivered again.
 * Each shop must be permitted first (`taobao.tmc.user.permit` with its session), or nothing arrives.
 */

/** The one function that sends a platform request (the outbox sender's, later the outbound policy). */
export type PlatformCall = (request: PlatformRequest) => Promise<{ status: number; text: string }>;

/** One message as the consume API returns it (opentaobao model/tmc/TmcMessage.go). */
export type TmcConsumed = {
  id: string;
  topic: string;
  content: string;
  user_id: string | null;
  user_nick: string | null;
  pub_time: string | null;
  pub_app_key: string | null;
};

/** taobao.tmc.user.permit for one shop (its session); topics unset inherits the app's subscription. */
export const planTmcPermit = (shop: SendShop, baseUrl: string, now: Date): SendPlan =>
  topRequest(shop, baseUrl, now, 'taobao.tmc.user.permit', {});

export const planTmcConsume = (
  app: SendShop,
  baseUrl: string,
  now: Date,
  quantity: number,
  groupName?: string,
): SendPlan =>
  topRequest(
    app,
    baseUrl,
    now,
    'taobao.tmc.messages.consume',
    { quantity: String(quantity), ...(groupName ? { group_name: groupName } : {}) },
    { session: false },
  );

export const planTmcConfirm = (
  app: SendShop,
  baseUrl: string,
  now: Date,
  ids: string[],
  groupName?: string,
): SendPlan =>
  topRequest(
    app,
    baseUrl,
    now,
    'taobao.tmc.messages.confirm',
    { s_message_ids: ids.join(','), ...(groupName ? { group_name: groupName } : {}) },
    { session: false },
  );

/**
 * The messages of a consume answer: simplified JSON `{messages: [...]}` or the full form
 * `{tmc_messages_consume_response: {messages: {tmc_message: [...]}}}`. Ids keep every digit.
 */
export function readConsumed(text: string): TmcConsumed[] {
  const body = parseJsonLossless(text) as Record<string, unknown>;
  const root = (body.tmc_messages_consume_response as Record<string, unknown> | undefined) ?? body;
  const raw = root.messages as unknown;
  const list = Array.isArray(raw) ? raw : ((raw as { tmc_message?: unknown } | undefined)?.tmc_message ?? []);
  if (!Array.isArray(list)) return [];
  const out: TmcConsumed[] = [];
  for (const m of list as Record<string, unknown>[]) {
    const id = idString(m?.id);
    if (!id || typeof m.topic !== 'string') continue;
    out.push({
      id,
      topic: m.topic,
      content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? {}),
      user_id: idString(m.user_id),
      user_nick: typeof m.user_nick === 'string' ? m.user_nick : null,
      pub_time: typeof m.pub_time === 'string' ? m.pub_time : null,
      pub_app_key: idString(m.pub_app_key),
    });
  }
  return out;
}

/** A consumed message as the inbox event: the same fields the HTTP relay stores, so it normalises alike. */
export function tmcEvent(m: TmcConsumed): InboundEvent | null {
  const content = parseInner(m.content);
  if (content === undefined) return null;
  return {
    externalEventId: m.id,
    eventType: m.topic,
    payload: {
      topic: m.topic,
      content,
      id: m.id,
      userid: m.user_id,
      nick: m.user_nick,
      outtime: m.pub_time,
      publisher: m.pub_app_key,
    },
  };
}

export type TmcClientStatus = {
  polling: boolean;
  lastPollAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
  received: number;
  stored: number;
  confirmed: number;
  nextPollAt: string | null;
};

export type TmcPullClientOptions = {
  /** The app (key and secret); consume and confirm are app calls, no session. */
  app: SendShop;
  baseUrl: string;
  call: PlatformCall;
  /** Stores a batch; resolves the ids that are safely stored (or deliberately dropped) to confirm. */
  store: (messages: TmcConsumed[]) => Promise<string[]>;
  quantity?: number;
  groupName?: string;
  /** Wait after an empty poll (default 1 s; TOP asks clients not to spin on an empty queue). */
  idleMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  now?: () => Date;
};

export type TmcPullClient = {
  start(): void;
  /** One consume → store → confirm round; the number of messages received. */
  pollOnce(): Promise<number>;
  status(): TmcClientStatus;
  stop(): Promise<void>;
};

export function createTmcPullClient(options: TmcPullClientOptions): TmcPullClient {
  const now = options.now ?? (() => new Date());
  const quantity = Math.min(200, Math.max(10, options.quantity ?? 100));
  const idleMs = options.idleMs ?? 1000;
  const backoffBaseMs = options.backoffBaseMs ?? 2000;
  const backoffMaxMs = options.backoffMaxMs ?? 60_000;
  const status: TmcClientStatus = {
    polling: false,
    lastPollAt: null,
    lastError: null,
    lastErrorAt: null,
    failures: 0,
    received: 0,
    stored: 0,
    confirmed: 0,
    nextPollAt: null,
  };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;

  function fail(message: string): never {
    status.failures++;
    status.lastError = message;
    status.lastErrorAt = now().toISOString();
    throw new Error(message);
  }

  async function send(plan: SendPlan): Promise<string> {
    if (!plan.ok) fail(formatDeliveryError(plan.category, plan.message));
    const res = await options.call(plan.request);
    const read = readTaobaoResponse(res.status, res.text);
    if (!read.ok) fail(formatDeliveryError(read.category, `${read.code}: ${read.message}`));
    return res.text;
  }

  async function pollOnce(): Promise<number> {
    const text = await send(planTmcConsume(options.app, options.baseUrl, now(), quantity, options.groupName));
    status.lastPollAt = now().toISOString();
    const messages = readConsumed(text);
    status.received += messages.length;
    if (messages.length) {
      const done = await options.store(messages);
      status.stored += done.length;
      if (done.length) {
        await send(planTmcConfirm(options.app, options.baseUrl, now(), done, options.groupName));
        status.confirmed += done.length;
      }
    }
    status.failures = 0;
    status.lastError = null;
    return messages.length;
  }

  function schedule(ms: number) {
    if (stopped) return;
    status.nextPollAt = new Date(now().getTime() + ms).toISOString();
    timer = setTimeout(loop, ms);
  }

  function loop() {
    timer = null;
    if (stopped) return;
    status.polling = true;
    running = pollOnce();
    running
      .then((n) => schedule(n >= quantity ? 0 : idleMs))
      .catch(() => schedule(Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.min(status.failures - 1, 16))))
      .finally(() => {
        running = null;
      });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    pollOnce,
    status: () => ({ ...status }),
    async stop() {
      stopped = true;
      status.polling = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
