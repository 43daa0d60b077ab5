import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import type { FileClass } from './file-rules.js';

export type Shareable =
  | { location: 'none_found' | 'not_applicable' }
  | { location: 'removed'; tempPath: string; sha256: string; bytes: number }
  | { location: 'unremovable'; reason: string };

const REENCODABLE = new Set(['jpg', 'png', 'webp', 'tif', 'avif', 'heic']);

/**
 * The copy that may leave the shop: a photo with EXIF GPS is re-encoded by sharp (which writes no
 * metadata unless asked), turned upright first so it looks as the original did. Photos without a
 * position are shareable as they are. The original is never changed.
 */
export async function makeShareable(
  path: string,
  fileClass: FileClass,
  ext: string,
  tempDir: string,
): Promise<Shareable> {
  if (fileClass !== 'image') return { location: 'not_applicable' };
  let gps: { latitude?: number; longitude?: number } | undefined;
  try {
    gps = await exifr.gps(path);
  } catch {
    gps = undefined; // no readable EXIF block: nothing to remove
  }
  if (!gps || (gps.latitude === undefined && gps.longitude === undefined)) return { location: 'none_found' };
  if (!REENCODABLE.has(ext)) return { location: 'unremovable', reason: `cannot re-encode .${ext}` };
  try {
    const image = sharp(path, { failOn: 'none' }).rotate();
    const output =
      ext === 'png'
        ? await image.png().toBuffer()
        : ext === 'webp'
          ? await image.webp({ quality: 92 }).toBuffer()
          : await image.jpeg({ quality: 92, mozjpeg: false }).toBuffer();
    const tempPath = join(tempDir, `${randomUUID()}.share`);
    await writeFile(tempPath, output);
    return {
      location: 'removed',
      tempPath,
      sha256: createHash('sha256').update(output).digest('hex'),
      bytes: output.length,
    };
  } catch (error) {
    return { location: 'unremovable', reason: (error as Error).message };
  }
}

/** The re-encoded copy keeps PNG and WebP; everything else becomes JPEG. */
export const shareableMediaType = (originalMediaType: string) =>
  originalMediaType === 'image/png' || originalMediaType === 'image/webp' ? originalMediaType : 'image/jpeg';
