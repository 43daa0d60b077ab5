import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { safeEqual } from '../crypto.js';
import { signPddPush } from './signature.js';

/** One client connection to the fake message service, with every frame it sent. */
export type FakePddConnection = {
  clientId: string;
  timestamp: string;
  signature: string;
  socket: WebSocket;
  /** Parsed JSON frames received from the client, in order. */
  frames: Record<string, unknown>[];
  send(frame: string | object): void;
  /** Resolves with the first frame (already received or still to come) that matches. */
  waitFor(
    match: (frame: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Drops the TCP connection without a closing handshake (a network failure). */
  drop(): void;
  closed: Promise<void>;
};

export type FakePddMessageServer = {
  /** ws://127.0.0.1:<port> — the base URL the client adds /message/… to. */
  url: string;
  connections: FakePddConnection[];
  /** Handshakes refused for a bad path, client id or signature. */
  refused: number;
  /** Resolves with connection number `index` (0-based) once it is open. */
  connection(index: number, timeoutMs?: number): Promise<FakePddConnection>;
  close(): Promise<void>;
};

/**
 * A stand-in for Pinduoduo's message service on 127.0.0.1 for tests: checks the signed URL
 * (/message/{client_id}/{ts_ms}/{base64(md5_hex(client_id + ts + secret))}), records frames,
 * sends whatever the test asks. `secrets` maps client id → client secret.
 */
export async function startFakePddMessageServer(
  secrets: Record<string, string>,
  options: { port?: number } = {},
): Promise<FakePddMessageServer> {
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    verifyClient: (info, done) => {
      const m = /^\/message\/([^/]+)\/(\d{13})\/([^/?]+)$/.exec(info.req.url ?? '');
      const clientId = m ? decodeURIComponent(m[1]!) : '';
      const secret = secrets[clientId];
      if (!m || secret === undefined || !safeEqual(m[3], signPddPush(clientId, m[2]!, secret))) {
        server.refused++;
        return done(false, 401, 'bad signature');
      }
      done(true);
    },
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const port = (wss.address() as AddressInfo).port;

  const server: FakePddMessageServer = {
    url: `ws://127.0.0.1:${port}`,
    connections: [],
    refused: 0,
    connection(index, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const c = server.connections[index];
          if (!c) return false;
          clearTimeout(timer);
          events.off('connection', check);
          resolve(c);
          return true;
        };
        const timer = setTimeout(() => {
          events.off('connection', check);
          reject(new Error(`no connection #${index} within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) events.on('connection', check);
      });
    },
    async close() {
      for (const c of server.connections) c.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  wss.on('connection', (socket, req) => {
    const [, , clientId = '', timestamp = '', signature = ''] = (req.url ?? '').split('/');
    const frameEvents = new EventEmitter();
    frameEvents.setMaxListeners(100);
    const conn: FakePddConnection = {
      clientId: decodeURIComponent(clientId),
      timestamp,
      signature,
      socket,
      frames: [],
      send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
      waitFor(match, timeoutMs = 5000) {
        return new Promise((resolve, reject) => {
          const found = conn.frames.find(match);
          if (found) return resolve(found);
          const onFrame = (f: Record<string, unknown>) => {
            if (!match(f)) return;
            clearTimeout(timer);
            frameEvents.off('frame', onFrame);
            resolve(f);
          };
          const timer = setTimeout(() => {
            frameEvents.off('frame', onFrame);
            reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(conn.frames)}`));
          }, timeoutMs);
          frameEvents.on('frame', onFrame);
        });
      },
      drop: () => socket.terminate(),
      closed: new Promise((resolve) => socket.once('close', () => resolve())),
    };
    socket.on('message', (data) => {
      try {
        const f = JSON.parse(data.toString()) as Record<string, unknown>;
        conn.frames.push(f);
        frameEvents.emit('frame', f);
      } catch {
        // the client only sends JSON; anything else fails the test's expectations by its absence
      }
    });
    server.connections.push(conn);
    events.emit('connection');
  });
  return server;
}

/** A Common frame as the message service sends it (content as a JSON string). */
export function pddCommonFrame(
  id: number | string,
  content: Record<string, unknown>,
  options: { type?: string; mallID?: number | string; sendTime?: number } = {},
) {
  return {
    commandType: 'Common',
    id,
    sendTime: options.sendTime ?? 1764000000000,
    message: {
      type: options.type ?? 'pdd_refund_RefundCreated',
      mallID: options.mallID ?? 445566,
      content: JSON.stringify(content),
    },
  };
}
