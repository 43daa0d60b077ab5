import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, request as undiciRequest } from 'undici';
import {
  type AllowEntry,
  addressAllowed,
  hostAllowed,
  isIpLiteral,
  isPublicAddress,
  parseAllowList,
  stripBrackets,
} from './outbound-address.js';

/**
 * The one way the server reaches a URL a tenant (or anyone) chose: platform API sends, the Pinduoduo
 * message service, anything later. Only https/wss to public addresses, checked after DNS inside the
 * socket's own lookup (the connection goes to the address that was checked: no rebinding window),
 * no redirects, timeouts and a response size cap. Hosts or ranges on the installation's allow-list
 * (AFTERCARE_OUTBOUND_ALLOW: staging, tests, the fake platforms on 127.0.0.1) may be plain http/ws
 * and internal. Failures are OutboundRefused or network errors; `outboundReason` turns any of them
 * into a short reason a tenant may see — never a response body.
 */
export type OutboundKind = 'http' | 'ws';

export type OutboundRefusal =
  | 'bad_url'
  | 'scheme'
  | 'internal_address'
  | 'redirect'
  | 'too_large'
  | 'timeout'
  | 'not_found'
  | 'not_allowed';

const REFUSAL_TEXT: Record<OutboundRefusal, string> = {
  bad_url: 'not a valid URL',
  scheme: 'only https:// (wss:// for the message service) is allowed',
  internal_address: 'the address is not a public internet address',
  redirect: 'the server answered with a redirect, which is not followed',
  too_large: 'the answer was larger than allowed',
  timeout: 'timed out',
  not_found: 'the host name does not resolve',
  not_allowed: 'this installation reaches only the hosts on its allow-list',
};

export class OutboundRefused extends Error {
  constructor(
    readonly refusal: OutboundRefusal,
    message = REFUSAL_TEXT[refusal],
  ) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export type OutboundResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
};

export type OutboundRequest = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  /** Response bytes read at most; a longer answer fails as too_large. */
  maxResponseBytes?: number;
};

export type OutboundPolicy = {
  readonly allow: readonly AllowEntry[];
  /** Scheme and literal-address check, no DNS: the API boundary's early answer and every request's first step. */
  checkUrl(url: string | URL, kind: OutboundKind): URL;
  /**
   * checkUrl, then the installation's own limit (AFTERCARE_OUTBOUND_ONLY_ALLOWED: nothing off the
   * allow-list): the step before every connection. Not for a form's address, which may be fine for
   * the tenant though this installation will not reach it.
   */
  connectUrl(url: string | URL, kind: OutboundKind): URL;
  /** A net/tls `lookup` that resolves and refuses any non-public answer (allow-listed ranges excepted). */
  readonly lookup: LookupFunction;
  request(url: string | URL, init?: OutboundRequest): Promise<OutboundResponse>;
  /** Options for a `ws` WebSocket to an already checked URL: checked lookup, no redirects, caps. */
  webSocketOptions(): {
    lookup: LookupFunction;
    followRedirects: false;
    handshakeTimeout: number;
    maxPayload: number;
  };
  close(): Promise<void>;
};

export type OutboundPolicyOptions = {
  /** AFTERCARE_OUTBOUND_ALLOW entries (text or list). */
  allow?: string | readonly string[] | undefined;
  /** DNS, replaceable in tests so no test resolves a real name. */
  resolve?: Resolve;
  /** AFTERCARE_OUTBOUND_ONLY_ALLOWED: refuse every host not on the allow-list, before any lookup. */
  onlyAllowed?: boolean;
  timeoutMs?: number;
  maxResponseBytes?: number;
};

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

