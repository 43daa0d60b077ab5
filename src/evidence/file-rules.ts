import type { EvidenceKind } from '../db/schema/evidence.js';

export const FILE_CLASSES = ['image', 'video', 'audio', 'pdf', 'document', 'archive', 'text'] as const;
export type FileClass = (typeof FILE_CLASSES)[number];

const MiB = 1024 * 1024;
/** Largest file accepted per class (bytes). A platform takes far less; this bounds our disk and memory. */
export const SIZE_LIMITS: Record<FileClass, number> = {
  image: 20 * MiB,
  video: 200 * MiB,
  audio: 50 * MiB,
  pdf: 50 * MiB,
  document: 50 * MiB,
  archive: 100 * MiB,
  text: 10 * MiB,
};
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(SIZE_LIMITS));

// By the extension file-type gives for the bytes (never the file's name).
const CLASS_OF_EXT: Record<string, FileClass> = {
  jpg: 'image',
  png: 'image',
  gif: 'image',
  webp: 'image',
  heic: 'image',
  avif: 'image',
  bmp: 'image',
  tif: 'image',
  mp4: 'video',
  mov: 'video',
  webm: 'video',
  avi: 'video',
  mkv: 'video',
  '3gp': 'video',
  m4v: 'video',
  flv: 'video',
  mp3: 'audio',
  m4a: 'audio',
  wav: 'audio',
  amr: 'audio',
  aac: 'audio',
  ogg: 'audio',
  oga: 'audio',
  opus: 'audio',
  flac: 'audio',
  pdf: 'pdf',
  docx: 'document',
  xlsx: 'document',
  pptx: 'document',
  odt: 'document',
  ods: 'document',
  zip: 'archive',
  xml: 'text',
};

/** Programs and installers, whatever their names say; named so the refusal can say what it saw. */
const EXECUTABLES: Record<string, string> = {
  exe: 'a Windows program (PE)',
  elf: 'a Linux program (ELF)',
  macho: 'a macOS program (Mach-O)',
  wasm: 'a WebAssembly module',
  apk: 'an Android app (APK)',
  jar: 'a Java archive (JAR)',
  class: 'a Java class file',
  crx: 'a browser extension',
  xpi: 'a browser extension',
  deb: 'a Debian package',
  rpm: 'an RPM package',
  lnk: 'a Windows shortcut',
  chm: 'a compiled help file',
  swf: 'a Flash program',
  cfb: 'a Windows installer or legacy Office file (CFB)',
  xlsm: 'an Excel workbook with macros',
  docm: 'a Word document with macros',
  pptm: 'a PowerPoint file with macros',
};

export type Detected = { ext: string; mime: string } | undefined;

export type FileVerdict =
  | { ok: true; fileClass: FileClass; mediaType: string; ext: string }
  | { ok: false; code: 'EMPTY_FILE' | 'EXECUTABLE_REFUSED' | 'UNSUPPORTED_MEDIA_TYPE'; message: string };

/**
 * The file's class from what its bytes are (file-type's answer, or plain text when no signature
 * matched and the head holds no control characters). Programs and unknown binaries are refused.
 */
export function classifyFile(detected: Detected, head: Uint8Array, size: number): FileVerdict {
  if (size === 0) return { ok: false, code: 'EMPTY_FILE', message: 'the file is empty (0 bytes)' };
  if (detected) {
    const program = EXECUTABLES[detected.ext];
    if (program) {
      return {
        ok: false,
        code: 'EXECUTABLE_REFUSED',
        message: `the file is ${program}, whatever its name says; evidence must be a photo, video, recording, PDF, document, zip or text`,
      };
    }
    const fileClass = CLASS_OF_EXT[detected.ext];
    if (!fileClass) {
      return {
        ok: false,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `files of type ${detected.mime} (.${detected.ext}) are not taken as evidence`,
      };
    }
    return { ok: true, fileClass, mediaType: detected.mime, ext: detected.ext };
  }
  if (head[0] === 0x23 && head[1] === 0x21) {
    return {
      ok: false,
      code: 'EXECUTABLE_REFUSED',
      message: 'the file is a script (#!), whatever its name says',
    };
  }
  if (looksLikeText(head)) return { ok: true, fileClass: 'text', mediaType: 'text/plain', ext: 'txt' };
  return {
    ok: false,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message:
      'the file type could not be recognised from its bytes; send a photo, video, PDF, document, zip or text',
  };
}

/** Text in any ASCII-compatible encoding (UTF-8, GBK chat exports): no control bytes but tab, CR, LF, FF, ESC. */
function looksLikeText(head: Uint8Array): boolean {
  for (const b of head) {
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) return false;
  }
  return true;
}

/** The kind a file is filed under when the uploader names none. */
export function defaultKind(fileClass: FileClass): EvidenceKind {
  switch (fileClass) {
    case 'image':
      return 'photo';
    case 'video':
      return 'video';
    case 'audio':
      return 'audio';
    case 'text':
      return 'chat_record';
    default:
      return 'document';
  }
}

/** Zip directory limits: a zip that would unpack to more than this is a zip bomb for whoever opens it. */
export const ZIP_LIMITS = { maxEntries: 10_000, maxUnpackedBytes: 1024 * MiB, maxRatio: 100 };

export type ZipTotals = {
  entries: number;
  packedBytes: number;
  unpackedBytes: number;
  nestedArchives: number;
};

/** Decides on a zip from its totals (declared, then actually inflated): refused reasons in plain words. */
export function judgeZip(totals: ZipTotals): string | null {
  if (totals.entries > ZIP_LIMITS.maxEntries) {
    return `the zip holds ${totals.entries} files (at most ${ZIP_LIMITS.maxEntries})`;
  }
  if (totals.unpackedBytes > ZIP_LIMITS.maxUnpackedBytes) {
    return `the zip would unpack to ${Math.round(totals.unpackedBytes / MiB)} MiB (at most ${ZIP_LIMITS.maxUnpackedBytes / MiB} MiB): a zip bomb`;
  }
  // Small zips of repetitive text compress well; a high ratio only matters once the size does.
  if (totals.unpackedBytes > 10 * MiB && totals.unpackedBytes > ZIP_LIMITS.maxRatio * totals.packedBytes) {
    return `the zip unpacks to more than ${ZIP_LIMITS.maxRatio} times its size: a zip bomb`;
  }
  if (totals.nestedArchives > 0 && totals.unpackedBytes > ZIP_LIMITS.maxRatio * totals.packedBytes) {
    return 'the zip holds further zips that unpack far beyond their size: a zip bomb';
  }
  return null;
}
