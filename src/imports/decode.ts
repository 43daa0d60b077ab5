import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { AppError } from '../shared/app-error.js';

/** Encodings a merchant can name; 'auto' detects. GBK and GB2312 are read as GB18030, their superset. */
export const TEXT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le', 'utf-16be', 'big5'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export type Decoded = { text: string; encoding: Exclude<TextEncoding, 'auto'>; bom: boolean };

const BOMS: { bytes: number[]; encoding: Decoded['encoding'] }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// Control characters other than tab, newline and carriage return do not occur in a real export.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function looksLikeText(text: string): boolean {
  return !text.includes('\uFFFD') && !CONTROL.test(text);
}

/** What jschardet names, mapped to what we decode with; unknown names are not guessed at. */
function fromDetector(name: string | null | undefined): Decoded['encoding'] | null {
  switch ((name ?? '').toLowerCase()) {
    case 'gb2312':
    case 'gbk':
    case 'gb18030':
      return 'gb18030';
    case 'big5':
      return 'big5';
    case 'utf-16le':
      return 'utf-16le';
    case 'utf-16be':
      return 'utf-16be';
    default:
      return null;
  }
}

/**
 * Decodes a CSV export to text. A BOM decides; else valid UTF-8 is UTF-8; else the detector's
 * Chinese guess (GBK exports from Chinese back-offices are the usual case), falling back to GB18030.
 * A declared encoding that does not fit the bytes is refused with the encoding that would.
 */
export function decodeText(bytes: Uint8Array, declared: TextEncoding = 'auto'): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => buffer[i] === byte));
  if (declared !== 'auto') {
    const text = iconv.decode(buffer, declared); // strips a matching BOM
    if (!looksLikeText(text) || (bom && bom.encoding !== declared)) {
      const guess = bom?.encoding ?? detect(buffer)?.encoding;
      throw new AppError(
        'UNPROCESSABLE',
        `the file is not valid ${declared}${guess && guess !== declared ? `; it looks like ${guess}` : ''} ` +
          '(choose the encoding "auto" or the right one)',
      );
    }
    return { text, encoding: declared, bom: Boolean(bom) };
  }
  if (bom) {
    const text = iconv.decode(buffer, bom.encoding);
    if (!looksLikeText(text)) throw notText();
    return { text, encoding: bom.encoding, bom: true };
  }
  const found = detect(buffer);
  if (!found) throw notText();
  return { ...found, bom: false };
}

/**
 * Lines that are UTF-8 (with non-ASCII text) in a file that as a whole is not: a file pasted
 * together from a UTF-8 and a GBK export. Decoding it either way garbles one part, so it is refused.
 */
export function utf8LinesOfMixedFile(buffer: Buffer): number[] {
  const lines: number[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= buffer.length; i++) {
    if (i === buffer.length || buffer[i] === 0x0a) {
      const part = buffer.subarray(start, i);
      if (part.some((b) => b >= 0x80) && isUtf8(part)) lines.push(line);
      start = i + 1;
      line++;
    }
  }
  return lines;
}

function detect(buffer: Buffer): { text: string; encoding: Decoded['encoding'] } | null {
  if (isUtf8(buffer)) {
    const text = buffer.toString('utf8');
    return looksLikeText(text) ? { text, encoding: 'utf-8' } : null;
  }
  const utf8Lines = utf8LinesOfMixedFile(buffer);
  if (utf8Lines.length) {
    const shown = utf8Lines.slice(0, 10).join(', ');
    throw new AppError(
      'UNPROCESSABLE',
      `the file mixes encodings: line${utf8Lines.length > 1 ? 's' : ''} ${shown}${utf8Lines.length > 10 ? ' …' : ''} ` +
        'are UTF-8 and the rest is not (GBK?); nothing was imported: save the whole file again in one encoding',
    );
  }
  const guessed = fromDetector(jschardet.detect(buffer.subarray(0, 64 * 1024)).encoding);
  // The detector's confidence on short Chinese text is low; GB18030 decodes every GBK byte pair.
  for (const encoding of [guessed, 'gb18030' as const]) {
    if (!encoding) continue;
    const text = iconv.decode(buffer, encoding);
    if (looksLikeText(text)) return { text, encoding };
  }
  return null;
}

const notText = () =>
  new AppError(
    'UNPROCESSABLE',
    'the file cannot be read as text in UTF-8 or GBK/GB18030: export it again as CSV (UTF-8) or XLSX',
  );