export function createOutboundPolicy(options: OutboundPolicyOptions = {}): OutboundPolicy {
  const allow = parseAllowList(options.allow);
  const resolveHost = options.resolve ?? systemResolve;
  const defaultTimeout = options.timeoutMs ?? 10_000;
  const defaultMaxBytes = options.maxResponseBytes ?? 256 * 1024;

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    const wantAll = typeof lookupOptions === 'object' && lookupOptions !== null && lookupOptions.all === true;
    const done = callback as (
      error: NodeJS.ErrnoException | null,
      address?: string | LookupAddress[],
      family?: number,
    ) => void;
    resolveHost(hostname).then(
      (addresses) => {
        if (!addresses.length) return done(new OutboundRefused('not_found'));
        // One internal answer refuses the whole name: a resolver must not mix in an address to reach.
        const refused = addresses.some(
          (a) => !isPublicAddress(a.address) && !addressAllowed(a.address, allow),
        );
        if (refused) return done(new OutboundRefused('internal_address'));
        if (wantAll) return done(null, addresses);
        const first = addresses[0]!;
        return done(null, first.address, first.family);
      },
      () => done(new OutboundRefused('not_found')),
    );
  };

  function connectUrl(input: string | URL, kind: OutboundKind): URL {
    const url = checkUrl(input, kind);
    if (options.onlyAllowed && !hostAllowed(url, allow)) throw new OutboundRefused('not_allowed');
    return url;
  }

  function checkUrl(input: string | URL, kind: OutboundKind): URL {
    let url: URL;
    try {
      url = new URL(String(input));
    } catch {
      throw new OutboundRefused('bad_url');
    }
    if (url.username || url.password)
      throw new OutboundRefused('bad_url', 'a URL must not carry a user name or password');
    const secure = kind === 'http' ? 'https:' : 'wss:';
    const plain = kind === 'http' ? 'http:' : 'ws:';
    const listed = hostAllowed(url, allow);
    if (url.protocol !== secure && !(listed && url.protocol === plain)) throw new OutboundRefused('scheme');
    if (listed) return url;
    // The URL parser has already turned every IPv4 spelling (decimal, octal, hex, short) into a.b.c.d.
    const host = url.hostname;
    if (isIpLiteral(host)) {
      if (!isPublicAddress(stripBrackets(host))) throw new OutboundRefused('internal_address');
    } else if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
      throw new OutboundRefused('internal_address');
    }
    return url;
  }

  const agent = new Agent({
    connect: { lookup, timeout: defaultTimeout },
    headersTimeout: defaultTimeout,
    bodyTimeout: defaultTimeout,
  });

  return {
    allow,
    checkUrl,
    connectUrl,
    lookup,

    async request(input, init = {}) {
      const url = connectUrl(input, 'http');
      const timeoutMs = init.timeoutMs ?? defaultTimeout;
      const maxBytes = init.maxResponseBytes ?? defaultMaxBytes;
      let res: Awaited<ReturnType<typeof undiciRequest>>;
      try {
        res = await undiciRequest(url, {
          method: init.method ?? 'POST',
          ...(init.headers ? { headers: init.headers } : {}),
          ...(init.body !== undefined ? { body: init.body } : {}),
          dispatcher: agent,
          signal: AbortSignal.timeout(timeoutMs),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (error) {
        throw unwrap(error);
      }
      if (res.statusCode >= 300 && res.statusCode < 400) {
        discard(res.body);
        throw new OutboundRefused('redirect');
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        discard(res.body);
        throw new OutboundRefused('too_large');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res.body) {
          size += (chunk as Buffer).length;
          if (size > maxBytes) {
            discard(res.body);
            throw new OutboundRefused('too_large');
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        throw unwrap(error);
      }
      return { status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') };
    },

    webSocketOptions: () => ({
      lookup,
      followRedirects: false,
      handshakeTimeout: defaultTimeout,
      maxPayload: 4 * 1024 * 1024,
    }),

    close: () => agent.close(),
  };
}

function discard(body: NodeJS.ReadableStream & { destroy(): void }) {
  body.on('error', () => {});
  body.destroy();
}

/** The failure the socket's lookup raised, rather than undici's or fetch's wrapper around it. */
function unwrap(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof OutboundRefused) return current;
    current = (current as { cause?: unknown }).cause;
  }
  const name = (error as { name?: string; code?: string } | null)?.name ?? '';
  const code = (error as { code?: string } | null)?.code ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code))
    return new OutboundRefused('timeout');
  return error;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out',
  UND_ERR_BODY_TIMEOUT: 'timed out',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
};

/**
 * A short reason a tenant may see for a failed outbound request: the policy's own words, a network
 * error's kind, or "request failed" — never a response body, an internal address or a stack.
 */
export function outboundReason(error: unknown): string {
  const found = unwrap(error);
  if (found instanceof OutboundRefused) return found.message;
  let current: unknown = found;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: string }).code;
    if (code && NETWORK_CODES[code]) return NETWORK_CODES[code]!;
    current = (current as { cause?: unknown }).cause;
  }
  return 'request failed';
}

/** A tenant-visible line of text from a remote answer (a platform's error code or message): short, printable. */
export function sanitisedText(text: unknown, max = 120): string {
  return String(text ?? '')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}
