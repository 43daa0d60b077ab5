import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Platform } from '../channels/channel.js';
import { verifyDouyinApi } from '../channels/douyin/signature.js';
import { verifyPddApi } from '../channels/pinduoduo/signature.js';
import { verifyTop } from '../channels/taobao/signature.js';
import { verifyTiktokApi } from '../channels/tiktok/signature.js';

export type ReceivedCall = {
  platform: Platform;
  path: string;
  query: Record<string, string>;
  body: string;
  /** The business parameters as the platform reads them. */
  params: Record<string, unknown>;
  signatureOk: boolean;
};

/**
 * A stand-in for the four platforms' open APIs on 127.0.0.1 (tests only): checks each request's
 * signature with the shop's credentials, records it, and answers as told (`respond`).
 */
export type FakePlatform = {
  url: string;
  calls: ReceivedCall[];
  /** Decides the answer: default 200 with the platform's success body. */
  respond: (call: ReceivedCall) => { status: number; body: unknown } | undefined;
  close(): Promise<void>;
};

export async function startFakePlatform(
  credentials: (platform: Platform) => { appKey: string; appSecret: string } | undefined,
): Promise<FakePlatform> {
  const fake: FakePlatform = {
    url: '',
    calls: [],
    respond: () => undefined,
    close: async () => {},
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, platform, ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const query = Object.fromEntries(url.searchParams);
    const creds = credentials(platform as Platform);
    let params: Record<string, unknown> = {};
    let signatureOk = false;
    try {
      if (creds) {
        switch (platform) {
          case 'douyin': {
            params = JSON.parse(body);
            signatureOk = verifyDouyinApi({
              appKey: creds.appKey,
              appSecret: creds.appSecret,
              method: query.method ?? '',
              params,
              timestamp: query.timestamp ?? '',
              sign: query.sign,
            });
            break;
          }
          case 'pinduoduo':
            params = JSON.parse(body);
            signatureOk = verifyPddApi(params, creds.appSecret);
            break;
          case 'tiktok': {
            const { sign, ...q } = query;
            params = JSON.parse(body);
            signatureOk = verifyTiktokApi({ appSecret: creds.appSecret, path, query: q, body, sign });
            break;
          }
          case 'taobao':
            params = Object.fromEntries(new URLSearchParams(body));
            signatureOk = verifyTop(params, creds.appSecret, params.sign as string);
            break;
        }
      }
    } catch {
      signatureOk = false;
    }
    const call: ReceivedCall = { platform: platform as Platform, path, query, body, params, signatureOk };
    fake.calls.push(call);
    const answer = signatureOk
      ? (fake.respond(call) ?? { status: 200, body: successBody(platform as Platform) })
      : { status: 401, body: { code: 40001, msg: 'invalid signature' } };
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

const successBody = (platform: Platform) =>
  platform === 'taobao' || platform === 'pinduoduo'
    ? { result: { success: true } }
    : { code: 0, msg: 'success' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
