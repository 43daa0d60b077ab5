import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { isPublicAddress, parseAllowList } from './outbound-address.js';
import {
  createOutboundPolicy,
  OutboundRefused,
  outboundReason,
  type Resolve,
  sanitisedText,
} from './outbound-policy.js';

// Every request in this file goes to 127.0.0.1 or nowhere: names resolve through a stub, and the
// non-loopback ranges are only ever checked, never connected to.
const STUB: Record<string, string[]> = {
  'rebind.example': ['127.0.0.1'],
  'mixed.example': ['93.184.216.34', '127.0.0.1'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'nat64.example': ['64:ff9b::7f00:1'],
  'v6.example': ['::1'],
  'zero.example': ['0.0.0.0'],
  'metadata.example': ['169.254.169.254'],
  'private.example': ['10.0.0.7'],
  'cgnat.example': ['100.64.1.1'],
  'public.example': ['93.184.216.34'],
};
const stubResolve: Resolve = async (host) => {
  const list = STUB[host];
  if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

let trap: NetServer;
let trapPort = 0;
let connections = 0;
let platform: Server;
let platformPort = 0;

const listen = (server: NetServer | Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

beforeAll(async () => {
  // The trap must never see a connection: every refusal happens before any socket is opened.
  trap = createNetServer((socket) => {
    connections++;
    socket.destroy();
  });
  trapPort = await listen(trap);
  platform = createHttpServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(302, { location: `http://127.0.0.1:${trapPort}/` }).end();
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(2_000_000));
    } else if (req.url === '/slow') {
      // never answers
    } else if (req.url === '/error') {
      res.writeHead(500).end('secret internal page: root password hunter2');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }
  });
  platformPort = await listen(platform);
});

afterAll(async () => {
  platform.closeAllConnections();
  await new Promise((r) => platform.close(r));
  await new Promise((r) => trap.close(r));
});

