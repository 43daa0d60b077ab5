import { deflateSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { sizeFromHeader } from './image-header.js';

/** A real (tiny) PNG header: signature and IHDR chunk of the given size. */
function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const chunk = Buffer.concat([Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.alloc(4)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk,
    deflateSync(Buffer.alloc(1)),
  ]);
}

test('the size is read from a PNG header', () => {
  expect(sizeFromHeader(pngHeader(800, 600))).toEqual({ width: 800, height: 600 });
});

test('bytes that are not an image give no size', () => {
  expect(sizeFromHeader(Buffer.from('not an image at all'))).toBeNull();
  expect(sizeFromHeader(new Uint8Array())).toBeNull();
});
