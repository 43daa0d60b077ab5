import sharp from 'sharp';
import yazl from 'yazl';
import type { TestApp, TestClient } from '../http/test-app.js';

/** A small JPEG, with a GPS position in its EXIF when asked (a phone photo taken in Hangzhou). */
export async function aPhoto(options: { gps?: boolean; colour?: string; width?: number } = {}) {
  const image = sharp({
    create: { width: options.width ?? 64, height: 48, channels: 3, background: options.colour ?? '#c33' },
  }).jpeg({ quality: 80 });
  const withGps = options.gps
    ? image.withExif({
        IFD0: { Make: 'Aftercare', Model: 'Test Phone' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '30/1 15/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '120/1 10/1 0/1',
        },
      })
    : image;
  return withGps.toBuffer();
}

/** The first bytes of a Windows program: "MZ", the PE offset, "PE\0\0". */
export function aWindowsProgram(): Buffer {
  const bytes = Buffer.alloc(4096);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

export function aLinuxProgram(): Buffer {
  const bytes = Buffer.alloc(4096);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(bytes);
  bytes.writeUInt16LE(2, 16); // ET_EXEC
  bytes.writeUInt16LE(0x3e, 18); // x86-64
  return bytes;
}

export function aZip(entries: { name: string; bytes: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.name, { mtime: new Date(0), compress: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** A zip of 64 MiB of zeros: about 64 KiB packed, a thousand times its size unpacked. */
export const aZipBomb = () => aZip([{ name: 'zeros.txt', bytes: Buffer.alloc(64 * 1024 * 1024) }]);

export const aPdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );

/** A multipart body as a browser builds it: fields, then the file with its name in raw UTF-8. */
export function multipartBody(fields: Record<string, string>, file: { name: string; bytes: Uint8Array }) {
  const boundary = `----aftercare${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name.replaceAll('"', '%22')}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/v1/evidence as the console sends it: the subject fields, then the file. */
export function uploadEvidence(
  t: TestApp,
  client: TestClient,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array },
) {
  const body = multipartBody(fields, file);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/evidence',
    headers: { cookie: client.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}
