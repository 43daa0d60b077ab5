import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import aws4 from 'aws4';
import { Agent, type Dispatcher, request } from 'undici';
import { AppError } from '../shared/app-error.js';
import { type BlobStore, blobKey } from './blob-store.js';

/**
 * Evidence bytes in an S3-compatible bucket (AWS S3, MinIO, Ceph, Alibaba OSS and Tencent COS in
 * their S3 modes), for installations with more than one machine. Requests are signed with AWS
 * Signature V4 (the aws4 package); bodies are streamed both ways, never held whole in memory.
 * The object's SHA-256 is its key, so the upload carries it as x-amz-content-sha256 and the store
 * itself refuses bytes that changed on the way.
 */
export type S3BlobStoreOptions = {
  /** http(s)://host[:port] of the S3 API; path-style addressing (https://host/bucket/key). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix inside the bucket ("aftercare/"), letters, digits, '-', '_' and '/' only. */
  prefix?: string | undefined;
  /** Local folder for files being received before they are hashed. */
  tempDir: string;
  /** Attempts for a request that failed with a network error, 500, 502, 503 or 504 (default 4). */
  attempts?: number | undefined;
  /** First wait between attempts; doubled each time (default 200 ms). */
  retryDelayMs?: number | undefined;
  timeoutMs?: number | undefined;
};

/** The bucket refused or could not be reached: 503 to the caller, the S3 status and code kept for the log. */
export class S3Failure extends AppError {
  constructor(
    readonly operation: string,
    readonly s3Status: number,
    readonly s3Code: string,
    options?: { cause?: unknown },
  ) {
    super(
      'STORAGE_UNAVAILABLE',
      `the evidence store did not answer ${operation} (${s3Status || 'no connection'} ${s3Code}); nothing was changed, try again`,
      options,
    );
    this.name = 'S3Failure';
  }
}

const PREFIX = /^[A-Za-z0-9_\-/]*$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const RETRYABLE = new Set([500, 502, 503, 504]);

export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const endpoint = new URL(options.endpoint);
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
    throw new Error('the S3 endpoint must be an http(s) URL');
  }
  if (!BUCKET.test(options.bucket)) throw new Error('invalid S3 bucket name');
  const prefix = options.prefix ?? '';
  if (!PREFIX.test(prefix) || prefix.includes('..')) throw new Error('invalid S3 key prefix');
  const attempts = options.attempts ?? 4;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const basePath = endpoint.pathname.replace(/\/$/, '');
  const dispatcher: Dispatcher = new Agent({
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connections: 32,
  });
  const credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };

  const pathOf = (tenantId: string, sha256: string) =>
    `${basePath}/${options.bucket}/${prefix}${blobKey(tenantId, sha256)}`;

  /** One signed request; the body (a file) is opened anew for each attempt. */
  async function send(
    operation: string,
    method: 'GET' | 'HEAD' | 'PUT' | 'DELETE',
    path: string,
    body?: { file: string; bytes: number; sha256: string },
  ): Promise<Dispatcher.ResponseData> {
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = {
        'x-amz-content-sha256': body ? body.sha256 : EMPTY_SHA256,
      };
      if (body) {
        headers['content-length'] = String(body.bytes);
        headers['content-type'] = 'application/octet-stream';
      }
      const signed = aws4.sign(
        { host: endpoint.host, path, method, service: 's3', region: options.region, headers },
        credentials,
      );
      try {
        const response = await request(new URL(path, endpoint), {
          method,
          headers: signed.headers as Record<string, string>,
          body: body ? createReadStream(body.file) : null,
          dispatcher,
        });
        if (!RETRYABLE.has(response.statusCode) || attempt >= attempts) return response;
        await response.body.dump();
      } catch (error) {
        if (attempt >= attempts) throw new S3Failure(operation, 0, 'NetworkError', { cause: error });
      }
      await sleep(retryDelayMs * 2 ** (attempt - 1));
    }
  }

  async function fail(operation: string, response: Dispatcher.ResponseData): Promise<never> {
    const text = await response.body.text().catch(() => '');
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? 'UnknownError';
    throw new S3Failure(operation, response.statusCode, code);
  }

  async function has(tenantId: string, sha256: string): Promise<boolean> {
    const response = await send('HEAD', 'HEAD', pathOf(tenantId, sha256));
    await response.body.dump();
    if (response.statusCode === 200) return true;
    if (response.statusCode === 404) return false;
    throw new S3Failure('HEAD', response.statusCode, 'HeadError'); // S3 sends no body on HEAD
  }

  return {
    kind: 's3',
    tempDir: options.tempDir,
    has,
    async putFile(tenantId, sha256, tempPath) {
      // Content-addressed: an object already under this hash holds these bytes.
      if (!(await has(tenantId, sha256))) {
        const { size } = await stat(tempPath);
        const response = await send('PUT', 'PUT', pathOf(tenantId, sha256), {
          file: tempPath,
          bytes: size,
          sha256,
        });
        if (response.statusCode !== 200) await fail('PUT', response);
        await response.body.dump();
      }
      await rm(tempPath, { force: true });
    },
    async open(tenantId, sha256): Promise<Readable | null> {
      const response = await send('GET', 'GET', pathOf(tenantId, sha256));
      if (response.statusCode === 404) {
        await response.body.dump();
        return null;
      }
      if (response.statusCode !== 200) return fail('GET', response);
      return response.body;
    },
    async remove(tenantId, sha256) {
      const response = await send('DELETE', 'DELETE', pathOf(tenantId, sha256));
      if (response.statusCode !== 204 && response.statusCode !== 200 && response.statusCode !== 404) {
        await fail('DELETE', response);
      }
      await response.body.dump();
    },
  };
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
