import WebSocket from 'ws';
import type { OutboundPolicy } from '../../http/outbound-policy.js';
import type { InboundEvent, ShopAuth } from '../channel.js';
import { parseBody } from '../common.js';
import { readPddCommon } from './adapter.js';
import type { PddCommon } from './payloads.js';
import { signPddPush } from './signature.js';

/**
 * Pinduoduo message service (消息服务), the WebSocket way in: one connection per shop (per app key).
 *
 *   wss://<base>/message/{client_id}/{ts_ms}/{sig}, sig = base64(md5_hex_lowercase(client_id + ts + secret))
 *   → {"id":ms,"commandType":"HeartBeat","time":ms} every 5 s
 *   ← {"commandType":"Common","id","sendTime","message":{"type","mallID","content":"<json>"}}
 *   → {"id","commandType":"Ack","time":ms,"sendTime":<echoed>,"type","mallID"} once the event is stored
 *     (field set and order as whalesky-labs/pdd-sdk-php src/Message/MessageProtocol.php `acknowledge`)
 *
 * The Ack goes out only after `store` resolved (committed): an event we failed to store stays
 * un-acked and the platform delivers it again; a repeat is a no-op in the inbox.
 * UNCERTAIN (public SDK code, no official spec): the production host and whether the server answers
 * heartbeats. The base URL is configurable, and liveness counts any frame or WebSocket pong.
 */
export const DEFAULT_PDD_MESSAGE_URL = 'wss://message-api.pinduoduo.com';

export type PddMessageLog = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export const silentLog: PddMessageLog = { info() {}, warn() {}, error() {} };

export type PddMessageClientOptions = {
  shop: Pick<ShopAuth, 'id' | 'appKey' | 'appSecret' | 'externalShopId'>;
  /** Stores the events durably; resolves (with how many were new) only once committed. */
  store: (events: InboundEvent[]) => Promise<number>;
  /** ws:// or wss:// base; the path /message/{client_id}/{ts}/{sig} is added. */
  baseUrl?: string;
  /** The outbound-request policy (src/http/outbound-policy.ts): URL check and a checked DNS lookup. */
  outbound: Pick<OutboundPolicy, 'connectUrl' | 'webSocketOptions'>;
  /** HeartBeat interval (default 5 s). */
  heartbeatMs?: number;
  /** No frame and no pong for this long: the connection is dead (default 3 heartbeats). */
  deadAfterMs?: number;
  /** Reconnect back-off: base·2^n with jitter, capped (defaults 1 s, 60 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Open this long and the back-off starts again from the base (default 30 s). */
  stableAfterMs?: number;
  /** Handshake timeout (default 10 s). */
  connectTimeoutMs?: number;
  now?: () => number;
  random?: () => number;
  log?: PddMessageLog;
};

export type PddMessageStatus = {
  shopId: string;
  connected: boolean;
  /** Last frame or pong from the platform (ISO time). */
  lastFrameAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Connections opened after the first one. */
  reconnects: number;
  /** While disconnected: when the next attempt is due (ISO time) and the back-off delay chosen. */
  nextRetryAt: string | null;
  retryDelayMs: number | null;
  /** Common frames read, stored (new to the inbox), acknowledged, and frames skipped as malformed. */
  received: number;
  stored: number;
  acked: number;
  malformed: number;
};

export type PddMessageClient = {
  start(): void;
  stop(): Promise<void>;
  status(): PddMessageStatus;
};

/** The signed connection URL. */
export function pddMessageUrl(
  baseUrl: string,
  credentials: { appKey: string; appSecret: string },
  nowMs: number,
): string {
  const ts = String(nowMs);
  const sig = signPddPush(credentials.appKey, ts, credentials.appSecret);
  return `${baseUrl.replace(/\/+$/, '')}/message/${encodeURIComponent(credentials.appKey)}/${ts}/${sig}`;
}

/** Delay before reconnect attempt n (1, 2, …): base·2^(n−1), capped, then 50–100 % of that (jitter). */
export function reconnectDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random) {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.5 + 0.5 * random()));
}

