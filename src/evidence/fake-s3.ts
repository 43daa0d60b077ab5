import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A strict S3 stand-in on loopback for tests: path-style GET/HEAD/PUT/DELETE on one bucket, checked
 * the way S3 checks them — its own Signature V4 verification (not the client's signer), the request
 * time within 15 minutes, Content-Length required on PUT, the x-amz-content-sha256 payload hash
 * compared with the bytes received (XAmzContentSHA256Mismatch), S3's XML errors. Objects are
 * written to disk as they stream in and streamed out. Failures can be injected per operation.
 */
export type FakeS3 = {
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Requests seen, by operation and status. */
  log: { method: string; key: string; status: number; chunks: number }[];
  /** The next `times` requests of this method answer `status` (503 SlowDown, 500 InternalError …). */
  failNext(method: string, status: number, times?: number): void;
  /** The next GET sends half the object and then drops the connection. */
  cutNextDownload(): void;
  /** The next GET sends its first chunk and waits until `release()` before the rest. */
  holdNextDownload(): { release: () => void; firstChunkSent: Promise<void> };
  /** Changes stored bytes behind the client's back (what verify must notice). */
  overwrite(key: string, bytes: Buffer): Promise<void>;
  keys(): string[];
  close(): Promise<void>;
};

type Failure = { method: string; status: number; left: number };

const CODES: Record<number, string> = {
  500: 'InternalError',
  503: 'SlowDown',
  403: 'AccessDenied',
};

export async function startFakeS3(
  options: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string } = {},
): Promise<FakeS3> {
  const bucket = options.bucket ?? 'evidence';
  const region = options.region ?? 'cn-test-1';
  const accessKeyId = options.accessKeyId ?? 'AKFAKES3TEST';
  const secretAccessKey = options.secretAccessKey ?? 'fake-s3-secret-key-for-tests-only';
  const root = await mkdtemp(join(tmpdir(), 'fake-s3-'));
  const objects = new Map<string, { file: string; bytes: number; etag: string }>();
  const failures: Failure[] = [];
  const log: FakeS3['log'] = [];
  let cutDownloads = 0;
  let held: { release: () => void; sent: () => void; released: Promise<void> } | null = null;
  let counter = 0;

  const xmlError = (res: ServerResponse, status: number, code: string, method: string) => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code}</Message></Error>`;
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(method === 'HEAD' ? undefined : body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, bucketName, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const record = (status: number, chunks = 0) => log.push({ method, key, status, chunks });
    const refuse = async (status: number, code: string) => {
      req.resume();
      record(status);
      xmlError(res, status, code, method);
    };

    const failure = failures.find((f) => f.method === method && f.left > 0);
    if (failure) {
      failure.left--;
      return refuse(failure.status, CODES[failure.status] ?? 'InternalError');
    }
    const auth = checkSignature(req, url, { accessKeyId, secretAccessKey, region });
    if (auth) return refuse(403, auth);
    if (bucketName !== bucket) return refuse(404, 'NoSuchBucket');
    if (!key) return refuse(400, 'InvalidRequest');

    if (method === 'PUT') {
      const declared = req.headers['content-length'];
      if (declared === undefined) return refuse(411, 'MissingContentLength');
      const payloadHash = String(req.headers['x-amz-content-sha256']);
      const temp = join(root, `upload-${++counter}`);
      const hash = createHash('sha256');
      let bytes = 0;
      let chunks = 0;
      const out = createWriteStream(temp);
      for await (const chunk of req) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
        chunks++;
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      await new Promise<void>((resolve, reject) =>
        out.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
      const digest = hash.digest('hex');
      if (bytes !== Number(declared)) {
        await rm(temp, { force: true });
        return refuse(400, 'IncompleteBody');
      }
      if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== digest) {
        await rm(temp, { force: true });
        return refuse(400, 'XAmzContentSHA256Mismatch');
      }
      const file = join(root, `object-${++counter}`);
      await rename(temp, file);
      const previous = objects.get(key);
      objects.set(key, { file, bytes, etag: createHash('md5').update(digest).digest('hex') });
      if (previous) await rm(previous.file, { force: true });
      record(200, chunks);
      res.writeHead(200, { etag: `"${objects.get(key)?.etag}"` });
      return res.end();
    }

    const object = objects.get(key);
    if (method === 'DELETE') {
      if (object) {
        objects.delete(key);
        await rm(object.file, { force: true });
      }
      record(204);
      res.writeHead(204);
      return res.end();
    }
    if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'MethodNotAllowed');
    if (!object) return refuse(404, 'NoSuchKey');
    const { size } = await stat(object.file);
    res.writeHead(200, {
      'content-length': String(size),
      'content-type': 'application/octet-stream',
      etag: `"${object.etag}"`,
    });
    record(200);
    if (method === 'HEAD') return res.end();
    if (cutDownloads > 0) {
      cutDownloads--;
      const half = createReadStream(object.file, { end: Math.max(0, Math.floor(size / 2) - 1) });
      for await (const chunk of half) res.write(chunk);
      return res.destroy();
    }
    const hold = held;
    held = null;
    let first = true;
    for await (const chunk of createReadStream(object.file, { highWaterMark: 64 * 1024 })) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      if (first && hold) {
        first = false;
        hold.sent();
        await hold.released;
      }
    }
    res.end();
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) xmlError(res, 500, 'InternalError', req.method ?? 'GET');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    log,
    failNext(method, status, times = 1) {
      failures.push({ method, status, left: times });
    },
    cutNextDownload() {
      cutDownloads++;
    },
    holdNextDownload() {
      let release = () => {};
      let sent = () => {};
      const released = new Promise<void>((r) => {
        release = r;
      });
      const firstChunkSent = new Promise<void>((r) => {
        sent = r;
      });
      held = { release, sent, released };
      return { release, firstChunkSent };
    },
    async overwrite(key, bytes) {
      const object = objects.get(key);
      if (!object) throw new Error(`no object ${key}`);
      await new Promise<void>((resolve, reject) =>
        createWriteStream(object.file).end(bytes, (e?: Error | null) => (e ? reject(e) : resolve())),
      );
    },
    keys: () => [...objects.keys()],
    async close() {
      held?.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** S3's Signature V4 check, written from the specification: null when the request is signed right. */
function checkSignature(
  req: IncomingMessage,
  url: URL,
  keys: { accessKeyId: string; secretAccessKey: string; region: string },
): string | null {
  const authorization = req.headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return 'AccessDenied';
  const [, accessKeyId, day, region, signedHeaders, signature] = match as unknown as string[];
  if (accessKeyId !== keys.accessKeyId) return 'InvalidAccessKeyId';
  if (region !== keys.region) return 'AuthorizationHeaderMalformed';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const at = Date.parse(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (!Number.isFinite(at) || !amzDate.startsWith(day as string)) return 'AccessDenied';
  if (Math.abs(Date.now() - at) > 15 * 60_000) return 'RequestTimeTooSkewed';
  const names = (signedHeaders as string).split(';');
  if (!names.includes('host') || !names.includes('x-amz-content-sha256')) return 'AccessDenied';
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`)
    .sort()
    .join('&');
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    req.method,
    url.pathname,
    query,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${keys.secretAccessKey}`, day as string), region as string), 's3'),
    'aws4_request',
  );
  const expected = hmac(signingKey, stringToSign);
  const given = Buffer.from(signature as string, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? null
    : 'SignatureDoesNotMatch';
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