describe('addresses', () => {
  test.each([
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700::1111', true],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['10.0.0.1', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.251', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    ['::', false],
    ['::1', false],
    ['[::1]', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['fd00:ec2::254', false],
    ['fec0::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', false],
    ['::127.0.0.1', false],
    ['64:ff9b::7f00:1', false],
    ['64:ff9b:1::a00:1', false],
    ['2002:7f00:1::', false],
    ['2001::1', false],
    ['not an address', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  test('an allow-list entry that cannot be read fails at start-up', () => {
    expect(() => parseAllowList('127.0.0.1:4010, 10.0.0.0/33')).toThrow(/CIDR/);
    expect(() => parseAllowList('user@gw.example.com')).toThrow(/host/);
    expect(parseAllowList('127.0.0.1:4010 localhost, 10.0.0.0/8')).toEqual([
      { kind: 'host', host: '127.0.0.1', port: 4010 },
      { kind: 'host', host: 'localhost', port: null },
      { kind: 'cidr', cidr: '10.0.0.0/8' },
    ]);
  });
});

describe('the policy without an allow-list', () => {
  const policy = createOutboundPolicy({ resolve: stubResolve, timeoutMs: 2000 });
  afterAll(() => policy.close());

  // Every spelling of an internal address, each pointing at the trap's port where it can.
  const forms = () => [
    `http://127.0.0.1:${trapPort}/`,
    `https://127.0.0.1:${trapPort}/`,
    `https://2130706433:${trapPort}/`,
    `https://0177.0.0.1:${trapPort}/`,
    `https://017700000001:${trapPort}/`,
    `https://0x7f.0.0.1:${trapPort}/`,
    `https://0x7f000001:${trapPort}/`,
    `https://127.1:${trapPort}/`,
    `https://127.0.0.1.:${trapPort}/`,
    `https://%31%32%37.0.0.1:${trapPort}/`,
    `https://0:${trapPort}/`,
    `https://0.0.0.0:${trapPort}/`,
    `https://[::]:${trapPort}/`,
    `https://[::1]:${trapPort}/`,
    `https://[::ffff:127.0.0.1]:${trapPort}/`,
    `https://[::ffff:7f00:1]:${trapPort}/`,
    `https://[::127.0.0.1]:${trapPort}/`,
    `https://[64:ff9b::7f00:1]:${trapPort}/`,
    `https://localhost:${trapPort}/`,
    `https://app.localhost:${trapPort}/`,
    `https://postgres:${trapPort}/`,
    `https://rebind.example:${trapPort}/`,
    `https://mixed.example:${trapPort}/`,
    `https://mapped.example:${trapPort}/`,
    `https://nat64.example:${trapPort}/`,
    `https://v6.example:${trapPort}/`,
    `https://zero.example:${trapPort}/`,
    `https://metadata.example:${trapPort}/`,
    `https://private.example:${trapPort}/`,
    `https://cgnat.example:${trapPort}/`,
    `https://nowhere.example:${trapPort}/`,
    `https://user:pass@public.example:${trapPort}/`,
    `ftp://public.example:${trapPort}/`,
    `file:///etc/passwd`,
    `gopher://127.0.0.1:${trapPort}/`,
    `http://public.example:${trapPort}/`,
  ];

  test('every internal address form is refused before any connection is made', async () => {
    for (const url of forms()) {
      const error = await policy.request(url).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, url).toBeInstanceOf(OutboundRefused);
    }
    expect(connections).toBe(0);
  });

  test.each([
    'https://10.0.0.1/',
    'https://172.16.0.1/',
    'https://192.168.0.1/',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.64.0.1/',
    'https://224.0.0.1/',
    'https://255.255.255.255/',
    'https://[fe80::1]/',
    'https://[fc00::1]/',
    'https://[fd00:ec2::254]/',
    'https://[2002:a00:1::]/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://0xa9fea9fe/',
    'https://2852039166/',
  ])('%s is refused by the URL check alone (never connected to)', (url) => {
    expect(() => policy.checkUrl(url, 'http')).toThrow(OutboundRefused);
  });

  test('a name is refused when any address it resolves to is internal', async () => {
    const lookup = (host: string) =>
      new Promise<unknown>((resolve) =>
        policy.lookup(host, { all: true }, (error, addresses) => resolve(error ?? addresses)),
      );
    for (const host of ['metadata.example', 'private.example', 'cgnat.example', 'mixed.example']) {
      expect(await lookup(host), host).toBeInstanceOf(OutboundRefused);
    }
    expect(await lookup('public.example')).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  test('https and wss to a public name pass the URL check', () => {
    expect(policy.checkUrl('https://gw-api.pinduoduo.com/api/router', 'http').hostname).toBe(
      'gw-api.pinduoduo.com',
    );
    expect(policy.checkUrl('wss://message-api.pinduoduo.com', 'ws').protocol).toBe('wss:');
    expect(() => policy.checkUrl('https://message-api.pinduoduo.com', 'ws')).toThrow(/wss/);
  });

  test('a WebSocket to a name that resolves inside is refused by its lookup, with no connection', async () => {
    const url = policy.checkUrl(`wss://rebind.example:${trapPort}/`, 'ws');
    const socket = new WebSocket(url, policy.webSocketOptions());
    const error = await new Promise<Error>((resolve) => socket.on('error', resolve));
    expect(outboundReason(error)).toMatch(/not a public/);
    expect(connections).toBe(0);
  });
});

describe('the allow-list', () => {
  // The silent server needs a short timeout; everything else a long one, so a loaded machine cannot
  // turn a slow answer into a "timed out" that the test did not mean.
  const policy = (timeoutMs = 10_000) =>
    createOutboundPolicy({ allow: `127.0.0.1:${platformPort}`, resolve: stubResolve, timeoutMs });

  test('an allow-listed host:port is reached over plain http; its neighbours are not', async () => {
    const p = policy();
    const res = await p.request(`http://127.0.0.1:${platformPort}/ok`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ok: true });
    await expect(p.request(`http://127.0.0.1:${trapPort}/`)).rejects.toBeInstanceOf(OutboundRefused);
    expect(connections).toBe(0);
    await p.close();
  });

  test('a redirect is not followed, even to an allowed host', async () => {
    const p = policy();
    await expect(p.request(`http://127.0.0.1:${platformPort}/redirect`)).rejects.toThrow(/redirect/);
    expect(connections).toBe(0);
    await p.close();
  });

  test('a too large answer and a silent server fail with a short reason', async () => {
    const p = policy();
    const big = await p.request(`http://127.0.0.1:${platformPort}/big`).catch((e: unknown) => e);
    expect(outboundReason(big)).toBe('the answer was larger than allowed');
    await p.close();
    const impatient = policy(500);
    const slow = await impatient.request(`http://127.0.0.1:${platformPort}/slow`).catch((e: unknown) => e);
    expect(outboundReason(slow)).toBe('timed out');
    await impatient.close();
  });

  test('the reason a tenant sees never carries the answer body', async () => {
    const p = policy();
    const res = await p.request(`http://127.0.0.1:${platformPort}/error`);
    expect(res.status).toBe(500);
    const refused = await p.request(`http://127.0.0.1:${trapPort}/`).catch((e: unknown) => e);
    expect(outboundReason(refused)).not.toMatch(/127\.0\.0\.1/);
    expect(outboundReason(new Error('secret internal page: root password hunter2'))).toBe('request failed');
    expect(sanitisedText('bad\u0000token\u202e\n  reason'.padEnd(500, '!'))).toHaveLength(120);
    await p.close();
  });
});

describe('only the allow-list (AFTERCARE_OUTBOUND_ONLY_ALLOWED)', () => {
  test('a public host off the list is refused before any lookup; a listed one is reached', async () => {
    const looked: string[] = [];
    const p = createOutboundPolicy({
      allow: `127.0.0.1:${platformPort}`,
      onlyAllowed: true,
      resolve: async (host) => {
        looked.push(host);
        return stubResolve(host);
      },
    });
    const refused = await p.request('https://public.example/api').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutboundRefused);
    expect((refused as OutboundRefused).refusal).toBe('not_allowed');
    expect(() => p.connectUrl('wss://public.example/message', 'ws')).toThrow(/allow-list/);
    // A form's address check is not the installation's reach: the address itself is fine.
    expect(p.checkUrl('https://public.example/api', 'http').hostname).toBe('public.example');
    expect(looked).toEqual([]);
    // An internal address keeps its own reason: the allow-list rule comes after the address rules.
    expect(() => p.connectUrl('https://10.0.0.7/', 'http')).toThrow(/not a public internet address/);
    const res = await p.request(`http://127.0.0.1:${platformPort}/ok`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    expect(connections).toBe(0);
    await p.close();
  });
});