/** A client that has not connected yet (or a shop that cannot connect): all counters at zero. */
export function idleStatus(shopId: string): PddMessageStatus {
  return {
    shopId,
    connected: false,
    lastFrameAt: null,
    lastError: null,
    lastErrorAt: null,
    reconnects: 0,
    nextRetryAt: null,
    retryDelayMs: null,
    received: 0,
    stored: 0,
    acked: 0,
    malformed: 0,
  };
}

/**
 * The Ack for a Common frame: our clock as `time`, and id, sendTime, type and mallID echoed as the
 * platform sent them. An id beyond 2^53 was read as a string (lossless parse); it goes back as the
 * bare number it came as.
 */
export function pddAckText(frame: PddCommon, rawText: string, nowMs: number): string {
  const ack = {
    id: frame.id,
    commandType: 'Ack',
    time: nowMs,
    sendTime: echoNumber(frame.sendTime),
    type: frame.message.type,
    mallID: echoNumber(frame.message.mallID),
  };
  if (typeof frame.id === 'string' && /^\d{16,}$/.test(frame.id)) {
    let plain: unknown;
    try {
      plain = (JSON.parse(rawText) as { id?: unknown }).id;
    } catch {
      plain = undefined;
    }
    if (typeof plain === 'number') {
      return JSON.stringify({ ...ack, id: '\u0000id' }).replace('"\\u0000id"', frame.id);
    }
  }
  return JSON.stringify(ack);
}

