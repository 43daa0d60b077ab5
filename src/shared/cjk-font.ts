import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);
let cached: Buffer | null = null;

/**
 * Noto Sans SC (SIL OFL) for PDFs with Chinese: shipped by the npm package @fontsource/noto-sans-sc
 * as one WOFF holding every glyph, so no system font is needed. pdfkit's fontkit cannot read that
 * WOFF's cmap, so it is unpacked to a plain OpenType font once (≈ 50 ms) and kept.
 */
export function cjkFont(): Buffer {
  if (!cached) {
    const path = require.resolve('@fontsource/noto-sans-sc/files/noto-sans-sc-all-400-normal.woff');
    cached = woffToSfnt(readFileSync(path));
  }
  return cached;
}

/** WOFF 1.0 → SFNT: each table inflated when compressed, written back with a fresh directory. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const o = 44 + i * 20;
    const offset = woff.readUInt32BE(o + 4);
    const packed = woff.readUInt32BE(o + 8);
    const size = woff.readUInt32BE(o + 12);
    const raw = woff.subarray(offset, offset + packed);
    return {
      tag: woff.readUInt32BE(o),
      checksum: woff.readUInt32BE(o + 16),
      data: packed < size ? inflateSync(raw) : raw,
    };
  });
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = header.length;
  const bodies: Buffer[] = [];
  tables.forEach((t, i) => {
    const o = 12 + i * 16;
    header.writeUInt32BE(t.tag, o);
    header.writeUInt32BE(t.checksum, o + 4);
    header.writeUInt32BE(offset, o + 8);
    header.writeUInt32BE(t.data.length, o + 12);
    const pad = (4 - (t.data.length % 4)) % 4;
    bodies.push(t.data, Buffer.alloc(pad));
    offset += t.data.length + pad;
  });
  return Buffer.concat([header, ...bodies]);
}
