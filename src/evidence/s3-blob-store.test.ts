import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../http/test-app.js';
import { type BlobStore, blobKey, hashStored, readStored } from './blob-store.js';
import { type FakeS3, startFakeS3 } from './fake-s3.js';
import { createS3BlobStore, S3Failure } from './s3-blob-store.js';
import { aPdf, aPhoto, uploadEvidence } from './test-files.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const tenant = randomUUID();
let s3: FakeS3;
let store: BlobStore;
let temp: string;

function storeFor(fake: FakeS3, overrides: { secretAccessKey?: string; attempts?: number } = {}) {
  return createS3BlobStore({
    endpoint: fake.url,
    bucket: fake.bucket,
    region: fake.region,
    accessKeyId: fake.accessKeyId,
    secretAccessKey: overrides.secretAccessKey ?? fake.secretAccessKey,
    prefix: 'aftercare/',
    tempDir: temp,
    attempts: overrides.attempts ?? 3,
    retryDelayMs: 5,
  });
}

/** A temporary file as the receiver leaves it: bytes under a random name. */
function aTempFile(bytes: Buffer): string {
  const path = join(temp, `${randomUUID()}.part`);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  s3 = await startFakeS3();
  temp = mkdtempSync(join(tmpdir(), 'aftercare-s3-temp-'));
  store = storeFor(s3);
});
afterAll(async () => {
  await s3.close();
});

describe('S3 blob store', () => {
  test('a file goes up under its hash and comes back byte for byte; the temporary file is gone', async () => {
    const bytes = randomBytes(300_000);
    const path = aTempFile(bytes);
    await store.putFile(tenant, sha(bytes), path);
    expect(existsSync(path)).toBe(false);
    expect(s3.keys()).toContain(`aftercare/${blobKey(tenant, sha(bytes))}`);
    expect(await store.has(tenant, sha(bytes))).toBe(true);
    expect(sha((await readStored(store, tenant, sha(bytes))) as Buffer)).toBe(sha(bytes));

    await store.remove(tenant, sha(bytes));
    expect(await store.has(tenant, sha(bytes))).toBe(false);
    expect(await store.open(tenant, sha(bytes))).toBeNull();
  });

  test('the same hash twice is uploaded once', async () => {
    const bytes = randomBytes(1000);
    await store.putFile(tenant, sha(bytes), aTempFile(bytes));
    const second = aTempFile(bytes);
    await store.putFile(tenant, sha(bytes), second);
    expect(existsSync(second)).toBe(false);
    const puts = s3.log.filter((l) => l.method === 'PUT' && l.key.endsWith(sha(bytes)));
    expect(puts).toHaveLength(1);
  });

  test('a request signed with the wrong secret is refused by the server and nothing is stored', async () => {
    const wrong = storeFor(s3, { secretAccessKey: 'not-the-secret' });
    const bytes = randomBytes(100);
    const failure = await wrong.putFile(tenant, sha(bytes), aTempFile(bytes)).catch((e) => e);
    expect(failure).toBeInstanceOf(S3Failure);
    expect(failure).toMatchObject({ s3Status: 403, status: 503 }); // HEAD errors have no body
    expect(await store.has(tenant, sha(bytes))).toBe(false);
    await store.putFile(tenant, sha(bytes), aTempFile(bytes));
    await expect(wrong.open(tenant, sha(bytes))).rejects.toMatchObject({
      s3Status: 403,
      s3Code: 'SignatureDoesNotMatch',
    });
  });

  test('bytes that are not the ones hashed are refused by the server (XAmzContentSHA256Mismatch)', async () => {
    const bytes = randomBytes(5000);
    const claimed = sha(randomBytes(10));
    const path = aTempFile(bytes);
    const failure = await store.putFile(tenant, claimed, path).catch((e) => e);
    expect(failure).toMatchObject({ s3Status: 400, s3Code: 'XAmzContentSHA256Mismatch' });
    expect(await store.has(tenant, claimed)).toBe(false);
    expect(existsSync(path)).toBe(true); // kept for the caller to clean up or retry
  });

  test('503 SlowDown and 500 are retried; a lasting failure is reported, not swallowed', async () => {
    const bytes = randomBytes(2000);
    s3.failNext('PUT', 503, 2);
    await store.putFile(tenant, sha(bytes), aTempFile(bytes));
    expect(sha((await readStored(store, tenant, sha(bytes))) as Buffer)).toBe(sha(bytes));

    s3.failNext('GET', 500, 3);
    const failure = await store.open(tenant, sha(bytes)).catch((e) => e);
    expect(failure).toMatchObject({ s3Status: 500, s3Code: 'InternalError' });
    expect(sha((await readStored(store, tenant, sha(bytes))) as Buffer)).toBe(sha(bytes));
  });

  test('a download cut half-way is an error, never a short file taken as whole', async () => {
    const bytes = randomBytes(400_000);
    await store.putFile(tenant, sha(bytes), aTempFile(bytes));
    s3.cutNextDownload();
    await expect(hashStored(store, tenant, sha(bytes))).rejects.toThrow();
    expect(await hashStored(store, tenant, sha(bytes))).toEqual({ sha256: sha(bytes), bytes: bytes.length });
  });

  test('downloads stream: the first bytes are read while the server still holds the rest', async () => {
    const bytes = randomBytes(2_000_000);
    await store.putFile(tenant, sha(bytes), aTempFile(bytes));
    const hold = s3.holdNextDownload();
    const stream = await store.open(tenant, sha(bytes));
    await hold.firstChunkSent;
    const first = await new Promise<Buffer>((resolve) => stream?.once('data', resolve));
    expect(first.length).toBeLessThan(bytes.length);
    hold.release();
    let rest = first.length;
    for await (const chunk of stream as AsyncIterable<Buffer>) rest += chunk.length;
    expect(rest).toBe(bytes.length);
  });

  test('uploads stream from the file: the server receives the body in many chunks', async () => {
    const bytes = randomBytes(8_000_000);
    await store.putFile(tenant, sha(bytes), aTempFile(bytes));
    const put = s3.log.find((l) => l.method === 'PUT' && l.key.endsWith(sha(bytes)));
    expect(put?.chunks).toBeGreaterThan(10);
  });

  test('an unreachable bucket is STORAGE_UNAVAILABLE after the retries', async () => {
    const closed = await startFakeS3();
    const gone = storeFor(closed, { attempts: 2 });
    await closed.close();
    await expect(gone.has(tenant, sha(Buffer.from('x')))).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      s3Code: 'NetworkError',
    });
  });

  test('bad settings are refused at start', () => {
    expect(() => createS3BlobStore({ ...settings(), bucket: 'A_B' })).toThrow(/bucket/);
    expect(() => createS3BlobStore({ ...settings(), prefix: '../x' })).toThrow(/prefix/);
    expect(() => createS3BlobStore({ ...settings(), endpoint: 'ftp://127.0.0.1' })).toThrow(/http/);
  });
});

