import { imageSize } from 'image-size';

/** Bytes of an image file's start that are enough to hold its size (JPEG SOF is usually early). */
export const IMAGE_HEADER_MAX_BYTES = 256 * 1024;

/**
 * Width and height from the start of an image file (PNG, JPEG, GIF, WebP, BMP… via image-size);
 * null when the bytes are not an image it knows or the header is cut before the size.
 */
export function sizeFromHeader(bytes: Uint8Array): { width: number; height: number } | null {
  try {
    const { width, height, orientation } = imageSize(bytes);
    if (!width || !height) return null;
    // EXIF orientations 5–8 turn the picture a quarter: the shown width is the stored height.
    return orientation && orientation >= 5 ? { width: height, height: width } : { width, height };
  } catch {
    return null;
  }
}
