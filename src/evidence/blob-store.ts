import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const SHA256 = /^[0-9a-f]{64}$/;
const TENANT = /^[0-9a-f-]{36}$/;

/**
 * Where evidence bytes live, addressed by tenant and SHA-256 (so a file is stored once per tenant).
 * DATA_DIR/blobs by default; an S3-compatible bucket (s3-blob-store.ts) for several machines.
 */
export type BlobStore = {
  readonly kind: 'fs' | 's3';
  /** Moves a finished temporary file into the store under its hash; a hash already there is kept. */
  putFile(tenantId: string, sha256: string, tempPath: string): Promise<void>;
  has(tenantId: string, sha256: string): Promise<boolean>;
  /** The stored bytes as a stream; null when the blob is missing. */
  open(tenantId: string, sha256: string): Promise<Readable | null>;
  remove(tenantId: string, sha256: string): Promise<void>;
  /** Where temporary files are received before they are hashed (a local folder for every kind). */
  readonly tempDir: string;
};

export function blobKey(tenantId: string, sha256: string): string {
  // Never a path from input: both parts are checked, so no key can climb out of the store.
  if (!TENANT.test(tenantId) || !SHA256.test(sha256)) throw new Error('invalid blob key');
  return `${tenantId}/${sha256.slice(0, 2)}/${sha256}`;
}

export function createFsBlobStore(root: string): BlobStore {
  const pathOf = (tenantId: string, sha256: string) => join(root, blobKey(tenantId, sha256));
  const tempDir = join(root, 'tmp');
  return {
    kind: 'fs',
    tempDir,
    async putFile(tenantId, sha256, tempPath) {
      const target = pathOf(tenantId, sha256);
      if (await exists(target)) {
        await rm(tempPath, { force: true });
        return;
      }
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(tempPath, target); // atomic: a reader sees the whole file or none
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        await copyFile(tempPath, `${target}.part`);
        await rename(`${target}.part`, target);
        await rm(tempPath, { force: true });
      }
    },
    has: (tenantId, sha256) => exists(pathOf(tenantId, sha256)),
    async open(tenantId, sha256) {
      const path = pathOf(tenantId, sha256);
      if (!(await exists(path))) return null;
      return createReadStream(path);
    },
    async remove(tenantId, sha256) {
      await rm(pathOf(tenantId, sha256), { force: true });
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** SHA-256 and size of what the store holds now: the custody check that names a changed file. */
export async function hashStored(
  store: BlobStore,
  tenantId: string,
  sha256: string,
): Promise<{ sha256: string; bytes: number } | null> {
  const stream = await store.open(tenantId, sha256);
  if (!stream) return null;
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(stream, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  });
  return { sha256: hash.digest('hex'), bytes };
}

export async function readStored(store: BlobStore, tenantId: string, sha256: string): Promise<Buffer | null> {
  const stream = await store.open(tenantId, sha256);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