function settings() {
  return {
    endpoint: s3.url,
    bucket: s3.bucket,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    tempDir: temp,
  };
}

describe('evidence on S3 through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ blobs: storeFor(s3) });
  });

  test('upload, content, and verify naming a file whose bytes changed in the bucket', async () => {
    const a = await t.signup('S3A');
    const shop = await a.request('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖音小店',
      appKey: `k-${Math.random()}`,
      appSecret: 's',
    });
    const order = await a.request('POST', '/api/v1/orders', {
      shopId: shop.json().id,
      externalId: `DY-${Math.random().toString(36).slice(2)}`,
      items: [{ name: '银手镯', quantity: 1, unitPriceFen: 12800, paidFen: 12800 }],
    });
    const orderId = order.json().id as string;
    const photo = await aPhoto();
    const pdf = aPdf();
    const first = await uploadEvidence(t, a, { orderId }, { name: '照片.jpg', bytes: photo });
    expect(first.statusCode, first.body).toBe(201);
    const second = await uploadEvidence(t, a, { orderId }, { name: '发票.pdf', bytes: pdf });
    expect(second.statusCode, second.body).toBe(201);
    expect(s3.keys()).toContain(`aftercare/${blobKey(a.tenantId, sha(photo))}`);

    const content = await a.request('GET', `/api/v1/evidence/${first.json().id}/content`);
    expect(content.statusCode).toBe(200);
    expect(sha(content.rawPayload)).toBe(sha(photo));
    expect((await a.request('GET', '/api/v1/evidence/verify')).json()).toMatchObject({
      ok: true,
      firstBreak: null,
    });

    await s3.overwrite(`aftercare/${blobKey(a.tenantId, sha(pdf))}`, Buffer.from('changed'));
    const report = (await a.request('GET', '/api/v1/evidence/verify')).json();
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report.firstBreak)).toContain(second.json().id);
  });

  test('the bucket refusing uploads is a clear 5xx answer, and nothing is recorded', async () => {
    const a = await t.signup('S3B');
    const shop = await a.request('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖音小店',
      appKey: `k-${Math.random()}`,
      appSecret: 's',
    });
    const order = await a.request('POST', '/api/v1/orders', {
      shopId: shop.json().id,
      externalId: `DY-${Math.random().toString(36).slice(2)}`,
      items: [{ name: '银手镯', quantity: 1, unitPriceFen: 12800, paidFen: 12800 }],
    });
    s3.failNext('PUT', 503, 3);
    const res = await uploadEvidence(t, a, { orderId: order.json().id }, { name: 'x.pdf', bytes: aPdf() });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('STORAGE_UNAVAILABLE');
    const list = await a.request('GET', `/api/v1/evidence?orderId=${order.json().id}`);
    expect(list.json().items).toHaveLength(0);
  });
});