export function createPddMessageClient(options: PddMessageClientOptions): PddMessageClient {
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const deadAfterMs = options.deadAfterMs ?? 3 * heartbeatMs;
  const backoffBaseMs = options.backoffBaseMs ?? 1000;
  const backoffMaxMs = options.backoffMaxMs ?? 60_000;
  const stableAfterMs = options.stableAfterMs ?? 30_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLog;
  const baseUrl = options.baseUrl ?? DEFAULT_PDD_MESSAGE_URL;
  const { shop } = options;

  const status: PddMessageStatus = idleStatus(shop.id);

  let ws: WebSocket | null = null;
  let started = false;
  let stopping = false;
  let opens = 0;
  /** Failed or short-lived connections in a row: drives the back-off. */
  let attempt = 0;
  let lastAlive = 0;
  let heartbeat: NodeJS.Timeout | null = null;
  let stableTimer: NodeJS.Timeout | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  const inflight = new Set<Promise<void>>();
  let closed: (() => void) | null = null;

  const fail = (message: string) => {
    status.lastError = message.slice(0, 500);
    status.lastErrorAt = new Date(now()).toISOString();
  };

  const alive = () => {
    lastAlive = now();
    status.lastFrameAt = new Date(lastAlive).toISOString();
  };

  function clearConnectionTimers() {
    if (heartbeat) clearInterval(heartbeat);
    if (stableTimer) clearTimeout(stableTimer);
    heartbeat = null;
    stableTimer = null;
  }

  function connect() {
    retryTimer = null;
    if (stopping) return;
    let socket: WebSocket;
    try {
      // The policy refuses internal addresses here (literal) and in the socket's DNS lookup (names).
      const target = options.outbound.connectUrl(pddMessageUrl(baseUrl, shop, now()), 'ws');
      socket = new WebSocket(target, {
        ...options.outbound.webSocketOptions(),
        handshakeTimeout: connectTimeoutMs,
        perMessageDeflate: false,
      });
    } catch (error) {
      // A malformed base URL: report it and keep trying (the setting may be fixed meanwhile).
      fail(`cannot connect: ${errorText(error)}`);
      log.error({ shopId: shop.id, err: error }, 'pinduoduo message service: bad URL');
      scheduleReconnect();
      return;
    }
    ws = socket;
    /** An error was recorded for this connection (so the close adds none). */
    let errored = false;
    const failHere = (message: string) => {
      errored = true;
      fail(message);
    };

    socket.on('open', () => {
      if (opens++ > 0) status.reconnects++;
      status.connected = true;
      status.nextRetryAt = null;
      alive();
      log.info({ shopId: shop.id, reconnects: status.reconnects }, 'pinduoduo message service connected');
      stableTimer = setTimeout(() => {
        attempt = 0;
      }, stableAfterMs);
      sendHeartbeat(socket);
      heartbeat = setInterval(() => {
        if (now() - lastAlive > deadAfterMs) {
          failHere(`no frame for ${now() - lastAlive} ms: connection presumed dead`);
          log.warn({ shopId: shop.id }, 'pinduoduo message service: dead connection, reconnecting');
          socket.terminate();
          return;
        }
        sendHeartbeat(socket);
      }, heartbeatMs);
    });
    socket.on('pong', alive);
    socket.on('message', (data: WebSocket.RawData) => {
      alive();
      onFrame(socket, rawText(data));
    });
    socket.on('error', (error) => {
      failHere(errorText(error));
      log.warn({ shopId: shop.id, err: error }, 'pinduoduo message service error');
    });
    socket.on('close', (code, reason) => {
      clearConnectionTimers();
      const wasConnected = status.connected;
      status.connected = false;
      if (ws === socket) ws = null;
      if (stopping) {
        closed?.();
        return;
      }
      if (wasConnected) {
        log.warn(
          { shopId: shop.id, code, reason: reason.toString('utf8').slice(0, 200) },
          'pinduoduo message service disconnected',
        );
        if (!errored) fail(`closed by the platform (code ${code})`);
      }
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    if (stopping || retryTimer) return;
    attempt++;
    const delay = reconnectDelayMs(attempt, backoffBaseMs, backoffMaxMs, options.random);
    status.retryDelayMs = delay;
    status.nextRetryAt = new Date(now() + delay).toISOString();
    retryTimer = setTimeout(connect, delay);
  }

  function sendHeartbeat(socket: WebSocket) {
    if (socket.readyState !== WebSocket.OPEN) return;
    const ms = now();
    socket.send(JSON.stringify({ id: ms, commandType: 'HeartBeat', time: ms }));
    // A WebSocket ping too: its pong proves the connection lives even if heartbeats go unanswered.
    socket.ping();
  }

  function onFrame(socket: WebSocket, text: string) {
    const body = parseBody(text);
    if (!body.ok) return skip(body.reason, text);
    const value = body.value as { commandType?: unknown } | null;
    const command = value && typeof value === 'object' ? value.commandType : undefined;
    if (command !== 'Common') {
      // HeartBeat answers and other commands carry nothing to store.
      if (command === 'Fail' || command === 'Error') {
        fail(`platform said ${String(command)}: ${text.slice(0, 300)}`);
        log.warn({ shopId: shop.id, frame: text.slice(0, 300) }, 'pinduoduo message service: error frame');
      } else if (typeof command !== 'string') {
        skip('no commandType', text);
      }
      return;
    }
    const read = readPddCommon(value, shop);
    if (!read.ok) return skip(read.reason, text);
    status.received++;
    const { event, frame } = read;
    const job = Promise.resolve()
      .then(() => options.store([event]))
      .then((inserted) => {
        status.stored += inserted;
        // Stored: now (and only now) tell the platform. A socket closed meanwhile means redelivery.
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(pddAckText(frame, text, now()));
          status.acked++;
        }
      })
      .catch((error) => {
        fail(`store failed, not acknowledged: ${errorText(error)}`);
        log.error(
          { shopId: shop.id, eventId: event.externalEventId, err: error },
          'pinduoduo message service: could not store the event; left for redelivery',
        );
      })
      .finally(() => {
        inflight.delete(job);
      });
    inflight.add(job);
  }

  function skip(reason: string, text: string) {
    status.malformed++;
    // Not the frame itself: its content may hold a buyer's words or order details.
    log.warn(
      { shopId: shop.id, reason, bytes: Buffer.byteLength(text) },
      'pinduoduo message service: malformed frame skipped',
    );
  }

  return {
    start() {
      if (started) return;
      started = true;
      connect();
    },
    async stop() {
      stopping = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      clearConnectionTimers();
      const socket = ws;
      if (socket && socket.readyState !== WebSocket.CLOSED) {
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 1000);
          closed = () => {
            clearTimeout(force);
            resolve();
          };
          if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
          else socket.close(1000, 'stopping');
        });
      }
      status.connected = false;
      // Let stores already under way finish (their acks are dropped with the socket).
      await Promise.allSettled([...inflight]);
    },
    status: () => ({ ...status }),
  };
}

function rawText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A number the platform sent (digits read as a string when lossless parsing kept them) as a number. */
function echoNumber(v: number | string | undefined): number | string | null {
  if (v === undefined) return null;
  return typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v;
}
