import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import yauzl from 'yauzl';
import { AppError } from '../shared/app-error.js';
import {
  classifyFile,
  type FileClass,
  judgeZip,
  MAX_UPLOAD_BYTES,
  SIZE_LIMITS,
  ZIP_LIMITS,
  type ZipTotals,
} from './file-rules.js';

export type Received = {
  tempPath: string;
  sha256: string;
  bytes: number;
  fileClass: FileClass;
  mediaType: string;
  ext: string;
};

const HEAD_BYTES = 64 * 1024;
const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

/**
 * Streams a file into the store's temporary folder while hashing it, then judges it by its bytes:
 * type (programs refused), size per type (413), zips that would unpack into a bomb. The caller
 * moves the temporary file into the store or removes it; on refusal it is already removed.
 */
export async function receiveFile(tempDir: string, content: Readable | Buffer): Promise<Received> {
  await mkdir(tempDir, { recursive: true });
  const tempPath = join(tempDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let bytes = 0;
  let head = Buffer.alloc(0);
  let limit = MAX_UPLOAD_BYTES;
  let limitClass: FileClass | null = null;
  const meter = new Transform({
    async transform(chunk: Buffer, _enc, done) {
      try {
        bytes += chunk.length;
        if (head.length < HEAD_BYTES) {
          head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          // As soon as the head says what the file is, its own limit applies (a photo stops at 20 MiB).
          if (!limitClass && head.length >= 4100) {
            const verdict = classifyFile(await fileTypeFromBuffer(head), head, head.length);
            if (verdict.ok) {
              limitClass = verdict.fileClass;
              limit = SIZE_LIMITS[verdict.fileClass];
            }
          }
        }
        if (bytes > limit) {
          const what = limitClass ? `a ${limitClass} file` : 'a file';
          return done(new AppError('PAYLOAD_TOO_LARGE', `${what} may be at most ${mib(limit)}`));
        }
        hash.update(chunk);
        done(null, chunk);
      } catch (error) {
        done(error as Error);
      }
    },
  });
  const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
  try {
    await pipeline(source, meter, createWriteStream(tempPath));
    // @fastify/multipart truncates at its own limit and flags the stream instead of failing it.
    if ((source as Readable & { truncated?: boolean }).truncated) {
      throw new AppError('PAYLOAD_TOO_LARGE', `a file may be at most ${mib(MAX_UPLOAD_BYTES)}`);
    }
    const detected = bytes >= head.length && bytes > 0 ? await fileTypeFromFile(tempPath) : undefined;
    const verdict = classifyFile(detected, head, bytes);
    if (!verdict.ok) {
      throw new AppError(verdict.code === 'EMPTY_FILE' ? 'EMPTY_FILE' : verdict.code, verdict.message);
    }
    if (bytes > SIZE_LIMITS[verdict.fileClass]) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `a ${verdict.fileClass} file may be at most ${mib(SIZE_LIMITS[verdict.fileClass])}; this one is ${mib(bytes)}`,
      );
    }
    if (verdict.fileClass === 'archive' || verdict.fileClass === 'document') {
      const refusal = judgeZip(await inspectZip(tempPath, bytes));
      if (refusal) throw new AppError('ZIP_BOMB', refusal);
    }
    return {
      tempPath,
      sha256: hash.digest('hex'),
      bytes,
      fileClass: verdict.fileClass,
      mediaType: verdict.mediaType,
      ext: verdict.ext,
    };
  } catch (error) {
    await rm(tempPath, { force: true });
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', `a file may be at most ${mib(MAX_UPLOAD_BYTES)}`);
    }
    throw error;
  }
}

/**
 * The zip's directory totals, then every entry inflated against the budget: yauzl fails an entry
 * whose real size differs from the directory, so a lying directory cannot hide a bomb.
 */
export async function inspectZip(path: string, packedBytes: number): Promise<ZipTotals> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, z) =>
      err || !z ? reject(badZip(err)) : resolve(z),
    ),
  );
  const totals: ZipTotals = { entries: 0, packedBytes, unpackedBytes: 0, nestedArchives: 0 };
  try {
    const entries: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        totals.entries++;
        totals.unpackedBytes += entry.uncompressedSize;
        if (/\.(zip|rar|7z|gz|tar)$/i.test(entry.fileName)) totals.nestedArchives++;
        if (!entry.fileName.endsWith('/')) entries.push(entry);
        if (totals.entries > ZIP_LIMITS.maxEntries || totals.unpackedBytes > ZIP_LIMITS.maxUnpackedBytes) {
          return resolve();
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (e: Error) => reject(badZip(e)));
      zip.readEntry();
    });
    if (judgeZip(totals)) return totals;
    for (const entry of entries) {
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err || !s ? reject(badZip(err)) : resolve(s))),
      );
      try {
        for await (const _chunk of stream) {
          // drained: yauzl counts and compares with the directory
        }
      } catch (error) {
        throw badZip(error as Error);
      }
    }
    return totals;
  } finally {
    zip.close();
  }
}

const badZip = (cause: Error | null) =>
  new AppError('UNPROCESSABLE', `the zip cannot be read: ${cause?.message ?? 'damaged'}`, { cause });
